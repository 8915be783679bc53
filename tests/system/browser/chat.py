"""Helpers that use the widget the way a person does: open it, type, read the answer."""

from playwright.sync_api import Page

TIMEOUT_MS = 60_000

# The text of the bot's messages after the user's last message.
_ANSWER_JS = """() => {
  const items = [...document.querySelectorAll('.dcw-messages > .dcw-message')];
  const lastUser = items.map((item) => item.classList.contains('dcw-user')).lastIndexOf(true);
  return items.slice(lastUser + 1).map((item) => item.querySelector('.dcw-bubble').innerText).join('\\n');
}"""


def open_chat(page: Page, label: str = "Ask the assistant") -> None:
    page.get_by_role("button", name=label).click()
    page.locator("#dcw-input").wait_for(state="visible")


def answer(page: Page) -> str:
    return page.evaluate(_ANSWER_JS)


def wait_for_answer(page: Page, *expected: str) -> str:
    """Waits until the bot's reply to the last user message contains every expected text."""
    page.wait_for_function(
        f"(expected) => {{ const text = ({_ANSWER_JS})(); return expected.every((e) => text.includes(e)); }}",
        arg=list(expected),
        timeout=TIMEOUT_MS,
    )
    return answer(page)


def ask(page: Page, question: str, *expected: str) -> str:
    page.locator("#dcw-input").fill(question)
    page.keyboard.press("Enter")
    return wait_for_answer(page, *expected)


def bot_languages(page: Page) -> list:
    """The lang attribute of each bot message after the user's last message."""
    return page.evaluate("""() => {
      const items = [...document.querySelectorAll('.dcw-messages > .dcw-message')];
      const lastUser = items.map((item) => item.classList.contains('dcw-user')).lastIndexOf(true);
      return items.slice(lastUser + 1).map((item) => item.lang);
    }""")
