"""Fixtures shared by the test modules."""

from typing import Any, Dict, Optional, Sequence, Tuple, Union

import pytest
from rasa_sdk import Tracker

from components.language_detector import LanguageDetector


@pytest.fixture(scope="session")
def detector():
    """The NLU's language detector, to check which language an answer is in."""
    return LanguageDetector(LanguageDetector.get_default_config())


# ------------------------------------------------------ rasa_sdk trackers

Entity = Union[Tuple[str, str], Tuple[str, str, Optional[str]]]


def build_tracker(
    language: Optional[str] = None,
    intent: Optional[str] = None,
    text: str = "",
    entities: Sequence[Entity] = (),
    slots: Optional[Dict[str, Any]] = None,
    *,
    ranking: Sequence[Tuple[str, float]] = (),
    confidence: float = 1.0,
    events: Sequence[Dict[str, Any]] = (),
    fallback_reason: Optional[str] = None,
    sender_id: str = "test-user",
) -> Tracker:
    """A rasa_sdk Tracker as the action server receives it after the user's latest message.

    `language` fills the `language` slot (None leaves the slot out); `slots` are set
    besides it and may override it. `entities` are (entity, value) or (entity, value,
    extractor); `ranking` is the NLU's (intent, confidence) ranking; `events` the
    conversation so far; `fallback_reason` why a component forced `nlu_fallback`
    (common/names.py FALLBACK_REASONS), as the parse data carries it."""
    filled = {} if language is None else {"language": language}
    filled.update(slots or {})
    message: Dict[str, Any] = {"fallback_reason": fallback_reason} if fallback_reason else {}
    found = []
    for entity, value, *extractor in entities:
        found.append({"entity": entity, "value": value, **({"extractor": extractor[0]} if extractor else {})})
    return Tracker(
        sender_id=sender_id,
        slots=filled,
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": [{"name": name, "confidence": score} for name, score in ranking],
            "entities": found,
            **message,
        },
        events=list(events),
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


@pytest.fixture
def make_tracker():
    """The tracker builder (build_tracker): `make_tracker("et", "ask_nato", "Mis on NATO?")`."""
    return build_tracker
