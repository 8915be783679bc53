"""Says what the assistant can answer: on request, and when it cannot answer.

The topic list comes from the knowledge file, so a new topic shows up here
without a code change.
"""

from typing import Dict, List, Text

from rasa_sdk import Tracker

from actions.base import KnowledgeAction, entity_values, latest_intent
from actions.facts import Facts
from actions.knowledge import Topic


def topic_menu(facts: Facts, language: str) -> str:
    intro = facts.phrases.say("topics_intro", language, **facts.values(language))
    titles = [f"- {t.title[language]}" for t in facts.knowledge.topics if t.id != "overview"]
    return "\n".join([intro] + titles)


def topic_button(topic: Topic, language: str) -> Dict[Text, Text]:
    """A quick reply asking for the topic; the payload is the topic's first intent, entity-free,
    which works in every channel."""
    return {"title": topic.title[language], "payload": f"/{topic.intents[0]}"}


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


class ActionCannotAnswer(KnowledgeAction):
    """Out of scope, sensitive, not understood, empty or too long: say so, what it can answer,
    and where to ask the rest (the ministry's public channel)."""

    def name(self) -> Text:
        return "action_cannot_answer"

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        intent = latest_intent(tracker)
        problem = entity_values(tracker, "input_problem")
        if "too_long" in problem:
            return [facts.phrases.text("message_too_long", language)]
        if "empty" in problem:
            reason = "empty_message"
        else:
            reason = REASONS.get(intent, "not_understood")
        channel = facts.official_channel(language)
        return [f"{facts.phrases.text(reason, language)}\n\n{topic_menu(facts, language)}\n\n{channel}"]
