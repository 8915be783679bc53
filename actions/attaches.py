"""Answers questions about Estonia's defence attachés: is there one in X, where, how many."""

from typing import List, Text

from rasa_sdk import Tracker

from actions.base import FactAction, entity_values, latest_intent, typed_text
from actions.facts import Facts


class ActionAnswerAttache(FactAction):
    topic_id = "defence_attaches"

    def name(self) -> Text:
        return "action_answer_attache"

    def facts_text(self, facts: Facts, tracker: Tracker, language: str) -> str:
        intent = latest_intent(tracker)
        values = facts.values(language)
        if intent == "ask_attache_count":
            count = len(facts.knowledge.attache_country_ids)
            return facts.phrases.say("attache_count", language, count=count, countries=values["countries"])

        where = facts.phrases.say("attache_where", language, countries=values["countries"])
        if intent != "ask_attache_country":
            return where
        countries, unknown = facts.resolve_countries(
            entity_values(tracker, "country"), typed_text(tracker), language
        )
        lines: List[str] = []
        for country in countries:
            has_attache = country.id in facts.knowledge.attache_country_ids
            phrase = "attache_yes" if has_attache else "attache_no"
            lines.append(facts.phrases.say(phrase, language, **facts.country_words(country, language)))
        for text in unknown:
            lines.append(facts.phrases.say("unknown_country", language, text=text))
        if not countries or unknown or any(c.id not in facts.knowledge.attache_country_ids for c in countries):
            lines += [where, facts.official_channel(language)]
        return "\n".join(lines)
