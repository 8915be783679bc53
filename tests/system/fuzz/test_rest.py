"""Generated input to the REST webhook (/webhooks/rest/webhook) of the running assistant.

Whatever the body and its Content-Type, the answer is HTTP 200 with a list of
replies, or a 4xx with a short JSON error; never a 5xx, a dropped connection
or a traceback in a server's log.
"""

import json
import re
import uuid

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from tests.system.fuzz.conftest import examples
from tests.system.fuzz.strategies import (
    CONTENT_TYPES,
    deep_json_text,
    field_values,
    intent_injection,
    mutations_of,
    odd_text,
    raw_bodies,
    to_json,
)

pytestmark = pytest.mark.e2e


def post(assistant, body: bytes, content_type: str = "application/json", path: str = "webhook") -> requests.Response:
    headers = {"Content-Type": content_type} if content_type else {}
    return requests.post(f"{assistant.url}/webhooks/rest/{path}", data=body, headers=headers, timeout=120)


def assert_handled(response: requests.Response) -> None:
    assert response.status_code < 500, f"HTTP {response.status_code}: {response.text[:500]}"
    if response.status_code == 200:
        assert isinstance(response.json(), list)
    else:
        assert response.json()["error"] == "invalid_request"


# Rasa's own commands, which a user may type: /restart and /back undo the conversation,
# /session_start begins a new session; Rasa obeys them without a reply (README, Known limits).
RASA_COMMAND = re.compile(r"^/(restart|back|session_start)([{@]|$)")


SENDER = "fuzz-sender"
VALID_REQUEST = {"sender": SENDER, "message": "Is there an attaché in Finland?", "metadata": {"language": "en"}}


@examples(120)
@given(request=mutations_of(VALID_REQUEST))
def test_every_field_of_a_request_can_be_wrong(assistant, log_watch, request):
    # Each example its own conversation: no example's state carries into the next.
    body = to_json(request).replace(f'"{SENDER}"'.encode(), f'"fuzz-{uuid.uuid4().hex}"'.encode())
    response = post(assistant, body)
    assert_handled(response)
    log_watch.assert_no_crash(json.dumps(request)[:300])


@examples(80)
@given(
    message=st.one_of(odd_text(), intent_injection(), field_values().filter(lambda v: isinstance(v, str))),
    language=st.sampled_from([None, "en", "et", "xx", ""]),
)
def test_odd_text_gets_a_reply(assistant, log_watch, message, language):
    """Odd but well-formed messages (any Unicode text, `/intent{...}`, markup) are answered."""
    request = {"sender": f"fuzz-{uuid.uuid4().hex}", "message": message}
    if language is not None:
        request["metadata"] = {"language": language}
    response = post(assistant, to_json(request))
    if any("\ud800" <= c <= "\udfff" for c in message):
        assert response.status_code == 400, response.text[:300]
    else:
        assert response.status_code == 200, response.text[:300]
        assert response.json() or RASA_COMMAND.match(message.strip()), f"no reply to {message!r}"
    log_watch.assert_no_crash(repr(message)[:300])


@examples(60)
@given(
    body=raw_bodies(), content_type=st.sampled_from(CONTENT_TYPES), path=st.sampled_from(["webhook", "webhook/"])
)  # Rasa routes both to the same handler
def test_any_body_with_any_content_type(assistant, log_watch, body, content_type, path):
    assert_handled(post(assistant, body, content_type, path))
    log_watch.assert_no_crash(repr(body)[:300])


@examples(30)
@given(body=deep_json_text(), content_type=st.sampled_from(CONTENT_TYPES))
def test_deeply_nested_json_gets_a_400(assistant, log_watch, body, content_type):
    response = post(assistant, body.encode(), content_type)
    assert response.status_code == 400, response.text[:300]
    assert "nested" in response.json()["detail"]
    log_watch.assert_no_crash(body[:100])
