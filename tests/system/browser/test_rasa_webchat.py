"""Ecosystem check: rasa-webchat 1.0.1 (the widget most Rasa sites embed, from npm)
talks to this assistant's socket.io channel and gets an answer."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

BUNDLE = Path(__file__).resolve().parents[3] / "webchat" / "node_modules" / "rasa-webchat" / "lib" / "index.js"


def test_rasa_webchat_gets_an_answer(page, site, artifacts):
    assert BUNDLE.is_file(), "rasa-webchat is not installed: cd webchat && npm ci"
    page.goto(site + "/ecosystem/")
    page.locator(".rw-launcher").click()
    page.locator(".rw-new-message").fill("Is there an Estonian defence attaché in Finland?")
    page.keyboard.press("Enter")
    answer = page.locator(".rw-response", has_text="Estonia has a defence attaché in Finland")
    answer.wait_for(timeout=60_000)
    assert answer.inner_text().startswith("Yes")
    page.screenshot(path=str(artifacts / "rasa-webchat.png"))
