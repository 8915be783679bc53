"""Answers questions about bilateral defence relations: how many partners, where, with X."""

from typing import List, Text

from rasa_sdk import Tracker

from actions.base import FactAction, asked_countries
from actions.facts import Facts
from actions.knowledge import Country
from common.names import ACTION_ANSWER_BILATERAL


def relations_with_countries(facts: Facts, countries: List[Country], unknown: List[str], language: str) -> str:
    """What the source says about relations in general, then about each country asked about:
    when a country is named, first that the page names none of the partner countries."""
    lines = [facts.answer("bilateral_relations", language)]
    gap = facts.unstated_text("bilateral_relations", "countries", language)
    if (countries or unknown) and gap:
        lines.insert(0, f"{gap} {facts.phrases.text('unstated_but', language)}")
    for country in countries:
        words = facts.country_words(country, language)
        lines.append(facts.phrases.say("bilateral_country", language, **words))
        if country.id in facts.knowledge.attache_country_ids:
            lines.append(facts.phrases.say("bilateral_country_attache", language, **words))
    lines += [facts.phrases.say("unknown_country", language, text=text) for text in unknown]
    if countries or unknown:  # the source cannot confirm these: say where to ask
        lines.append(facts.official_channel(language))
    return "\n".join(lines)


class ActionAnswerBilateral(FactAction):
    topic_id = "bilateral_relations"

    def name(self) -> Text:
        return ACTION_ANSWER_BILATERAL

    def facts_text(self, facts: Facts, tracker: Tracker, language: str) -> str:
        return relations_with_countries(facts, *asked_countries(facts, tracker, language), language)

    def unstated(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        """As for any topic, but the partner countries' sentence once: facts_text says it
        when a country is named."""
        gaps = super().unstated(facts, tracker, language)
        countries, unknown = asked_countries(facts, tracker, language)
        gap = facts.unstated_text("bilateral_relations", "countries", language)
        return [g for g in gaps if g != gap] if countries or unknown else gaps
