"""The checks every channel makes before a request reaches Rasa: nesting depth
(channels/bodies.py), message fields (channels/fields.py) and socket.io packets
and events (webchat/checks.py)."""

import json
import time

import pytest

from channels.bodies import MAX_NESTING, nesting_depth, nesting_problem
from channels.fields import message_problem, metadata_problem, sender_problem
from webchat.checks import (
    CheckedJson,
    packet_problem,
    polling_payload_problem,
    session_request_problem,
    user_message_problem,
)


@pytest.mark.parametrize(
    "raw, depth",
    [
        (b'{"sender": "a", "message": "hi"}', 1),
        (b'{"a": [1, {"b": [[]]}]}', 5),
        (b"[]", 1),
        (b'"[[[[[[[[[[[[[["', 0),  # brackets in a string do not nest
        (b'{"a": "x\\"[[[[[[["}', 1),  # ... nor after an escaped quote
        (b"[[[", 3),  # unclosed brackets count
        (b"]]]", 0),
        (b"[][][][]", 1),
        (b"", 0),
        (b"\xff\xfe{[", 2),  # bytes that are not UTF-8 are no obstacle
    ],
)
def test_nesting_depth(raw, depth):
    assert nesting_depth(raw) == depth


def test_deep_nesting_is_counted_up_to_the_limit_only():
    assert nesting_depth(b"[" * 5000 + b"]" * 5000) == MAX_NESTING + 1
    assert nesting_depth(b'{"a":' * 5000 + b"1" + b"}" * 5000) == MAX_NESTING + 1
    assert nesting_depth(b"[" * MAX_NESTING + b"]" * MAX_NESTING) == MAX_NESTING


def test_the_depth_of_a_body_is_measured_in_linear_time():
    """A body of escaped or unmatched quotes made the old string pattern retry at every quote."""
    for body in (b'"' + b'\\"' * 130_000, b'""' * 130_000, b'"a' * 130_000, b"[" * 260_000):
        started = time.process_time()
        nesting_depth(body)
        assert time.process_time() - started < 1.0, body[:10]


def test_a_too_deep_body_is_a_problem_however_it_is_encoded():
    deep = "[" * 100 + "]" * 100
    assert "nested more than" in nesting_problem(deep.encode())
    encoded = deep.replace("[", "%5B").replace("]", "%5D").encode()
    assert "nested more than" in nesting_problem(b"payload=" + encoded)
    assert "nested more than" in nesting_problem(b"x=%22&payload=" + encoded + b"&y=%22")  # quotes in other fields
    assert nesting_problem(json.dumps({"sender": "x", "message": "[" * 100}).encode()) is None
    # JSON is not read as form data: a "%" and an "=" in its strings do not open a field
    assert nesting_problem(json.dumps({"message": "50% a=b", "metadata": "[" * 100}).encode()) is None
    assert nesting_problem(None) is None


@pytest.mark.parametrize(
    "sender, problem",
    [
        ("user-1", None),
        ("", "non-empty"),
        ("  ", "non-empty"),
        (42, "non-empty string"),
        (None, "non-empty"),
        ("x" * 129, "at most 128"),
        ("a\x00b", "invisible"),
        ("a\u202eb", "invisible"),
        ("a\ud800", "invisible"),
    ],
)
def test_sender_ids(sender, problem):
    found = sender_problem(sender)
    assert (found is None) if problem is None else (problem in found)


def test_messages_and_metadata():
    assert message_problem(None) is None and message_problem("") is None and message_problem("tere ÕÄÖÜ") is None
    assert "string" in message_problem(["hi"])
    assert "surrogates" in message_problem("hi \udc00")
    assert metadata_problem({"language": "et"}) is None and metadata_problem(None) is None
    assert "object" in metadata_problem("et")


def test_socketio_json_refuses_deep_nesting_as_an_invalid_packet():
    assert CheckedJson.loads('["user_uttered", {"message": "hi"}]') == ["user_uttered", {"message": "hi"}]
    # found by the fuzz: a "%" and an "=" in a string were read as a form field holding the rest
    event = ["user_uttered", {"session_id": "%s", "message": "<img onerror=x>", "customData": "[" * 40}]
    assert CheckedJson.loads(json.dumps(event)) == event
    with pytest.raises(ValueError):
        CheckedJson.loads("[" * 5000 + "]" * 5000)


@pytest.mark.parametrize(
    "packet, valid",
    [
        ('2["user_uttered",{"message":"hi","session_id":"s"}]', True),
        ("0", True),
        ("1", True),
        ('2{"a":1}', False),  # an event that is not a list
        ("2[]", False),  # an event without a name
        ("2[[1],2]", False),  # a name that is not a string
        ("2[" + "[" * 3000, False),  # too deep for python-socketio's recursive decoder
        ('2["x"', False),  # not JSON
        ("9", False),  # no such packet type
        ("4", False),  # CONNECT_ERROR: only a server sends it
        (b"\x00\x01", False),  # binary data: the chat sends none (python-socketio raised)
        ('2["connect"]', False),  # reached Rasa's connect handler with the wrong arguments
        ('51-["user_uttered",{"_placeholder":true,"num":0}]', False),  # a binary event
        (["user_uttered"], False),  # engine.io decoded "4[...]" as JSON: no socket.io type
    ],
)
def test_socketio_packets(packet, valid):
    assert (packet_problem(packet) is None) is valid


def test_socketio_events():
    assert session_request_problem(()) is None
    assert session_request_problem(({"session_id": None},)) is None
    assert session_request_problem(({"session_id": "abc"},)) is None
    assert "object" in session_request_problem(("abc",))
    assert "session_id" in session_request_problem(({"session_id": ["a"]},))
    assert "one argument" in session_request_problem(({}, {}))
    good = {"session_id": "abc", "message": "tere", "customData": {"language": "et"}}
    assert user_message_problem((good,), "customData") is None
    assert user_message_problem(({**good, "customData": '{"language": "et"}'},), "customData") is None
    assert "object" in user_message_problem(({**good, "customData": "et"},), "customData")
    assert "nested" in user_message_problem(({**good, "customData": "[" * 100},), "customData")
    assert "object" in user_message_problem(({**good, "customData": [1]},), "customData")
    assert "session_id" in user_message_problem(({"message": "tere"},), "customData")
    assert "string" in user_message_problem(({**good, "message": 5},), "customData")
    assert "one object" in user_message_problem((good, good), "customData")
    assert "one object" in user_message_problem(("tere",), "customData")
    assert user_message_problem(({"message": "tere"},), "customData", session_persistence=False) is None


def test_an_engineio_packet_that_cannot_be_decoded_is_a_no_op():
    from engineio import packet as engineio_packet

    from webchat.checks import TolerantEnginePacket

    for frame in ("", "x", "bQQ", "4" + "[" * 5000, "9"):
        assert TolerantEnginePacket(encoded_packet=frame).packet_type == engineio_packet.NOOP
    assert TolerantEnginePacket(encoded_packet="3").packet_type == engineio_packet.PONG


@pytest.mark.parametrize(
    "body, valid",
    [
        (b'42["user_uttered",{"message":"hi"}]', True),
        (b"3", True),
        (b"1", True),
        (b"40", True),
        (b'3\x1e42["x",1]', True),  # two packets
        (b"", False),  # python-engineio: IndexError
        (b"2", False),
        (b"6", False),  # ping and no-op: only the server sends them; the request hung
        (b"false", False),
        (b"[1]", False),  # python-engineio: ValueError traceback
        (b"3\x1e", False),  # an empty packet after a separator
        (b'42{"a":1}', True),  # a bad socket.io event: dropped later, by packet_problem
        (b"\xff\xfe", False),  # not UTF-8
        (b"bQUJD", False),
        (b"bQQ", False),  # base64 binary messages (bad base64 raised in engine.io)
    ],
)
def test_socketio_long_polling_payloads(body, valid):
    assert (polling_payload_problem(body) is None) is valid
