"""Messenger through the real Rasa server: signed webhook events, replies at a fake Graph Send API."""

import time

import pytest
import requests

from tests.system.channels.support import (
    FINLAND,
    HELP_INTRO,
    RATED_NOT_HELPFUL,
    SOURCE_NOTE,
    new_id,
    says_yes_finland,
    webhook,
)

pytestmark = pytest.mark.e2e


def messages(facebook, psid, count):
    return [
        r.json["message"]
        for r in facebook.wait_for(
            lambda r: (r.json or {}).get("recipient", {}).get("id") == psid and "message" in (r.json or {}), count=count
        )
    ]


def test_answers_in_the_language_of_the_message(assistant, platforms):
    facebook = platforms["facebook"]
    for language in ("en", "et"):
        psid = str(new_id())
        assert facebook.send(webhook(assistant, "facebook"), psid, {"text": FINLAND[language]}).status_code == 200
        replies = [m["text"] for m in messages(facebook, psid, 2)]
        assert says_yes_finland(replies[0], language), replies
        assert SOURCE_NOTE[language] in replies[-1]


def test_help_lists_numbered_options_and_a_quick_reply_or_a_number_picks_one(assistant, platforms):
    facebook, hook, psid = platforms["facebook"], webhook(assistant, "facebook"), str(new_id())
    facebook.send(hook, psid, {"text": "tere"})  # "abi" alone does not tell the language; the greeting does
    greeting = len(messages(facebook, psid, 1))
    facebook.send(hook, psid, {"text": "abi"})
    menu = messages(facebook, psid, greeting + 1)[-1]
    assert HELP_INTRO["et"] in menu["text"] and "\n2. " in menu["text"], menu
    quick = menu["quick_replies"]
    assert [q["title"] for q in quick[:3]] == ["1", "2", "3"] and quick[0]["payload"].startswith("/ask_"), quick

    facebook.send(hook, psid, {"text": "1", "quick_reply": {"payload": quick[0]["payload"]}})
    replies = [m["text"] for m in messages(facebook, psid, greeting + 3)][greeting:]
    assert SOURCE_NOTE["et"] in replies[-1], replies

    facebook.send(hook, psid, {"text": "2"})  # option 2 of the answer's buttons: not helpful
    replies = [m["text"] for m in messages(facebook, psid, greeting + 4)][greeting:]
    assert RATED_NOT_HELPFUL["et"] in replies[-1], replies


def test_a_request_with_a_wrong_signature_is_refused(assistant, platforms):
    facebook, psid = platforms["facebook"], str(new_id())
    response = facebook.send(webhook(assistant, "facebook"), psid, {"text": FINLAND["en"]}, secret="forged")
    assert response.status_code == 403
    unsigned = requests.post(webhook(assistant, "facebook"), json={"object": "page", "entry": []}, timeout=30)
    assert unsigned.status_code == 403
    time.sleep(1)
    assert facebook.replies_to(psid) == []


def test_webhook_verification_returns_the_challenge_only_for_the_verify_token(assistant, platforms):
    facebook, hook = platforms["facebook"], webhook(assistant, "facebook")
    good = requests.get(
        hook,
        params={"hub.mode": "subscribe", "hub.verify_token": facebook.verify_token, "hub.challenge": "1158201444"},
        timeout=30,
    )
    assert good.status_code == 200 and good.text == "1158201444"
    bad = requests.get(
        hook, params={"hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1158201444"}, timeout=30
    )
    assert bad.status_code == 403
