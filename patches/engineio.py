"""Three changes to python-engineio 4.15.1, so that what a client sends cannot crash it.

Rasa's socket.io channel builds python-socketio's server itself, giving no way to
pass these as options; channels/socketio.py applies them (through patches/__init__.py)
when it builds its blueprint, with the checks of channels/socketio_checks.py.

- `engineio_json`: engine.io JSON-decodes a message that looks like JSON,
  recursively, with the module in `engineio.packet.Packet.json`. Here that is the
  channel's module, which refuses too deep nesting (what
  `engineio.AsyncServer(json=...)` would set, had Rasa passed it).
- `engineio_packets`: python-engineio decodes WebSocket frames outside its error
  handling, so one bad frame logged a traceback and dropped the connection. Here a
  packet that cannot be decoded is a no-op (TolerantEnginePacket), which engine.io
  ignores. engine.io's sockets look the class up in `engineio.packet` for each
  packet they decode.
- `polling_check`: a long-polling POST that is not a valid engine.io payload made
  python-engineio log a traceback, or kept the request open. Here the server's
  request handler (what Sanic routes /socket.io/ to when the blueprint is
  registered) first asks the channel's check, which may answer instead.
"""

import logging
from typing import Any, Awaitable, Callable, Optional

from engineio import packet as engineio_packet

from patches import Undo, replace

logger = logging.getLogger(__name__)

RELEASED_PACKET = engineio_packet.Packet  # the class as python-engineio defines it


class TolerantEnginePacket(engineio_packet.Packet):  # defined before tolerate_bad_packets() can run: RELEASED_PACKET
    """engine.io's packet, decoding what it cannot read as a no-op (which engine.io then
    ignores) instead of raising."""

    packet_type: Any  # set by engine.io's untyped __init__ and decode

    def decode(self, encoded_packet: Any) -> None:
        try:
            super().decode(encoded_packet)
            if self.packet_type not in range(len(engineio_packet.packet_names)):  # "9": engine.io has 0-6
                raise ValueError(f"no engine.io packet type {self.packet_type}")
        except (ValueError, TypeError, IndexError, RecursionError) as error:  # binascii.Error is a ValueError
            logger.warning("Ignored an engine.io packet that cannot be decoded: %s", error)
            self.packet_type, self.data, self.binary = engineio_packet.NOOP, None, False


def decode_with(json_module: Any) -> Undo:
    """engine.io decodes JSON messages with `json_module` (its `loads` and `dumps`)."""
    return replace(RELEASED_PACKET, "json", json_module)


def tolerate_bad_packets() -> Undo:
    return replace(engineio_packet, "Packet", TolerantEnginePacket)


RequestCheck = Callable[[Any], Optional[Any]]  # a request → the response refusing it, or None


def check_polling_requests(engine: Any, check: RequestCheck) -> Undo:
    """`engine` (an engineio.AsyncServer) answers a request with `check(request)` when that is
    not None, and handles it as before otherwise."""
    handle_request: Callable[..., Awaitable[Any]] = engine.handle_request

    async def checked_request(request: Any, *args: Any, **kwargs: Any) -> Any:
        refusal = check(request)
        if refusal is not None:
            return refusal
        return await handle_request(request, *args, **kwargs)

    return replace(engine, "handle_request", checked_request)
