"""Rasa's socket.io channel with the browser-origin check turned back on.

Rasa 3.6 creates its socket.io server with `cors_allowed_origins=[]`, which switches
off python-engineio's origin check. `rasa run --cors` still limits plain HTTP (REST,
socket.io long-polling), but a WebSocket, which browsers open across origins without
CORS, was accepted from any web page. This channel accepts a connection that carries
an `Origin` header only when that origin is the Rasa server's own or is listed in
`RASA_CORS` (space-separated, the same list `make run` passes to `--cors`; `*` allows
all). Clients that send no `Origin` (servers, scripts) are not affected.

It also checks what clients send before the libraries and Rasa see it
(channels/socketio_checks.py), so that odd input gets an answer and a warning in the
log instead of an exception: a long-polling POST that is not a valid engine.io payload
gets HTTP 400; a packet that cannot be decoded (too deeply nested, say) is dropped;
a `session_request` or user message with data of the wrong shape gets an `error`
event ({"error": "invalid_request", "detail": ..., "text": {<language>: ...}}).
The connection stays open. The checks in front of engine.io are patches of
python-engineio (patches/engineio.py), applied here, each behind its switch
(`RASA_PATCH_ENGINEIO_JSON`, `RASA_PATCH_ENGINEIO_PACKETS`, `RASA_PATCH_POLLING_CHECK`,
or `RASA_PATCHES=off`) and only on the python-engineio version they were written for.

credentials.yml:  channels.socketio.SocketIOInput:  (same settings as `socketio:`)
"""

import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Set, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

import patches
from channels.socketio_checks import (
    CheckedJson,
    CheckedPacket,
    packet_problem,
    polling_payload_problem,
    session_request_problem,
    user_message_problem,
)
from channels.texts import user_text

logger = logging.getLogger(__name__)


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
        engine = self._server().eio
        engine.cors_allowed_origins = origin_allowed
        # Sanic-CORS (`--cors`) already writes the CORS response headers; engine.io writing
        # them too would send Access-Control-Allow-Origin twice, which browsers reject.
        engine._cors_headers = lambda environ: []
        self._check_what_clients_send()
        return blueprint

    def _server(self) -> Any:
        """The python-socketio server Rasa's blueprint() made."""
        if self.sio is None:
            raise RuntimeError("Rasa's SocketIOInput.blueprint() made no socket.io server")
        return self.sio

    def _check_what_clients_send(self) -> None:
        """Puts the checks of channels/socketio_checks.py in front of engine.io's request
        handler (long-polling POSTs), python-socketio's packet handler (every transport)
        and Rasa's two event handlers (through python-socketio's own `on()`); engine.io's
        own decoding is patched (patches/engineio.py)."""
        sio, namespace = self._server(), self.namespace or "/"
        sio.packet_class = CheckedPacket
        patches.apply("engineio_json", CheckedJson)
        patches.apply("engineio_packets")
        handlers = sio.handlers[namespace]
        rasa_session_request, rasa_message = handlers["session_request"], handlers[self.user_message_evt]
        handle_packet = sio._handle_eio_message  # what python-socketio registered for engine.io's 'message'
        text = user_text("invalid_request")

        async def refuse(sid: str, problem: str) -> None:
            logger.warning("Refused a socket.io event from %s: %s", sid, problem)
            await sio.emit(
                "error", {"error": "invalid_request", "detail": problem, "text": text}, room=sid, namespace=namespace
            )

        async def checked_packet(eio_sid: str, data: Any) -> None:
            problem = packet_problem(data)
            if problem:
                logger.warning("Ignored a socket.io packet from %s: %s", eio_sid, problem)
                return
            await handle_packet(eio_sid, data)

        def refused_request(request: Request) -> Optional[HTTPResponse]:
            if request.method == "POST":
                problem = polling_payload_problem(request.body or b"")
                if problem:
                    logger.warning("Refused a socket.io long-polling request: %s", problem)
                    return response.json({"error": "invalid_request", "detail": problem, "text": text}, status=400)
            return None

        async def session_request(sid: str, *args: Any) -> None:
            problem = session_request_problem(args)
            if problem:
                await refuse(sid, problem)
                return
            await rasa_session_request(sid, args[0] if args else None)

        async def user_message(sid: str, *args: Any) -> None:
            problem = user_message_problem(args, self.metadata_key, self.session_persistence)
            if problem:
                await refuse(sid, problem)
                return
            # A missing or null message is an empty one (answered politely), as on REST.
            await rasa_message(sid, {**args[0], "message": args[0].get("message") or ""})

        patches.apply("polling_check", sio.eio, refused_request)
        sio.eio.on("message", checked_packet)
        sio.on("session_request", session_request, namespace=namespace)
        sio.on(self.user_message_evt, user_message, namespace=namespace)

    @classmethod
    def name(cls) -> Text:
        return "socketio"
