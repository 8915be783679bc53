"""Says what the assistant can answer: on request, and when it cannot answer.

The topic list comes from the knowledge file, so a new topic shows up here
without a code change.
"""

from typing import Dict, List, Text

from rasa_sdk import Tracker

from actions.base import KnowledgeAction, entity_values, latest_intent
from actions.facts import Facts
from actions.knowledge import OVERVIEW_ROLE, SOURCE_ROLE, Topic
from common.names import (
    ACTION_CANNOT_ANSWER,
    ACTION_HELP,
    ASK_SENSITIVE,
    EMPTY,
    INPUT_PROBLEM_ENTITY,
    OTHER_SCRIPT,
    OUT_OF_SCOPE,
    TOO_LONG,
)
from languages import LANGUAGES


def topic_menu(facts: Facts, language: str) -> str:
    """The topics listed under an introduction: all but the overview, which the list sums up."""
    intro = facts.phrases.say("topics_intro", language, **facts.values(language))
    titles = [f"- {t.title[language]}" for t in facts.knowledge.topics if t.role != OVERVIEW_ROLE]
    return "\n".join([intro] + titles)


def topic_button(topic: Topic, language: str) -> Dict[Text, Text]:
    """A quick reply asking for the topic, titled as a question; the payload is the topic's
    first intent, entity-free, which works in every channel."""
    return {"title": topic.button_title[language], "payload": f"/{topic.intents[0]}"}


def topic_buttons(facts: Facts, language: str) -> List[Dict[Text, Text]]:
    """One quick reply per topic, the overview and the source aside."""
    return [topic_button(t, language) for t in facts.knowledge.topics if t.role not in (OVERVIEW_ROLE, SOURCE_ROLE)]


class ActionHelp(KnowledgeAction):
    def name(self) -> Text:
        return ACTION_HELP

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        return [topic_menu(facts, language)]

    def buttons(self, facts: Facts, tracker: Tracker, language: str) -> List[Dict[Text, Text]]:
        return topic_buttons(facts, language)


# Intent -> the phrase that says why there is no answer; anything else was not understood.
REASONS = {OUT_OF_SCOPE: "out_of_scope", ASK_SENSITIVE: "sensitive"}


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
        return ACTION_CANNOT_ANSWER

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        intent = latest_intent(tracker)
        # The input problem components/input_guard.py found (OTHER_SCRIPT: a script none of the
        # assistant's languages is written in, Cyrillic for now).
        problem = entity_values(tracker, INPUT_PROBLEM_ENTITY)
        if TOO_LONG in problem:
            return [facts.phrases.text("message_too_long", language)]
        if OTHER_SCRIPT in problem:
            return [languages_spoken(facts)]
        if EMPTY in problem:
            reason = "empty_message"
        else:
            reason = REASONS.get(intent or "", "not_understood")
        return [short_offer(facts, facts.phrases.text(reason, language), language)]

    def buttons(self, facts: Facts, tracker: Tracker, language: str) -> List[Dict[Text, Text]]:
        if {TOO_LONG, OTHER_SCRIPT} & set(entity_values(tracker, INPUT_PROBLEM_ENTITY)):
            return []
        return topic_buttons(facts, language)
