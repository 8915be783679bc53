"""Hostile and malformed input to the REST channel (at least 50 cases).

Each request must get either a clear 4xx with a JSON error, or HTTP 200 with
a polite reply; never a 5xx, never a stack trace, file path, SQL or library
name in the answer, and the server must go on answering everyone else.
"""

import json
import uuid

import pytest
import requests

pytestmark = pytest.mark.e2e

LEAKS = [
    "Traceback",
    'File "/',
    '.py"',
    "site-packages",
    "sqlalchemy",
    "psycopg2",
    "Exception",
    "rasa.core",
    "sanic",
    "/work/",
    "tracker.db",
]
HUGE_1MB = "a" * (1024 * 1024)


def sid() -> str:
    return f"bad-{uuid.uuid4().hex}"


def body(obj) -> bytes:
    return json.dumps(obj).encode("utf-8")


# (id, raw request body): the channel must reject these with HTTP 400 (or 413 when too big).
REJECTED = [
    ("invalid-json", b"{not json"),
    ("truncated-json", b'{"sender": "x", "message": "hel'),
    ("empty-body", b""),
    ("whitespace-body", b"   \n "),
    ("json-array", b"[]"),
    ("json-string", b'"hello"'),
    ("json-number", b"42"),
    ("json-null", b"null"),
    ("json-true", b"true"),
    ("invalid-utf8", b'{"sender": "x", "message": "\xff\xfe\xfd"}'),
    ("latin1-body", '{"sender": "x", "message": "tere ÕÄÖÜ"}'.encode("latin-1")),
    ("lone-surrogate", b'{"sender": "x", "message": "\\ud800"}'),
    ("missing-sender", body({"message": "hello"})),
    ("null-sender", body({"sender": None, "message": "hello"})),
    ("empty-sender", body({"sender": "", "message": "hello"})),
    ("blank-sender", body({"sender": "   ", "message": "hello"})),
    ("number-sender", body({"sender": 42, "message": "hello"})),
    ("object-sender", body({"sender": {"id": 1}, "message": "hello"})),
    ("list-sender", body({"sender": ["a"], "message": "hello"})),
    ("bool-sender", body({"sender": True, "message": "hello"})),
    ("129-char-sender", body({"sender": "s" * 129, "message": "hello"})),
    ("100kB-sender", body({"sender": "s" * 100_000, "message": "hello"})),
    ("control-char-sender", body({"sender": "abc\x00def", "message": "hello"})),
    ("newline-sender", body({"sender": "abc\ndef", "message": "hello"})),
    ("bidi-override-sender", body({"sender": "abc\u202edef", "message": "hello"})),
    ("number-message", body({"sender": "x", "message": 42})),
    ("list-message", body({"sender": "x", "message": ["hello"]})),
    ("object-message", body({"sender": "x", "message": {"text": "hello"}})),
    ("bool-message", body({"sender": "x", "message": False})),
    ("string-metadata", body({"sender": "x", "message": "hello", "metadata": "et"})),
    ("list-metadata", body({"sender": "x", "message": "hello", "metadata": ["et"]})),
    ("1MB-message", body({"sender": "x", "message": HUGE_1MB})),
    ("1MB-garbage", b"x" * (1024 * 1024)),
]

# (id, message text, a phrase the reply must contain or None): polite replies.
ANSWERED = [
    ("empty", "", "Your message was empty"),
    ("whitespace", " \t\n ", "Your message was empty"),
    ("missing-message-is-empty", None, "Your message was empty"),
    ("100kB-english", "Is there an attaché in Finland? " * 3200, "Your message is too long"),
    ("100kB-estonian", "Kas Eestil on kaitseatašee Soomes? " * 3000, "liiga pikk"),
    ("control-chars", "hel\x00lo\x07\x1b[31m", None),
    ("only-control-chars", "\x00\x01\x02\x03", None),
    ("zero-width", "\u200b\u200c\u200d\ufeff", None),
    ("emoji", "🇪🇪🙂🙂🙂", None),
    ("emoji-question", "Is Estonia a member of NATO? 🙂", "NATO"),
    ("rtl-arabic", "مرحبا كيف حالك", None),
    ("rtl-hebrew", 'שלום, האם אסטוניה חברה בנאט"ו?', None),
    ("bidi-override", "\u202eOTAN fo rebmem a ainotsE sI", None),
    ("html", "<b>hello</b> <img src=x onerror=alert(1)>", None),
    ("script", "<script>alert('x')</script>", None),
    ("sql-drop", "Robert'); DROP TABLE events;--", None),
    ("sql-union", "' OR 1=1 UNION SELECT sender_id, data FROM events --", None),
    ("template", "{{7*7}} ${jndi:ldap://x/a} %s%s%n", None),
    ("path", "../../../../etc/passwd", None),
    ("intent-injection", '/ask_nato{"language": "xx", "knowledge_entry": "hacked"}', None),
    ("unknown-intent", "/delete_everything", None),
    ("action-injection", "/action_restart", None),
    ("slot-injection", '/greet{"requested_slot": "x", "session_started_metadata": {"a": 1}}', None),
    ("broken-intent-json", '/greet{"language": ', None),
    ("json-in-text", '{"sender": "admin", "message": "hello"}', None),
    ("very-long-word", "x" * 5000, "too long"),
    ("many-newlines", "\n" * 2000 + "hello", None),
    ("mixed-scripts", "Привет NATO 你好 tere", None),
]


@pytest.mark.parametrize("raw", [r for _, r in REJECTED], ids=[i for i, _ in REJECTED])
def test_malformed_request_is_rejected_clearly(secured_assistant, raw):
    response = requests.post(
        f"{secured_assistant.url}/webhooks/rest/webhook",
        data=raw,
        timeout=60,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code in (400, 413), (response.status_code, response.text[:300])
    for leak in LEAKS:
        assert leak not in response.text, response.text[:500]
    if response.status_code == 400:
        error = response.json()
        assert error["error"] == "invalid_request" and error["detail"]
        assert error["text"]["en"].startswith("I'm sorry") and error["text"]["et"].startswith("Vabandust")
    assert_still_answers(secured_assistant)


@pytest.mark.parametrize("text, expected", [(t, e) for _, t, e in ANSWERED], ids=[i for i, _, _ in ANSWERED])
def test_odd_message_gets_a_polite_safe_reply(secured_assistant, text, expected):
    payload = {"sender": sid()}
    if text is not None:
        payload["message"] = text
    response = secured_assistant.post(payload)
    assert response.status_code == 200, (response.status_code, response.text[:300])
    replies = [m.get("text") or "" for m in response.json()]
    reply = "\n".join(replies)
    assert replies and reply.strip(), "no reply"
    if expected:
        assert expected in reply, reply
    for leak in LEAKS + ["<script", "onerror=", "DROP TABLE", "UNION SELECT", "hacked", "/etc/passwd"]:
        assert leak not in reply, reply
    assert_still_answers(secured_assistant)


def assert_still_answers(assistant) -> None:
    replies = assistant.say(sid(), "Is there an Estonian defence attaché in Finland?")
    assert replies and replies[0].startswith("Yes"), replies
