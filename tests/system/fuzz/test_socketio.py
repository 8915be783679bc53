"""Generated input to the socket.io channel of the running assistant, as the web
chat widget's protocol allows it: odd `session_request` and `user_uttered`
data (session ids, messages and customData of every JSON type, odd text,
`/intent{...}` injections), and raw engine.io packets that are not valid
socket.io at all.

A malformed event gets an `error` event, an odd but well-formed message gets
the bot's answer; the connection stays open, and no server logs a traceback.
"""

import asyncio
import json
import logging
import queue
import unicodedata
import uuid
from contextlib import contextmanager
from typing import Any, Iterator

import pytest
import requests
import socketio
from hypothesis import given
from hypothesis import strategies as st

from channels.bodies import MAX_NESTING, nesting_depth
from tests.system.fuzz.conftest import examples
from tests.system.fuzz.strategies import deep_json_text, field_values, intent_injection, json_values, odd_text
from tests.system.fuzz.test_rest import RASA_COMMAND

pytestmark = pytest.mark.e2e
WAIT = 30
# The client's writer thread reports each closed connection as an error; the fuzz opens hundreds.
logging.getLogger("engineio.client").setLevel(logging.CRITICAL)


class Widget:
    """A socket.io client like the web chat widget, collecting what the server emits."""

    def __init__(self, url: str) -> None:
        self.events: "queue.Queue[tuple]" = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        for name in ("bot_uttered", "session_confirm", "error"):
            self.client.on(name, lambda data=None, name=name: self.events.put((name, data)))
        self.client.connect(url, transports=["polling"], socketio_path="/socket.io")
        self.session = uuid.uuid4().hex
        self.client.emit("session_request", {"session_id": self.session})
        assert self.next_event()[0] == "session_confirm"

    def next_event(self, timeout: float = WAIT) -> tuple:
        return self.events.get(timeout=timeout)

    def drain(self) -> None:
        while not self.events.empty():
            self.events.get_nowait()

    def ask(self, text: str, language: str) -> str:
        """The bot's whole answer to a normal question (up to its source note)."""
        self.drain()
        self.client.emit(
            "user_uttered", {"session_id": self.session, "message": text, "customData": {"language": language}}
        )
        parts = []
        while True:
            name, data = self.next_event()
            if name == "bot_uttered":
                parts.append(data.get("text", ""))
                if any(note in parts[-1] for note in ("Source:", "Allikas:")):
                    return "\n\n".join(parts)


@pytest.fixture(scope="module")
def widget(assistant) -> Iterator[Widget]:
    client = Widget(assistant.url)
    yield client
    client.client.disconnect()


def too_deep(*event: Any) -> bool:
    """Whether the event's packet nests too deeply to decode: the server drops it
    (a warning in the log), and sends nothing back."""
    return nesting_depth(json.dumps(list(event)).encode()) > MAX_NESTING


def assert_dropped_and_still_connected(widget: Widget) -> None:
    """The server dropped the last packet and goes on: a session request sent after it is
    the first thing answered."""
    probe = uuid.uuid4().hex
    widget.client.emit("session_request", {"session_id": probe})
    assert widget.next_event() == ("session_confirm", probe)


@contextmanager
def new_widget(assistant) -> Iterator[Widget]:
    """A connection of its own for one example, so that no late reply to an
    earlier example is taken for the answer to this one."""
    client = Widget(assistant.url)
    try:
        yield client
    finally:
        client.client.disconnect()


def valid_id(value: Any) -> bool:
    """A session id the tracker store and the logs can take: short, no control or invisible characters."""
    return (
        isinstance(value, str)
        and bool(value.strip())
        and len(value) <= 128
        and not any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in value)
    )


@examples(40)
@given(data=st.one_of(st.none(), json_values(), st.fixed_dictionaries({"session_id": field_values()})))
def test_odd_session_requests(assistant, log_watch, data):
    with new_widget(assistant) as widget:
        widget.client.emit("session_request", data)
        if too_deep("session_request", data):
            assert_dropped_and_still_connected(widget)
            return
        name, confirmed = widget.next_event()
        assert widget.client.connected
    session_id = data.get("session_id") if isinstance(data, dict) else None
    well_formed = data is None or isinstance(data, dict) and (session_id is None or valid_id(session_id))
    if well_formed:
        assert name == "session_confirm" and (session_id is None or confirmed == session_id), (data, name)
    else:
        assert name == "error", (data, name)
    log_watch.assert_no_crash(f"session_request {json.dumps(data)[:300]}")


def valid_custom_data(value: Any) -> bool:
    if isinstance(value, str):  # Rasa reads a string as JSON
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return False
    return value is None or isinstance(value, dict) and not too_deep(value)


@examples(60)
@given(
    session_id=st.one_of(st.just("own"), st.just("other"), field_values()),
    message=st.one_of(odd_text(), intent_injection(), field_values()),
    custom=st.one_of(st.none(), st.just({"language": "et"}), field_values(), deep_json_text()),
)
def test_odd_user_messages(assistant, log_watch, session_id, message, custom):
    """A well-formed message of the widget's own session is answered; one for another
    session is answered there (not here); anything else gets an error event."""
    with new_widget(assistant) as widget:
        if session_id == "own":
            session_id = widget.session
        elif session_id == "other":
            session_id = uuid.uuid4().hex
        data: Any = {"session_id": session_id, "message": message}
        if custom is not None:
            data["customData"] = custom
        widget.client.emit("user_uttered", data)
        well_formed = (
            valid_id(data["session_id"])
            and valid_custom_data(custom)
            and (message is None or isinstance(message, str) and not any("\ud800" <= c <= "\udfff" for c in message))
        )
        silent = isinstance(message, str) and RASA_COMMAND.match(message.strip())  # obeyed without a reply
        if too_deep("user_uttered", data) or well_formed and (data["session_id"] != widget.session or silent):
            assert_dropped_and_still_connected(widget)
        else:
            name = widget.next_event()[0]
            assert name == ("bot_uttered" if well_formed else "error"), data
        assert widget.client.connected
    log_watch.assert_no_crash(f"user_uttered {json.dumps(data)[:300]}")


@examples(30)
@given(args=st.lists(json_values(), min_size=0, max_size=3))
def test_wrong_number_of_arguments(assistant, log_watch, args):
    with new_widget(assistant) as widget:
        widget.client.emit("user_uttered", tuple(args))
        if too_deep("user_uttered", *args):
            assert_dropped_and_still_connected(widget)
        elif len(args) != 1 or not isinstance(args[0], dict):
            assert widget.next_event()[0] == "error"
        assert widget.client.connected
    log_watch.assert_no_crash(f"user_uttered args {json.dumps(args)[:300]}")


# An engine.io packet type ("4" message, "2" ping, "1" close, ...) then, for a message,
# a socket.io packet type ("2" event, "3" ack, "5" binary event, ...) with a namespace or an id.
PACKET_PREFIXES = [
    "42",
    "43",
    "40",
    "41",
    "44",
    "45",
    "451-",
    "49",
    "42/other,",
    "4299999",
    "4",
    "2",
    "3",
    "6",
    "9",
    "",
    "1",
]


@examples(60)
@given(
    prefix=st.sampled_from(PACKET_PREFIXES),
    payload=st.one_of(
        odd_text(),
        deep_json_text(),
        json_values().map(json.dumps),
        st.builds(
            lambda name, data: json.dumps([name, data]),
            st.one_of(st.sampled_from(["user_uttered", "session_request"]), json_values()),
            field_values(),
        ),
    ),
)
def test_raw_packets(assistant, log_watch, prefix, payload):
    """engine.io long-polling, spoken by hand: open a session, connect the namespace,
    post a packet the socket.io client would never send. (The session's long poll is
    not read: it waits for the server's next ping when there is nothing to say.)"""
    base = f"{assistant.url}/socket.io/?EIO=4&transport=polling"
    opened = requests.get(base, timeout=WAIT)
    assert opened.status_code == 200
    sid = json.loads(opened.text[1:])["sid"]
    url = f"{base}&sid={sid}"
    assert requests.post(url, data="40", timeout=WAIT).status_code == 200
    posted = requests.post(url, data=(prefix + payload).encode("utf-8", "surrogatepass"), timeout=WAIT)
    assert posted.status_code < 500, posted.text[:300]
    assert requests.get(base, timeout=WAIT).status_code == 200  # the server still opens sessions
    # The packet's handler runs as a task: a round trip on another connection lets it finish.
    with new_widget(assistant):
        pass
    log_watch.assert_no_crash(f"packet {prefix + payload!r}"[:300])


WEBSOCKET_FRAMES = st.one_of(
    st.sampled_from(
        [
            "",
            "x",
            "2",
            "6",
            "bQQ",
            "bQUJD",
            "4",
            '42["connect"]',
            '42["disconnect", 1]',
            "41",
            "5",
            '451-["user_uttered",{"_placeholder":true,"num":7}]',
        ]
    ),
    st.builds(
        lambda prefix, payload: prefix + payload,
        st.sampled_from(PACKET_PREFIXES),
        st.one_of(odd_text(), deep_json_text(), json_values().map(json.dumps)),
    ),
    st.binary(max_size=50),
)


@examples(40)
@given(frames=st.lists(WEBSOCKET_FRAMES, min_size=1, max_size=3))
def test_websocket_frames(assistant, log_watch, frames):
    """The widget's own transport: frames no client sends are ignored or refused, and the
    connection goes on (a session request sent after them is confirmed), or is closed."""
    import websockets

    async def next_reply(ws) -> str:
        """The server's next frame, answering its pings (engine.io's heartbeat) on the way."""
        while True:
            reply = await asyncio.wait_for(ws.recv(), WAIT)
            if reply != "2":
                return reply
            await ws.send("3")

    async def talk() -> None:
        url = assistant.url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        async with websockets.connect(url, open_timeout=WAIT, close_timeout=2) as ws:
            assert (await next_reply(ws)).startswith("0")
            await ws.send("40")
            assert (await next_reply(ws)).startswith("40")
            for frame in frames:
                await ws.send(
                    frame.encode("utf-8", "surrogatepass")
                    if isinstance(frame, str) and any("\ud800" <= c <= "\udfff" for c in frame)
                    else frame
                )
            try:
                await ws.send("40")  # the namespace again, in case a frame left it ("41")
                await ws.send('42["session_request",{"session_id":"probe"}]')
                while True:
                    reply = await next_reply(ws)
                    if reply == '42["session_confirm","probe"]':
                        break
                    # the no-op answering an upgrade ("5"), a (re)connection, an error event
                    assert reply == "6" or reply[:2] in ("40", "44", "42"), reply
            except websockets.ConnectionClosed:
                pass  # a close frame ("1") or a disconnect ("41") among them

    asyncio.run(talk())
    with new_widget(assistant):
        pass
    log_watch.assert_no_crash(f"websocket frames {frames!r}"[:300])


def test_the_widget_conversation_still_works_in_every_language(widget, log_watch):
    assert widget.ask("Kas Eestil on kaitseatašee Soomes?", "et").startswith("Jah")
    assert widget.ask("Is there an Estonian defence attaché in Finland?", "en").startswith("Yes")
    log_watch.assert_no_crash("two normal questions")
