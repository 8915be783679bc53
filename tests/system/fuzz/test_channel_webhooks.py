"""Generated input to every messaging channel's webhook of the running assistant.

Each platform's request is signed or authenticated the platform's way (Slack's
v0 HMAC, Messenger's X-Hub-Signature, Bot Framework's JWT, Telegram's secret
header, Twilio's X-Twilio-Signature, the Mattermost and Rocket.Chat tokens in
the body), so the input gets past the check and reaches the connector's
parsing. Per platform there are three kinds of input: the platform's real
message with one field at any depth made wrong (`mutations_of`: wrong JSON
types, odd Unicode, `/intent{...}`, markup, huge values, removed or stray
fields), raw bodies under random Content-Types, and deeply nested JSON.

Whatever arrives, the answer is below 500, the connection is not dropped, and
neither server logs a traceback; deeply nested JSON gets HTTP 400. Each example
has its own user (unless its mutation replaced the id), so no conversation
grows. The replies to the fake platforms are not awaited here (the channel
tests check them), but a reply that fails with a traceback fails the example
that caused it, or for Slack, which answers before it replies, the test
(`replies_settled`). First, each platform's unmutated messages must reach Rasa,
so that a broken signature cannot leave the fuzz testing only the refusals.
"""

import json
import sqlite3
import time
import uuid
from typing import Any, Callable, Dict, Tuple
from urllib.parse import quote_plus

import pytest
import requests
from hypothesis import currently_in_test_context, event, given
from hypothesis import strategies as st

from tests.system.fuzz.conftest import examples
from tests.system.fuzz.strategies import CONTENT_TYPES, deep_json_text, mutations_of, raw_bodies, to_json

pytestmark = pytest.mark.e2e

PLATFORM_NAMES = ["telegram", "slack", "facebook", "botframework", "mattermost", "rocketchat", "twilio", "callback"]
# Examples per platform: 34 + 12 + 6 = 52.
MUTATED, RAW, DEEP = 34, 12, 6

# Placeholders in the documents below; every example gets fresh values for them
# (so each has its own conversation), substituted in the body before it is signed.
SENDER = "FUZZSENDER"
CHAT_ID = 770000000001


def new_ids() -> Tuple[str, str]:
    """A user id and a chat id (digits) no one has used. (From uuid4, which reads the OS's
    randomness: Hypothesis seeds `random` the same for every example.)"""
    return uuid.uuid4().hex[:16], str(10**11 + uuid.uuid4().int % (9 * 10**11))


def fresh(body: bytes, ids: Tuple[str, str] = ()) -> bytes:
    """The body with new (or the given) user and chat ids in place of the placeholders."""
    user, chat = ids or new_ids()
    return body.replace(SENDER.encode(), user.encode()).replace(str(CHAT_ID).encode(), chat.encode())


def form(fields: Any) -> bytes:
    """URL-encoded form data of a JSON object's fields (non-strings as JSON text, a lone
    surrogate as its three bytes, which are not UTF-8); a value that is not an object, as JSON."""
    if not isinstance(fields, dict):
        return to_json(fields)

    def quoted(value: Any) -> str:
        text = value if isinstance(value, str) else json.dumps(value)
        return quote_plus(text.encode("utf-8", "surrogatepass"))

    return "&".join(f"{quoted(k)}={quoted(v)}" for k, v in fields.items()).encode("ascii")


# --- Each platform's real message (what tests/system/channels/fakes.py sends) ---


def telegram_documents(fakes: Dict[str, Any]) -> Dict[str, Any]:
    user = {"id": CHAT_ID, "is_bot": False, "first_name": "Mari", "language_code": "et"}
    chat = {"id": CHAT_ID, "first_name": "Mari", "type": "private"}
    return {
        "message": {
            "update_id": 1001,
            "message": {
                "message_id": 1002,
                "from": user,
                "chat": chat,
                "date": 1764244800,
                "text": "Kas Eestil on kaitseatašee Soomes?",
            },
        },
        "button": {
            "update_id": 1003,
            "callback_query": {
                "id": "1004",
                "from": user,
                "chat_instance": "42",
                "data": "/ask_nato",
                "message": {
                    "message_id": 1005,
                    "date": 1764244800,
                    "text": "…",
                    "chat": chat,
                    "from": {"id": 123456789, "is_bot": True, "first_name": "Assistant"},
                },
            },
        },
    }


def slack_documents(fakes: Dict[str, Any]) -> Dict[str, Any]:
    return {
        "event": {
            "token": "unused-legacy-token",
            "team_id": "T0TEST",
            "api_app_id": "A0TEST",
            "event": {
                "type": "message",
                "channel": f"D{SENDER}",
                "user": f"U{SENDER}",
                "text": "Is Estonia in NATO?",
                "ts": "1764244800.000100",
                "event_ts": "1764244800.000100",
                "channel_type": "im",
                "client_msg_id": "5b8b4c4e-0000-4000-8000-000000000001",
            },
            "type": "event_callback",
            "event_id": "Ev0001",
            "event_time": 1764244800,
            "authorizations": [{"team_id": "T0TEST", "user_id": "U0BOT", "is_bot": True}],
        },
        "click": {
            "type": "block_actions",
            "user": {"id": f"U{SENDER}", "username": "mari", "team_id": "T0TEST"},
            "api_app_id": "A0TEST",
            "team": {"id": "T0TEST"},
            "channel": {"id": f"D{SENDER}", "name": "directmessage"},
            "message": {"type": "message", "ts": "1764244800.000200", "text": "…"},
            "actions": [
                {
                    "type": "button",
                    "action_id": "a1",
                    "block_id": "b1",
                    "value": "/ask_nato",
                    "text": {"type": "plain_text", "text": "NATO"},
                    "action_ts": "1764244800.000300",
                }
            ],
        },
    }


def facebook_documents(fakes: Dict[str, Any]) -> Dict[str, Any]:
    def event(**what: Any) -> Dict[str, Any]:
        return {
            "object": "page",
            "entry": [
                {
                    "id": "PAGE1",
                    "time": 1764244800000,
                    "messaging": [
                        {"sender": {"id": SENDER}, "recipient": {"id": "PAGE1"}, "timestamp": 1764244800000, **what}
                    ],
                }
            ],
        }

    return {
        "message": event(message={"mid": "m_1", "text": "Is Estonia in NATO?"}),
        "quick_reply": event(message={"mid": "m_2", "text": "1", "quick_reply": {"payload": "/ask_nato"}}),
        "attachment": event(
            message={"mid": "m_3", "attachments": [{"type": "image", "payload": {"url": "https://example.com/a.png"}}]}
        ),
        "postback": event(postback={"title": "NATO", "payload": "/ask_nato"}),
    }


def botframework_documents(fakes: Dict[str, Any]) -> Dict[str, Any]:
    botframework = fakes["botframework"]
    return {
        "activity": {
            "type": "message",
            "id": "a1",
            "timestamp": "2026-11-27T12:00:00.000Z",
            "serviceUrl": botframework.url,
            "channelId": "msteams",
            "from": {"id": f"29:{SENDER}", "name": "Mari"},
            "conversation": {"id": f"conv-{SENDER}"},
            "recipient": {"id": f"28:{botframework.app_id}", "name": "Assistant"},
            "text": "Kas Eestil on kaitseatašee Soomes?",
            "textFormat": "plain",
            "locale": "et-EE",
            "attachments": [{"contentType": "text/html", "content": "<p>…</p>"}],
        }
    }


def mattermost_documents(fakes: Dict[str, Any]) -> Dict[str, Any]:
    mattermost = fakes["mattermost"]
    return {
        "post": {
            "token": mattermost.webhook_token,
            "team_id": "team1",
            "team_domain": "defence",
            "channel_id": f"ch{SENDER}",
            "channel_name": "assistant",
            "timestamp": 1764244800000,
            "user_id": f"u{SENDER}",
            "user_name": "mari",
            "post_id": "p1",
            "text": "@assistant Is Estonia in NATO?",
            "trigger_word": "@assistant",
            "file_ids": "",
        },
        "click": {
            "user_id": f"u{SENDER}",
            "user_name": "mari",
            "channel_id": f"ch{SENDER}",
            "channel_name": "assistant",
            "team_id": "team1",
            "team_domain": "defence",
            "post_id": "p2",
            "trigger_id": "t1",
            "type": "",
            "data_source": "",
            "context": {"action": "/ask_nato", "token": mattermost.webhook_token},
        },
    }


def rocketchat_documents(fakes: Dict[str, Any]) -> Dict[str, Any]:
    rocketchat = fakes["rocketchat"]
    return {
        "message": {
            "token": rocketchat.webhook_token,
            "bot": False,
            "channel_id": f"room{SENDER}",
            "channel_name": "assistant",
            "message_id": "m1",
            "timestamp": "2026-11-27T12:00:00.000Z",
            "user_id": "user1",
            "user_name": "mari",
            "text": "Is Estonia in NATO?",
            "siteUrl": rocketchat.url,
        },
        "livechat": {
            "token": rocketchat.webhook_token,
            "_id": f"room{SENDER}",
            "type": "Message",
            "visitor": {"_id": "v1", "token": "visitor-token", "username": "guest-1"},
            "messages": [
                {
                    "_id": "m2",
                    "username": "guest-1",
                    "msg": "Kas Eesti on NATO liige?",
                    "ts": "2026-11-27T12:00:00.000Z",
                }
            ],
        },
    }


def twilio_documents(fakes: Dict[str, Any]) -> Dict[str, Any]:
    twilio = fakes["twilio"]
    sid = "SM" + "0" * 31 + "1"
    return {
        "sms": {
            "ToCountry": "EE",
            "ToState": "",
            "SmsMessageSid": sid,
            "NumMedia": "0",
            "ToCity": "",
            "FromZip": "",
            "SmsSid": sid,
            "FromState": "",
            "SmsStatus": "received",
            "FromCity": "",
            "Body": "Kas Eestil on kaitseatašee Soomes?",
            "FromCountry": "EE",
            "To": twilio.number,
            "ToZip": "",
            "NumSegments": "1",
            "MessageSid": sid,
            "AccountSid": twilio.account_sid,
            "From": f"+372{CHAT_ID}",
            "ApiVersion": "2010-04-01",
        },
        "whatsapp_location": {
            "From": f"whatsapp:+372{CHAT_ID}",
            "To": f"whatsapp:{twilio.number}",
            "Body": "",
            "Latitude": "59.437",
            "Longitude": "24.7536",
            "AccountSid": twilio.account_sid,
            "MessageSid": sid,
            "NumMedia": "0",
        },
    }


def callback_documents(fakes: Dict[str, Any]) -> Dict[str, Any]:
    return {
        "message": {
            "sender": f"cb-{SENDER}",
            "message": "Kas Eestil on kaitseatašee Soomes?",
            "metadata": {"language": "et"},
        }
    }


DOCUMENTS: Dict[str, Callable[[Dict[str, Any]], Dict[str, Any]]] = {
    "telegram": telegram_documents,
    "slack": slack_documents,
    "facebook": facebook_documents,
    "botframework": botframework_documents,
    "mattermost": mattermost_documents,
    "rocketchat": rocketchat_documents,
    "twilio": twilio_documents,
    "callback": callback_documents,
}


def encoded(platform: str, kind: str, value: Any) -> Tuple[bytes, str]:
    """A (mutated) document as the platform sends it: (body, Content-Type)."""
    if platform == "slack" and kind == "click":  # interactivity: the JSON in a form field
        return form({"payload": json.dumps(value)}), "application/x-www-form-urlencoded"
    if platform == "twilio":
        return form(value), "application/x-www-form-urlencoded"
    return to_json(value), "application/json"


def mutated_requests(platform: str, fakes: Dict[str, Any]) -> st.SearchStrategy[Tuple[str, bytes, str]]:
    """(which document, body, Content-Type): one of the platform's documents, mutated."""
    documents = DOCUMENTS[platform](fakes)
    return st.one_of(
        *[
            mutations_of(document).map(lambda value, kind=kind: (kind, *encoded(platform, kind, value)))
            for kind, document in documents.items()
        ]
    )


# --- Sending, signed the platform's way ---


def webhook(assistant: Any, platform: str) -> str:
    return f"{assistant.url}/webhooks/{platform}/webhook"


def signed_headers(platform: str, fakes: Dict[str, Any], url: str, body: bytes, content_type: str) -> Dict[str, str]:
    headers = {"Content-Type": content_type} if content_type else {}
    fake = fakes[platform]
    if platform == "telegram":
        headers["X-Telegram-Bot-Api-Secret-Token"] = fake.secret
    elif platform == "slack":
        headers.update(fake.signed_headers(body, content_type))
        if not content_type:
            del headers["Content-Type"]
    elif platform == "facebook":
        headers.update(fake.signed_headers(body, content_type))
    elif platform == "botframework":
        headers["Authorization"] = f"Bearer {fake.token()}"
    elif platform == "twilio":
        headers["X-Twilio-Signature"] = fake.body_signature(url, body)
    # Mattermost and Rocket.Chat carry their token in the body; the callback channel has none.
    return headers


def send(
    assistant: Any, fakes: Dict[str, Any], platform: str, body: bytes, content_type: str, ids: Tuple[str, str] = ()
) -> requests.Response:
    """POSTs `body` (with fresh ids) to the platform's webhook, signed; a dropped connection raises."""
    url, body = webhook(assistant, platform), fresh(body, ids)
    return requests.post(url, data=body, headers=signed_headers(platform, fakes, url, body, content_type), timeout=120)


def described(platform: str, body: bytes, content_type: str) -> str:
    return f"{platform} {content_type or '(no Content-Type)'} {body[:300]!r}"


def checked_send(
    assistant: Any,
    fakes: Dict[str, Any],
    log_watch: Any,
    platform: str,
    body: bytes,
    content_type: str,
    what: str,
    ids: Tuple[str, str] = (),
) -> requests.Response:
    """`send`, then the servers' logs are read whatever happened, so that a traceback is
    reported with the example that caused it (and not with the next one)."""
    try:
        response = send(assistant, fakes, platform, body, content_type, ids)
        if currently_in_test_context():
            event(f"HTTP {response.status_code}")  # --hypothesis-show-statistics counts them
        return response
    finally:
        log_watch.assert_no_crash(what)


def assert_handled(response: requests.Response, what: str) -> None:
    assert response.status_code < 500, f"HTTP {response.status_code} for {what}: {response.text[:500]}"


@pytest.fixture
def replies_settled(platform, log_watch):
    """Slack answers the webhook first and handles the message in the background: after
    its tests, the replies get a moment to fail before the log is read once more."""
    yield
    if platform == "slack":
        time.sleep(3)
        log_watch.assert_no_crash("the background handling of the Slack examples")


def stored_senders(assistant: Any, part: str) -> list:
    database = sqlite3.connect(assistant.workdir / "tracker.db")
    try:
        return [
            row[0]
            for row in database.execute("SELECT DISTINCT sender_id FROM events WHERE sender_id LIKE ?", (f"%{part}%",))
        ]
    finally:
        database.close()


# --- The tests ---


@pytest.mark.parametrize("platform", PLATFORM_NAMES)
def test_the_unmutated_messages_reach_rasa(assistant, platforms, log_watch, platform):
    for kind, document in DOCUMENTS[platform](platforms).items():
        ids = new_ids()
        body, content_type = encoded(platform, kind, document)
        what = described(platform, body, content_type) + f" (the {kind})"
        response = checked_send(assistant, platforms, log_watch, platform, body, content_type, what, ids)
        assert response.status_code in (200, 204), f"HTTP {response.status_code} for {what}: {response.text[:300]}"
        deadline = time.time() + 30  # Slack hands the message on in the background
        while not any(stored_senders(assistant, part) for part in ids) and time.time() < deadline:
            time.sleep(0.2)
        assert any(stored_senders(assistant, part) for part in ids), f"Rasa stored no conversation for {what}"


@pytest.mark.parametrize("platform", PLATFORM_NAMES)
@examples(MUTATED)
@given(data=st.data())
def test_every_field_of_a_platform_message_can_be_wrong(
    assistant, platforms, log_watch, replies_settled, platform, data
):
    kind, body, content_type = data.draw(mutated_requests(platform, platforms), label="request")
    what = described(platform, body, content_type) + f" (a mutated {kind})"
    assert_handled(checked_send(assistant, platforms, log_watch, platform, body, content_type, what), what)


@pytest.mark.parametrize("platform", PLATFORM_NAMES)
@examples(RAW)
@given(body=raw_bodies(), content_type=st.sampled_from(CONTENT_TYPES))
def test_any_signed_body_with_any_content_type(
    assistant, platforms, log_watch, replies_settled, platform, body, content_type
):
    what = described(platform, body, content_type)
    assert_handled(checked_send(assistant, platforms, log_watch, platform, body, content_type, what), what)


@pytest.mark.parametrize("platform", PLATFORM_NAMES)
@examples(DEEP)
@given(text=deep_json_text(), content_type=st.sampled_from(CONTENT_TYPES))
def test_deeply_nested_json_gets_a_400(assistant, platforms, log_watch, platform, text, content_type):
    body = text.encode()
    what = described(platform, body[:100], content_type)
    response = checked_send(assistant, platforms, log_watch, platform, body, content_type, what)
    assert response.status_code == 400, f"HTTP {response.status_code} for {what}: {response.text[:300]}"
    assert "nested" in response.json()["detail"], response.text[:300]
