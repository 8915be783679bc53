"""Facts ready to speak: the knowledge file, the phrases and the name matchers.

Built from one version of knowledge.yml and phrases.yml; the running server
answers with the latest valid one (actions/live.py: `get_facts`).
"""

from typing import Dict, Iterable, List, Optional, Tuple

from actions.knowledge import Country, Knowledge, Topic
from actions.matching import Matcher
from actions.names import MIN_CONFIDENCE, NameFilter
from actions.phrasing import Phrases
from actions.words import PhraseIndex, message_words, morphology
from languages import LANGUAGES

# Words that may stand between the words of a detail's cue ("which countries" in "which
# European countries", "when did" in "when exactly did").
CUE_GAP = 2
# An entity the NLU found: its value as typed and DIET's confidence (None when not given).
Tagged = Tuple[str, Optional[float]]


class Facts:
    def __init__(self, knowledge: Knowledge, phrases: Phrases) -> None:
        self.knowledge = knowledge
        self.phrases = phrases
        countries = knowledge.countries.values()
        spellings = {
            lang: [(s, c.id) for c in countries for s in c.aliases[lang] + name_forms(c, lang) + city_forms(c, lang)]
            for lang in LANGUAGES
        }
        self.countries = Matcher([(c.id, c.id) for c in countries] + [p for lang in LANGUAGES for p in spellings[lang]])
        # For finding countries in a whole sentence: only the conversation's
        # language's spellings ("Island" is Iceland in Estonian, not in English).
        self.countries_in_text = {lang: Matcher(spellings[lang]) for lang in LANGUAGES}
        self.spheres = Matcher(
            [(s.id, s.id) for s in knowledge.spheres]
            + [(a, s.id) for s in knowledge.spheres for lang in LANGUAGES for a in s.aliases[lang]]
        )
        # Spheres found word by word in a sentence: lemmas and compound heads
        # ("kaitsehangetes", "relvahanked" → procurement).
        self.spheres_in_text = {
            lang: PhraseIndex([(a, s.id) for s in knowledge.spheres for a in s.aliases[lang]], lang, gap=1)
            for lang in LANGUAGES
        }
        # The cues of details some topics do not give (names, dates, numbers...).
        self.detail_cues = {
            lang: PhraseIndex([(cue, d.id) for d in knowledge.details for cue in d.cues[lang]], lang, gap=CUE_GAP)
            for lang in LANGUAGES
        }
        self.name_filters = {lang: NameFilter(lang, self._knowledge_texts(lang)) for lang in LANGUAGES}
        self._values = {lang: self._placeholder_values(lang) for lang in LANGUAGES}

    def _knowledge_texts(self, language: str) -> Iterable[str]:
        """Every text of the knowledge file and phrases in `language`: their words are never names."""
        k = self.knowledge
        for topic in k.topics:
            yield from (topic.title[language], topic.answer[language], topic.button_title[language])
            if topic.more:
                yield topic.more[language]
        yield from (r[language] for r in k.bilateral_regions)
        yield from k.regions.get(language, ())
        yield from (s.name[language] for s in k.spheres)
        yield from (self.phrases.text(name, language) for name in self.phrases.names())

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
            "date_as_of": source.date_as_of[language],
        }

    def answer(self, topic_id: str, language: str) -> str:
        return self.knowledge.topic(topic_id).answer[language].format(**self.values(language))

    def source_note(self, language: str) -> str:
        return self.phrases.say("source_note", language, **self.values(language))

    def official_channel(self, language: str) -> str:
        """Where to ask what the knowledge does not hold: the ministry's public channel."""
        return self.phrases.say("official_channel", language, channel=self.knowledge.source.official_channel[language])

    @staticmethod
    def country_in(country: Country, language: str) -> str:
        """How "in <country>" is written in the language's phrases (knowledge.yml `names.<lang>.in`)."""
        return country.names[language].in_form

    def country_words(self, country: Country, language: str) -> Dict[str, str]:
        return {
            "country_in": self.country_in(country, language),
            # "relations with <country>" (en), "<country> kohta" (et, genitive)
            "country_about": country.names[language].about,
        }

    def count_countries_in(self, count: int, language: str) -> str:
        """ "nine countries" / "üheksas riigis" (phrases.yml count_countries_in); digits past its list."""
        words = [w.strip() for w in self.phrases.text("count_countries_in", language).split(",")]
        if 1 <= count <= len(words):
            return words[count - 1]
        return words[-1].replace(words[-1].split()[0], str(count), 1)

    def resolve_countries(self, tagged: List[Tagged], text: str, language: str) -> Tuple[List[Country], List[str]]:
        """Countries named by NLU entities or spelled out in the text; plus the tagged
        names it does not know that look like names (actions/names.py)."""
        found: List[str] = []
        unknown: List[str] = []
        for value, confidence in tagged:
            ids = self.countries.match_all(value)
            if not ids and self.name_filters[language].reportable(value, confidence):
                unknown.append(value)
            found.extend(i for i in ids if i not in found)
        # Names NLU missed ("… Poolas või Itaalias?" with one entity found) are
        # still answered when they are spelled exactly.
        found.extend(i for i in self.countries_in_text[language].scan(text) if i not in found)
        if not found and not unknown:  # last resort: a mistyped name ("kaitseatašee Somoes")
            found = self.countries_in_text[language].scan(text, typos=True)
        return [self.knowledge.countries[i] for i in found], unknown

    def resolve_spheres(self, tagged: List[Tagged], text: str, language: str) -> Tuple[List[str], List[str]]:
        """Sphere ids named by NLU entities or found in the text by lemma ("hangetes",
        "relvahanked", "buy military equipment"); plus the tagged spans that look like the
        name of a sphere the source does not list ("cyber defence", "cyber training": a span
        counts as a listed sphere only if the sphere covers all its words that are not
        ordinary words, and a sphere found inside it does not count). When a listed sphere
        is found, an unsure tag beside it is taken for noise, not reported, and so is a tag of
        words that are all part of a listed sphere's name in the text ("joint" of "joint
        operations": the NLU tagged the name in two)."""
        found: List[str] = []
        unsure: List[Tagged] = []
        index, names = self.spheres_in_text[language], self.name_filters[language]
        for value, confidence in tagged:
            ids = self.spheres.match_all(value)
            if not ids:
                words = message_words(value, language)
                matches = index.find(words)
                covered = {i for _, start, end in matches for i in range(start, end)}
                uncovered = " ".join(w.typed for i, w in enumerate(words) if i not in covered)
                if not names.name_words(uncovered):
                    ids = list(dict.fromkeys(sphere_id for sphere_id, _, _ in matches))
            if not ids:
                unsure.append((value, confidence))
            found.extend(i for i in ids if i not in found)
        inside = {w.typed for value, _ in unsure for w in message_words(value, language)}
        words = message_words(text, language)
        named: List[set] = []  # the words of each listed sphere's name found in the text
        for sphere_id, start, end in index.find(words):
            typed = {w.typed for w in words[start:end]}
            if not typed <= inside:
                named.append(typed)
                if sphere_id not in found:
                    found.append(sphere_id)
        unknown = [
            value
            for value, confidence in unsure
            if names.reportable(value, confidence, country=False)
            and not (found and confidence is not None and confidence < MIN_CONFIDENCE)
            # Part of a listed sphere's name: "совместные" of "совместные операции".
            and not any({w.typed for w in message_words(value, language)} <= typed for typed in named)
        ]
        return found, unknown

    def unstated_text(self, topic_id: str, detail_id: str, language: str) -> Optional[str]:
        """A topic's sentence saying the page does not give a detail, filled in; None if it has none."""
        topic = self.knowledge.find_topic(topic_id)
        texts = (topic.unstated or {}).get(detail_id) if topic else None
        return texts[language].format(**self.values(language)) if texts else None

    def unstated(self, topic: Optional[Topic], text: str, language: str, names_country: bool) -> List[str]:
        """The sentences saying what the page does not give, for each detail of `topic`
        the question asks for (knowledge.yml `details` and the topic's `unstated`)."""
        if topic is None or not topic.unstated or not text:
            return []
        needs_country = {d.id for d in self.knowledge.details if d.needs_country}
        asked = [phrase_id for phrase_id, _, _ in self.detail_cues[language].find(message_words(text, language))]
        sentences: List[str] = []
        for detail_id in dict.fromkeys(asked):
            sentence = self.unstated_text(topic.id, detail_id, language) if detail_id in topic.unstated else None
            if sentence and (names_country or detail_id not in needs_country):
                sentences.append(sentence)
        return sentences


def name_forms(country: Country, language: str) -> Tuple[str, ...]:
    """Every case form the language's morphology makes of the country's name and aliases
    ("Финляндию", "Финляндией"), beyond the forms the knowledge file lists."""
    names = country.names[language]
    return tuple(form for name in (names.name, *names.aliases) for form in morphology(language).case_forms(name))


def city_forms(country: Country, language: str) -> Tuple[str, ...]:
    """The country's cities as people type them: every case form the language's morphology makes."""
    cities = country.names[language].cities
    return tuple(form for city in cities for form in morphology(language).case_forms(city))
