"""Answers questions about bilateral defence relations: how many partners, where, with X."""

from typing import Text

from rasa_sdk import Tracker

from actions.base import FactAction, entity_values, typed_text
from actions.facts import Facts


class ActionAnswerBilateral(FactAction):
    topic_id = "bilateral_relations"

    def name(self) -> Text:
        return "action_answer_bilateral"

    def facts_text(self, facts: Facts, tracker: Tracker, language: str) -> str:
        lines = [facts.answer("bilateral_relations", language)]
        countries, unknown = facts.resolve_countries(
            entity_values(tracker, "country"), typed_text(tracker), language
        )
        for country in countries:
            words = facts.country_words(country, language)
            lines.append(facts.phrases.say("bilateral_country", language, **words))
            if country.id in facts.knowledge.attache_country_ids:
                lines.append(facts.phrases.say("bilateral_country_attache", language, **words))
        lines += [facts.phrases.say("unknown_country", language, text=text) for text in unknown]
        if countries or unknown:  # the source cannot confirm these: say where to ask
            lines.append(facts.official_channel(language))
        return "\n".join(lines)
