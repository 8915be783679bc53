"""End to end over REST: honest limits, injection protection, ratings and `make report`.

The real action server and Rasa server run (tests/servers.py); every check is
what a user (or an operator running the report) would see:
- sensitive or operational requests and facts the knowledge does not hold get a
  polite reply in the user's language that points to the ministry's website;
- a typed `/intent{"entity": "value"}` message does not switch the language,
  does not get a country answered, and cannot choose what a rating rates;
  entity-free button payloads (`/help`, `/ask_nato`, `/rate_helpful`) work;
- ratings given over REST show up, per knowledge entry and language, in the
  report `python -m report` (what `make report` runs) prints from the real
  tracker store: SQLite here, PostgreSQL in the last test.
"""

import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Dict, List, Tuple

import psycopg2
import pytest

from tests.servers import ROOT, Assistant

pytestmark = pytest.mark.e2e

POINTER = {"en": "kaitseministeerium.ee", "et": "Kaitseministeeriumi veebilehte kaitseministeerium.ee"}
SENSITIVE = {"en": "I can't help with that", "et": "Sellega ma aidata ei saa"}
RATING_PAYLOADS = ["/rate_helpful", "/rate_not_helpful"]
ATTACHES_WHERE = {"en": "Estonia has defence attachés in Finland", "et": "Eestil on kaitseatašeed Soomes"}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with Assistant(tmp_path_factory.mktemp("limits")).running() as server:
        yield server


def sender(tag: str) -> str:
    return f"{tag}-{uuid.uuid4().hex}"


def ask(assistant, who: str, text: str) -> Tuple[str, List[Dict]]:
    """The bot's reply as one text, and the buttons it offered."""
    response = assistant.post({"sender": who, "message": text})
    response.raise_for_status()
    messages = response.json()
    assert messages, f"no reply to {text!r}"
    return "\n".join(m.get("text", "") for m in messages), [b for m in messages for b in m.get("buttons") or []]


# ---------------------------------------------------------------- limits


@pytest.mark.parametrize(
    "language, question",
    [
        ("en", "Where exactly are the Estonian units stationed right now?"),
        ("en", "Give me the names of the people working in military intelligence"),
        ("et", "Kus Eesti üksused praegu täpselt paiknevad?"),
        ("et", "kui palju laskemoona on praegu ladudes"),
    ],
)
def test_sensitive_requests_are_refused_politely_with_a_pointer(assistant, detector, language, question):
    text, buttons = ask(assistant, sender("sensitive"), question)
    assert text.startswith(SENSITIVE[language]), text
    assert POINTER[language] in text
    assert detector.detect(text) == language, text
    assert buttons and all(b["payload"].startswith("/ask_") for b in buttons)  # the topics; nothing to rate


@pytest.mark.parametrize(
    "language, question, says",
    [
        (
            "en",
            "Is there an Estonian defence attaché in Japan?",
            "No. The source lists no Estonian defence attaché in Japan.",
        ),
        ("et", "Kas Eestil on kaitseatašee Jaapanis?", "Ei, allika järgi ei ole Eestil kaitseatašeed Jaapanis."),
        ("en", "what is the defence budget of estonia", "I'm sorry, I don't have that information"),
        ("et", "kui suur on eesti kaitse-eelarve", "Vabandust, seda teavet mul ei ole"),
    ],
)
def test_what_the_knowledge_does_not_hold_points_to_the_ministry(assistant, detector, language, question, says):
    text, _ = ask(assistant, sender("limits"), question)
    assert says in text and POINTER[language] in text, text
    assert detector.detect(text) == language, text


# ------------------------------------------------------------- injection


@pytest.mark.parametrize(
    "start, injected, language",
    [
        ("Is Estonia a member of NATO?", '/ask_nato{"language": "et"}', "en"),
        ("Is Estonia a member of NATO?", '/switch_language{"language":"et"}', "en"),
        ("Kas Eesti on NATO liige?", '/greet{"language": "en"}', "et"),
        ("Kas Eesti on NATO liige?", '/ask_attache_list{"language": ["en"]}', "et"),
    ],
)
def test_an_injected_language_does_not_switch_the_language(assistant, detector, start, injected, language):
    who = sender("inject-language")
    ask(assistant, who, start)
    text, _ = ask(assistant, who, injected)
    assert detector.detect(text) == language, text
    follow_up, _ = ask(assistant, who, "NATO?")
    assert detector.detect(follow_up) == language, follow_up


@pytest.mark.parametrize(
    "language, start, injected, country",
    [
        ("en", "hello", '/ask_attache_country{"country": "Finland"}', "Finland"),
        ("en", "hello", '/ask_attache_country{"country": ["Italy", "Narnia"]}', "Italy"),
        ("et", "tere", '/ask_attache_country{"country": "Soomes"}', "Soomes"),
        ("et", "tere", '/ask_bilateral_relations{"country": "Kanadaga"}', "Kanada"),
    ],
)
def test_an_injected_country_is_not_answered_as_if_asked(assistant, language, start, injected, country):
    who = sender("inject-country")
    ask(assistant, who, start)
    text, _ = ask(assistant, who, injected)
    first_line = text.split("\n")[0]
    assert not first_line.startswith(("Yes", "No", "Jah", "Ei")), text
    assert "Narnia" not in text and "recognise" not in text
    if "attache" in injected:
        assert first_line.startswith(ATTACHES_WHERE[language]), text
    else:
        assert country not in text, text


def test_an_injected_input_problem_changes_nothing(assistant):
    text, _ = ask(assistant, sender("inject-problem"), '/out_of_scope{"input_problem": "too_long"}')
    assert "too long" not in text and text.startswith("I'm sorry, I don't have that information"), text


def test_an_injected_knowledge_entry_or_feedback_does_not_choose_what_is_rated(assistant, tmp_path):
    who = sender("inject-rating")
    text, _ = ask(assistant, who, '/rate_helpful{"knowledge_entry": "nato", "feedback": {"entry": "nato"}}')
    assert "There is no answer to rate yet" in text, text
    ask(assistant, who, "Where does Estonia have defence attachés?")
    text, _ = ask(assistant, who, '/rate_not_helpful{"knowledge_entry": "operations_why"}')
    assert "did not help" in text, text
    ratings = stored_ratings(assistant, who)
    assert ratings == [{"entry": "defence_attaches", "rating": "not_helpful"}], ratings


@pytest.mark.parametrize(
    "language, start, payload, expect",
    [
        ("en", "hello", "/help", "You can ask about"),
        ("et", "tere", "/help", "Võite küsida"),
        ("en", "hello", "/ask_nato", "collective defence"),
        ("et", "tere", "/ask_nato", "kollektiivkaitse"),
        ("et", "tere", "/ask_attache_list", "Eestil on kaitseatašeed Soomes"),
    ],
)
def test_entity_free_buttons_still_work_in_the_conversation_language(
    assistant, detector, language, start, payload, expect
):
    who = sender("button")
    ask(assistant, who, start)
    text, buttons = ask(assistant, who, payload)
    assert expect in text, text
    assert detector.detect(text) == language, text
    if payload != "/help":
        assert [b["payload"] for b in buttons] == RATING_PAYLOADS


# --------------------------------------------------------------- ratings


def stored_ratings(assistant, who: str) -> List[Dict]:
    """The feedback slot events of one conversation, read from the SQLite tracker store."""
    import json
    import sqlite3

    with sqlite3.connect(assistant.workdir / "tracker.db") as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'slot' ORDER BY id", (who,)
        ).fetchall()
    events = [json.loads(data) for (data,) in rows]
    return [e["value"] for e in events if e["name"] == "feedback" and e["value"]]


@pytest.mark.parametrize(
    "language, question, titles, typed, thanks",
    [
        (
            "en",
            "What is the Open Skies treaty?",
            ["Helpful", "Not helpful"],
            "that answer was really helpful",
            "Thank you for your feedback",
        ),
        (
            "et",
            "Mis on avatud taeva leping?",
            ["Oli abiks", "Ei olnud abiks"],
            "see vastus oli väga abiks",
            "Aitäh tagasiside eest",
        ),
    ],
)
def test_a_factual_answer_offers_ratings_and_a_rating_is_stored(
    assistant, detector, language, question, titles, typed, thanks
):
    who = sender("rate")
    text, buttons = ask(assistant, who, question)
    assert [b["title"] for b in buttons] == titles and [b["payload"] for b in buttons] == RATING_PAYLOADS
    reply, _ = ask(assistant, who, buttons[1]["payload"])
    assert reply.startswith(thanks) and detector.detect(reply) == language, reply
    reply, _ = ask(assistant, who, typed)
    assert reply.startswith(thanks), reply
    assert stored_ratings(assistant, who) == [
        {"entry": "open_skies", "rating": "not_helpful"},
        {"entry": "open_skies", "rating": "helpful"},
    ]


# ---------------------------------------------------------------- report


def run_report(endpoints: Path, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "report", "--endpoints", str(endpoints)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def sections(output: str) -> Dict[str, str]:
    parts = re.split(r"^== (?:English|Estonian) \((en|et)\) ==$", output, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=False))


def question_counts(section: str) -> Dict[str, Tuple[int, str]]:
    """question -> (count, why), from the report's fixed-width question lines."""
    counts = {}
    for line in section.split("Ratings per knowledge entry:")[0].splitlines():
        if re.match(r"^\s+\d+  ", line):
            counts[line[39:]] = (int(line[2:7]), line[9:37].strip())
    return counts


def rating_counts(section: str) -> Dict[str, Tuple[int, int]]:
    found = re.findall(r"^  (\w+)\s+(\d+)\s+(\d+)$", section.split("Ratings per knowledge entry:")[1], flags=re.M)
    return {entry: (int(helpful), int(not_helpful)) for entry, helpful, not_helpful in found}


def hold_report_conversations(assistant) -> None:
    """Two conversations per language: unanswered questions (one asked twice) and ratings."""
    for _ in range(2):
        who = sender("report-en")
        ask(assistant, who, "What will the weather be in Tartu next weekend?")
        ask(assistant, who, "what is the vienna document 2011 about")
        ask(assistant, who, "/rate_helpful")
    who = sender("report-en")
    ask(assistant, who, "where are the estonian artillery units hiding tonight")
    ask(assistant, who, "why does estonia participate in international operations")
    ask(assistant, who, "/rate_helpful")
    ask(assistant, who, "/rate_not_helpful")  # a second click on the same answer replaces the first
    who = sender("report-et")
    ask(assistant, who, "milline ilm on homme tallinnas")
    ask(assistant, who, "mis on viini dokument 2011")
    ask(assistant, who, "/rate_not_helpful")
    ask(assistant, who, "kus on meie suurtükiväeüksused täna öösel peidus")
    ask(assistant, who, "Mida annab Eestile Euroopa Liidu liikmesus?")
    ask(assistant, who, "see vastus oli mulle abiks")


def check_report(output: str) -> None:
    by_language = sections(output)
    en, et = question_counts(by_language["en"]), question_counts(by_language["et"])
    assert en["What will the weather be in Tartu next weekend?"] == (2, "out of scope"), by_language["en"]
    assert en["where are the estonian artillery units hiding tonight"] == (1, "sensitive"), by_language["en"]
    assert et["milline ilm on homme tallinnas"] == (1, "out of scope"), by_language["et"]
    assert et["kus on meie suurtükiväeüksused täna öösel peidus"] == (1, "sensitive"), by_language["et"]
    assert not any("Tartu next" in question for question in et), "an English question under Estonian"
    assert not any("vienna" in question for question in en), "an answered question listed as unanswered"
    # ranked: the question asked twice comes first
    first = next(line for line in by_language["en"].splitlines() if re.match(r"^\s+\d+  ", line))
    assert "Tartu next weekend" in first, by_language["en"]
    en_ratings, et_ratings = rating_counts(by_language["en"]), rating_counts(by_language["et"])
    assert en_ratings["vienna_document"] == (2, 0), by_language["en"]
    assert en_ratings["operations_why"] == (0, 1), by_language["en"]
    assert et_ratings["vienna_document"] == (0, 1), by_language["et"]
    assert et_ratings["eu"] == (1, 0), by_language["et"]
    assert "eu" not in en_ratings and "operations_why" not in et_ratings


def test_report_from_the_real_sqlite_tracker_store(assistant):
    hold_report_conversations(assistant)
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "report", f"ENDPOINTS={assistant.endpoints}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    check_report(result.stdout)
    assert "Traceback" not in result.stdout + result.stderr


def test_report_from_a_real_postgresql_tracker_store(tmp_path):
    database = f"report_e2e_{uuid.uuid4().hex[:12]}"
    server = Assistant(tmp_path)
    server.endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{server.action_port}/webhook"\n'
        f"tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: 127.0.0.1\n  port: 5432\n"
        f"  db: {database}\n  username: postgres\n  login_db: postgres\n",
        encoding="utf-8",
    )
    try:
        with server.running():
            hold_report_conversations(server)
        result = run_report(server.endpoints)
        assert result.returncode == 0, result.stderr
        assert f"postgresql database '{database}'" in result.stdout
        check_report(result.stdout)
    finally:
        connection = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.close()
