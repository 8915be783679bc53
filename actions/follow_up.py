"""Answers a follow-up that names only a new country ("And in Italy?", "Aga Norras?").

It asks the question answered last (the `knowledge_entry` slot) again for the
new country: is there a defence attaché there, or what about bilateral
relations with it. With no such question before, it asks which of the two the
user means, with entity-free buttons, and remembers the country for them.
"""

from typing import Dict, List, Optional, Text

from rasa_sdk import Tracker

from actions.attaches import attache_in_countries
from actions.base import KnowledgeAction, asked_countries, slot_text, with_source
from actions.bilateral import relations_with_countries
from actions.clarify import question_title
from actions.facts import Facts
from actions.ratings import rating_buttons
from common.names import ACTION_ANSWER_FOLLOW_UP, ASK_ATTACHE_COUNTRY, ASK_BILATERAL_RELATIONS, KNOWLEDGE_ENTRY_SLOT

# The knowledge entries whose question can be asked again for another country,
# with the function that answers it and the intent of the button asking it.
COUNTRY_QUESTIONS = {
    "defence_attaches": (attache_in_countries, ASK_ATTACHE_COUNTRY),
    "bilateral_relations": (relations_with_countries, ASK_BILATERAL_RELATIONS),
}


class ActionAnswerFollowUp(KnowledgeAction):
    def name(self) -> Text:
        return ACTION_ANSWER_FOLLOW_UP

    @staticmethod
    def previous(tracker: Tracker) -> Optional[str]:
        entry = slot_text(tracker, KNOWLEDGE_ENTRY_SLOT)
        return entry if entry in COUNTRY_QUESTIONS else None

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        countries, unknown = asked_countries(facts, tracker, language)
        previous = self.previous(tracker)
        if previous and (countries or unknown):
            answer_for, _ = COUNTRY_QUESTIONS[previous]
            return [with_source(facts, tracker, answer_for(facts, countries, unknown, language), language)]
        lines = [facts.phrases.say("unknown_country", language, text=text) for text in unknown]
        if countries:
            about = facts.phrases.join((facts.country_words(c, language)["country_about"] for c in countries), language)
            lines.append(facts.phrases.say("follow_up_which_question", language, country_about=about))
        else:
            lines.append(facts.phrases.text("follow_up_which_country", language))
        return ["\n".join(lines)]

    def buttons(self, facts: Facts, tracker: Tracker, language: str) -> List[Dict[Text, Text]]:
        countries = self.pending_countries(facts, tracker, language)
        if not countries:
            answered = self.previous(tracker) and any(asked_countries(facts, tracker, language))
            return rating_buttons(facts, language) if answered else []
        known = [facts.knowledge.countries[c] for c in countries]
        titled = [(question_title(facts, intent, language, known), intent) for _, intent in COUNTRY_QUESTIONS.values()]
        return [{"title": title, "payload": f"/{intent}"} for title, intent in titled if title]

    def knowledge_entry(self, facts: Facts, tracker: Tracker) -> Optional[str]:
        return tracker.get_slot(KNOWLEDGE_ENTRY_SLOT)

    def pending_countries(self, facts: Facts, tracker: Tracker, language: str) -> Optional[List[str]]:
        """The countries to ask about, when the question is not known yet."""
        if self.previous(tracker):
            return None
        return [c.id for c in asked_countries(facts, tracker, language)[0]] or None
