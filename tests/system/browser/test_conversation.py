"""The widget in a real chromium against the real assistant: questions in Estonian,
English and Russian answered in the right language, a quick reply, the history after a reload,
and the language toggle (UI words and metadata.language)."""

import pytest

from tests.system.browser.chat import ask, bot_languages, open_chat, wait_for_answer

pytestmark = pytest.mark.e2e


def test_estonian_and_english_questions_get_answers_in_their_language(page, site, artifacts):
    page.goto(site + "/")
    open_chat(page)
    assert page.locator("#dcw-input").evaluate("input => input === document.activeElement")

    reply = ask(page, "Kas Eestil on kaitseatašee Soomes?", "Jah", "Allikas:")
    assert reply.startswith("Jah, Eestil on kaitseatašee Soomes."), reply
    assert set(bot_languages(page)) == {"et"}
    assert page.locator(".dcw-user").last.get_attribute("lang") == "et"

    reply = ask(page, "Is Estonia a member of NATO?", "NATO", "Source:")
    assert "collective defence" in reply and "kollektiivkaitse" not in reply, reply
    assert set(bot_languages(page)) == {"en"}
    # Screen readers hear new bot messages through the live region, in their language.
    announced = page.locator(".dcw-live p").last
    assert "Source: Estonian Ministry of Defence" in announced.inner_text()
    assert announced.get_attribute("lang") == "en"
    assert page.locator(".dcw-live").get_attribute("aria-live") == "polite"
    page.screenshot(path=str(artifacts / "desktop-conversation.png"))
    assert page.errors == []


def test_quick_reply_sends_its_payload_and_shows_its_title(page, site):
    page.goto(site + "/")
    open_chat(page)
    ask(page, "help", "You can ask about")
    nato = page.locator('.dcw-reply[data-payload="/ask_nato"]')
    title = nato.inner_text()
    assert title and not title.startswith("/")
    nato.click()
    reply = wait_for_answer(page, "NATO", "Source:")
    assert "collective defence" in reply
    assert page.locator(".dcw-user .dcw-bubble").last.inner_text() == title
    assert "/ask_nato" not in page.locator(".dcw-messages").inner_text()
    # Answered quick replies go away (the answer brings its own: rate it); focus returns to the text field.
    assert page.locator('.dcw-reply[data-payload^="/ask_"]').count() == 0
    assert [page.locator(".dcw-reply").nth(i).get_attribute("data-payload") for i in range(2)] == [
        "/rate_helpful",
        "/rate_not_helpful",
    ]
    assert page.evaluate("document.activeElement.id") == "dcw-input"


def test_reload_keeps_the_conversation(page, site):
    page.goto(site + "/")
    open_chat(page)
    ask(page, "Kas Eestil on kaitseatašee Rootsis?", "Jah", "Allikas:")
    before = page.locator(".dcw-messages").inner_text()

    page.reload()
    page.locator("#dcw-panel").wait_for(state="visible")  # it was open, so it opens again
    assert page.locator(".dcw-messages").inner_text() == before
    assert page.locator(".dcw-live p").count() == 0  # history is not read out again
    # Rasa continues the same conversation: a language-neutral message keeps Estonian.
    reply = ask(page, "NATO?", "NATO", "Allikas:")
    assert "kollektiivkaitse" in reply, reply


def test_a_russian_conversation_in_the_widget(page, site):
    """The Russian button turns the UI Russian; a question, its follow-up and a neutral
    message are answered in Russian, each bot message marked lang="ru"."""
    page.goto(site + "/")
    open_chat(page)
    page.get_by_role("button", name="Русский").click()
    assert page.locator(".dcw-root").get_attribute("lang") == "ru"
    assert page.locator(".dcw-send").inner_text() == "Отправить"
    assert page.get_by_label("Ваш вопрос").is_visible()
    assert page.get_by_role("button", name="Русский").get_attribute("aria-pressed") == "true"
    reply = ask(page, "Есть ли у Эстонии военный атташе в Финляндии?", "Источник:")
    assert reply.startswith("Да. У Эстонии есть военный атташе в Финляндии."), reply
    reply = ask(page, "А в Норвегии?", "Источник:")
    assert reply.startswith("Нет.") and "в Норвегии" in reply, reply
    ask(page, "Что такое Венский документ?", "2011", "Источник:")
    assert set(bot_languages(page)) == {"ru"}
    assert page.locator(".dcw-user").last.get_attribute("lang") == "ru"
    assert page.errors == []


def test_language_toggle_switches_the_ui_and_the_bots_language(page, site):
    page.goto(site + "/")
    open_chat(page)
    assert page.locator(".dcw-send").inner_text() == "Send"

    page.get_by_role("button", name="Eesti").click()
    assert page.locator(".dcw-root").get_attribute("lang") == "et"
    assert page.locator(".dcw-send").inner_text() == "Saada"
    assert page.get_by_label("Teie küsimus").is_visible()
    assert page.get_by_role("button", name="Sulge vestlus").is_visible()
    assert page.get_by_role("button", name="Eesti").get_attribute("aria-pressed") == "true"
    # The chosen language goes with each message (customData.language) and wins over the question's.
    reply = ask(page, "Is there an Estonian defence attaché in Finland?", "Allikas:")
    assert reply.startswith("Jah, Eestil on kaitseatašee Soomes."), reply

    page.get_by_role("button", name="English").click()
    assert page.locator(".dcw-send").inner_text() == "Send"
    reply = ask(page, "Kas Eestil on kaitseatašee Soomes?", "Source:")
    assert reply.startswith("Yes"), reply


@pytest.mark.parametrize(
    "page_lang, locale, expected",
    [
        ("et", "en-GB", "Saada"),
        ("", "et-EE", "Saada"),
        ("ru", "en-GB", "Отправить"),
        ("", "ru-RU", "Отправить"),
        ("", "de-DE", "Send"),
    ],
)
def test_starting_language_follows_the_page_then_the_browser(browser, site, page_lang, locale, expected):
    context = browser.new_context(locale=locale)
    try:
        page = context.new_page()
        replacement = f'<html lang="{page_lang}">' if page_lang else "<html>"

        def rewrite(route):
            response = route.fetch()
            route.fulfill(response=response, body=response.text().replace('<html lang="en">', replacement))

        page.route(site + "/", rewrite)
        page.goto(site + "/")
        page.locator(".dcw-launcher").click()
        assert page.locator(".dcw-send").inner_text() == expected
    finally:
        context.close()
