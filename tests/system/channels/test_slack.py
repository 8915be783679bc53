"""Slack through the real Rasa server: signed Events API and interactivity requests, replies at a fake Web API."""

import json
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


def texts(replies):
    return [(r.json or r.form).get("text", "") for r in replies]


def conversation():
    return f"U{new_id()}", f"D{new_id()}"


def test_answers_in_the_language_of_the_message(assistant, platforms):
    slack = platforms["slack"]
    for language in ("en", "et"):
        user, channel = conversation()
        assert slack.send_text(webhook(assistant, "slack"), user, channel, FINLAND[language]).status_code == 200
        replies = texts(slack.wait_for(lambda r, channel=channel: (r.json or {}).get("channel") == channel, count=2))
        assert says_yes_finland(replies[0], language), replies
        assert SOURCE_NOTE[language] in replies[-1]


def test_help_sends_every_topic_as_a_button_and_a_click_or_a_number_picks_one(assistant, platforms):
    slack, hook = platforms["slack"], webhook(assistant, "slack")
    user, channel = conversation()
    slack.send_text(hook, user, channel, "help")
    menu = slack.wait_for(lambda r: (r.json or {}).get("channel") == channel)[-1].json
    assert HELP_INTRO["en"] in menu["blocks"][0]["text"]["text"]
    buttons = [e for block in menu["blocks"][1:] for e in block["elements"]]
    assert len(buttons) > 5 and all(b["value"].startswith("/ask_") for b in buttons), buttons
    assert "\n2. " in menu["text"]  # the numbered list, for notifications and clients without blocks

    assert slack.press_button(hook, user, channel, buttons[0]["value"]).status_code == 200
    replies = texts(slack.wait_for(lambda r: (r.json or {}).get("channel") == channel, count=3))
    assert SOURCE_NOTE["en"] in replies[-1], replies

    slack.send_text(hook, user, channel, "2")  # option 2 of the answer's buttons: not helpful
    replies = texts(slack.wait_for(lambda r: (r.json or {}).get("channel") == channel, count=4))
    assert RATED_NOT_HELPFUL["en"] in replies[-1], replies


@pytest.mark.parametrize(
    "secret, age", [("wrong-signing-secret", 0), (None, 600)], ids=["wrong-secret", "replayed-after-10-minutes"]
)
def test_a_badly_signed_request_is_refused(assistant, platforms, secret, age):
    slack = platforms["slack"]
    user, channel = conversation()
    response = slack.send_text(
        webhook(assistant, "slack"), user, channel, FINLAND["en"], secret=secret, timestamp=int(time.time()) - age
    )
    assert response.status_code == 400
    time.sleep(1)
    assert slack.replies_to(channel) == []


def test_the_request_url_check_gets_its_challenge_back(assistant, platforms):
    slack = platforms["slack"]
    body = json.dumps(
        {
            "token": "unused",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification",
        }
    ).encode()
    good = requests.post(
        webhook(assistant, "slack"), data=body, timeout=30, headers=slack.signed_headers(body, "application/json")
    )
    assert good.status_code == 200
    assert good.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}
    forged = requests.post(
        webhook(assistant, "slack"),
        data=body,
        timeout=30,
        headers=slack.signed_headers(body, "application/json", secret="wrong"),
    )
    assert forged.status_code == 400
