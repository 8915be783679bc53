"""Greets the user briefly and offers the topics as quick replies in the user's language."""

from typing import Dict, List, Text

from rasa_sdk import Tracker

from actions.base import KnowledgeAction
from actions.facts import Facts
from actions.help import topic_buttons
from common.names import ACTION_GREET


class ActionGreet(KnowledgeAction):
    def name(self) -> Text:
        return ACTION_GREET

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        return [facts.phrases.text("greeting", language)]

    def buttons(self, facts: Facts, tracker: Tracker, language: str) -> List[Dict[Text, Text]]:
        return topic_buttons(facts, language)
