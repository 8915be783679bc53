"""Only the configured web origins may talk to Rasa from a browser: over HTTP (CORS,
`rasa run --cors`) and over WebSocket (the origin check of channels/socketio.py), and a
widget on a page from an unlisted origin cannot connect."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import websockets

from tests.servers import free_port
from tests.system.browser.chat import open_chat
from webchat.server import serve_in_thread

pytestmark = pytest.mark.e2e
FOREIGN = "http://evil.example"


def websocket_handshake(rasa_url, origin):
    """The first Engine.IO packet, or the HTTP status that refused the WebSocket."""

    async def connect():
        url = rasa_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        try:
            async with websockets.connect(url, origin=origin, open_timeout=20) as ws:
                return await asyncio.wait_for(ws.recv(), 20)
        except websockets.exceptions.InvalidStatusCode as refused:
            return refused.status_code

    # Its own thread: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(connect())).result(timeout=60)


def test_websocket_only_from_configured_origins(assistant, site):
    assert str(websocket_handshake(assistant.url, site)).startswith("0{")
    assert str(websocket_handshake(assistant.url, None)).startswith("0{")  # non-browser clients
    assert websocket_handshake(assistant.url, FOREIGN) == 400


def test_polling_cors_headers_only_for_configured_origins(assistant, site):
    url = assistant.url + "/socket.io/?EIO=4&transport=polling"
    allowed = requests.get(url, headers={"Origin": site}, timeout=20)
    assert allowed.status_code == 200 and allowed.headers.get("Access-Control-Allow-Origin") == site
    assert len(allowed.raw.headers.getlist("Access-Control-Allow-Origin")) == 1
    foreign = requests.get(url, headers={"Origin": FOREIGN}, timeout=20)
    assert "Access-Control-Allow-Origin" not in foreign.headers


def test_widget_on_an_unlisted_site_cannot_connect(page, assistant):
    server, thread = serve_in_thread("127.0.0.1", free_port(), assistant.url)
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        open_chat(page)
        page.locator(".dcw-status", has_text="cannot be reached").wait_for(timeout=30_000)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
