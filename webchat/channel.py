"""Rasa's socket.io channel with the browser-origin check turned back on.

Rasa 3.6 creates its socket.io server with `cors_allowed_origins=[]`, which switches
off python-engineio's origin check. `rasa run --cors` still limits plain HTTP (REST,
socket.io long-polling), but a WebSocket, which browsers open across origins without
CORS, was accepted from any web page. This channel accepts a connection that carries
an `Origin` header only when that origin is the Rasa server's own or is listed in
`RASA_CORS` (space-separated, the same list `make run` passes to `--cors`; `*` allows
all). Clients that send no `Origin` (servers, scripts) are not affected.

credentials.yml:  webchat.channel.SocketIOInput:  (same settings as `socketio:`)
"""

import os
from typing import Any, Awaitable, Callable, Dict, Optional, Set, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint


def allowed_origins() -> Set[str]:
    return {origin.rstrip("/") for origin in os.environ.get("RASA_CORS", "").split() if origin}


def origin_allowed(origin: Optional[str], environ: Dict[str, Any]) -> bool:
    """python-engineio calls this for requests that carry an Origin header."""
    allowed = allowed_origins()
    if "*" in allowed:
        return True
    own = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
    return origin is not None and (origin == own or origin in allowed)


class SocketIOInput(RasaSocketIOInput):
    """Same name, settings and behaviour as Rasa's `socketio` channel, plus the origin check."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        engine = self.sio.eio
        engine.cors_allowed_origins = origin_allowed
        # Sanic-CORS (`--cors`) already writes the CORS response headers; engine.io writing
        # them too would send Access-Control-Allow-Origin twice, which browsers reject.
        engine._cors_headers = lambda environ: []
        return blueprint

    @classmethod
    def name(cls) -> Text:
        return "socketio"
