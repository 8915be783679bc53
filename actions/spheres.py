"""Answers questions about the spheres of cooperation with strategic partners."""

from typing import Text

from rasa_sdk import Tracker

from actions.base import FactAction, tagged_entities, typed_text
from actions.facts import Facts
from common.names import ACTION_ANSWER_SPHERES, SPHERE_ENTITY


class ActionAnswerSpheres(FactAction):
    topic_id = "cooperation_spheres"

    def name(self) -> Text:
        return ACTION_ANSWER_SPHERES

    def facts_text(self, facts: Facts, tracker: Tracker, language: str) -> str:
        spheres = {s.id: s for s in facts.knowledge.spheres}
        listed, unlisted = facts.resolve_spheres(tagged_entities(tracker, SPHERE_ENTITY), typed_text(tracker), language)
        lines = [facts.phrases.say("sphere_no", language, text=text) for text in unlisted]
        if listed:
            names = facts.phrases.join((spheres[i].name[language] for i in listed), language)
            lines.insert(0, facts.phrases.say("sphere_yes", language, sphere=names))
        lines.append(facts.answer("cooperation_spheres", language))
        return "\n".join(lines)
