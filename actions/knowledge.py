"""Loads and validates the knowledge file (knowledge.yml).

Every fact the assistant states comes from this file, in English and Estonian.
`load_knowledge` checks the whole file before the action server answers
anything: a broken file raises `KnowledgeError` whose message names the file,
the entry and the problem, so whoever edited it can fix it without reading code.

Whatever the file holds, loading it ends in a Knowledge or a KnowledgeError
(tests/system/fuzz/test_knowledge_loader.py): the YAML is read within limits (size,
nesting; PyYAML recurses and slows down quadratically with nesting), a value
its tag cannot be ("2014-02-30", "!!int 0x") is a YAML error at its line, and
values are quoted in messages only shortened (an alias bomb is small as YAML
but huge as text).
"""

import datetime
import os
import re
import reprlib
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import AbstractSet, Any, Dict, Iterable, List, Optional, Tuple

import yaml

from actions.matching import match_key
from languages import LANGUAGE_NAMES, LANGUAGES, REGISTRY

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "knowledge.yml"
SCHEMA_VERSION = 1
PLACEHOLDERS = {"count", "regions", "countries", "spheres", "title", "publisher", "date", "date_as_of"}
# The topics the actions answer from by id, the ids of the file's sections about them
# (actions/attaches.py, bilateral.py, spheres.py, follow_up.py).
REQUIRED_TOPICS = ("defence_attaches", "bilateral_relations", "cooperation_spheres")
# The parts a topic may play in the conversation, each flagged `role: <role>` on exactly one topic:
# - the overview answers a question that names no topic, and is what the topic menu sums up
#   (actions/topics.py, actions/help.py): it is no item of the menu;
# - the source answers "where does this come from?" (actions/topics.py): an item of the menu,
#   not a topic button, and never the topic whose source is asked for.
OVERVIEW_ROLE = "overview"
SOURCE_ROLE = "source"
ROLES = (OVERVIEW_ROLE, SOURCE_ROLE)
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Far above the real file (50 kB, nesting 6 levels); PyYAML's parser recurses per level.
MAX_BYTES = 2 * 1024 * 1024
MAX_NESTING = 50
# What no channel can send: a lone surrogate (not UTF-8), control characters but tab and newlines.
_UNSENDABLE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 2, 60, 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 4


class KnowledgeError(ValueError):
    """The knowledge file is missing, unreadable or breaks the schema."""

    def __init__(self, path: Path, entry: str, problem: str) -> None:
        self.path, self.entry, self.problem = path, entry, problem
        super().__init__(f"{path}: {entry}: {problem}")


def shown(value: Any) -> str:
    """A value as an error message quotes it: repr, shortened."""
    return _SHORT.repr(value)


def clipped(text: str, size: int = 200) -> str:
    return text if len(text) <= size else f"{text[:size]}…"


def placeholder_names(text: str) -> set:
    """The {names} a text fills in. ValueError on unbalanced braces, and on a placeholder
    that is not a plain {name} ("{count:d}", "{count!r}", "{0}", "{}", "{count.real}"):
    str.format would fail on it, or fill it in oddly, when the text is said."""
    names = set()
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            raise ValueError(f"placeholder {shown(name)} must be a plain {{name}}, without format, conversion or index")
        names.add(name)
    return names


def sendable(text: str) -> bool:
    """Whether every channel can send the text: no lone surrogate, no control character."""
    return not _UNSENDABLE.search(text)


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing nesting deeper than MAX_NESTING, and reporting a
    scalar its tag cannot be as a YAML error at its place, not a bare ValueError."""

    def _nesting(self) -> None:
        if self.flow_level + len(self.indents) >= MAX_NESTING:
            raise yaml.scanner.ScannerError(None, None, f"nested more than {MAX_NESTING} levels deep", self.get_mark())

    def fetch_flow_collection_start(self, TokenClass) -> None:
        self._nesting()
        super().fetch_flow_collection_start(TokenClass)

    def add_indent(self, column: int) -> bool:
        added = super().add_indent(column)
        if added:
            self._nesting()
        return added

    def construct_object(self, node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as error:  # "2014-02-30", "!!int 0x", "!!float abc"
            value = shown(node.value) if isinstance(node, yaml.ScalarNode) else f"a {node.tag} node"
            raise yaml.constructor.ConstructorError(
                None, None, clipped(f"{value} cannot be read: {error}"), node.start_mark
            ) from None


def read_yaml(path: Path, holds: str = "") -> Any:
    """The parsed YAML of a file (knowledge.yml, phrases.yml: `holds` says what it holds);
    KnowledgeError naming the file and, for a YAML error, the line and column, if it
    cannot be read."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise KnowledgeError(path, "file", f"not found; it holds {holds}" if holds else "not found") from None
    except OSError as error:
        raise KnowledgeError(path, "file", f"cannot be read: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise KnowledgeError(path, "file", f"is larger than {MAX_BYTES // 1024 // 1024} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise KnowledgeError(
            path, f"line {line}", f"is not UTF-8 text ({error.reason} at byte {error.start})"
        ) from None
    try:
        return yaml.load(text, Loader=_BoundedLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "file"
        problem = getattr(error, "problem", None) or error
        if isinstance(error, yaml.reader.ReaderError):  # a character YAML does not allow: no mark, a position
            where = f"line {text.count(chr(10), 0, error.position) + 1}"
            char = error.character
            char = f"U+{char:04X}" if isinstance(char, int) else f"U+{ord(char):04X}" if len(char) == 1 else shown(char)
            problem = f"character {char} is not allowed ({error.reason})"
        raise KnowledgeError(path, where, f"is not valid YAML: {clipped(str(problem))}") from None


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
    role: Optional[str] = None  # one of ROLES, or None for a topic like any other

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
class CountryNames:
    """A country's names in one language (knowledge.yml `countries[].names.<language>`)."""

    name: str  # "the United Kingdom", "Ühendkuningriik"
    in_form: str  # "in <country>" as the phrases use it: "the United Kingdom", "Ühendkuningriigis"
    about: str  # "about/with <country>": "the United Kingdom", "Ühendkuningriigi"
    aliases: Tuple[str, ...]  # other names people use: "Britain", "USA" (inflected like the name)
    spellings: Tuple[str, ...]  # every spelling people type: the above, aliases and forms
    # Cities people name for the country ("an attaché in Berlin"): matched by the actions
    # (in every case form), not taught to the NLU as the country's names.
    cities: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Country:
    id: str
    names: Dict[str, CountryNames]  # per language

    @property
    def name(self) -> Dict[str, str]:
        return {lang: names.name for lang, names in self.names.items()}

    @property
    def aliases(self) -> Dict[str, Tuple[str, ...]]:
        """Every spelling people type, per language."""
        return {lang: names.spellings for lang, names in self.names.items()}

    @property
    def cities(self) -> Dict[str, Tuple[str, ...]]:
        return {lang: names.cities for lang, names in self.names.items()}


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

    def topic_for_intent(self, intent: Optional[str]) -> Optional[Topic]:
        return next((t for t in self.topics if intent in t.intents), None)

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def find_topic(self, topic_id: Optional[str]) -> Optional[Topic]:
        """The topic with that id, or None (an answer from no topic, such as a greeting)."""
        return next((t for t in self.topics if t.id == topic_id), None)

    def topic_with_role(self, role: str) -> Topic:
        """The topic flagged with `role` (one of ROLES): the loader makes sure there is exactly one."""
        return next(t for t in self.topics if t.role == role)

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
        unknown = sorted(map(str, set(value) - set(allowed)))  # keys may be numbers, dates, null
        if unknown:
            self.fail(entry, f"unknown key(s) {clipped(', '.join(unknown))}; allowed: {', '.join(allowed)}")

    def text(self, value: Any, entry: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(entry, "must be a non-empty text")
        if not sendable(value):
            self.fail(entry, "contains a character no channel can send (a lone surrogate or a control character)")
        return value.strip()

    def texts(self, value: Any, entry: str) -> Tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(entry, "must be a list of texts")
        return tuple(self.text(v, f"{entry}[{i}]") for i, v in enumerate(value))

    def in_every_language(self, value: Any, entry: str) -> Dict[str, str]:
        if not isinstance(value, dict):
            shape = ", ".join(f"{lang}: ..." for lang in LANGUAGES)
            self.fail(entry, f"must give the text in {_and(LANGUAGE_NAMES[lang] for lang in LANGUAGES)}: {{{shape}}}")
        for lang in LANGUAGES:
            if lang not in value:
                self.fail(entry, f"the {LANGUAGE_NAMES[lang]} text ({lang}) is missing")
        extra = sorted(map(str, set(value) - set(LANGUAGES)))
        if extra:
            self.fail(entry, f"unknown language key(s) {clipped(str(extra))}; only {' and '.join(LANGUAGES)} are used")
        return {lang: self.text(value[lang], f"{entry}.{lang}") for lang in LANGUAGES}

    def identifier(self, value: Any, entry: str, seen: set) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            self.fail(entry, f"id {shown(value)} must be lowercase letters, digits and _")
        if value in seen:
            self.fail(entry, f"duplicate id {shown(value)}")
        seen.add(value)
        return value

    def placeholders(self, texts: Dict[str, str], entry: str) -> None:
        found = {}
        for lang, text in texts.items():
            try:
                names = placeholder_names(text)
            except ValueError as error:
                self.fail(f"{entry}.{lang}", f"bad placeholder: {error}")
            unknown = names - PLACEHOLDERS
            if unknown:
                self.fail(
                    f"{entry}.{lang}",
                    f"unknown placeholder(s) {clipped(str(sorted(unknown)))}; allowed: {sorted(PLACEHOLDERS)}",
                )
            found[lang] = names
        first = LANGUAGES[0]
        for lang in LANGUAGES[1:]:
            if found[lang] != found[first]:
                self.fail(
                    entry,
                    f"{LANGUAGE_NAMES[first]} uses placeholders {sorted(found[first])} "
                    f"but {LANGUAGE_NAMES[lang]} {sorted(found[lang])}",
                )


def load_knowledge(path: Optional[Path] = None) -> Knowledge:
    """Read and validate the knowledge file; raise KnowledgeError if it is broken.

    The file is `path`, else $KNOWLEDGE_FILE, else knowledge.yml in the project.
    """
    path = Path(path or os.environ.get("KNOWLEDGE_FILE") or DEFAULT_PATH)
    check = _Checker(path)
    raw = read_yaml(path, "every fact the assistant answers with")

    keys = (
        "schema_version",
        "source",
        "topics",
        "bilateral_relations",
        "defence_attaches",
        "cooperation_spheres",
        "countries",
    )
    raw = check.mapping(raw, "top level", keys)
    version = raw["schema_version"]
    if type(version) is not int or version != SCHEMA_VERSION:  # not True, not 1.0
        check.fail("schema_version", f"is {shown(version)}; this code reads version {SCHEMA_VERSION}")

    source = _source(check, raw["source"])
    countries = _countries(check, raw["countries"])
    details = _details(check, raw.get("details"))
    topics = _topics(check, raw["topics"], {d.id for d in details})
    bilateral = check.mapping(raw["bilateral_relations"], "bilateral_relations", ("approximate_count", "regions"))
    count = bilateral["approximate_count"]
    if not isinstance(count, int) or isinstance(count, bool) or count <= 0:
        check.fail("bilateral_relations.approximate_count", f"must be a positive whole number, not {shown(count)}")
    if not isinstance(bilateral["regions"], list) or not bilateral["regions"]:
        check.fail(
            "bilateral_relations.regions", f"must be a non-empty list of {{{', '.join(LANGUAGES)}}} region names"
        )
    regions = tuple(
        check.in_every_language(r, f"bilateral_relations.regions[{i}]") for i, r in enumerate(bilateral["regions"])
    )

    attaches = raw["defence_attaches"]
    if not isinstance(attaches, list) or not attaches:
        check.fail("defence_attaches", "must be a non-empty list of country ids")
    seen: set = set()
    for i, country_id in enumerate(attaches):
        if not isinstance(country_id, str) or country_id not in countries:
            check.fail(f"defence_attaches[{i}]", f"{shown(country_id)} is not the id of an entry in countries")
        if country_id in seen:
            check.fail(f"defence_attaches[{i}]", f"{shown(country_id)} is listed twice")
        seen.add(country_id)

    return Knowledge(
        path=path,
        source=source,
        topics=topics,
        bilateral_count=count,
        bilateral_regions=regions,
        attache_country_ids=tuple(attaches),
        spheres=_spheres(check, raw["cooperation_spheres"]),
        countries=countries,
        details=details,
        regions=_regions(check, raw.get("regions")),
    )


def _source(check: _Checker, raw: Any) -> Source:
    raw = check.mapping(
        raw, "source", ("title", "publisher", "last_updated", "date_text", "date_as_of", "official_channel")
    )
    if not isinstance(raw["last_updated"], datetime.date):
        check.fail("source.last_updated", f"must be a date written as YYYY-MM-DD, not {shown(raw['last_updated'])}")
    return Source(
        title=check.in_every_language(raw["title"], "source.title"),
        publisher=check.in_every_language(raw["publisher"], "source.publisher"),
        last_updated=raw["last_updated"],
        date_text=check.in_every_language(raw["date_text"], "source.date_text"),
        date_as_of=check.in_every_language(raw["date_as_of"], "source.date_as_of"),
        official_channel=check.in_every_language(raw["official_channel"], "source.official_channel"),
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
        entry = f"details[{i}] (id {shown(detail_id)})"
        check.known_keys(item, entry, ("id", "cues", "needs_country"))
        cues = check.mapping(item["cues"], f"{entry}.cues", LANGUAGES)
        cues = {lang: check.texts(cues[lang], f"{entry}.cues.{lang}") for lang in LANGUAGES}
        for lang in LANGUAGES:
            if not cues[lang]:
                check.fail(f"{entry}.cues.{lang}", "must list at least one word or phrase")
        needs_country = item.get("needs_country", False)
        if not isinstance(needs_country, bool):
            check.fail(f"{entry}.needs_country", f"must be true or false, not {shown(needs_country)}")
        details.append(Detail(id=detail_id, cues=cues, needs_country=needs_country))
    return tuple(details)


def _unstated(
    check: _Checker, raw: Any, entry: str, detail_ids: AbstractSet[str]
) -> Optional[Dict[str, Dict[str, str]]]:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw:
        check.fail(entry, "must map detail ids to {en, et} sentences saying what the page does not give")
    unstated = {}
    for detail_id, texts in raw.items():
        if detail_id not in detail_ids:
            check.fail(f"{entry}.{str(detail_id)[:60]}", f"{shown(detail_id)} is not the id of an entry in details")
        unstated[detail_id] = check.in_every_language(texts, f"{entry}.{detail_id}")
        check.placeholders(unstated[detail_id], f"{entry}.{detail_id}")
    return unstated


def _topics(check: _Checker, raw: Any, detail_ids: AbstractSet[str] = frozenset()) -> Tuple[Topic, ...]:
    if not isinstance(raw, list) or not raw:
        check.fail("topics", "must be a non-empty list")
    ids: set = set()
    intent_owner: Dict[str, str] = {}
    role_owner: Dict[str, str] = {}
    topics = []
    for i, item in enumerate(raw):
        entry = f"topics[{i}]"
        item = check.mapping(item, entry, ("id", "intents", "section", "title", "answer"))
        topic_id = check.identifier(item["id"], entry, ids)
        entry = f"topics[{i}] (id {shown(topic_id)})"
        check.known_keys(
            item,
            entry,
            ("id", "intents", "section", "title", "question", "answer", "more", "related", "unstated", "role"),
        )
        role = _role(check, item.get("role"), f"{entry}.role", topic_id, role_owner)
        intents = check.texts(item["intents"], f"{entry}.intents")
        if not intents:
            check.fail(f"{entry}.intents", "must name at least one intent")
        for intent in intents:
            if intent in intent_owner:
                check.fail(
                    f"{entry}.intents",
                    f"intent {shown(intent)} is already answered by topic {shown(intent_owner[intent])}",
                )
            intent_owner[intent] = topic_id
        answer = check.in_every_language(item["answer"], f"{entry}.answer")
        check.placeholders(answer, f"{entry}.answer")
        more = None
        if item.get("more") is not None:
            more = check.in_every_language(item["more"], f"{entry}.more")
            check.placeholders(more, f"{entry}.more")
        topics.append(
            Topic(
                id=topic_id,
                intents=intents,
                section=check.text(item["section"], f"{entry}.section"),
                title=check.in_every_language(item["title"], f"{entry}.title"),
                answer=answer,
                more=more,
                related=check.texts(item.get("related"), f"{entry}.related"),
                question=check.in_every_language(item["question"], f"{entry}.question")
                if item.get("question")
                else None,
                unstated=_unstated(check, item.get("unstated"), f"{entry}.unstated", detail_ids),
                role=role,
            )
        )
    missing = [t for t in REQUIRED_TOPICS if t not in ids]
    if missing:
        check.fail("topics", f"the actions answer from topic(s) {', '.join(missing)} by id: missing")
    for role in ROLES:
        if role not in role_owner:
            check.fail("topics", f"no topic has role {shown(role)}: exactly one must (role: {role})")
    for i, topic in enumerate(topics):
        for related in topic.related:
            if related not in ids or related == topic.id:
                check.fail(
                    f"topics[{i}] (id {shown(topic.id)}).related", f"{shown(related)} is not the id of another topic"
                )
    return tuple(topics)


def _role(check: _Checker, raw: Any, entry: str, topic_id: str, owners: Dict[str, str]) -> Optional[str]:
    """A topic's `role`, if it has one: one of ROLES, and no other topic's."""
    if raw is None:
        return None
    if not isinstance(raw, str) or raw not in ROLES:
        check.fail(entry, f"{shown(raw)} is not a role; the roles are {', '.join(ROLES)}")
    if raw in owners:
        check.fail(entry, f"role {shown(raw)} is taken by topic {shown(owners[raw])}: exactly one topic has each role")
    owners[raw] = topic_id
    return raw


COUNTRY_NAME_KEYS = ("name", "aliases", "forms", "in", "about", "cities")


def _and(words: Iterable[str]) -> str:
    """ "English, Estonian and Russian" """
    words = list(words)
    return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]]))


def _country_names(check: _Checker, raw: Any, entry: str, language: str) -> CountryNames:
    names = check.mapping(raw, entry, ("name",))
    check.known_keys(names, entry, COUNTRY_NAME_KEYS)
    name = check.text(names["name"], f"{entry}.name")
    in_form = check.text(names["in"], f"{entry}.in") if "in" in names else name
    about = check.text(names["about"], f"{entry}.about") if "about" in names else name
    aliases = check.texts(names.get("aliases"), f"{entry}.aliases")
    bare = REGISTRY[language].without_preposition  # "в Финляндии" is typed "Финляндии"
    typed = (name, bare(in_form), bare(about)) + aliases + check.texts(names.get("forms"), f"{entry}.forms")
    cities = check.texts(names.get("cities"), f"{entry}.cities")
    return CountryNames(name, in_form, about, aliases, tuple(dict.fromkeys(typed)), cities)


def _countries(check: _Checker, raw: Any) -> Dict[str, Country]:
    if not isinstance(raw, list) or not raw:
        check.fail("countries", "must be a non-empty list")
    ids: set = set()
    spelling_owner: Dict[str, str] = {}
    countries = {}
    for i, item in enumerate(raw):
        entry = f"countries[{i}]"
        item = check.mapping(item, entry, ("id", "names"))
        check.known_keys(item, entry, ("id", "names"))
        country_id = check.identifier(item["id"], entry, ids)
        entry = f"countries[{i}] (id {shown(country_id)})"
        raw_names = check.mapping(item["names"], f"{entry}.names", LANGUAGES)
        check.known_keys(raw_names, f"{entry}.names", LANGUAGES)
        names = {lang: _country_names(check, raw_names[lang], f"{entry}.names.{lang}", lang) for lang in LANGUAGES}
        for spelling in (s for lang in LANGUAGES for s in names[lang].spellings):
            key = match_key(spelling)
            owner = spelling_owner.setdefault(key, country_id)
            if owner != country_id:
                check.fail(
                    entry,
                    f"spelling {shown(spelling)} also belongs to country {shown(owner)}; it must name one country",
                )
        countries[country_id] = Country(id=country_id, names=names)
    return countries


def _spheres(check: _Checker, raw: Any) -> Tuple[Sphere, ...]:
    if not isinstance(raw, list) or not raw:
        check.fail("cooperation_spheres", "must be a non-empty list")
    ids: set = set()
    spheres = []
    for i, item in enumerate(raw):
        entry = f"cooperation_spheres[{i}]"
        item = check.mapping(item, entry, ("id", *LANGUAGES))
        sphere_id = check.identifier(item["id"], entry, ids)
        entry = f"cooperation_spheres[{i}] (id {shown(sphere_id)})"
        name, aliases = {}, {}
        for lang in LANGUAGES:
            part = check.mapping(item[lang], f"{entry}.{lang}", ("name",))
            name[lang] = check.text(part["name"], f"{entry}.{lang}.name")
            aliases[lang] = (name[lang],) + check.texts(part.get("aliases"), f"{entry}.{lang}.aliases")
        spheres.append(Sphere(id=sphere_id, name=name, aliases=aliases))
    return tuple(spheres)
