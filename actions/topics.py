"""Answers a question about a topic with the topic's text from the knowledge file."""

from typing import List, Optional, Text

from rasa_sdk import Tracker

from actions.base import FactAction, KnowledgeAction, latest_intent
from actions.facts import Facts
from actions.knowledge import OVERVIEW_ROLE, SOURCE_ROLE, Topic
from common.names import ACTION_ANSWER_SOURCE, ACTION_ANSWER_TOPIC, KNOWLEDGE_ENTRY_SLOT


def answered_topic(facts: Facts, tracker: Tracker) -> Optional[Topic]:
    """The topic of the knowledge entry answered last, if it is one (not the source itself)."""
    entry = tracker.get_slot(KNOWLEDGE_ENTRY_SLOT)
    return next((t for t in facts.knowledge.topics if t.id == entry and t.role != SOURCE_ROLE), None)


class ActionAnswerTopic(FactAction):
    def name(self) -> Text:
        return ACTION_ANSWER_TOPIC

    def facts_text(self, facts: Facts, tracker: Tracker, language: str) -> str:
        return facts.answer(self.knowledge_entry(facts, tracker), language)

    def knowledge_entry(self, facts: Facts, tracker: Tracker) -> str:
        intent = latest_intent(tracker)
        topic = facts.knowledge.topic_for_intent(intent) or facts.knowledge.topic_with_role(OVERVIEW_ROLE)
        return topic.id


class ActionAnswerSource(KnowledgeAction):
    """The source and its date; no source note under it, it is the source.

    After an answer ("source?" as a follow-up) it names the topic of the entry
    just answered (the `knowledge_entry` slot) and keeps that entry."""

    def name(self) -> Text:
        return ACTION_ANSWER_SOURCE

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        topic = answered_topic(facts, tracker)
        if topic is None:
            return [facts.answer(facts.knowledge.topic_with_role(SOURCE_ROLE).id, language)]
        return [facts.phrases.say("source_of_answer", language, topic=topic.title[language], **facts.values(language))]

    def knowledge_entry(self, facts: Facts, tracker: Tracker) -> str:
        topic = answered_topic(facts, tracker) or facts.knowledge.topic_with_role(SOURCE_ROLE)
        return topic.id
