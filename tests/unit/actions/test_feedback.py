"""Ratings of factual answers and `make report`, without the servers.

- every factual answer carries the two rating quick replies (entity-free
  payloads), in the user's language; help and refusals carry none;
- action_record_rating stores {"entry", "rating"} for the last answer and
  thanks the user in their language; with nothing to rate it stores nothing;
- the report's counting (report/analysis.py) on events shaped as Rasa stores
  them, and its precise errors for bad input (python -m report).
  tests/e2e/test_limits_feedback.py runs all of it against the real servers.
"""

import asyncio
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.attaches import ActionAnswerAttache
from actions.feedback import ActionRecordRating
from actions.help import ActionCannotAnswer, ActionHelp
from actions.live import get_facts
from actions.topics import ActionAnswerTopic
from report.analysis import build_report
from tests.unit.actions.support import LANGS, assert_language

ROOT = Path(__file__).resolve().parents[3]
FACTS = get_facts()
BUTTONS = {
    "en": [("Helpful", "/rate_helpful"), ("Not helpful", "/rate_not_helpful")],
    "et": [("Oli abiks", "/rate_helpful"), ("Ei olnud abiks", "/rate_not_helpful")],
    "ru": [("Помогло", "/rate_helpful"), ("Не помогло", "/rate_not_helpful")],
}


@pytest.fixture
def run(make_tracker):
    """run(action, language, intent, text, slots) → (messages, slots set)."""

    def run(action, language, intent, text="...", slots=None):
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(language, intent, text, slots=slots, sender_id="feedback")
        events = asyncio.run(action.run(dispatcher, tracker, {}))
        return dispatcher.messages, {e["name"]: e["value"] for e in events}

    return run


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize(
    "action, intent", [(ActionAnswerTopic(), "ask_nato"), (ActionAnswerAttache(), "ask_attache_list")]
)
def test_every_factual_answer_can_be_rated(action, intent, language, run):
    messages, _ = run(action, language, intent)
    assert [(b["title"], b["payload"]) for b in messages[-1]["buttons"]] == BUTTONS[language]
    # Paragraph by paragraph, the buttons on the last one (the source note), as without buttons.
    assert len(messages) == 2 and not messages[0].get("buttons")
    assert messages[-1]["text"].startswith(FACTS.source_note(language))


@pytest.mark.parametrize(
    "action, intent", [(ActionCannotAnswer(), "out_of_scope"), (ActionCannotAnswer(), "ask_sensitive")]
)
def test_refusals_have_no_rating_buttons(action, intent, run):
    messages, _ = run(action, "en", intent)
    payloads = [b["payload"] for m in messages for b in m.get("buttons") or []]
    assert payloads and all(p.startswith("/ask_") for p in payloads)  # the topics, not the ratings


def test_help_keeps_its_topic_buttons(run):
    messages, _ = run(ActionHelp(), "et", "help")
    assert all(b["payload"].startswith("/ask_") for b in messages[-1]["buttons"])


@pytest.mark.parametrize(
    "language, intent, rating, says",
    [
        ("en", "rate_helpful", "helpful", "Thank you for your feedback! I'm glad the answer helped."),
        ("et", "rate_helpful", "helpful", "Aitäh tagasiside eest! Mul on hea meel, et vastus oli abiks."),
        ("en", "rate_not_helpful", "not_helpful", "the answer did not help"),
        ("et", "rate_not_helpful", "not_helpful", "vastus ei olnud abiks"),
        ("ru", "rate_helpful", "helpful", "Спасибо за отзыв! Хорошо, что ответ оказался полезным."),
        ("ru", "rate_not_helpful", "not_helpful", "Я учту, что ответ не помог."),
    ],
)
def test_a_rating_is_stored_with_the_entry_it_rates(language, intent, rating, says, run):
    messages, slots = run(ActionRecordRating(), language, intent, slots={"knowledge_entry": "nato"})
    assert slots == {"knowledge_entry": "nato", "feedback": {"entry": "nato", "rating": rating}}
    [message] = messages
    assert says in message["text"]
    assert_language(message["text"], language)
    if rating == "not_helpful":
        assert "kaitseministeerium.ee" in message["text"]


@pytest.mark.parametrize(
    "language, says",
    [
        ("en", "There is no answer to rate yet."),
        ("et", "Veel ei ole vastust, mida hinnata."),
        ("ru", "Пока нечего оценивать."),
    ],
)
def test_nothing_to_rate_stores_nothing(language, says, run):
    messages, slots = run(ActionRecordRating(), language, "rate_helpful", slots={"knowledge_entry": None})
    assert slots == {"knowledge_entry": None, "feedback": None}
    assert messages[0]["text"].startswith(says)


# ------------------------------------------------------------ the report


def user(text, intent, confidence=0.99):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent, "confidence": confidence}}}


def action(name):
    return {"event": "action", "name": name}


def slot(name, value):
    return {"event": "slot", "name": name, "value": value}


def conversation(sender, *events):
    return [(sender, event) for event in events]


def test_report_counts_unanswered_questions_and_ratings_per_language():
    events = (
        conversation(
            "a",
            user("What is the defence budget?", "out_of_scope"),
            slot("language", "en"),
            action("action_cannot_answer"),
            action("action_listen"),
            user("Is Estonia in NATO?", "ask_nato"),
            action("action_answer_topic"),
            slot("knowledge_entry", "nato"),
            user("/rate_not_helpful", "rate_not_helpful"),
            action("action_record_rating"),
            slot("feedback", {"entry": "nato", "rating": "not_helpful"}),
            # a second click on the same answer replaces the first
            user("/rate_helpful", "rate_helpful"),
            action("action_record_rating"),
            slot("feedback", {"entry": "nato", "rating": "helpful"}),
            user("what about the weather", "ask_eu", 0.5),
            action("action_answer_topic"),
        )
        + conversation(
            "b",
            user("what is the defence budget", "out_of_scope"),
            slot("language", "en"),
            action("action_cannot_answer"),
            user("kus väed praegu on", "ask_sensitive"),
            slot("language", "et"),
            action("action_cannot_answer"),
            user("asdf", "nlu_fallback"),
            action("action_cannot_answer"),
            user("Kas Eesti on NATO liige?", "ask_nato"),
            action("action_answer_topic"),
            user("oli abiks", "rate_helpful"),
            action("action_record_rating"),
            slot("feedback", {"entry": "nato", "rating": "helpful"}),
        )
        + conversation(
            "c",
            user("какой у эстонии оборонный бюджет?", "out_of_scope"),
            slot("language", "ru"),
            action("action_cannot_answer"),
            user("есть ли у эстонии атташе в финляндии", "ask_attache_country"),
            action("action_answer_attache"),
            slot("knowledge_entry", "defence_attaches"),
            user("/rate_not_helpful", "rate_not_helpful"),
            action("action_record_rating"),
            slot("feedback", {"entry": "defence_attaches", "rating": "not_helpful"}),
        )
    )
    report = build_report(events)
    assert report.conversations == 3
    en, et, ru = report.languages["en"], report.languages["et"], report.languages["ru"]
    assert en.top_questions(10) == [
        (2, "out of scope", "What is the defence budget?"),
        (1, "low confidence: ask_eu", "what about the weather"),
    ]
    assert et.top_questions(10) == [(1, "not understood", "asdf"), (1, "sensitive", "kus väed praegu on")]
    assert dict(en.ratings["nato"]) == {"helpful": 1}
    assert dict(et.ratings["nato"]) == {"helpful": 1}
    assert ru.top_questions(10) == [(1, "out of scope", "какой у эстонии оборонный бюджет?")]
    assert dict(ru.ratings["defence_attaches"]) == {"not_helpful": 1}
    assert "defence_attaches" not in en.ratings and "defence_attaches" not in et.ratings


def report_cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "report", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def endpoints(tmp_path, body):
    path = tmp_path / "endpoints.yml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "case, body, message",
    [
        (
            "missing sqlite file",
            'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{tmp}/none.db"\n',
            "There is no tracker store at",
        ),
        ("no tracker store", 'action_endpoint:\n  url: "http://127.0.0.1:5055/webhook"\n', "names no tracker_store"),
        ("not SQL", "tracker_store:\n  type: redis\n", "has type 'redis'"),
        ("broken YAML", "tracker_store: [type: SQL\n", "cannot be read"),
        (
            "unset variable",
            "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: ${REPORT_TEST_UNSET_HOST}\n",
            "REPORT_TEST_UNSET_HOST",
        ),
        (
            "empty sqlite file",
            'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{tmp}/empty.db"\n',
            "holds no conversations: it has no events table",
        ),
        (
            "no such database",
            "tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: 127.0.0.1\n  port: 5432\n"
            "  db: report_test_missing_db\n  username: postgres\n",
            "Cannot read the tracker store",
        ),
    ],
)
def test_report_bad_input_is_one_precise_line(tmp_path, case, body, message):
    sqlite3.connect(tmp_path / "empty.db").close()
    result = report_cli("--endpoints", str(endpoints(tmp_path, body.replace("{tmp}", str(tmp_path)))))
    assert result.returncode == 1, result
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stdout == ""


def test_report_with_an_empty_events_table_says_so(tmp_path):
    database = tmp_path / "tracker.db"
    with sqlite3.connect(database) as connection:
        connection.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, "
            "timestamp REAL, intent_name TEXT, action_name TEXT, data TEXT)"
        )
    result = report_cli(
        "--endpoints", str(endpoints(tmp_path, f'tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: "{database}"\n'))
    )
    assert result.returncode == 1 and "holds no conversations yet" in result.stderr, result


def test_report_missing_endpoints_file(tmp_path):
    result = report_cli("--endpoints", str(tmp_path / "nope.yml"))
    assert result.returncode == 1 and "nope.yml does not exist" in result.stderr, result
