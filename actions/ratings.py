"""The quick replies that rate an answer, under every factual answer.

What a rating is (its intents, the values stored, the `feedback` slot) is in
common/names.py (RATINGS, FEEDBACK_SLOT): actions/feedback.py stores a rating,
and `make report` (report/) reads the ratings back from the tracker store.
"""

from typing import Dict, List, Text

from actions.facts import Facts
from common.names import RATINGS


def rating_buttons(facts: Facts, language: str) -> List[Dict[Text, Text]]:
    """The two quick replies under a factual answer; entity-free payloads work in every channel."""
    return [{"title": facts.phrases.text(f"{intent}_button", language), "payload": f"/{intent}"} for intent in RATINGS]
