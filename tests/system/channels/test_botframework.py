"""Bot Framework through the real Rasa server: activities with JWTs signed by a local key
served from fake OpenID metadata, replies at a fake Connector API."""

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


def text_of(activity):
    """An activity's text; a message with buttons is a hero card holding the text."""
    return activity.get("text") or activity["attachments"][0]["content"]["text"]


def activities(botframework, conversation, count):
    return [
        r.json for r in botframework.wait_for(lambda r: r.path.endswith(f"/{conversation}/activities"), count=count)
    ]


def test_answers_in_the_language_of_the_message(assistant, platforms):
    botframework = platforms["botframework"]
    for language in ("en", "et"):
        conversation = f"conv-{new_id()}"
        response = botframework.send(
            webhook(assistant, "botframework"), f"29:{new_id()}", conversation, FINLAND[language]
        )
        assert response.status_code == 200
        replies = [text_of(a) for a in activities(botframework, conversation, 2)]
        assert says_yes_finland(replies[0], language), replies
        assert SOURCE_NOTE[language] in replies[-1]


def test_locale_becomes_the_conversation_language(assistant, platforms):
    botframework, conversation = platforms["botframework"], f"conv-{new_id()}"
    botframework.send(webhook(assistant, "botframework"), f"29:{new_id()}", conversation, FINLAND["en"], locale="et-EE")
    replies = [a["text"] for a in activities(botframework, conversation, 2)]
    assert says_yes_finland(replies[0], "et"), replies


def test_help_sends_a_hero_card_and_a_number_picks_a_topic(assistant, platforms):
    botframework, hook = platforms["botframework"], webhook(assistant, "botframework")
    user, conversation = f"29:{new_id()}", f"conv-{new_id()}"
    botframework.send(hook, user, conversation, "help", locale="en-GB")
    card = activities(botframework, conversation, 1)[-1]["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.hero"
    assert HELP_INTRO["en"] in card["content"]["text"]
    buttons = card["content"]["buttons"]
    assert all(b["type"] == "messageBack" and b["text"].startswith("/ask_") for b in buttons), buttons

    botframework.send(hook, user, conversation, buttons[0]["text"], locale="en-GB")  # what a click sends
    replies = [text_of(a) for a in activities(botframework, conversation, 3)]
    assert SOURCE_NOTE["en"] in replies[-1], replies
    botframework.send(hook, user, conversation, "2", locale="en-GB")  # option 2 of the answer's buttons
    replies = [text_of(a) for a in activities(botframework, conversation, 4)]
    assert RATED_NOT_HELPFUL["en"] in replies[-1], replies


@pytest.mark.parametrize("token", ["forged", "other-audience", "other-service-url", "none"])
def test_an_activity_without_a_valid_token_is_refused(assistant, platforms, token):
    botframework, conversation = platforms["botframework"], f"conv-{new_id()}"
    hook = webhook(assistant, "botframework")
    if token == "none":
        response = requests.post(hook, json={"type": "message", "text": "hello"}, timeout=30)
    else:
        jwt_token = {
            "forged": lambda: botframework.token(forged=True),
            "other-audience": lambda: botframework.token(audience="another-bot"),
            "other-service-url": lambda: botframework.token(service_url="https://attacker.example"),
        }[token]()
        response = botframework.send(hook, f"29:{new_id()}", conversation, FINLAND["en"], token=jwt_token)
    assert response.status_code == 401
    time.sleep(1)
    assert botframework.replies_to(conversation) == []
