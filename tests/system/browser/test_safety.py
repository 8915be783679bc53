"""Markup inside messages never runs: neither in bot messages (fed to the widget's own
renderer, since the real bot cannot be made to echo markup) nor in what the user types."""

import pytest

from tests.system.browser.chat import ask, open_chat

pytestmark = pytest.mark.e2e

ATTACKS = [
    '<script>window.__xss = "script"</script>',
    "<img src=x onerror=\"window.__xss = 'img'\">",
    "<svg onload=\"window.__xss = 'svg'\"></svg>",
    '[click me](javascript:window.__xss="link")',
    '[and me](JaVaScRiPt:window.__xss="mixed-case")',
    '[data](data:text/html,<script>window.__xss="data"</script>)',
    "**<b onmouseover=\"window.__xss='bold'\">bold</b>**",
    '<a href="javascript:window.__xss=\'raw-a\'">raw</a> <iframe src="javascript:window.__xss=1"></iframe>',
]

# Everything a script could have left behind, and every active element in the messages.
_INSPECT = """() => {
  const messages = document.querySelector('.dcw-messages');
  const links = [...messages.querySelectorAll('a')];
  return {
    flag: window.__xss === undefined ? null : String(window.__xss),
    scripts: messages.querySelectorAll('script, iframe, svg, object, embed').length,
    images: [...messages.querySelectorAll('img')].map((img) => img.getAttribute('src')),
    handlers: [...messages.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
    hrefs: links.map((a) => a.getAttribute('href')),
  };
}"""


def inspect(page):
    return page.evaluate(_INSPECT)


def test_markup_in_bot_messages_stays_text(page, site):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site + "/")
    open_chat(page)
    page.wait_for_function("() => window.DefenceChat !== undefined")
    for attack in ATTACKS:
        page.evaluate("(text) => window.DefenceChat.showBotMessage({text})", attack)
    page.evaluate("""() => window.DefenceChat.showBotMessage({
      text: 'A **safe** [link](https://www.kaitseministeerium.ee/) and\\n- a list <b>item</b>',
      attachment: {type: 'image', payload: {src: 'javascript:window.__xss="image"'}},
      quick_replies: [{title: '<img src=x onerror="window.__xss=\\'reply\\'">', payload: '/greet'}]})""")
    page.locator(".dcw-reply").hover()
    page.locator(".dcw-messages strong").first.hover()
    page.wait_for_timeout(300)

    found = inspect(page)
    assert found["flag"] is None and dialogs == []
    assert found["scripts"] == 0 and found["images"] == [] and found["handlers"] == []
    assert found["hrefs"] == ["https://www.kaitseministeerium.ee/"]
    text = page.locator(".dcw-messages").inner_text()
    assert '<script>window.__xss = "script"</script>' in text  # shown, as text
    # A link with an unsafe address keeps only its words, as plain text.
    assert "click me" in text and page.locator(".dcw-messages a", has_text="click me").count() == 0
    assert page.locator(".dcw-messages strong", has_text="safe").count() == 1
    assert page.locator(".dcw-bubble li", has_text="a list <b>item</b>").count() == 1
    assert page.locator(".dcw-reply").inner_text() == "<img src=x onerror=\"window.__xss='reply'\">"
    assert page.errors == []


def test_markup_typed_by_the_user_stays_text(page, site):
    page.goto(site + "/")
    open_chat(page)
    typed = '<img src=x onerror="window.__xss=\'typed\'"><script>window.__xss="typed-script"</script>'
    ask(page, typed, "kaitseministeerium.ee")  # the assistant politely says what it can answer
    assert page.locator(".dcw-user .dcw-bubble").last.inner_text() == typed
    found = inspect(page)
    assert found["flag"] is None and found["scripts"] == 0 and found["images"] == [] and found["handlers"] == []
    assert all(href.startswith(("https:", "http:", "mailto:")) for href in found["hrefs"])
