"""After the fuzz (this module runs last in tests/system/fuzz): the assistant still answers
normal questions in every language, both servers are alive, and the stored
events are intact, those of the conversation held alongside the fuzz above all.
"""

import json
import sqlite3
import uuid

import pytest

pytestmark = pytest.mark.e2e

QUESTIONS = {
    "en": ("Is there an Estonian defence attaché in Finland?", "Yes"),
    "et": ("Kas Eestil on kaitseatašee Soomes?", "Jah"),
}


@pytest.mark.parametrize("language", sorted(QUESTIONS))
def test_still_answers_in_every_language(assistant, log_watch, language, detector):
    question, first_word = QUESTIONS[language]
    replies = assistant.say(f"survivor-{uuid.uuid4().hex}", question)
    assert replies and replies[0].startswith(first_word), replies
    assert detector.detect(replies[0]) == language
    assert assistant.rasa.alive() and assistant.actions.alive()
    log_watch.assert_no_crash(question)


def stored_events(assistant, sender=None):
    database = sqlite3.connect(assistant.workdir / "tracker.db")
    try:
        query = "SELECT sender_id, type_name, data FROM events"
        rows = database.execute(
            query + (" WHERE sender_id = ? ORDER BY id" if sender else ""), (sender,) if sender else ()
        ).fetchall()
    finally:
        database.close()
    return rows


def test_every_stored_event_is_readable_json_of_its_type(assistant):
    rows = stored_events(assistant)
    assert rows
    for sender, type_name, data in rows:
        event = json.loads(data)
        assert event["event"] == type_name, (sender, data[:300])


def test_the_conversation_held_alongside_the_fuzz_is_intact(assistant, bystander):
    events = [json.loads(data) for _, _, data in stored_events(assistant, bystander.sender)]
    user_texts = [e["text"] for e in events if e["event"] == "user"]
    assert user_texts == bystander.said
    # Each question is followed by the bot's replies as the user got them, in order.
    turns, current = [], None
    for event in events:
        if event["event"] == "user":
            current = []
            turns.append(current)
        elif event["event"] == "bot" and current is not None and event.get("text"):
            current.append(event["text"])
    assert turns == [[text for text in turn if text] for turn in bystander.replies]
    assert all(turn for turn in turns)
