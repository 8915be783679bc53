"""Mattermost through the real Rasa server: outgoing-webhook posts and button integrations,
replies at a fake REST API v4."""

import time

import pytest

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


def posts(mattermost, channel, count):
    return [
        r.json
        for r in mattermost.wait_for(
            lambda r: (r.json or {}).get("channel_id") == channel and r.path == "/api/v4/posts", count=count
        )
    ]


def test_answers_in_the_language_of_the_message(assistant, platforms):
    mattermost = platforms["mattermost"]
    for language in ("en", "et"):
        channel = f"ch{new_id()}"
        response = mattermost.send_text(webhook(assistant, "mattermost"), f"u{new_id()}", channel, FINLAND[language])
        assert response.status_code == 200
        replies = [p["message"] for p in posts(mattermost, channel, 2)]
        assert says_yes_finland(replies[0], language), replies
        assert SOURCE_NOTE[language] in replies[-1]


def test_help_sends_message_buttons_and_a_click_or_a_number_picks_a_topic(assistant, platforms):
    mattermost, hook = platforms["mattermost"], webhook(assistant, "mattermost")
    user, channel = f"u{new_id()}", f"ch{new_id()}"
    mattermost.send_text(hook, user, channel, "tere")  # "abi" alone does not tell the language; the greeting does
    greeting = len(posts(mattermost, channel, 1))
    mattermost.send_text(hook, user, channel, "abi")
    menu = posts(mattermost, channel, greeting + 1)[-1]
    assert HELP_INTRO["et"] in menu["message"]
    actions = menu["props"]["attachments"][0]["actions"]
    assert all(
        a["integration"]["url"] == hook and a["integration"]["context"]["action"].startswith("/ask_") for a in actions
    ), actions

    click = mattermost.press_button(
        actions[0]["integration"]["url"], user, channel, actions[0]["integration"]["context"]
    )
    assert click.status_code == 200 and click.json() == {}
    replies = [p["message"] for p in posts(mattermost, channel, greeting + 3)][greeting:]
    assert SOURCE_NOTE["et"] in replies[-1], replies
    mattermost.send_text(hook, user, channel, "2")  # option 2 of the answer's buttons: not helpful
    replies = [p["message"] for p in posts(mattermost, channel, greeting + 4)][greeting:]
    assert RATED_NOT_HELPFUL["et"] in replies[-1], replies


def test_a_request_with_a_wrong_token_is_refused(assistant, platforms):
    mattermost, hook, channel = platforms["mattermost"], webhook(assistant, "mattermost"), f"ch{new_id()}"
    assert mattermost.send_text(hook, f"u{new_id()}", channel, FINLAND["en"], token="guess").status_code == 403
    forged_click = mattermost.press_button(hook, f"u{new_id()}", channel, {"action": "/ask_nato"})
    assert forged_click.status_code == 403
    time.sleep(1)
    assert mattermost.replies_to(channel) == []
