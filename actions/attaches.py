"""Answers questions about Estonia's defence attachés: is there one in X, where, how many."""

from typing import List, Text

from rasa_sdk import Tracker

from actions.base import FactAction, asked_countries, latest_intent
from actions.facts import Facts
from actions.knowledge import Country
from common.names import ACTION_ANSWER_ATTACHE, ASK_ATTACHE_COUNT, ASK_ATTACHE_COUNTRY


def attache_in_countries(
    facts: Facts, countries: List[Country], unknown: List[str], language: str, yes_no: bool = True
) -> str:
    """Yes or no per country (without the yes or no when the question was not a yes/no
    question the page answers), and where the attachés are when that helps."""
    where = facts.phrases.say("attache_where", language, countries=facts.values(language)["countries"])
    lines: List[str] = []
    for country in countries:
        has_attache = country.id in facts.knowledge.attache_country_ids
        phrase = (
            ("attache_yes" if has_attache else "attache_no")
            if yes_no
            else ("attache_has" if has_attache else "attache_has_not")
        )
        lines.append(facts.phrases.say(phrase, language, **facts.country_words(country, language)))
    for text in unknown:
        lines.append(facts.phrases.say("unknown_country", language, text=text))
    if not countries or unknown or any(c.id not in facts.knowledge.attache_country_ids for c in countries):
        lines += [where, facts.official_channel(language)]
    return "\n".join(lines)


class ActionAnswerAttache(FactAction):
    topic_id = "defence_attaches"

    def name(self) -> Text:
        return ACTION_ANSWER_ATTACHE

    def unstated(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        """No "the page does not give the attaché's name" about a country with no attaché at all."""
        gaps = super().unstated(facts, tracker, language)
        if gaps and latest_intent(tracker) == ASK_ATTACHE_COUNTRY:
            countries, _ = asked_countries(facts, tracker, language)
            if countries and not any(c.id in facts.knowledge.attache_country_ids for c in countries):
                return []
        return gaps

    def facts_text(self, facts: Facts, tracker: Tracker, language: str) -> str:
        intent = latest_intent(tracker)
        values = facts.values(language)
        if intent == ASK_ATTACHE_COUNT:
            count_in = facts.count_countries_in(len(facts.knowledge.attache_country_ids), language)
            return facts.phrases.say("attache_count", language, count_in=count_in, countries=values["countries"])
        if intent != ASK_ATTACHE_COUNTRY:
            return facts.phrases.say("attache_where", language, countries=values["countries"])
        countries, unknown = asked_countries(facts, tracker, language)
        # "What is the name of the attaché in Finland?" is not answered "Yes.".
        yes_no = not self.unstated(facts, tracker, language)
        return attache_in_countries(facts, countries, unknown, language, yes_no)
