"""What a socket.io packet and the chat's events must be before Rasa's handlers see them.

Rasa's socket.io handlers trust the client: a `session_request` whose data is a
string, a `session_id` that is a list, a `message` that is a number or a
`customData` string of deeply nested JSON each end in an exception and a
traceback in the log, and python-socketio itself fails on packets that are not
valid JSON or whose event is not a name. These checks say what is wrong (for the
developer who sent it) or return None; channels/socketio.py answers the client
with an `error` event instead of calling the handler. (What engine.io itself is
made to tolerate is in patches/engineio.py.)
"""

import json
from typing import Any, Optional, Tuple

from engineio import json as engineio_json
from socketio import packet

from channels.bodies import MAX_NESTING, nesting_depth, nesting_problem
from channels.fields import message_problem, sender_problem


class CheckedJson:
    """The JSON module python-socketio decodes packets with (and engine.io its messages,
    patches/engineio.py), refusing too deep nesting with a ValueError: python-socketio
    then reports an invalid packet, engine.io keeps the message undecoded."""

    dumps = staticmethod(json.dumps)

    @staticmethod
    def loads(text: Any, *args: Any, **kwargs: Any) -> Any:
        raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
        if nesting_depth(raw) > MAX_NESTING:
            raise ValueError(f"nested more than {MAX_NESTING} levels deep")
        return engineio_json.loads(text, *args, **kwargs)


# The chat sends text only: binary events and acks are refused, as are events named
# like python-socketio's own (a client's "connect" event reached Rasa's connect handler).
CLIENT_PACKETS = (packet.CONNECT, packet.DISCONNECT, packet.EVENT, packet.ACK)
RESERVED_EVENTS = ("connect", "connect_error", "disconnect")


class CheckedPacket(packet.Packet):
    """python-socketio's packet, decoded with CheckedJson."""

    json = CheckedJson


def packet_problem(encoded: Any) -> Optional[str]:
    """Why a socket.io packet (an engine.io message) cannot be handled, or None."""
    if isinstance(encoded, bytes):
        return "the chat sends no binary data"
    if not isinstance(encoded, str):  # engine.io decoded "4[...]" as JSON: no socket.io packet type
        return "not a valid socket.io packet (no packet type)"
    try:
        decoded = CheckedPacket(encoded_packet=encoded)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError) as error:
        return f"not a valid socket.io packet ({error})"
    if decoded.packet_type not in CLIENT_PACKETS:
        return f"a client does not send socket.io packets of type {decoded.packet_type}"
    if decoded.packet_type in (packet.EVENT, packet.BINARY_EVENT):
        data = decoded.data
        if not isinstance(data, list) or not data or not isinstance(data[0], str):
            return "an event must be a list whose first item is the event's name"
        if data[0] in RESERVED_EVENTS:
            return f"a client does not send the event {data[0]!r}"
    return None


# Packet types a client sends in an engine.io long-polling POST: close, pong and message
# (not "b", a base64 binary message: the chat sends none). Separated by the record separator.
CLIENT_ENGINEIO_PACKETS = "134"
RECORD_SEPARATOR = "\x1e"


def polling_payload_problem(body: bytes) -> Optional[str]:
    """Why the body of an engine.io long-polling POST cannot be handled, or None.

    python-engineio logs a traceback for an empty or unknown packet, and keeps the
    request open for a ping or a no-op, which only the server sends. The socket.io
    packets inside messages are checked later, by packet_problem(), for every transport:
    a bad one is dropped and the connection stays open (a 400 here would close it)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "an engine.io payload must be UTF-8 text"
    for encoded in text.split(RECORD_SEPARATOR):
        if not encoded or encoded[0] not in CLIENT_ENGINEIO_PACKETS:
            return "a client sends only close (1), pong (3) and text message (4) packets"
    return None


def session_request_problem(args: Tuple[Any, ...]) -> Optional[str]:
    """The data of `session_request`: nothing, or {"session_id": <id or null>}."""
    if len(args) > 1:
        return "session_request takes one argument"
    data = args[0] if args else None
    if data is None:
        return None
    if not isinstance(data, dict):
        return "session_request's data must be an object"
    if data.get("session_id") is None:
        return None
    return sender_problem(data["session_id"], "session_id")


def user_message_problem(
    args: Tuple[Any, ...], metadata_key: Optional[str], session_persistence: bool = True
) -> Optional[str]:
    """The data of a user message: {"session_id", "message", metadata_key: {...}}. Without
    session persistence Rasa files the message under the connection, not `session_id`."""
    if len(args) != 1 or not isinstance(args[0], dict):
        return "a message must be one object"
    data = args[0]
    problem = (
        sender_problem(data.get("session_id"), "session_id") if session_persistence else None
    ) or message_problem(data.get("message"))
    if problem:
        return problem
    metadata = data.get(metadata_key)
    if isinstance(metadata, str):  # Rasa parses a string as JSON
        if nesting_problem(metadata.encode("utf-8", "surrogatepass")):
            return f"'{metadata_key}' is nested more than {MAX_NESTING} levels deep"
        try:
            metadata = json.loads(metadata)
        except (ValueError, RecursionError):
            return f"'{metadata_key}' must be an object (or a string of one)"
    if metadata is not None and not isinstance(metadata, dict):
        return f"'{metadata_key}' must be an object"
    return None
