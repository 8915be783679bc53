"""Checks each call to the action server's `/webhook` before rasa_sdk runs it.

rasa_sdk trusts the body it is sent: a body that is not a JSON object, a
broken deflate stream, a tracker whose fields have the wrong JSON types
(`"slots": []`, `"entities": {}`, `"intent": "greet"`) crash its endpoint, its
executor or an action with HTTP 500 and a traceback. Rasa never sends such a
call, but the port answers whatever reaches it. So `read_call` decodes the
body within limits (size after inflating, nesting depth, checked before any
recursive parser sees the text) and `check_call` compares its shape with what
Rasa sends (rasa's `DialogueStateTracker.current_state`, read by rasa_sdk's
`Tracker.from_dict`). Either raises `BadCall`, whose message names the field
and the problem without quoting the body; the server answers it with HTTP 400
(413 when too large).

Only shapes are checked, never values: any text, number or slot value of the
right JSON type reaches the actions, which must answer it. Where rasa-sdk's own
tracker helpers (`Tracker.applied_events`, `last_executed_action_has`) read a
field without a default, the field is required: `events` is a list, and every
action event has a `name` (Rasa always sends both).
"""

import inspect
import json
import re
import zlib
from typing import Any, Dict, Iterable, Optional, Set, Tuple

from common.names import FALLBACK_REASON

# Inflated, a call is at most this large (Rasa sends the tracker's whole history: about
# 1 kB per event). Sanic's own limit (REQUEST_MAX_SIZE) bounds the body as sent.
MAX_BYTES = 32 * 1024 * 1024
# JSON objects and arrays nest at most this deep. A call nests about 7 levels (body,
# tracker, events, event, parse_data, entities, entity); the rest is for metadata.
MAX_DEPTH = 64

# A JSON string, or an unterminated one up to the end: never a failed match, so one pass is linear.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(rb"[^\[\]{}]+")
_EMPTY_PAIR = re.compile(rb"\[\]|\{\}")


class BadCall(ValueError):
    """A call the action server refuses; `status` is the HTTP status to answer with."""

    def __init__(self, problem: str, status: int = 400) -> None:
        super().__init__(problem)
        self.status = status


def inflate(body: bytes) -> bytes:
    """A deflated body (Content-Encoding: deflate, as Rasa sends it with
    COMPRESS_ACTION_SERVER_REQUEST), inflated to at most MAX_BYTES."""
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(body, MAX_BYTES)
        if inflater.unconsumed_tail:
            raise BadCall(f"the body inflates to more than {MAX_BYTES // 1024 // 1024} MB", 413)
        data += inflater.flush()
    except zlib.error:
        raise BadCall("the body is not deflate data (Content-Encoding: deflate)") from None
    if not inflater.eof:
        raise BadCall("the deflate data is truncated")
    return data


def nesting_too_deep(text: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON text nests objects and arrays more than `limit` deep (or has
    unbalanced brackets), found without recursion: strings are set aside, then one
    level of empty pairs is removed at a time."""
    brackets = _NOT_BRACKET.sub(b"", _STRING.sub(b"", text))
    for _ in range(limit):
        if not brackets:
            return False
        brackets, removed = _EMPTY_PAIR.subn(b"", brackets)
        if not removed:
            return True
    return bool(brackets)


def read_call(body: bytes, content_encoding: Optional[str]) -> Dict[str, Any]:
    """The JSON object of a call's body, decoded as rasa_sdk decodes it (inflated only
    when Content-Encoding is exactly "deflate"); BadCall if it cannot be."""
    data = inflate(body) if content_encoding == "deflate" else body
    if len(data) > MAX_BYTES:
        raise BadCall(f"the body is larger than {MAX_BYTES // 1024 // 1024} MB", 413)
    if not data.strip():
        raise BadCall("the body is empty")
    if nesting_too_deep(data):
        raise BadCall(f"the body is not JSON nested at most {MAX_DEPTH} levels deep")
    try:
        # Decoded as UTF-8 first: json.loads of bytes would also take UTF-16 and UTF-32,
        # whose brackets the depth check above does not read.
        call = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise BadCall("the body is not JSON in UTF-8") from None
    check_call(call)
    return call


# ---------------------------------------------------------------- the shape


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else "unknown"


# What a field may hold: one or more of these kinds ("null" allows JSON null).
TEXT, NUMBER, BOOLEAN, OBJECT, LIST, NULL = "a text", "a number", "a boolean", "an object", "a list", "null"


def _expect(value: Any, where: str, *kinds: str) -> Any:
    if _kind(value) not in kinds:
        raise BadCall(f"{where} must be {' or '.join(kinds)}, not {_kind(value)}")
    return value


def _fields(
    document: Dict[str, Any], where: str, fields: Iterable[Tuple[str, Tuple[str, ...]]], required: Iterable[str] = ()
) -> None:
    """Checks the kinds of the named fields that are present, and that `required` ones are."""
    for name in required:
        if name not in document:
            raise BadCall(f"{where}.{name} is missing")
    for name, kinds in fields:
        if name in document:
            _expect(document[name], f"{where}.{name}", *kinds)


OPTIONAL_TEXT = (TEXT, NULL)
OPTIONAL_NUMBER = (NUMBER, NULL)
OPTIONAL_OBJECT = (OBJECT, NULL)
OPTIONAL_LIST = (LIST, NULL)

ENTITY_FIELDS = (
    ("entity", OPTIONAL_TEXT),
    ("start", OPTIONAL_NUMBER),
    ("end", OPTIONAL_NUMBER),
    ("confidence_entity", OPTIONAL_NUMBER),
    ("confidence", OPTIONAL_NUMBER),
    ("extractor", OPTIONAL_TEXT),
    ("role", OPTIONAL_TEXT),
    ("group", OPTIONAL_TEXT),
)
RANKED_FIELDS = (("name", OPTIONAL_TEXT), ("confidence", OPTIONAL_NUMBER))
PARSE_DATA_FIELDS = (
    ("intent", OPTIONAL_OBJECT),
    ("entities", OPTIONAL_LIST),
    ("text", OPTIONAL_TEXT),
    ("intent_ranking", OPTIONAL_LIST),
    ("metadata", OPTIONAL_OBJECT),
    ("message_id", OPTIONAL_TEXT),
    ("response_selector", OPTIONAL_OBJECT),
    (FALLBACK_REASON, OPTIONAL_TEXT),
)
# Fields of each kind of event that the actions or rasa_sdk read.
EVENT_FIELDS = {
    "user": (
        ("text", OPTIONAL_TEXT),
        ("parse_data", OPTIONAL_OBJECT),
        ("input_channel", OPTIONAL_TEXT),
        ("metadata", OPTIONAL_OBJECT),
    ),
    "bot": (("text", OPTIONAL_TEXT), ("data", OPTIONAL_OBJECT), ("metadata", OPTIONAL_OBJECT)),
    "action": (("name", OPTIONAL_TEXT), ("policy", OPTIONAL_TEXT), ("confidence", OPTIONAL_NUMBER)),
    "slot": (("name", (TEXT,)),),
    "active_loop": (("name", OPTIONAL_TEXT),),
}
# Fields an event of a kind must have: rasa-sdk's `Tracker.get_last_event_for` reads `name`
# of every action event (`last_executed_action_has`, actions/more.py).
EVENT_REQUIRED = {"action": ("name",)}
TRACKER_FIELDS = (
    ("sender_id", (TEXT,)),
    ("slots", (OBJECT,)),
    ("latest_message", OPTIONAL_OBJECT),
    ("events", (LIST,)),  # rasa-sdk's `Tracker.applied_events` iterates it
    ("paused", (BOOLEAN, NULL)),
    ("followup_action", OPTIONAL_TEXT),
    ("active_loop", OPTIONAL_OBJECT),
    ("active_form", OPTIONAL_OBJECT),
    ("latest_action_name", OPTIONAL_TEXT),
    ("latest_input_channel", OPTIONAL_TEXT),
    ("latest_event_time", OPTIONAL_NUMBER),
    ("latest_action", OPTIONAL_OBJECT),
)
CALL_FIELDS = (
    ("next_action", (TEXT,)),
    ("sender_id", OPTIONAL_TEXT),
    ("tracker", (OBJECT,)),
    ("domain", OPTIONAL_OBJECT),
    ("version", OPTIONAL_TEXT),
)


def check_parse_data(data: Dict[str, Any], where: str) -> None:
    """A message as the NLU parsed it: `latest_message`, or a user event's `parse_data`."""
    _fields(data, where, PARSE_DATA_FIELDS)
    if data.get("intent") is not None:
        _fields(data["intent"], f"{where}.intent", RANKED_FIELDS)
    for field, kinds in (("entities", ENTITY_FIELDS), ("intent_ranking", RANKED_FIELDS)):
        for number, item in enumerate(data.get(field) or []):
            _fields(_expect(item, f"{where}.{field}[{number}]", OBJECT), f"{where}.{field}[{number}]", kinds)


def check_event(event: Any, where: str) -> None:
    _expect(event, where, OBJECT)
    _fields(event, where, (("event", (TEXT,)), ("timestamp", OPTIONAL_NUMBER)), required=("event",))
    _fields(event, where, EVENT_FIELDS.get(event["event"], ()), required=EVENT_REQUIRED.get(event["event"], ()))
    if event["event"] == "user" and event.get("parse_data") is not None:
        check_parse_data(event["parse_data"], f"{where}.parse_data")


def check_call(call: Any) -> None:
    """Raises BadCall unless `call` has the shape of an action call Rasa sends."""
    _expect(call, "the body", OBJECT)
    _fields(call, "body", CALL_FIELDS, required=("next_action", "tracker"))
    if not call["next_action"].strip():
        raise BadCall("body.next_action is empty")
    tracker = call["tracker"]
    _fields(tracker, "tracker", TRACKER_FIELDS, required=("sender_id",))
    if tracker.get("latest_message") is not None:
        check_parse_data(tracker["latest_message"], "tracker.latest_message")
    for number, event in enumerate(tracker.get("events") or []):
        check_event(event, f"tracker.events[{number}]")
    for field in ("active_loop", "active_form"):
        if tracker.get(field) is not None:
            _fields(tracker[field], f"tracker.{field}", (("name", OPTIONAL_TEXT),))


def registered_actions(package: str) -> Set[str]:
    """The names of the concrete rasa_sdk actions defined in `package` (once it is imported),
    as rasa_sdk's ActionExecutor registers them."""
    from rasa_sdk import Action
    from rasa_sdk.utils import all_subclasses

    return {
        cls().name()
        for cls in all_subclasses(Action)
        if (cls.__module__ == package or cls.__module__.startswith(f"{package}.")) and not inspect.isabstract(cls)
    }
