"""Rocket.Chat through the real Rasa server: outgoing-integration posts, replies at a fake REST API."""

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


def posted(rocketchat, room, count):
    return [r.json for r in rocketchat.wait_for(lambda r: (r.json or {}).get("roomId") == room, count=count)]


def test_answers_in_the_language_of_the_message(assistant, platforms):
    rocketchat = platforms["rocketchat"]
    for language in ("en", "et"):
        room = f"room{new_id()}"
        assert rocketchat.send_text(webhook(assistant, "rocketchat"), room, FINLAND[language]).status_code == 200
        replies = [m["text"] for m in posted(rocketchat, room, 2)]
        assert says_yes_finland(replies[0], language), replies
        assert SOURCE_NOTE[language] in replies[-1]
    assert len(rocketchat.recorded(lambda r: r.path == "/api/v1/login")) == 1  # one session, not one per message


def test_help_sends_message_actions_and_a_click_or_a_number_picks_a_topic(assistant, platforms):
    rocketchat, hook, room = platforms["rocketchat"], webhook(assistant, "rocketchat"), f"room{new_id()}"
    rocketchat.send_text(hook, room, "help")
    menu = posted(rocketchat, room, 1)[-1]
    assert HELP_INTRO["en"] in menu["text"]
    actions = menu["attachments"][0]["actions"]
    assert all(a["type"] == "button" and a["msg_in_chat_window"] and a["msg"].startswith("/ask_") for a in actions), (
        actions
    )

    rocketchat.send_text(hook, room, actions[0]["msg"])  # a click posts the action's msg in the room
    replies = [m.get("text", "") for m in posted(rocketchat, room, 3)]
    assert SOURCE_NOTE["en"] in replies[-1], replies
    rocketchat.send_text(hook, room, "2")  # option 2 of the answer's buttons: not helpful
    replies = [m.get("text", "") for m in posted(rocketchat, room, 4)]
    assert RATED_NOT_HELPFUL["en"] in replies[-1], replies


def test_a_request_with_a_wrong_token_is_refused(assistant, platforms):
    rocketchat, room = platforms["rocketchat"], f"room{new_id()}"
    assert rocketchat.send_text(webhook(assistant, "rocketchat"), room, FINLAND["en"], token="guess").status_code == 403
    time.sleep(1)
    assert rocketchat.replies_to(room) == []
