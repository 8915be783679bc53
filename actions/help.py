"""Says what the assistant can answer: on request, and when it cannot answer.

The topic list comes from the knowledge file, so a new topic shows up here
without a code change.
"""

from typing import Dict, List, Text

from rasa_sdk import Tracker

from actions.base import KnowledgeAction, entity_values, latest_intent
from actions.facts import Facts
from actions.knowledge import LANGUAGES, Topic


def topic_menu(facts: Facts, language: str) -> str:
    intro = facts.phrases.say("topics_intro", language, **facts.values(language))
    titles = [f"- {t.title[language]}" for t in facts.knowledge.topics if t.id != "overview"]
    return "\n".join([intro] + titles)


def topic_button(topic: Topic, language: str) -> Dict[Text, Text]:
    """A quick reply asking for the topic, titled as a question; the payload is the topic's
    first intent, entity-free, which works in every channel."""
    return {"title": topic.button_title[language], "payload": f"/{topic.intents[0]}"}


def topic_buttons(facts: Facts, language: str) -> List[Dict[Text, Text]]:
    """One quick reply per topic."""
    return [topic_button(t, language) for t in facts.knowledge.topics if t.id not in ("overview", "source")]


class ActionHelp(KnowledgeAction):
    def name(self) -> Text:
        return "action_help"

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        return [topic_menu(facts, language)]

    def buttons(self, facts: Facts, tracker: Tracker, language: str) -> List[Dict[Text, Text]]:
        return topic_buttons(facts, language)


# Intent -> the phrase that says why there is no answer; anything else was not understood.
REASONS = {"out_of_scope": "out_of_scope", "ask_sensitive": "sensitive"}
# The input problem components/input_guard.py notes for a message in a script none of the
# assistant's languages is written in (Cyrillic, for now).
OTHER_SCRIPT = "other_script"


def short_offer(facts: Facts, reason: str, language: str) -> str:
    """At most three short lines: why there is no answer, where to ask the rest, and the
    line the topic buttons follow (the topics are buttons, not a list of text)."""
    channel = facts.official_channel(language)
    return f"{reason}\n{channel}\n\n{facts.phrases.text('topics_offer', language)}"


def languages_spoken(facts: Facts) -> str:
    """One line, in every language the assistant speaks, saying which languages those are."""
    return " / ".join(facts.phrases.text("languages_spoken", lang) for lang in LANGUAGES)


class ActionCannotAnswer(KnowledgeAction):
    """Out of scope, sensitive, not understood, empty, too long or in another language: say so
    briefly, where to ask the rest (the ministry's public channel), and offer the topics."""

    def name(self) -> Text:
        return "action_cannot_answer"

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        intent = latest_intent(tracker)
        problem = entity_values(tracker, "input_problem")
        if "too_long" in problem:
            return [facts.phrases.text("message_too_long", language)]
        if OTHER_SCRIPT in problem:
            return [languages_spoken(facts)]
        if "empty" in problem:
            reason = "empty_message"
        else:
            reason = REASONS.get(intent, "not_understood")
        return [short_offer(facts, facts.phrases.text(reason, language), language)]

    def buttons(self, facts: Facts, tracker: Tracker, language: str) -> List[Dict[Text, Text]]:
        if {"too_long", OTHER_SCRIPT} & set(entity_values(tracker, "input_problem")):
            return []
        return topic_buttons(facts, language)
