"""The default tracker store (stores/cached_sql.py) on a real SQLite file: every
event reaches the database exactly once, conversations survive a restart, and
a conversation changed but never saved is read again from the database."""

import asyncio
import json
import sqlite3

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

from stack.processes import ROOT
from stores.cached_sql import CachedSQLTrackerStore

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def run(coroutine):
    return asyncio.run(coroutine)


def store(path, **kwargs) -> CachedSQLTrackerStore:
    return CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(path), **kwargs)


def rows(path, sender: str) -> list:
    with sqlite3.connect(path) as db:
        return [r[0] for r in db.execute("SELECT type_name FROM events WHERE sender_id = ? ORDER BY id", (sender,))]


def stored_texts(path, sender: str) -> list:
    """The texts of the user messages stored for `sender`, in order, read from the events' data."""
    with sqlite3.connect(path) as db:
        query = "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id"
        return [json.loads(r[0]).get("text") for r in db.execute(query, (sender,))]


def exchange(tracker, text: str) -> None:
    """One message and its answer, as Rasa adds them to a conversation."""
    tracker.update(UserUttered(text, {"name": "ask_nato", "confidence": 0.9}))
    tracker.update(ActionExecuted("action_answer_topic"))
    tracker.update(BotUttered(f"answer to {text}"))
    tracker.update(SlotSet("knowledge_entry", "nato"))
    tracker.update(ActionExecuted("action_listen"))


def one_exchange_saved(db, text: str):
    """A store on `db` holding a conversation of one saved exchange, and that conversation."""
    memory = store(db)
    tracker = run(memory.get_or_create_tracker("visitor"))
    exchange(tracker, text)
    run(memory.save(tracker))
    return memory, tracker


def test_every_event_is_written_once_and_survives_a_restart(tmp_path):
    db = tmp_path / "tracker.db"
    first = store(db)
    tracker = run(first.get_or_create_tracker("visitor"))
    for n in range(3):
        tracker = run(first.retrieve("visitor"))
        exchange(tracker, f"question {n}")
        run(first.save(tracker))
    assert len(rows(db, "visitor")) == len(tracker.events) == 16
    restarted = run(store(db).retrieve("visitor"))
    assert [e.as_dict()["event"] for e in restarted.events] == [e.as_dict()["event"] for e in tracker.events]
    assert restarted.get_slot("knowledge_entry") == "nato"


def new_session(tracker) -> None:
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))


def test_messages_after_a_new_session_in_the_same_conversation_write_only_their_events(tmp_path):
    db = tmp_path / "tracker.db"
    memory = store(db)
    tracker = run(memory.get_or_create_tracker("visitor"))
    for text in ("first session", "second session", "still the second"):
        tracker = run(memory.retrieve("visitor"))
        if text != "still the second":
            new_session(tracker)
        exchange(tracker, text)
        run(memory.save(tracker))
        assert len(rows(db, "visitor")) == len(tracker.events), text
    # After a restart Rasa's SQL store reads the latest session only.
    latest = run(store(db).retrieve("visitor"))
    assert [e.text for e in latest.events if isinstance(e, UserUttered)] == ["second session", "still the second"]


def test_a_conversation_changed_but_never_saved_is_read_again_from_the_database(tmp_path):
    db = tmp_path / "tracker.db"
    memory, _ = one_exchange_saved(db, "saved")
    half_done = run(memory.retrieve("visitor"))
    half_done.update(UserUttered("lost", {"name": "ask_eu", "confidence": 0.9}))  # handling failed: no save
    again = run(memory.retrieve("visitor"))
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["saved"]
    exchange(again, "next")
    run(memory.save(again))
    # The message whose handling failed never reaches the database; the next one does, once.
    assert stored_texts(db, "visitor") == ["saved", "next"]
    assert len(rows(db, "visitor")) == len(again.events)


def test_conversations_beyond_the_memory_limit_are_read_from_the_database(tmp_path):
    db = tmp_path / "tracker.db"
    memory = store(db, cached_conversations=2)
    for sender in ("a", "b", "c"):
        tracker = run(memory.get_or_create_tracker(sender))
        exchange(tracker, f"from {sender}")
        run(memory.save(tracker))
    oldest = run(memory.retrieve("a"))
    exchange(oldest, "again")
    run(memory.save(oldest))
    assert len(rows(db, "a")) == len(oldest.events) == 11


@pytest.mark.parametrize("value", [0, -5, "many", None])
def test_a_bad_memory_limit_is_refused_with_the_setting_named(tmp_path, value):
    with pytest.raises(ValueError, match="cached_conversations"):
        store(tmp_path / "tracker.db", cached_conversations=value)


def test_the_sqlite_file_is_written_ahead_of_its_log(tmp_path):
    db = tmp_path / "tracker.db"
    _, tracker = one_exchange_saved(db, "question")
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(rows(db, "visitor")) == len(tracker.events)
