"""Answers questions about the spheres of cooperation with strategic partners."""

from typing import Text

from rasa_sdk import Tracker

from actions.base import FactAction, entity_values
from actions.facts import Facts


class ActionAnswerSpheres(FactAction):
    def name(self) -> Text:
        return "action_answer_spheres"

    def facts_text(self, facts: Facts, tracker: Tracker, language: str) -> str:
        spheres = {s.id: s for s in facts.knowledge.spheres}
        lines = []
        for typed in entity_values(tracker, "sphere"):
            sphere_id = facts.spheres.match(typed)
            if sphere_id:
                lines.append(facts.phrases.say("sphere_yes", language, sphere=spheres[sphere_id].name[language]))
            else:
                lines.append(facts.phrases.say("sphere_no", language, text=typed))
        lines.append(facts.answer("cooperation_spheres", language))
        return "\n".join(lines)
