"""End to end: the reason for a forced fallback travels with the message, from the NLU to the
stored parse data and the action server, and the reply follows from it.

The real Rasa server (its trained model) and action server run (tests/servers.py). For
each message the parse data Rasa stored in the SQLite tracker store must hold the
`fallback_reason` InputGuardClassifier or UnknownWordsClassifier set, and the reply must
be the one the action server gives for that reason: never a "Did you mean…?" guess.
The unit tests follow the same path without a model (tests/unit/components/test_fallback_reason.py).
"""

import json
import sqlite3
import uuid
from typing import Dict, List, Optional, Tuple

import pytest

from actions.help import languages_spoken
from actions.live import get_facts
from common.names import EMPTY, FALLBACK_REASON, NLU_FALLBACK, OTHER_SCRIPT, TOO_LONG, UNKNOWN_WORDS
from tests.servers import Assistant

pytestmark = pytest.mark.e2e

PHRASES = get_facts().phrases


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with Assistant(tmp_path_factory.mktemp("fallback-reason")).running() as server:
        yield server


def stored_parse_data(assistant: Assistant, sender: str) -> Dict:
    """The parse data of the sender's last message, as the tracker store keeps it."""
    with sqlite3.connect(assistant.workdir / "tracker.db") as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id DESC", (sender,)
        ).fetchall()
    return json.loads(rows[0][0])["parse_data"]


def ask(assistant: Assistant, text: str) -> Tuple[List[str], Dict]:
    sender = f"reason-{uuid.uuid4().hex}"
    return assistant.say(sender, text), stored_parse_data(assistant, sender)


def starts_with_phrase(replies: List[str], phrase: str) -> bool:
    return bool(replies) and any(replies[0].startswith(PHRASES.text(phrase, lang)) for lang in ("en", "et"))


@pytest.mark.parametrize(
    "text, reason, phrase",
    [
        ("", EMPTY, "empty_message"),
        ("   \n\t ", EMPTY, "empty_message"),
        ("Is there an attaché in Finland? " * 200, TOO_LONG, "message_too_long"),
        ("asdkjh qwpoeiru zxmcnv", UNKNOWN_WORDS, "not_understood"),
    ],
    ids=["empty", "whitespace", "too-long", "not-one-known-word"],
)
def test_a_forced_fallback_is_stored_with_its_reason_and_answered_for_it(assistant, text, reason, phrase):
    replies, parse_data = ask(assistant, text)
    assert parse_data["intent"]["name"] == NLU_FALLBACK
    assert parse_data.get(FALLBACK_REASON) == reason
    assert starts_with_phrase(replies, phrase), replies


def test_another_script_is_stored_with_its_reason_and_told_the_languages(assistant):
    replies, parse_data = ask(assistant, "Έχει η Εσθονία στρατιωτικό ακόλουθο στη Φινλανδία;")
    assert parse_data["intent"]["name"] == NLU_FALLBACK and parse_data.get(FALLBACK_REASON) == OTHER_SCRIPT
    assert replies == [languages_spoken(get_facts())]


@pytest.mark.parametrize(
    "text",
    [
        "Is Estonia a member of NATO?",
        "Kas Eestil on kaitseatašee Soomes?",
        "Эстония член НАТО?",
        "/nlu_fallback",
        "/ask_nato",
    ],
)
def test_a_question_or_a_payload_has_no_reason(assistant, text):
    _, parse_data = ask(assistant, text)
    reason: Optional[str] = parse_data.get(FALLBACK_REASON)
    assert reason is None, parse_data
