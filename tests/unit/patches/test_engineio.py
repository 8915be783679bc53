"""patches/engineio.py, as the socket.io channel (channels/socketio.py) applies it when it
builds its blueprint: engine.io decodes with the checked JSON module and turns packets it
cannot decode into no-ops, and long-polling POSTs are checked first; each behind its switch."""

import asyncio
from types import SimpleNamespace
from typing import Any

import engineio.packet
import pytest

import patches
from channels.socketio import SocketIOInput
from channels.socketio_checks import CheckedJson
from patches.engineio import RELEASED_PACKET, TolerantEnginePacket

DEEP = "4" + '{"a":' * 40 + "1" + "}" * 40  # a message nested deeper than the channels accept
ENGINEIO_PATCHES = ["engineio_json", "engineio_packets", "polling_check"]


def build_channel() -> Any:
    """The channel as Rasa builds it from credentials.yml, with its blueprint; its engine.io server."""
    channel = SocketIOInput.from_credentials(
        {"user_message_evt": "user_uttered", "bot_message_evt": "bot_uttered", "session_persistence": True}
    )

    async def on_new_message(message: Any) -> None:
        return None

    channel.blueprint(on_new_message)
    return channel.sio.eio


def test_the_channel_applies_the_engineio_patches_when_it_builds_its_blueprint():
    engine = build_channel()
    assert [name for name in ENGINEIO_PATCHES if patches.is_applied(name)] == ENGINEIO_PATCHES
    assert engineio.packet.Packet is TolerantEnginePacket and RELEASED_PACKET.json is CheckedJson
    assert "handle_request" in vars(engine)
    assert engineio.packet.Packet(encoded_packet="x").packet_type == engineio.packet.NOOP
    assert engineio.packet.Packet(encoded_packet=DEEP).data == DEEP[1:]  # left undecoded


@pytest.mark.parametrize("name", ENGINEIO_PATCHES)
def test_each_switch_keeps_its_patch_out_of_the_channel(name, monkeypatch):
    monkeypatch.setenv(patches.BY_NAME[name].switch, "off")
    engine = build_channel()
    assert [n for n in ENGINEIO_PATCHES if patches.is_applied(n)] == [n for n in ENGINEIO_PATCHES if n != name]
    assert (engineio.packet.Packet is RELEASED_PACKET) == (name == "engineio_packets")
    assert (RELEASED_PACKET.json is not CheckedJson) == (name == "engineio_json")
    assert ("handle_request" not in vars(engine)) == (name == "polling_check")


def test_with_every_patch_off_engineio_runs_as_released(monkeypatch):
    monkeypatch.setenv("RASA_PATCHES", "off")
    engine = build_channel()
    assert engineio.packet.Packet is RELEASED_PACKET and RELEASED_PACKET.json.__name__ == "engineio.json"
    assert "handle_request" not in vars(engine)
    with pytest.raises(ValueError):
        engineio.packet.Packet(encoded_packet="")
    assert isinstance(engineio.packet.Packet(encoded_packet=DEEP).data, dict)  # decoded, however deep


def test_undo_puts_engineio_back_as_released():
    engine = build_channel()
    patches.undo_all()
    assert engineio.packet.Packet is RELEASED_PACKET and RELEASED_PACKET.json.__name__ == "engineio.json"
    assert "handle_request" not in vars(engine)


def test_a_checked_request_is_answered_by_the_check_or_handled_as_before():
    class Engine:
        async def handle_request(self, request: Any) -> str:
            return f"handled {request.body}"

    engine = Engine()
    refusal = {"error": "invalid_request"}
    assert patches.apply("polling_check", engine, lambda request: refusal if request.body == b"2" else None)
    assert asyncio.run(engine.handle_request(SimpleNamespace(body=b"2"))) is refusal
    assert asyncio.run(engine.handle_request(SimpleNamespace(body=b"3"))) == "handled b'3'"
