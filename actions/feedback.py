"""Stores the user's rating (helpful / not helpful) of the last factual answer.

The rating goes into the tracker as a `feedback` slot event that names the
knowledge entry rated (the `knowledge_entry` slot, set by every answering
action), so `make report` can count ratings per entry. With no answer to
rate, nothing is stored and the user is told so.
"""

from typing import Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.base import KnowledgeAction, latest_intent
from actions.facts import Facts
from common.names import ACTION_RECORD_RATING, FEEDBACK_SLOT, HELPFUL, KNOWLEDGE_ENTRY_SLOT, RATINGS


def rated_entry(tracker: Tracker) -> Optional[str]:
    entry = tracker.get_slot(KNOWLEDGE_ENTRY_SLOT)
    return entry if isinstance(entry, str) and entry else None


class ActionRecordRating(KnowledgeAction):
    def name(self) -> Text:
        return ACTION_RECORD_RATING

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        rating = RATINGS.get(latest_intent(tracker) or "")
        if not rated_entry(tracker) or not rating:
            return [facts.phrases.text("rating_nothing_to_rate", language)]
        if rating == HELPFUL:
            return [facts.phrases.text("rating_thanks_helpful", language)]
        channel = facts.knowledge.source.official_channel[language]
        return [facts.phrases.say("rating_thanks_not_helpful", language, channel=channel)]

    def knowledge_entry(self, facts: Facts, tracker: Tracker) -> Optional[str]:
        """The rated answer stays the last answer: rating it again replaces the rating."""
        return rated_entry(tracker)

    def extra_events(self, facts: Facts, tracker: Tracker) -> List[Dict]:
        entry, rating = rated_entry(tracker), RATINGS.get(latest_intent(tracker) or "")
        value = {"entry": entry, "rating": rating} if entry and rating else None
        return [SlotSet(FEEDBACK_SLOT, value)]
