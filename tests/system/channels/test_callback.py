"""Callback through the real Rasa server: messages over HTTP, each reply POSTed to a fake receiver."""

import pytest
import requests

from tests.system.channels.support import FINLAND, HELP_INTRO, SOURCE_NOTE, new_id, says_yes_finland, webhook

pytestmark = pytest.mark.e2e


def replies(callback, sender, count):
    return [r.json for r in callback.wait_for(lambda r: (r.json or {}).get("recipient_id") == sender, count=count)]


def send(assistant, sender, text, metadata=None):
    body = {"sender": sender, "message": text}
    if metadata is not None:
        body["metadata"] = metadata
    return requests.post(webhook(assistant, "callback"), json=body, timeout=60)


def test_answers_in_the_language_of_the_message(assistant, platforms):
    callback = platforms["callback"]
    for language in ("en", "et"):
        sender = f"cb{new_id()}"
        assert send(assistant, sender, FINLAND[language]).status_code == 200
        texts = [m["text"] for m in replies(callback, sender, 2)]  # a paragraph per message, as on REST
        assert says_yes_finland(texts[0], language) and SOURCE_NOTE[language] in texts[-1], texts


def test_metadata_language_wins(assistant, platforms):
    sender = f"cb{new_id()}"
    send(assistant, sender, FINLAND["en"], metadata={"language": "et"})
    assert says_yes_finland(replies(platforms["callback"], sender, 1)[0]["text"], "et")


def test_help_sends_buttons_and_a_number_picks_one(assistant, platforms):
    callback, sender = platforms["callback"], f"cb{new_id()}"
    send(assistant, sender, "help")
    menu = replies(callback, sender, 1)[-1]
    assert HELP_INTRO["en"] in menu["text"] and menu["buttons"][0]["payload"].startswith("/ask_"), menu
    send(assistant, sender, "2")
    answer = [m["text"] for m in replies(callback, sender, 3)[1:]]
    assert SOURCE_NOTE["en"] in answer[-1] and HELP_INTRO["en"] not in answer[0], answer


@pytest.mark.parametrize("body", [b"{not json", b'{"message": "hello"}', b'{"sender": "x", "message": 5}'])
def test_a_malformed_request_gets_400(assistant, body):
    response = requests.post(
        webhook(assistant, "callback"), data=body, timeout=30, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
