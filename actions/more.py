"""Answers "tell me more" / "räägi lähemalt": the next level of detail on the topic just answered.

The detail is the topic's `more` text in knowledge.yml, from the source page.
When the source holds no more (or it was just said), the assistant says so
honestly and offers the related topics as buttons instead of inventing detail.
"""

from typing import Dict, List, Optional, Text

from rasa_sdk import Tracker

from actions.base import KnowledgeAction, with_source
from actions.facts import Facts
from actions.help import topic_button, topic_buttons
from actions.knowledge import Topic
from actions.ratings import rating_buttons
from actions.topics import answered_topic
from common.names import ACTION_TELL_MORE


class ActionTellMore(KnowledgeAction):
    def name(self) -> Text:
        return ACTION_TELL_MORE

    def more_told(self, tracker: Tracker) -> bool:
        """Whether the assistant's last action (action_listen aside) was this one: the detail has
        been given. (A new session starts with action_session_start, so an earlier session's
        last action does not count.)"""
        return tracker.last_executed_action_has(self.name())

    def detail(self, facts: Facts, tracker: Tracker) -> Optional[Topic]:
        """The topic whose `more` text is to be said now, if any."""
        topic = answered_topic(facts, tracker)
        return topic if topic and topic.more and not self.more_told(tracker) else None

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        topic = answered_topic(facts, tracker)
        if topic is None:
            return [facts.phrases.text("more_without_topic", language)]
        detail = self.detail(facts, tracker)
        if detail and detail.more:
            body = detail.more[language].format(**facts.values(language))
            return [with_source(facts, tracker, body, language)]
        none = facts.phrases.say("more_none", language, topic=topic.title[language])
        return [f"{none}\n\n{facts.phrases.text('more_related', language)}"]

    def buttons(self, facts: Facts, tracker: Tracker, language: str) -> List[Dict[Text, Text]]:
        topic = answered_topic(facts, tracker)
        if topic is None or (not topic.related and not self.detail(facts, tracker)):
            return topic_buttons(facts, language)
        related = [topic_button(facts.knowledge.topic(t), language) for t in topic.related]
        # The detail is a factual answer: it can be rated like any other.
        return related + rating_buttons(facts, language) if self.detail(facts, tracker) else related

    def knowledge_entry(self, facts: Facts, tracker: Tracker) -> Optional[str]:
        topic = answered_topic(facts, tracker)
        return topic.id if topic else None
