"""Counts, per language, the questions left unanswered and the ratings per knowledge entry.

It follows each conversation's events as Rasa stored them:
- a user message, then the first action that answered it. A question is
  unanswered when its intent was not understood (nlu_fallback), out of scope or
  a sensitive request, or when the answer was `action_cannot_answer`; it is
  low-confidence when it was answered but NLU was less sure than
  `low_confidence`. Button payloads (`/intent`) are not questions.
- the `language` slot, as it was when the bot answered (the language the user
  was answered in);
- the `feedback` slot that action_record_rating sets: {"entry", "rating"}.
  Ratings given one after the other to the same answer count once (the last).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple

from common.names import (
    ACTION_CANNOT_ANSWER,
    ACTION_EXTRACT_SLOTS,
    ACTION_LISTEN,
    ACTION_SESSION_START,
    ASK_SENSITIVE,
    FEEDBACK_SLOT,
    LANGUAGE_SLOT,
    NLU_FALLBACK,
    OUT_OF_SCOPE,
    RATINGS,
)
from common.text import collapse_spaces
from languages import DEFAULT_LANGUAGE, LANGUAGES

# Why a question was not answered: its intent, or the action that said so.
UNANSWERED_INTENTS = {NLU_FALLBACK: "not understood", OUT_OF_SCOPE: "out of scope", ASK_SENSITIVE: "sensitive"}
NOT_ANSWERS = {ACTION_LISTEN, ACTION_EXTRACT_SLOTS, ACTION_SESSION_START}


@dataclass
class LanguageReport:
    # (normalised question, why) -> count; and the first way each was written
    unanswered: Counter = field(default_factory=Counter)
    written: Dict[str, str] = field(default_factory=dict)
    # knowledge entry -> Counter of ratings ("helpful", "not_helpful")
    ratings: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def top_questions(self, limit: int) -> List[Tuple[int, str, str]]:
        """(count, why, question as first written), most frequent first."""
        ranked = sorted(self.unanswered.items(), key=lambda item: (-item[1], item[0]))
        return [(count, why, self.written[key]) for (key, why), count in ranked[:limit]]


@dataclass
class Report:
    languages: Dict[str, LanguageReport]
    conversations: int = 0
    questions: int = 0


@dataclass
class _Conversation:
    language: Optional[str] = None
    turn: int = 0
    pending: Optional[Dict[str, Any]] = None  # the user message waiting for its answer
    ratings: Dict[int, Tuple[str, str, str]] = field(default_factory=dict)  # turn -> (language, entry, rating)


def normalise(text: str) -> str:
    """A question as it is counted: casefolded, its spaces collapsed, without punctuation at either end."""
    return collapse_spaces(text.casefold()).strip(" ?!.,;:")


def build_report(events: Iterable[Tuple[str, Dict[str, Any]]], low_confidence: float = 0.6) -> Report:
    report = Report({language: LanguageReport() for language in LANGUAGES})
    conversations: Dict[str, _Conversation] = defaultdict(_Conversation)
    for sender, event in events:
        conversation = conversations[sender]
        kind = event.get("event")
        if kind == "user":
            _user(conversation, event)
        elif kind == "slot" and event.get("name") == LANGUAGE_SLOT and event.get("value") in LANGUAGES:
            conversation.language = event["value"]
        elif kind == "slot" and event.get("name") == FEEDBACK_SLOT and isinstance(event.get("value"), dict):
            value = event["value"]
            if value.get("entry") and value.get("rating") in RATINGS.values():
                conversation.ratings[conversation.turn] = (
                    conversation.language or DEFAULT_LANGUAGE,
                    str(value["entry"]),
                    value["rating"],
                )
        elif kind == "action" and event.get("name") not in NOT_ANSWERS and conversation.pending:
            _answered(report, conversation, event.get("name"), low_confidence)
    for conversation in conversations.values():
        for language, entry, rating in conversation.ratings.values():
            report.languages[language].ratings[entry][rating] += 1
    report.conversations = sum(1 for c in conversations.values() if c.turn)
    return report


def _user(conversation: _Conversation, event: Dict[str, Any]) -> None:
    parse = event.get("parse_data") or {}
    intent = (parse.get("intent") or {}).get("name")
    if intent not in RATINGS:
        conversation.turn += 1
    text = (event.get("text") or "").strip()
    if not text or text.startswith("/"):
        conversation.pending = None
        return
    confidence = (parse.get("intent") or {}).get("confidence")
    conversation.pending = {
        "text": text,
        "intent": intent,
        "confidence": confidence if isinstance(confidence, (int, float)) else 1.0,
    }


def _answered(report: Report, conversation: _Conversation, action: Optional[str], low_confidence: float) -> None:
    question, conversation.pending = conversation.pending, None
    if question is None:  # called only while a question waits for its answer
        return
    report.questions += 1
    intent = question["intent"]
    if intent in UNANSWERED_INTENTS:
        why = UNANSWERED_INTENTS[intent]
    elif action == ACTION_CANNOT_ANSWER:
        why = "cannot answer"
    elif question["confidence"] < low_confidence:
        why = f"low confidence: {intent}"
    else:
        return
    language = report.languages[conversation.language or DEFAULT_LANGUAGE]
    key = normalise(question["text"])
    language.written.setdefault(key, question["text"])
    language.unanswered[(key, why)] += 1
