"""Fixtures for the browser tests: the real assistant (action server + Rasa, started
once for the whole folder, with `--cors` for the demo page's origin), the demo-page
server, and Debian's chromium driven by Playwright.

Screenshots go to tests/artifacts/ (git-ignored).
"""

import shutil
from pathlib import Path

import pytest

from tests.servers import Assistant, free_port
from webchat.server import serve_in_thread

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As root, and with no network beyond loopback, chromium needs these (see /work/shared/NOTES.md).
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="package")
def web_port():
    return free_port()


@pytest.fixture(scope="package")
def assistant(tmp_path_factory, web_port):
    server = Assistant(tmp_path_factory.mktemp("webchat-assistant"), cors=[f"http://127.0.0.1:{web_port}"])
    with server.running():
        yield server


@pytest.fixture(scope="package")
def site(assistant, web_port):
    """The demo-page server's base URL, pointed at the test Rasa."""
    server, thread = serve_in_thread("127.0.0.1", web_port, assistant.url)
    try:
        yield f"http://127.0.0.1:{web_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            "chromium is not installed: run `make -o models/assistant.tar.gz webchat-setup` "
            "(or apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile per test (its own sessionStorage), desktop size."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    context.set_default_timeout(60_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


@pytest.fixture(scope="package")
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
