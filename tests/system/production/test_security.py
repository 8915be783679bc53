"""Security of the HTTP surface: the API needs a token or JWT, CORS allows only
the configured origin, bodies are size-limited, the action server is
loopback-only and its errors never echo the conversation, `make run`
refuses to turn the API on without authentication, an entity typed in an
`/intent{...}` message cannot set the conversation's language (read on the
tracker), and odd sender ids in different languages keep their own conversations.

(That the API is off by default is checked on the production cluster, in
test_cluster.py.)
"""

import os
import subprocess
import uuid

import jwt
import pytest
import requests

from tests.servers import ROOT
from tests.system.production.conftest import ALLOWED_ORIGIN

pytestmark = pytest.mark.e2e


def tracker(assistant, conversation, **kwargs) -> requests.Response:
    return requests.get(f"{assistant.url}/conversations/{conversation}/tracker", timeout=30, **kwargs)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def user_jwt(secret: str, username: str, role: str = "user", algorithm: str = "HS256") -> str:
    return jwt.encode({"user": {"username": username, "role": role}}, secret, algorithm=algorithm)


@pytest.fixture(scope="module")
def alice(secured_assistant):
    """A conversation with something private in it."""
    sender = f"alice-{uuid.uuid4().hex}"
    secured_assistant.say(sender, "Kas Eestil on kaitseatašee Soomes?")
    return sender


def test_api_without_credentials_is_refused(secured_assistant, alice):
    for path in [f"/conversations/{alice}/tracker", "/status", "/domain"]:
        response = requests.get(f"{secured_assistant.url}{path}", timeout=30)
        assert response.status_code == 401, (path, response.status_code)
        assert "Soomes" not in response.text


def test_wrong_token_is_refused(secured_assistant, alice):
    assert tracker(secured_assistant, alice, params={"token": "not-the-token"}).status_code == 401


def test_forged_jwt_is_refused(secured_assistant, alice):
    forged = user_jwt("a-secret-the-attacker-guessed-0123456789", alice, role="admin")
    assert tracker(secured_assistant, alice, headers=bearer(forged)).status_code == 401


def test_unsigned_jwt_is_refused(secured_assistant, alice):
    unsigned = user_jwt(None, alice, role="admin", algorithm="none")
    response = tracker(secured_assistant, alice, headers=bearer(unsigned))
    # An "alg: none" token is a token without a valid signature: refused as unauthenticated,
    # like the forged one; a 500 would be a server error, not a refusal.
    assert response.status_code == 401, (response.status_code, response.text[:300])
    assert "Soomes" not in response.text and "Traceback" not in response.text


def test_other_users_jwt_cannot_read_the_conversation(secured_assistant, api_secrets, alice):
    mallory = user_jwt(api_secrets["jwt"], "mallory")
    response = tracker(secured_assistant, alice, headers=bearer(mallory))
    assert response.status_code == 403
    assert "Soomes" not in response.text


def test_own_jwt_and_the_admin_token_can_read_the_conversation(secured_assistant, api_secrets, alice):
    own = tracker(secured_assistant, alice, headers=bearer(user_jwt(api_secrets["jwt"], alice)))
    assert own.status_code == 200 and own.json()["sender_id"] == alice
    assert tracker(secured_assistant, alice, params={"token": api_secrets["token"]}).status_code == 200


def test_a_user_jwt_cannot_use_admin_endpoints(secured_assistant, api_secrets, alice):
    response = requests.get(
        f"{secured_assistant.url}/status", timeout=30, headers=bearer(user_jwt(api_secrets["jwt"], alice))
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "origin, allowed",
    [(ALLOWED_ORIGIN, True), ("https://evil.example", False), ("null", False), ("http://www.example.ee", False)],
)
def test_cors_allows_only_the_configured_origin(secured_assistant, origin, allowed):
    url = f"{secured_assistant.url}/webhooks/rest/webhook"
    preflight = requests.options(url, timeout=30, headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    actual = requests.post(
        url, json={"sender": f"cors-{uuid.uuid4().hex}", "message": "hello"}, timeout=60, headers={"Origin": origin}
    )
    for response in (preflight, actual):
        granted = response.headers.get("Access-Control-Allow-Origin")
        assert (granted == origin) if allowed else (granted is None), (origin, granted)
        assert granted != "*"


def test_oversized_body_is_refused_with_413(secured_assistant):
    response = requests.post(
        f"{secured_assistant.url}/webhooks/rest/webhook", timeout=60, json={"sender": "big", "message": "a" * 300_000}
    )
    assert response.status_code == 413


def listening_addresses(port: int) -> set:
    """Local addresses of the TCP sockets listening on `port`, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as file:
            next(file)
            for line in file:
                fields = line.split()
                address, local_port = fields[1].rsplit(":", 1)
                if int(local_port, 16) == port and fields[3] == "0A":  # 0A = LISTEN
                    found.add(address)
    return found


def test_action_server_listens_on_loopback_only(secured_assistant):
    addresses = listening_addresses(secured_assistant.action_port)
    # 0100007F is 127.0.0.1 in /proc's little-endian hex.
    assert addresses == {"0100007F"}, addresses


@pytest.mark.parametrize(
    "payload",
    [
        {"next_action": "action_answer_topic", "sender_id": "SECRET-{m}", "tracker": "not a tracker", "domain": {}},
        {
            "next_action": "action_answer_topic",
            "sender_id": "SECRET-{m}",
            "tracker": {"sender_id": "SECRET-{m}", "slots": 5, "latest_message": {"text": "SECRET-{m}"}},
            "domain": {},
        },
        {"next_action": "action_help", "sender_id": "SECRET-{m}", "tracker": None, "domain": "SECRET-{m}"},
        {"next_action": ["SECRET-{m}"], "tracker": {"sender_id": "SECRET-{m}"}},
    ],
    ids=["tracker-string", "slots-number", "tracker-null", "action-list"],
)
def test_action_server_errors_never_echo_the_tracker(secured_assistant, payload):
    marker = uuid.uuid4().hex
    text = str(payload).replace("{m}", marker).replace("'", '"').replace("None", "null")
    response = requests.post(
        f"http://127.0.0.1:{secured_assistant.action_port}/webhook",
        data=text.encode(),
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert 400 <= response.status_code < 600, response.status_code
    assert marker not in response.text, response.text[:500]
    assert "Traceback" not in response.text


def test_make_run_refuses_the_api_without_authentication():
    env = dict(
        os.environ, RASA_API="true", RASA_JWT_SECRET="", RASA_AUTH_TOKEN="", RASA_PORT="1", ACTION_SERVER_PORT="1"
    )
    result = subprocess.run(
        [str(ROOT / "tools" / "serve.sh")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "needs RASA_JWT_SECRET or RASA_AUTH_TOKEN" in result.stderr


# ------------------------------------------- what a message can and cannot change

NATO_ANSWER = {"en": "As a NATO member state", "et": "NATO liikmesriigina"}


def language_slot(assistant, api_secrets, sender: str):
    """The conversation's `language` slot, read from the tracker (Rasa's HTTP API)."""
    response = tracker(assistant, sender, params={"token": api_secrets["token"]})
    assert response.status_code == 200, response.status_code
    return response.json()["slots"].get("language")


@pytest.mark.parametrize("value", ["xx", "en"])
def test_an_entity_typed_in_an_intent_message_does_not_set_the_language(secured_assistant, api_secrets, value):
    """`/ask_nato{"language": ...}` typed by a user: the entity has no role, and the slot takes only
    the language detector's (domain.yml), so the Estonian conversation stays Estonian. Observed
    on the tracker and in the reply to that very message; a follow-up would be detected anew."""
    sender = f"inject-{uuid.uuid4().hex}"
    assert NATO_ANSWER["et"] in "\n".join(secured_assistant.say(sender, "Kas Eesti on NATO liige?"))
    assert language_slot(secured_assistant, api_secrets, sender) == "et"
    reply = "\n".join(secured_assistant.say(sender, f'/ask_nato{{"language": "{value}"}}'))
    assert language_slot(secured_assistant, api_secrets, sender) == "et"
    assert NATO_ANSWER["et"] in reply and NATO_ANSWER["en"] not in reply, reply


def test_odd_senders_in_different_languages_keep_their_own_conversations(secured_assistant):
    """Unicode, emoji, quote and path-like sender ids, and 128 characters: each conversation
    keeps its own language. Neighbours speak different languages, and every conversation is
    started before any is continued, so an answer from another sender's conversation shows."""
    senders = {
        "Ülle-Õnne 🙂": "et",
        "مستخدم": "en",
        "x" * 128: "et",
        "x" * 127: "en",
        "a'b\"c;--": "et",
        "../../etc": "en",
        "Mari": "et",
        "mari": "en",
    }
    question = {"en": "Is Estonia a member of NATO?", "et": "Kas Eesti on NATO liige?"}
    for sender, language in senders.items():
        first = "\n".join(secured_assistant.say(sender, question[language]))
        assert NATO_ANSWER[language] in first, (sender, first)
    for sender, language in senders.items():
        # A language-neutral message is answered in the language of the sender's own conversation.
        reply = "\n".join(secured_assistant.say(sender, "NATO?"))
        other = "en" if language == "et" else "et"
        assert NATO_ANSWER[language] in reply and NATO_ANSWER[other] not in reply, (sender, language, reply)
