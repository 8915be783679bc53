"""The demo-page server serves its fixed files and nothing else, with the headers the
widget relies on: Rasa's address filled in, a strict CSP on the demo page, and CORS on
the widget files so other sites can load them as modules."""

import pytest
import requests

from languages import LANGUAGES
from stack.processes import free_port
from webchat.server import serve_in_thread

RASA = "http://127.0.0.1:5999"


@pytest.fixture(scope="module")
def base():
    port = free_port()
    server, thread = serve_in_thread("127.0.0.1", port, RASA)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_demo_page_points_the_widget_at_rasa_and_forbids_other_sources(base):
    response = requests.get(base + "/", timeout=10)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")
    assert f'data-server-url="{RASA}"' in response.text and "__RASA_URL__" not in response.text
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and f"connect-src 'self' {RASA} ws://127.0.0.1:5999" in csp
    assert "http" not in response.text.replace(RASA, "")  # nothing from a CDN or font service
    assert all(f'lang="{language}"' in response.text for language in LANGUAGES)


@pytest.mark.parametrize(
    "name, kind",
    [("chat-widget.js", "text/javascript"), ("socket.js", "text/javascript"), ("chat-widget.css", "text/css")],
)
def test_widget_files_are_served_to_any_site(base, name, kind):
    response = requests.get(f"{base}/widget/{name}", timeout=10)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith(kind)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/widget/../server.py",
        "/widget/%2e%2e/server.py",
        "/server.py",
        "/package.json",
        "/node_modules/axe-core/axe.min.js",
        "/widget/",
        "/nothing",
    ],
)
def test_other_paths_are_not_found(base, path):
    response = requests.get(base + path, timeout=10)
    assert response.status_code == 404
    assert "Not found" in response.text and "Lehte ei leitud" in response.text


def test_only_get_and_head_are_allowed(base):
    assert requests.head(base + "/", timeout=10).status_code == 200
    response = requests.post(base + "/", data="x", timeout=10)
    assert response.status_code == 405 and response.headers["Allow"] == "GET, HEAD"
