"""Replies that do not bury the conversation: on a 375 px phone and a 1280 x 800 laptop,
after a question the assistant cannot answer, the user's question and the first line
of the reply are both on screen without scrolling, and the topics come as buttons.
Screenshots go to tests/artifacts/."""

import pytest

from actions.live import get_facts
from tests.system.browser.chat import answer, ask, open_chat

pytestmark = pytest.mark.e2e

FACTS = get_facts()
LAYOUTS = {
    "phone-375": dict(viewport={"width": 375, "height": 667}, device_scale_factor=2, is_mobile=True, has_touch=True),
    "laptop-1280": dict(viewport={"width": 1280, "height": 800}),
}
QUESTIONS = {"en": "what's the weather like in tallinn tomorrow", "et": "milline ilm homme Tallinnas tuleb"}

# Whether an element is wholly inside the chat log's visible area.
_VISIBLE_IN_LOG_JS = """(el) => {
  const log = document.querySelector('.dcw-log').getBoundingClientRect();
  const box = el.getBoundingClientRect();
  return box.top >= log.top - 1 && box.bottom <= log.bottom + 1 && box.height > 0;
}"""


@pytest.mark.parametrize("language", ["en", "et"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_question_and_first_line_of_an_out_of_scope_reply_stay_in_view(browser, site, artifacts, layout, language):
    context = browser.new_context(**LAYOUTS[layout])
    context.set_default_timeout(60_000)
    try:
        page = context.new_page()
        page.goto(site + "/")
        open_chat(page)
        # An earlier answer fills the log, as in a real conversation.
        ask(page, "Kas Eestil on kaitseatašee Soomes?", "Allikas:")
        first_line = FACTS.phrases.text("out_of_scope", language)
        ask(page, QUESTIONS[language], first_line)
        page.locator(".dcw-reply").first.wait_for()
        question = page.locator(".dcw-user").last
        reply = page.locator(".dcw-bot", has_text=first_line).last
        page.screenshot(path=str(artifacts / f"short-reply-{layout}-{language}.png"))
        assert question.evaluate(_VISIBLE_IN_LOG_JS), "the user's question scrolled out of view"
        assert reply.locator("p").first.evaluate(_VISIBLE_IN_LOG_JS), "the reply's first line is not in view"
        # At most three lines of text in all the bot's messages after the question, then the
        # topics, as buttons titled as questions.
        text_lines = [line for line in answer(page).splitlines() if line.strip()]
        assert first_line in text_lines[0] and len(text_lines) <= 3, text_lines
        titles = page.locator(".dcw-reply").all_inner_texts()
        assert titles and all(title.strip().endswith("?") for title in titles), titles
    finally:
        context.close()
