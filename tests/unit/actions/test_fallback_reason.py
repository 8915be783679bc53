"""The reason for a forced fallback reaches the actions explicitly (`fallback_reason` in the
latest message), and no action reads it from the intent's confidence."""

import asyncio
from typing import Dict, List, Tuple

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.base import fallback_reason
from actions.clarify import ActionClarify, likely_intents
from actions.help import topic_buttons
from actions.live import get_facts
from common.names import FALLBACK_CONFIDENCE, FALLBACK_REASONS, NLU_FALLBACK
from languages import LANGUAGES

FACTS = get_facts()
LANGS = LANGUAGES
# A ranking beneath nlu_fallback with two readings worth offering.
RANKING = [(NLU_FALLBACK, 0.45), ("ask_nato", 0.3), ("ask_eu", 0.2)]


def clarified(tracker) -> Tuple[List[str], List[Dict]]:
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionClarify().run(dispatcher, tracker, {}))
    return [m["text"] for m in dispatcher.messages], dispatcher.messages[-1].get("buttons") or []


@pytest.mark.parametrize("reason", FALLBACK_REASONS)
def test_the_reason_is_read_from_the_latest_message(make_tracker, reason):
    assert fallback_reason(make_tracker("en", NLU_FALLBACK, "x", fallback_reason=reason)) == reason


@pytest.mark.parametrize("value", [None, "", "because", 1, ["too_long"], {"reason": "empty"}])
def test_anything_else_is_no_reason(make_tracker, value):
    tracker = make_tracker("en", NLU_FALLBACK, "x")
    tracker.latest_message["fallback_reason"] = value
    assert fallback_reason(tracker) is None


@pytest.mark.parametrize("language", LANGS)
def test_full_confidence_alone_is_no_sure_miss(make_tracker, language):
    """Rasa may give nlu_fallback any confidence; only the reason makes the ranking meaningless."""
    tracker = make_tracker(
        language, NLU_FALLBACK, "nato or eu", ranking=[(NLU_FALLBACK, 1.0)] + RANKING, confidence=FALLBACK_CONFIDENCE
    )
    assert likely_intents(tracker) == ["ask_nato", "ask_eu"]
    texts, buttons = clarified(tracker)
    assert texts == [FACTS.phrases.text("clarify", language)]
    assert [b["payload"] for b in buttons] == ["/ask_nato", "/ask_eu", "/help"]


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize("reason", FALLBACK_REASONS)
def test_a_forced_fallback_offers_no_guesses_whatever_its_confidence(make_tracker, language, reason):
    """With a reason (here without the input guard's entity, which says more), the reply is
    "not understood" and the topics, however likely the ranking looks."""
    tracker = make_tracker(language, NLU_FALLBACK, "qwpoeiru", ranking=RANKING, confidence=0.45, fallback_reason=reason)
    assert likely_intents(tracker) == []
    texts, buttons = clarified(tracker)
    assert texts[0].startswith(FACTS.phrases.text("not_understood", language))
    assert buttons == topic_buttons(FACTS, language)
