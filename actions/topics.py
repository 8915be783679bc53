"""Answers a question about a topic with the topic's text from the knowledge file."""

from typing import Text

from rasa_sdk import Tracker

from actions.base import FactAction, KnowledgeAction, latest_intent
from actions.facts import Facts


class ActionAnswerTopic(FactAction):
    def name(self) -> Text:
        return "action_answer_topic"

    def facts_text(self, facts: Facts, tracker: Tracker, language: str) -> str:
        return facts.answer(self.knowledge_entry(facts, tracker), language)

    def knowledge_entry(self, facts: Facts, tracker: Tracker) -> str:
        intent = latest_intent(tracker)
        topic = facts.knowledge.topic_for_intent(intent) or facts.knowledge.topic("overview")
        return topic.id


class ActionAnswerSource(KnowledgeAction):
    """The source and its date; no source note under it, it is the source."""

    def name(self) -> Text:
        return "action_answer_source"

    def answer(self, facts: Facts, tracker: Tracker, language: str):
        return [facts.answer("source", language)]

    def knowledge_entry(self, facts: Facts, tracker: Tracker) -> str:
        return "source"
