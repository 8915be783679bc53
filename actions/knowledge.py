"""Loads and validates the knowledge file (knowledge.yml).

Every fact the assistant states comes from this file, in English and Estonian.
`load_knowledge` checks the whole file before the action server answers
anything: a broken file raises `KnowledgeError` whose message names the file,
the entry and the problem, so whoever edited it can fix it without reading code.
"""

import datetime
import os
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from actions.matching import fold

LANGUAGES = ("en", "et")
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "knowledge.yml"
SCHEMA_VERSION = 1
PLACEHOLDERS = {"count", "regions", "countries", "spheres", "title", "publisher", "date", "date_as_of"}
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def placeholder_names(text: str) -> set:
    """The {names} a text fills in; ValueError on unbalanced braces."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


class KnowledgeError(ValueError):
    """The knowledge file is missing, unreadable or breaks the schema."""

    def __init__(self, path: Path, entry: str, problem: str) -> None:
        self.path, self.entry, self.problem = path, entry, problem
        super().__init__(f"{path}: {entry}: {problem}")


@dataclass(frozen=True)
class Source:
    title: Dict[str, str]
    publisher: Dict[str, str]
    last_updated: datetime.date
    date_text: Dict[str, str]  # after "last updated" (et: adessive, "31. mail 2014")
    date_as_of: Dict[str, str]  # "valid as of" (et: genitive before "seisuga", "31. mai 2014")
    official_channel: Dict[str, str]


@dataclass(frozen=True)
class Topic:
    id: str
    intents: Tuple[str, ...]
    section: str
    title: Dict[str, str]
    answer: Dict[str, str]
    more: Optional[Dict[str, str]] = None  # the next level of detail ("tell me more"), if the source has one
    related: Tuple[str, ...] = ()  # ids of topics to offer next
    question: Optional[Dict[str, str]] = None  # the topic asked as a question: its button title
    # Details the page does not give on this topic: detail id -> the sentence saying so.
    unstated: Optional[Dict[str, Dict[str, str]]] = None

    @property
    def button_title(self) -> Dict[str, str]:
        return self.question or self.title


@dataclass(frozen=True)
class Detail:
    """A kind of detail people ask for (names, dates, numbers...) that some topics lack.

    `cues` are words or phrases, per language, that mark a question asking for it;
    `needs_country` makes it count only when the question names a country
    ("Is Ukraine a member of NATO?" asks for it, "Is Estonia a member?" does not)."""

    id: str
    cues: Dict[str, Tuple[str, ...]]
    needs_country: bool = False


@dataclass(frozen=True)
class Country:
    id: str
    name: Dict[str, str]  # en: "the United Kingdom", et: "Ühendkuningriik"
    in_form: str  # Estonian "in <country>": "Ühendkuningriigis"
    genitive: str  # Estonian genitive: "Ühendkuningriigi"
    aliases: Dict[str, Tuple[str, ...]]  # every spelling people type, per language
    # Cities people name for the country ("an attaché in Berlin"), per language: matched by the
    # actions (Estonian in every case form), not taught to the NLU as the country's names.
    cities: Dict[str, Tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Sphere:
    id: str
    name: Dict[str, str]
    aliases: Dict[str, Tuple[str, ...]]


@dataclass(frozen=True)
class Knowledge:
    path: Path
    source: Source
    topics: Tuple[Topic, ...]
    bilateral_count: int
    bilateral_regions: Tuple[Dict[str, str], ...]
    attache_country_ids: Tuple[str, ...]
    spheres: Tuple[Sphere, ...]
    countries: Dict[str, Country]
    details: Tuple[Detail, ...] = ()
    # Names of world regions per language: never taken for, or reported as, a country.
    regions: Dict[str, Tuple[str, ...]] = field(default_factory=dict)

    def topic_for_intent(self, intent: str) -> Optional[Topic]:
        return next((t for t in self.topics if intent in t.intents), None)

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def find_topic(self, topic_id: Optional[str]) -> Optional[Topic]:
        """The topic with that id, or None (an answer from no topic, such as a greeting)."""
        return next((t for t in self.topics if t.id == topic_id), None)

    @property
    def attache_countries(self) -> List[Country]:
        return [self.countries[c] for c in self.attache_country_ids]


class _Checker:
    """Walks the parsed YAML and turns every problem into a KnowledgeError."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, entry: str, problem: str) -> None:
        raise KnowledgeError(self.path, entry, problem)

    def mapping(self, value: Any, entry: str, required: Tuple[str, ...]) -> Dict:
        if not isinstance(value, dict):
            self.fail(entry, f"must be a mapping with keys {', '.join(required)}")
        missing = [k for k in required if k not in value]
        if missing:
            self.fail(entry, f"missing key(s): {', '.join(missing)}")
        return value

    def known_keys(self, value: Dict, entry: str, allowed: Tuple[str, ...]) -> None:
        """A misspelt key ("unstatd") is an error, not silently ignored."""
        unknown = sorted(set(value) - set(allowed))
        if unknown:
            self.fail(entry, f"unknown key(s) {', '.join(map(str, unknown))}; allowed: {', '.join(allowed)}")

    def text(self, value: Any, entry: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(entry, "must be a non-empty text")
        return value.strip()

    def texts(self, value: Any, entry: str) -> Tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(entry, "must be a list of texts")
        return tuple(self.text(v, f"{entry}[{i}]") for i, v in enumerate(value))

    def bilingual(self, value: Any, entry: str) -> Dict[str, str]:
        if not isinstance(value, dict):
            self.fail(entry, "must give the text in English and Estonian: {en: ..., et: ...}")
        for lang in LANGUAGES:
            if lang not in value:
                name = "English" if lang == "en" else "Estonian"
                self.fail(entry, f"the {name} text ({lang}) is missing")
        extra = sorted(set(value) - set(LANGUAGES))
        if extra:
            self.fail(entry, f"unknown language key(s) {extra}; only en and et are used")
        return {lang: self.text(value[lang], f"{entry}.{lang}") for lang in LANGUAGES}

    def identifier(self, value: Any, entry: str, seen: set) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            self.fail(entry, f"id {value!r} must be lowercase letters, digits and _")
        if value in seen:
            self.fail(entry, f"duplicate id {value!r}")
        seen.add(value)
        return value

    def placeholders(self, texts: Dict[str, str], entry: str) -> None:
        found = {}
        for lang, text in texts.items():
            try:
                names = placeholder_names(text)
            except ValueError as error:
                self.fail(f"{entry}.{lang}", f"bad placeholder braces: {error}")
            unknown = names - PLACEHOLDERS
            if unknown:
                self.fail(f"{entry}.{lang}", f"unknown placeholder(s) {sorted(unknown)}; allowed: {sorted(PLACEHOLDERS)}")
            found[lang] = names
        if found["en"] != found["et"]:
            self.fail(entry, f"English uses placeholders {sorted(found['en'])} but Estonian {sorted(found['et'])}")


def load_knowledge(path: Optional[Path] = None) -> Knowledge:
    """Read and validate the knowledge file; raise KnowledgeError if it is broken.

    The file is `path`, else $KNOWLEDGE_FILE, else knowledge.yml in the project.
    """
    path = Path(path or os.environ.get("KNOWLEDGE_FILE") or DEFAULT_PATH)
    check = _Checker(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        check.fail("file", "not found; it holds every fact the assistant answers with")
    except UnicodeDecodeError as error:
        check.fail("file", f"is not UTF-8 text ({error.reason} at byte {error.start})")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        check.fail(where, f"is not valid YAML: {getattr(error, 'problem', error)}")

    keys = ("schema_version", "source", "topics", "bilateral_relations", "defence_attaches",
            "cooperation_spheres", "countries")
    raw = check.mapping(raw, "top level", keys)
    if raw["schema_version"] != SCHEMA_VERSION:
        check.fail("schema_version", f"is {raw['schema_version']!r}; this code reads version {SCHEMA_VERSION}")

    source = _source(check, raw["source"])
    countries = _countries(check, raw["countries"])
    details = _details(check, raw.get("details"))
    topics = _topics(check, raw["topics"], {d.id for d in details})
    bilateral = check.mapping(raw["bilateral_relations"], "bilateral_relations", ("approximate_count", "regions"))
    count = bilateral["approximate_count"]
    if not isinstance(count, int) or isinstance(count, bool) or count <= 0:
        check.fail("bilateral_relations.approximate_count", f"must be a positive whole number, not {count!r}")
    if not isinstance(bilateral["regions"], list) or not bilateral["regions"]:
        check.fail("bilateral_relations.regions", "must be a non-empty list of {en, et} region names")
    regions = tuple(check.bilingual(r, f"bilateral_relations.regions[{i}]") for i, r in enumerate(bilateral["regions"]))

    attaches = raw["defence_attaches"]
    if not isinstance(attaches, list) or not attaches:
        check.fail("defence_attaches", "must be a non-empty list of country ids")
    seen: set = set()
    for i, country_id in enumerate(attaches):
        if country_id not in countries:
            check.fail(f"defence_attaches[{i}]", f"{country_id!r} is not the id of an entry in countries")
        if country_id in seen:
            check.fail(f"defence_attaches[{i}]", f"{country_id!r} is listed twice")
        seen.add(country_id)

    return Knowledge(
        path=path, source=source, topics=topics, bilateral_count=count, bilateral_regions=regions,
        attache_country_ids=tuple(attaches), spheres=_spheres(check, raw["cooperation_spheres"]),
        countries=countries, details=details, regions=_regions(check, raw.get("regions")),
    )


def _source(check: _Checker, raw: Any) -> Source:
    raw = check.mapping(raw, "source", ("title", "publisher", "last_updated", "date_text", "date_as_of",
                                        "official_channel"))
    if not isinstance(raw["last_updated"], datetime.date):
        check.fail("source.last_updated", f"must be a date written as YYYY-MM-DD, not {raw['last_updated']!r}")
    return Source(
        title=check.bilingual(raw["title"], "source.title"),
        publisher=check.bilingual(raw["publisher"], "source.publisher"),
        last_updated=raw["last_updated"],
        date_text=check.bilingual(raw["date_text"], "source.date_text"),
        date_as_of=check.bilingual(raw["date_as_of"], "source.date_as_of"),
        official_channel=check.bilingual(raw["official_channel"], "source.official_channel"),
    )


def _regions(check: _Checker, raw: Any) -> Dict[str, Tuple[str, ...]]:
    if raw is None:
        return {}
    raw = check.mapping(raw, "regions", LANGUAGES)
    return {lang: check.texts(raw[lang], f"regions.{lang}") for lang in LANGUAGES}


def _details(check: _Checker, raw: Any) -> Tuple[Detail, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.fail("details", "must be a list of {id, cues: {en: [...], et: [...]}}")
    ids: set = set()
    details = []
    for i, item in enumerate(raw):
        entry = f"details[{i}]"
        item = check.mapping(item, entry, ("id", "cues"))
        detail_id = check.identifier(item["id"], entry, ids)
        entry = f"details[{i}] (id {detail_id!r})"
        check.known_keys(item, entry, ("id", "cues", "needs_country"))
        cues = check.mapping(item["cues"], f"{entry}.cues", LANGUAGES)
        cues = {lang: check.texts(cues[lang], f"{entry}.cues.{lang}") for lang in LANGUAGES}
        for lang in LANGUAGES:
            if not cues[lang]:
                check.fail(f"{entry}.cues.{lang}", "must list at least one word or phrase")
        needs_country = item.get("needs_country", False)
        if not isinstance(needs_country, bool):
            check.fail(f"{entry}.needs_country", f"must be true or false, not {needs_country!r}")
        details.append(Detail(id=detail_id, cues=cues, needs_country=needs_country))
    return tuple(details)


def _unstated(check: _Checker, raw: Any, entry: str, detail_ids: set) -> Optional[Dict[str, Dict[str, str]]]:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw:
        check.fail(entry, "must map detail ids to {en, et} sentences saying what the page does not give")
    unstated = {}
    for detail_id, texts in raw.items():
        if detail_id not in detail_ids:
            check.fail(f"{entry}.{detail_id}", f"{detail_id!r} is not the id of an entry in details")
        unstated[detail_id] = check.bilingual(texts, f"{entry}.{detail_id}")
        check.placeholders(unstated[detail_id], f"{entry}.{detail_id}")
    return unstated


def _topics(check: _Checker, raw: Any, detail_ids: set = frozenset()) -> Tuple[Topic, ...]:
    if not isinstance(raw, list) or not raw:
        check.fail("topics", "must be a non-empty list")
    ids: set = set()
    intent_owner: Dict[str, str] = {}
    topics = []
    for i, item in enumerate(raw):
        entry = f"topics[{i}]"
        item = check.mapping(item, entry, ("id", "intents", "section", "title", "answer"))
        topic_id = check.identifier(item["id"], entry, ids)
        entry = f"topics[{i}] (id {topic_id!r})"
        check.known_keys(item, entry, ("id", "intents", "section", "title", "question", "answer", "more",
                                       "related", "unstated"))
        intents = check.texts(item["intents"], f"{entry}.intents")
        if not intents:
            check.fail(f"{entry}.intents", "must name at least one intent")
        for intent in intents:
            if intent in intent_owner:
                check.fail(f"{entry}.intents", f"intent {intent!r} is already answered by topic {intent_owner[intent]!r}")
            intent_owner[intent] = topic_id
        answer = check.bilingual(item["answer"], f"{entry}.answer")
        check.placeholders(answer, f"{entry}.answer")
        more = None
        if item.get("more") is not None:
            more = check.bilingual(item["more"], f"{entry}.more")
            check.placeholders(more, f"{entry}.more")
        topics.append(Topic(
            id=topic_id, intents=intents, section=check.text(item["section"], f"{entry}.section"),
            title=check.bilingual(item["title"], f"{entry}.title"), answer=answer, more=more,
            related=check.texts(item.get("related"), f"{entry}.related"),
            question=check.bilingual(item["question"], f"{entry}.question") if item.get("question") else None,
            unstated=_unstated(check, item.get("unstated"), f"{entry}.unstated", detail_ids),
        ))
    for i, topic in enumerate(topics):
        for related in topic.related:
            if related not in ids or related == topic.id:
                check.fail(f"topics[{i}] (id {topic.id!r}).related", f"{related!r} is not the id of another topic")
    return tuple(topics)


def _countries(check: _Checker, raw: Any) -> Dict[str, Country]:
    if not isinstance(raw, list) or not raw:
        check.fail("countries", "must be a non-empty list")
    ids: set = set()
    spelling_owner: Dict[str, str] = {}
    countries = {}
    for i, item in enumerate(raw):
        entry = f"countries[{i}]"
        item = check.mapping(item, entry, ("id", "en", "et"))
        country_id = check.identifier(item["id"], entry, ids)
        entry = f"countries[{i}] (id {country_id!r})"
        en = check.mapping(item["en"], f"{entry}.en", ("name",))
        et = check.mapping(item["et"], f"{entry}.et", ("name", "in", "genitive"))
        name = {"en": check.text(en["name"], f"{entry}.en.name"), "et": check.text(et["name"], f"{entry}.et.name")}
        aliases = {
            "en": (name["en"],) + check.texts(en.get("aliases"), f"{entry}.en.aliases"),
            "et": (name["et"], et["in"], et["genitive"]) + check.texts(et.get("forms"), f"{entry}.et.forms"),
        }
        for spelling in aliases["en"] + aliases["et"]:
            key = fold(spelling)
            owner = spelling_owner.setdefault(key, country_id)
            if owner != country_id:
                check.fail(entry, f"spelling {spelling!r} also belongs to country {owner!r}; it must name one country")
        cities = {"en": check.texts(en.get("cities"), f"{entry}.en.cities"),
                  "et": check.texts(et.get("cities"), f"{entry}.et.cities")}
        countries[country_id] = Country(
            id=country_id, name=name, in_form=check.text(et["in"], f"{entry}.et.in"),
            genitive=check.text(et["genitive"], f"{entry}.et.genitive"), aliases=aliases, cities=cities,
        )
    return countries


def _spheres(check: _Checker, raw: Any) -> Tuple[Sphere, ...]:
    if not isinstance(raw, list) or not raw:
        check.fail("cooperation_spheres", "must be a non-empty list")
    ids: set = set()
    spheres = []
    for i, item in enumerate(raw):
        entry = f"cooperation_spheres[{i}]"
        item = check.mapping(item, entry, ("id", "en", "et"))
        sphere_id = check.identifier(item["id"], entry, ids)
        entry = f"cooperation_spheres[{i}] (id {sphere_id!r})"
        name, aliases = {}, {}
        for lang in LANGUAGES:
            part = check.mapping(item[lang], f"{entry}.{lang}", ("name",))
            name[lang] = check.text(part["name"], f"{entry}.{lang}.name")
            aliases[lang] = (name[lang],) + check.texts(part.get("aliases"), f"{entry}.{lang}.aliases")
        spheres.append(Sphere(id=sphere_id, name=name, aliases=aliases))
    return tuple(spheres)
