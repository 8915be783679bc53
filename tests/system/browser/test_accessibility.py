"""Accessibility basics (WCAG 2.1 AA) checked in chromium: axe-core finds no serious or
critical problem, the whole chat works from the keyboard with sensible focus, and the
panel fits a 360 px phone and a laptop at 200 % zoom. Screenshots go to tests/artifacts/."""

from pathlib import Path

import pytest

from tests.system.browser.chat import ask, open_chat, wait_for_answer

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[3] / "webchat" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def serious_violations(page):
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def axe_page(browser):
    # axe is injected as an inline script, which the demo page's Content-Security-Policy forbids.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    context.set_default_timeout(60_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_axe_finds_no_serious_problems_closed_open_and_in_estonian(axe_page, site):
    page = axe_page
    page.goto(site + "/")
    page.locator(".dcw-launcher").wait_for()
    assert serious_violations(page) == []
    open_chat(page)
    ask(page, "help", "You can ask about")
    page.locator(".dcw-reply").first.wait_for()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Eesti").click()
    ask(page, "abi", "Võite küsida")
    assert serious_violations(page) == []


def focused(page, script="el => el"):
    return page.evaluate(f"() => ({script})(document.activeElement)")


def press_until(page, key, condition, limit=40):
    """Presses key until the focused element meets condition (a JS predicate); bounded."""
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(page, condition):
            return
    raise AssertionError(f"{key} x{limit} never reached {condition}")


def test_everything_works_from_the_keyboard(page, site):
    page.goto(site + "/")
    page.locator(".dcw-launcher").wait_for()
    press_until(page, "Tab", "el => el.classList.contains('dcw-launcher')")
    assert focused(page, "el => getComputedStyle(el).outlineStyle") != "none"  # focus is visible
    page.keyboard.press("Enter")
    assert focused(page, "el => el.id") == "dcw-input"
    assert page.locator("#dcw-panel").is_visible()

    page.keyboard.type("help")
    page.keyboard.press("Enter")
    wait_for_answer(page, "You can ask about")
    page.locator(".dcw-reply").first.wait_for()
    press_until(page, "Shift+Tab", "el => el.dataset.payload === '/ask_nato'")
    page.keyboard.press("Enter")
    wait_for_answer(page, "NATO", "Source:")
    assert focused(page, "el => el.id") == "dcw-input"

    press_until(page, "Shift+Tab", "el => el.lang === 'et' && el.classList.contains('dcw-language')")
    page.keyboard.press("Space")
    assert page.locator(".dcw-send").inner_text() == "Saada"

    page.keyboard.press("Escape")
    assert not page.locator("#dcw-panel").is_visible()
    assert focused(page, "el => el.classList.contains('dcw-launcher')")
    assert page.locator(".dcw-launcher").get_attribute("aria-expanded") == "false"

    page.keyboard.press("Enter")
    assert focused(page, "el => el.id") == "dcw-input"
    press_until(page, "Shift+Tab", "el => el.classList.contains('dcw-close')")
    assert focused(page, "el => el.getAttribute('aria-label')") == "Sulge vestlus"
    page.keyboard.press("Enter")
    assert not page.locator("#dcw-panel").is_visible()
    assert focused(page, "el => el.classList.contains('dcw-launcher')")
    assert page.errors == []


LAYOUTS = {
    "mobile-360": dict(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True),
    # A 1280 x 800 window at 200 % zoom has a 640 x 400 CSS-pixel viewport at twice the pixel density.
    "zoom-200": dict(viewport={"width": 640, "height": 400}, device_scale_factor=2),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_panel_fits_small_screens_and_200_percent_zoom(browser, site, artifacts, layout):
    context = browser.new_context(**LAYOUTS[layout])
    context.set_default_timeout(60_000)
    try:
        page = context.new_page()
        page.goto(site + "/")
        page.screenshot(path=str(artifacts / f"{layout}-closed.png"))
        open_chat(page)
        ask(page, "Kas Eestil on kaitseatašee Soomes?", "Allikas:")
        ask(page, "help", "You can ask about")
        page.locator(".dcw-reply").first.wait_for()
        width, height = LAYOUTS[layout]["viewport"]["width"], LAYOUTS[layout]["viewport"]["height"]
        for selector in ("#dcw-panel", ".dcw-header", "#dcw-input", ".dcw-send", ".dcw-close", ".dcw-log"):
            box = page.locator(selector).bounding_box()
            assert box and box["x"] >= 0 and box["y"] >= 0, selector
            assert box["x"] + box["width"] <= width + 0.5 and box["y"] + box["height"] <= height + 0.5, selector
        assert page.locator(".dcw-log").bounding_box()["height"] >= 100  # room to read the conversation
        # Nothing is cut off sideways: no horizontal scrolling inside the panel or the log.
        assert page.evaluate(
            "() => [...document.querySelectorAll('#dcw-panel, .dcw-log, .dcw-header, .dcw-form')]"
            ".every((el) => el.scrollWidth <= el.clientWidth + 1)"
        )
        page.screenshot(path=str(artifacts / f"{layout}-open.png"))
    finally:
        context.close()
