"""Fuzz of the knowledge loader: generated YAML documents through `load_knowledge` and `Phrases`.

The documents are the real knowledge.yml (and actions/phrases.yml) with one field
at any depth replaced, removed or added (tests/system/fuzz/strategies.py
`mutations_of`, dumped back with yaml.safe_dump); the real text with an odd
YAML construct written into one field (an alias bomb, "billion laughs"; a tag
such as !!python/object; an impossible date; flow sequences nested thousands
deep; an undefined alias); and broken text: tabs, a byte-order mark, invalid
UTF-8, truncation, several documents, an empty file, random bytes, a file over
the size limit.

Each either loads, and is then usable (every text can be sent as UTF-8 and its
placeholders filled in), or fails with a KnowledgeError whose message names
the file, the entry and the problem, and is short. Never another exception
type (a RecursionError, a ValueError from a date), and never a hang: each load
has a few seconds.
"""

import copy
import datetime
import json
import re
import signal
import string
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from actions.facts import Facts
from actions.knowledge import LANGUAGES, PLACEHOLDERS, REQUIRED_TOPICS, Knowledge, KnowledgeError, load_knowledge
from actions.phrasing import Phrases
from tests.system.fuzz.conftest import examples
from tests.system.fuzz.strategies import mutations_of, odd_text, paths, replaced

ROOT = Path(__file__).resolve().parents[3]
KNOWLEDGE_TEXT = (ROOT / "knowledge.yml").read_text(encoding="utf-8")
PHRASES_TEXT = (ROOT / "actions" / "phrases.yml").read_text(encoding="utf-8")
DATE = datetime.date(2014, 5, 31)
# JSON (for mutations_of) has no dates: the one date of the file travels as this text.
DATE_TEXT = "2014-05-31"
KNOWLEDGE = json.loads(json.dumps(yaml.safe_load(KNOWLEDGE_TEXT), default=str))
PHRASES = yaml.safe_load(PHRASES_TEXT)
REAL_PHRASES = Phrases()
SECONDS = 10  # per load: far more than a real file needs (0.1 s)
LONGEST_MESSAGE = 1000


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raises Hang in the loader if it takes longer than `seconds` (SIGALRM: main thread only)."""

    def alarm(signum, frame):
        raise Hang(f"still loading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def with_date(document: Any) -> Any:
    """A copy of a mutated document with its date a date again (unless the mutation replaced it)."""
    document = copy.deepcopy(document)  # mutations_of may share parts with KNOWLEDGE
    source = document.get("source") if isinstance(document, dict) else None
    if isinstance(source, dict) and source.get("last_updated") == DATE_TEXT:
        source["last_updated"] = DATE
    return document


def dump(document: Any) -> bytes:
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate is invalid UTF-8 in the file


def loads_or_explains(tmp_path: Path, data: bytes, load: Callable[[Path], Any]) -> Any:
    """Loads `data` from a file: the result, or None after checking the KnowledgeError."""
    path = tmp_path / "knowledge.yml"
    path.write_bytes(data)
    try:
        with time_limit(SECONDS):
            return load(path)
    except KnowledgeError as error:
        message = str(error)
        assert error.path == path and message.startswith(f"{path}: "), message
        assert isinstance(error.entry, str) and error.entry.strip(), message
        assert isinstance(error.problem, str) and error.problem.strip(), message
        assert len(message) <= LONGEST_MESSAGE + len(str(path)), f"a long message: {message[:2000]}"
        return None


def usable_text(text: str, where: str, values: dict) -> None:
    assert isinstance(text, str) and text.strip(), where
    text.encode("utf-8")  # no lone surrogate: every channel sends UTF-8
    text.format(**values)  # placeholders as the actions fill them in


def assert_usable(knowledge: Knowledge) -> None:
    """A file that loads gives the action server its facts (actions/facts.py), and texts
    the actions can say."""
    facts = Facts(knowledge, REAL_PHRASES)
    for language in LANGUAGES:
        for topic_id in REQUIRED_TOPICS:
            usable_text(facts.answer(topic_id, language), f"{topic_id}.answer.{language}", {})
        usable_text(facts.source_note(language), "source note", {})
    values = {name: "x" for name in PLACEHOLDERS}
    for topic in knowledge.topics:
        for field in ("answer", "more", "title", "question"):
            for language, text in (getattr(topic, field) or {}).items():
                usable_text(text, f"{topic.id}.{field}.{language}", values)
        for detail, texts in (topic.unstated or {}).items():
            for language, text in texts.items():
                usable_text(text, f"{topic.id}.unstated.{detail}.{language}", values)
    for country in knowledge.countries.values():
        for text in country.name.values():
            usable_text(text, country.id, {})
        assert country.id in {c for c in knowledge.countries}
    assert all(c in knowledge.countries for c in knowledge.attache_country_ids)


# --------------------------------------------------------- mutated documents


@examples(80)
@given(document=mutations_of(KNOWLEDGE).map(with_date))
def test_a_mutated_knowledge_file_loads_or_is_explained(tmp_path_factory, document):
    knowledge = loads_or_explains(tmp_path_factory.mktemp("k"), dump(document), load_knowledge)
    if knowledge is not None:
        assert_usable(knowledge)


# ------------------------------------------------------------- odd YAML text


def bomb(levels: int) -> str:
    """Anchors nine times as large at each level ("billion laughs"); `*l{levels}` names the largest."""
    lines = ["- &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"- &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    return "\n".join(lines)


def nested_flow(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


ODD_VALUES = {
    # name: (YAML written in place of a value, anything it needs first at the top of the file)
    "alias bomb": lambda n: (f"*l{n}", "bomb:\n" + bomb(n) + "\n"),
    "python object": lambda n: ("!!python/object/apply:os.system ['echo pwned']", ""),
    "python name": lambda n: ("!!python/name:os.system", ""),
    "binary": lambda n: ("!!binary 'not base64!'", ""),
    "impossible date": lambda n: ("2014-02-30", ""),
    "impossible timestamp": lambda n: ("!!timestamp 2014-13-45T99:00:00", ""),
    "bad float": lambda n: ("!!float abc", ""),
    "bad int": lambda n: ("!!int 0x", ""),
    "set": lambda n: ("!!set {a, b}", ""),
    "omap": lambda n: ("!!omap [a]", ""),
    "unknown tag": lambda n: ("!custom x", ""),
    "undefined alias": lambda n: ("*nowhere", ""),
    "merge of a scalar": lambda n: ("{<<: 1}", ""),
    "unhashable key": lambda n: ("{[a, b]: c}", ""),
    "deep flow": lambda n: (nested_flow(n * 600), ""),
    "deep mapping": lambda n: ("{a: " * (n * 300) + "1" + "}" * (n * 300), ""),
    "mixed keys": lambda n: ("{en: a, et: b, 1: c, null: d, 2014-01-01: e}", ""),
    "brace text": lambda n: ("'{count:d} {0} {} {count!r} {count.real} {count[0]} {'", ""),
    "surrogate escape": lambda n: ('"\\ud800 NATO \\udfff"', ""),
    "control escape": lambda n: ('"NATO\\0\\x07\\x1b"', ""),
    "huge number": lambda n: ("1" * 400, ""),
    "infinity": lambda n: (".inf", ""),
}
MARK = "__fuzz_value__"
MARKED = [p for p in paths(KNOWLEDGE) if p]


def odd_at(path: tuple, kind: str, size: int) -> bytes:
    """The real knowledge file with the odd construct `kind` (of `size` 1-7) at `path`."""
    value, preamble = ODD_VALUES[kind](size)
    text = dump(with_date(replaced(KNOWLEDGE, path, MARK))).decode("utf-8", "surrogatepass")
    return (preamble + text.replace(MARK, value, 1)).encode("utf-8", "surrogatepass")


@st.composite
def odd_yaml(draw) -> bytes:
    """The real knowledge file with an odd YAML construct in one field."""
    return odd_at(draw(st.sampled_from(MARKED)), draw(st.sampled_from(sorted(ODD_VALUES))), draw(st.integers(1, 7)))


def broken_text(real: bytes) -> st.SearchStrategy[bytes]:
    """A real file's text broken: tabs, a BOM, invalid UTF-8, cut short, several documents;
    or an empty file, random bytes or text, a file too large."""

    def at(data: bytes, fraction: float, insert: bytes) -> bytes:
        position = int(len(data) * fraction)
        return data[:position] + insert + data[position:]

    fraction = st.floats(0, 1)
    return st.one_of(
        st.builds(lambda f: at(real, f, b"\t"), fraction),
        st.builds(lambda f: real.replace(b"\n  ", b"\n\t", 1 + int(f * 50)), fraction),
        st.just(b"\xef\xbb\xbf" + real),
        st.builds(lambda f: at(real, f, b"\xef\xbb\xbf"), fraction),
        st.builds(
            lambda f, b: at(real, f, b),
            fraction,
            st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\x1b[31m", b"\xe2\x80\xae"]),
        ),
        st.builds(lambda f: real[: int(len(real) * f)], fraction),
        st.just(real + b"\n---\n" + real),
        st.just(b"--- 1\n--- 2\n"),
        st.sampled_from(
            [
                b"",
                b" ",
                b"\n\n",
                b"---",
                b"...",
                b"~",
                b"null",
                b"# only a comment\n",
                b"[]",
                b"{}",
                b"schema_version: 1",
                b"\xef\xbb\xbf",
                b"\xff\xfe",
                b"- - - -",
            ]
        ),
        st.binary(max_size=300),
        odd_text(200).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.just(real + b"#" + b"x" * 3_000_000 + b"\n"),
        st.just(b"[" * 100_000 + b"]" * 100_000),
    )


@examples(70)
@given(data=st.one_of(odd_yaml(), odd_yaml(), broken_text(KNOWLEDGE_TEXT.encode("utf-8"))))
def test_odd_yaml_loads_or_is_explained(tmp_path_factory, data):
    knowledge = loads_or_explains(tmp_path_factory.mktemp("k"), data, load_knowledge)
    if knowledge is not None:
        assert_usable(knowledge)


@pytest.mark.parametrize("kind", sorted(ODD_VALUES))
def test_every_odd_construct_loads_or_is_explained(tmp_path, kind):
    """Each construct, written out where it broke the loader before: in a list of ids, in a
    mapping of texts, in a number."""
    for path in (("defence_attaches", 0), ("topics", 0, "title"), ("schema_version",)):
        knowledge = loads_or_explains(tmp_path, odd_at(path, kind, 7), load_knowledge)
        if knowledge is not None:
            assert_usable(knowledge)


# ------------------------------------------------------------------- phrases


def assert_phrases_usable(phrases: Phrases) -> None:
    for name in phrases.names():
        for language in ("en", "et"):
            text = phrases.text(name, language)
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
            usable_text(text, f"{name}.{language}", {f: "x" for f in fields})


@examples(50)
@given(data=st.one_of(mutations_of(PHRASES).map(dump), broken_text(PHRASES_TEXT.encode("utf-8"))))
def test_a_mutated_phrases_file_loads_or_is_explained(tmp_path_factory, data):
    phrases = loads_or_explains(tmp_path_factory.mktemp("p"), data, Phrases)
    if phrases is not None:
        assert_phrases_usable(phrases)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("a: {en: '{', et: '{', ru: '{'}", "bad placeholder"),
        ("a: {en: '{channel:d}', et: '{channel:d}', ru: '{channel:d}'}", "bad placeholder"),
        ("a: {en: '{}', et: '{}', ru: '{}'}", "bad placeholder"),
        ("1: {en: a, et: b, ru: c}", "a phrase name must be a text"),
        ('a: {en: "x\\0", et: b, ru: c}', "no channel can send"),
        ("a: {en: a, et: b}", "must have exactly"),
        ("a: 2014-02-30", "is not valid YAML"),
        ("[" * 5000, "nested more than"),
    ],
)
def test_odd_phrases_are_explained(tmp_path, text, problem):
    assert loads_or_explains(tmp_path, text.encode(), Phrases) is None
    with pytest.raises(KnowledgeError, match=re.escape(problem)):
        Phrases(tmp_path / "knowledge.yml")


def test_a_folder_is_explained(tmp_path):
    with pytest.raises(KnowledgeError, match="file: cannot be read"):
        load_knowledge(tmp_path)


def test_the_real_files_load_and_are_usable(tmp_path):
    assert_usable(loads_or_explains(tmp_path, KNOWLEDGE_TEXT.encode(), load_knowledge))
    assert_phrases_usable(loads_or_explains(tmp_path, PHRASES_TEXT.encode(), Phrases))
