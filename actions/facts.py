"""Facts ready to speak: the knowledge file, the phrases and the name matchers.

Loaded once per process (`get_facts`), because every action needs them and
the file does not change while the server runs.
"""

from functools import lru_cache
from typing import Dict, List, Tuple

from actions.knowledge import LANGUAGES, Country, Knowledge, load_knowledge
from actions.matching import Matcher
from actions.phrasing import Phrases


class Facts:
    def __init__(self, knowledge: Knowledge, phrases: Phrases) -> None:
        self.knowledge = knowledge
        self.phrases = phrases
        countries = knowledge.countries.values()
        self.countries = Matcher(
            [(c.id, c.id) for c in countries]
            + [(s, c.id) for c in countries for lang in LANGUAGES for s in c.aliases[lang]]
        )
        # For finding countries in a whole sentence: only the conversation's
        # language's spellings ("Island" is Iceland in Estonian, not in English).
        self.countries_in_text = {
            lang: Matcher([(s, c.id) for c in countries for s in c.aliases[lang]]) for lang in LANGUAGES
        }
        self.spheres = Matcher(
            [(s.id, s.id) for s in knowledge.spheres]
            + [(a, s.id) for s in knowledge.spheres for lang in LANGUAGES for a in s.aliases[lang]]
        )
        self._values = {lang: self._placeholder_values(lang) for lang in LANGUAGES}

    def values(self, language: str) -> Dict[str, str]:
        """Placeholder values for knowledge answers and phrases, in `language`."""
        return self._values[language]

    def _placeholder_values(self, language: str) -> Dict[str, str]:
        k, source = self.knowledge, self.knowledge.source
        return {
            "count": str(k.bilateral_count),
            "regions": self.phrases.join((r[language] for r in k.bilateral_regions), language),
            "countries": self.phrases.join((self.country_in(c, language) for c in k.attache_countries), language),
            "spheres": self.phrases.join((s.name[language] for s in k.spheres), language),
            "title": source.title[language],
            "publisher": source.publisher[language],
            "date": source.date_text[language],
        }

    def answer(self, topic_id: str, language: str) -> str:
        return self.knowledge.topic(topic_id).answer[language].format(**self.values(language))

    def source_note(self, language: str) -> str:
        return self.phrases.say("source_note", language, **self.values(language))

    def official_channel(self, language: str) -> str:
        """Where to ask what the knowledge does not hold: the ministry's public channel."""
        return self.phrases.say("official_channel", language,
                                channel=self.knowledge.source.official_channel[language])

    @staticmethod
    def country_in(country: Country, language: str) -> str:
        """How "in <country>" is written after the preposition (en) or as one word (et)."""
        return country.name["en"] if language == "en" else country.in_form

    def country_words(self, country: Country, language: str) -> Dict[str, str]:
        return {
            "country_in": self.country_in(country, language),
            # "relations with <country>" (en), "<country> kohta" (et, genitive)
            "country_about": country.name["en"] if language == "en" else country.genitive,
        }

    def resolve_countries(self, typed: List[str], text: str, language: str) -> Tuple[List[Country], List[str]]:
        """Countries named by NLU entities or spelled out in the text; plus unknown names."""
        found: List[str] = []
        unknown: List[str] = []
        for value in typed:
            ids = self.countries.match_all(value)
            if not ids:
                unknown.append(value)
            found.extend(i for i in ids if i not in found)
        # Names NLU missed ("… Poolas või Itaalias?" with one entity found) are
        # still answered when they are spelled exactly.
        found.extend(i for i in self.countries_in_text[language].scan(text) if i not in found)
        if not found and not unknown:  # last resort: a mistyped name ("kaitseatašee Somoes")
            found = self.countries_in_text[language].scan(text, typos=True)
        return [self.knowledge.countries[i] for i in found], unknown


@lru_cache(maxsize=1)
def get_facts() -> Facts:
    return Facts(load_knowledge(), Phrases())
