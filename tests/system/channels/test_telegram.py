"""Telegram through the real Rasa server: updates as Telegram sends them, replies at a fake Bot API."""

import json

import pytest
import requests

from tests.system.channels.support import (
    FINLAND,
    HELP_INTRO,
    RATED_NOT_HELPFUL,
    SOURCE_NOTE,
    new_id,
    says_yes_finland,
    webhook,
)

pytestmark = pytest.mark.e2e


def texts(replies):
    return [r.form.get("text", "") for r in replies]


def test_answers_in_the_language_of_the_message(assistant, platforms):
    telegram, hook = platforms["telegram"], webhook(assistant, "telegram")
    for language in ("en", "et", "ru"):
        user = new_id()
        assert telegram.send_text(hook, user, FINLAND[language]).status_code == 200
        replies = texts(
            telegram.wait_for(
                lambda r, user=user: r.form.get("chat_id") == str(user) and r.path.endswith("/sendMessage"), count=2
            )
        )
        assert says_yes_finland(replies[0], language), replies
        assert SOURCE_NOTE[language] in replies[-1]


def test_language_code_becomes_the_conversation_language(assistant, platforms):
    telegram, user = platforms["telegram"], new_id()
    telegram.send_text(webhook(assistant, "telegram"), user, FINLAND["en"], language_code="et")
    replies = texts(telegram.wait_for(lambda r: r.form.get("chat_id") == str(user), count=2))
    assert says_yes_finland(replies[0], "et"), replies


def test_language_code_ru_answers_a_neutral_message_in_russian(assistant, platforms):
    telegram, user = platforms["telegram"], new_id()
    telegram.send_text(webhook(assistant, "telegram"), user, "NATO?", language_code="ru")
    replies = texts(telegram.wait_for(lambda r: r.form.get("chat_id") == str(user), count=2))
    assert "НАТО" in replies[0] and SOURCE_NOTE["ru"] in replies[-1], replies


def test_help_sends_an_inline_keyboard_and_a_press_or_a_number_picks_a_topic(assistant, platforms):
    telegram, hook, user = platforms["telegram"], webhook(assistant, "telegram"), new_id()
    telegram.send_text(hook, user, "abi", language_code="et")
    menu = telegram.wait_for(lambda r: r.form.get("chat_id") == str(user))[-1]
    assert HELP_INTRO["et"] in menu.form["text"]
    keyboard = json.loads(menu.form["reply_markup"])["inline_keyboard"]
    payloads = [row[0]["callback_data"] for row in keyboard]
    assert len(payloads) >= 3 and all(p.startswith("/ask_") for p in payloads), keyboard

    telegram.press_button(hook, user, payloads[0], language_code="et")
    telegram.wait_for(lambda r: r.path.endswith("/answerCallbackQuery"))
    answer = texts(telegram.wait_for(lambda r: r.form.get("chat_id") == str(user), count=3))
    assert SOURCE_NOTE["et"] in answer[-1], answer

    before = len(telegram.replies_to(user))
    telegram.send_text(hook, user, "2", language_code="et")  # option 2 of the answer's buttons: not helpful
    replies = texts(telegram.wait_for(lambda r: r.form.get("chat_id") == str(user), count=before + 1))[before:]
    assert RATED_NOT_HELPFUL["et"] in replies[-1] and HELP_INTRO["et"] not in "\n".join(replies), replies


def test_an_update_without_the_secret_token_is_refused(assistant, platforms):
    telegram, user = platforms["telegram"], new_id()
    response = telegram.send_text(webhook(assistant, "telegram"), user, FINLAND["en"], secret="forged")
    assert response.status_code == 403
    assert telegram.replies_to(user) == []


def test_a_trailing_slash_does_not_skip_the_secret_token(assistant, platforms):
    telegram, user = platforms["telegram"], new_id()
    response = telegram.send_text(webhook(assistant, "telegram") + "/", user, FINLAND["en"], secret="forged")
    assert response.status_code == 403
    assert telegram.replies_to(user) == []


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_stranger_cannot_re_register_the_webhook(assistant, platforms, method):
    """Rasa's set_webhook route would register the webhook without the secret token, and
    every update after it would be refused: it is not served."""
    telegram, user = platforms["telegram"], new_id()
    before = len(telegram.recorded(lambda r: r.path.endswith("/setWebhook")))
    for path in ("set_webhook", "set_webhook/"):
        assert requests.request(method, f"{assistant.url}/webhooks/telegram/{path}", timeout=30).status_code == 404
    assert len(telegram.recorded(lambda r: r.path.endswith("/setWebhook"))) == before
    assert telegram.send_text(webhook(assistant, "telegram"), user, FINLAND["en"]).status_code == 200
    assert says_yes_finland(texts(telegram.wait_for(lambda r: r.form.get("chat_id") == str(user)))[0], "en")


def test_a_game_button_is_acknowledged_and_not_answered(assistant, platforms):
    """A game's button has `game_short_name` instead of `data`: nothing for the assistant."""
    telegram, user = platforms["telegram"], new_id()
    update = {
        "update_id": new_id(),
        "callback_query": {
            "id": str(new_id()),
            "from": telegram.user(user, "en"),
            "chat_instance": "42",
            "game_short_name": "quiz",
            "message": {"message_id": new_id(), "date": 1, "chat": {"id": user, "type": "private"}},
        },
    }
    response = requests.post(
        webhook(assistant, "telegram"),
        json=update,
        timeout=30,
        headers={"X-Telegram-Bot-Api-Secret-Token": telegram.secret},
    )
    assert response.status_code == 200
    assert telegram.replies_to(user) == []
