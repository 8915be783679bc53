"""Asks back when NLU is unsure (nlu_fallback): "Did you mean one of these?"

The two or three likeliest questions of the intent ranking become buttons
titled in the user's language, plus "something else" (the help menu). Every
payload is entity-free ("/ask_attache_country"); a country the unclear
question named is remembered in the `pending_countries` slot, so the button
still answers for it. Input that gives no useful ranking gets the
not-understood reply instead: a fallback a component forced, which it says in
the message's `fallback_reason` (empty, too long, another script, not one known
word). A second miss in a row gets the help menu: never an answer to a question
the user did not ask.
"""

from typing import Dict, List, Optional, Text

from rasa_sdk import Tracker

from actions.base import KnowledgeAction, asked_countries, entity_values, fallback_reason, session_events
from actions.facts import Facts
from actions.help import ActionCannotAnswer, short_offer, topic_buttons
from common.names import (
    ACTION_CLARIFY,
    ASK_ATTACHE_COUNTRY,
    ASK_BILATERAL_RELATIONS,
    FOLLOW_UP_COUNTRY,
    HELP,
    INPUT_PROBLEM_ENTITY,
    KNOWLEDGE_ENTRY_SLOT,
    NLU_FALLBACK,
)

MAX_CHOICES = 3
# A candidate below this confidence is noise, not a likely reading.
MIN_CONFIDENCE = 0.05
# A follow-up naming a country ("Rootsi partner?") stands for the country questions it repeats.
COUNTRY_FOLLOW_UP = FOLLOW_UP_COUNTRY
COUNTRY_INTENTS = (ASK_ATTACHE_COUNTRY, ASK_BILATERAL_RELATIONS)


def question_title(facts: Facts, intent: str, language: str, countries) -> Optional[str]:
    """The button title for an intent: its question phrase (for the countries
    asked about, when there is one), else the title of the topic answering it."""
    if countries and f"question_{intent}_for" in facts.phrases.names():
        words = [facts.country_words(c, language) for c in countries]
        return facts.phrases.say(
            f"question_{intent}_for",
            language,
            country_in=facts.phrases.join((w["country_in"] for w in words), language),
            country_about=facts.phrases.join((w["country_about"] for w in words), language),
        )
    if f"question_{intent}" in facts.phrases.names():
        return facts.phrases.text(f"question_{intent}", language)
    topic = facts.knowledge.topic_for_intent(intent)
    return topic.button_title[language] if topic else None


def likely_intents(tracker: Tracker) -> List[str]:
    """Intents of the ranking worth offering, likeliest first; none for a fallback a component
    forced (`fallback_reason`, or an input problem): the ranking beneath it says nothing
    about what was meant."""
    if fallback_reason(tracker) or entity_values(tracker, INPUT_PROBLEM_ENTITY):
        return []
    intents: List[str] = []
    for item in tracker.latest_message.get("intent_ranking") or []:
        name, confidence = item.get("name"), item.get("confidence") or 0
        if name and name != NLU_FALLBACK and confidence >= MIN_CONFIDENCE and name not in intents:
            intents.append(name)
    return intents


def missed_before(tracker: Tracker) -> bool:
    """Whether the user's message before this one was not understood either."""
    intents = [
        ((e.get("parse_data") or {}).get("intent") or {}).get("name")
        for e in session_events(tracker)
        if e.get("event") == "user"
    ]
    return len(intents) >= 2 and intents[-2] == NLU_FALLBACK


def second_miss(tracker: Tracker) -> bool:
    """A second message in a row not understood (an input problem is reported as such instead)."""
    return missed_before(tracker) and not entity_values(tracker, INPUT_PROBLEM_ENTITY)


class ActionClarify(KnowledgeAction):
    def name(self) -> Text:
        return ACTION_CLARIFY

    def choices(self, facts: Facts, tracker: Tracker, language: str) -> List[Dict[Text, Text]]:
        if missed_before(tracker):
            return []
        countries, _ = asked_countries(facts, tracker, language)
        buttons: List[Dict[Text, Text]] = []
        for likely in likely_intents(tracker):
            for intent in COUNTRY_INTENTS if likely == COUNTRY_FOLLOW_UP and countries else (likely,):
                title = question_title(facts, intent, language, countries)
                if title and f"/{intent}" not in [b["payload"] for b in buttons]:
                    buttons.append({"title": title, "payload": f"/{intent}"})
        return buttons[:MAX_CHOICES]

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        if self.choices(facts, tracker, language):
            return [facts.phrases.text("clarify", language)]
        if second_miss(tracker):
            return [short_offer(facts, facts.phrases.text("still_not_understood", language), language)]
        return ActionCannotAnswer().answer(facts, tracker, language)

    def buttons(self, facts: Facts, tracker: Tracker, language: str) -> List[Dict[Text, Text]]:
        choices = self.choices(facts, tracker, language)
        if choices:
            return choices + [{"title": facts.phrases.text("clarify_something_else", language), "payload": f"/{HELP}"}]
        if second_miss(tracker):
            return topic_buttons(facts, language)
        return ActionCannotAnswer().buttons(facts, tracker, language)

    def knowledge_entry(self, facts: Facts, tracker: Tracker) -> Optional[str]:
        """A question back is no answer: the entry answered before stays (for "source?", follow-ups)."""
        return tracker.get_slot(KNOWLEDGE_ENTRY_SLOT)

    def pending_countries(self, facts: Facts, tracker: Tracker, language: str) -> Optional[List[str]]:
        if not self.choices(facts, tracker, language):
            return None
        return [c.id for c in asked_countries(facts, tracker, language)[0]] or None
