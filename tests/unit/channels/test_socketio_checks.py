"""The checks of socket.io packets and events before they reach Rasa (channels/socketio_checks.py),
and engine.io frames that cannot be decoded."""

import json

import pytest

from channels.socketio_checks import (
    CheckedJson,
    packet_problem,
    polling_payload_problem,
    session_request_problem,
    user_message_problem,
)


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

    from patches.engineio import TolerantEnginePacket

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
