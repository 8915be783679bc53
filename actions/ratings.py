"""What a rating of an answer is: its intents, its quick replies and the slot that stores it.

Shared by the actions (buttons under every factual answer, actions/feedback.py
storing a rating) and by `make report` (tools/report.py), which reads the
ratings back from the tracker store.
"""

from typing import Dict, List, Text

from actions.facts import Facts

# Intent that rates the last answer -> the rating stored.
RATINGS = {"rate_helpful": "helpful", "rate_not_helpful": "not_helpful"}
# The slot a rating is stored in: {"entry": <knowledge.yml id>, "rating": "helpful" | "not_helpful"}.
FEEDBACK_SLOT = "feedback"


def rating_buttons(facts: Facts, language: str) -> List[Dict[Text, Text]]:
    """The two quick replies under a factual answer; entity-free payloads work in every channel."""
    return [{"title": facts.phrases.text(f"{intent}_button", language), "payload": f"/{intent}"} for intent in RATINGS]
