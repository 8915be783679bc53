"""Hypothesis strategies for input a stranger could send: odd text, wrong JSON
types, huge and deeply nested values, `/intent{...}` injections and markup.

Every entry point's fuzz test builds its payloads from these, so a new kind of
nastiness added here reaches every door at once.
"""

import json
from typing import Any, Dict, List

from hypothesis import strategies as st

# Characters that have broken chat software before: NUL and other controls,
# bidirectional overrides, zero-width and byte-order marks, a lone surrogate
# (valid in JSON escapes, invalid as Unicode), combining marks, emoji.
SPECIAL_CHARACTERS = [
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\ufffe",
    "\ud800",
    "\udfff",
    "\u0301",
    "\U0001f1ea\U0001f1ea",
    "\r\n",
    "\t",
]
MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[link](javascript:alert(1))",
    "**bold** _it_ `code`",
    "{{7*7}}",
    "${HOME}",
    "%s%n%x",
    "' OR 1=1 --",
    "../../etc/passwd",
    "<b>",
    "&amp;&#0;",
    "\\u0000",
    "@channel",
    "/start",
]
# Intents and actions of domain.yml, and names that are not; an injection may name either.
INTENT_NAMES = [
    "ask_attache",
    "ask_nato",
    "greet",
    "out_of_scope",
    "nlu_fallback",
    "choose_topic",
    "session_start",
    "restart",
    "back",
    "action_listen",
    "",
    "x" * 300,
    "ask_nato ask_eu",
]

WORDS = [
    "Is Estonia in NATO?",
    "Kas Eestil on kaitseatašee Soomes?",
    "attaché",
    "kaitseatašee",
    "Finland",
    "Soomes",
    "OSCE",
    "NATO",
    "tere",
    "hello",
    "2",
    "jah",
    "EI",
]


def odd_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Any Unicode (surrogates included), mixed with the special characters, markup and real words."""
    piece = st.one_of(
        st.text(st.characters(blacklist_categories=()), max_size=max_size),
        st.sampled_from(SPECIAL_CHARACTERS),
        st.sampled_from(MARKUP),
        st.sampled_from(WORDS),
    )
    return st.lists(piece, max_size=6).map("".join)


def intent_injection() -> st.SearchStrategy[str]:
    """`/intent{...}` messages, with well-formed, odd or broken entity JSON."""
    entities = st.one_of(
        st.dictionaries(
            st.sampled_from(["country", "sphere", "language", "topic", "x", ""]), json_values(), max_size=3
        ).map(lambda d: json.dumps(d, ensure_ascii=False)),
        odd_text(20),
        st.just("{"),
        st.just('{"country": '),
        st.just("[1,2]"),
        st.just(""),
    )
    return st.builds(
        lambda name, ents, tail: f"/{name}{ents}{tail}",
        st.sampled_from(INTENT_NAMES),
        entities,
        st.sampled_from(["", " ", "}", "@0.99", " extra words"]),
    )


def scalars() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=2**63, max_value=2**80),
        st.floats(allow_nan=False, allow_infinity=False),
        odd_text(30),
    )


def json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """Any JSON value, a few levels deep."""
    return st.recursive(
        scalars(),
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(odd_text(12), inner, max_size=4)),
        max_leaves=max_leaves,
    )


def nested(depth: int, leaf: Any = 1) -> Any:
    """A value nested `depth` levels deep, built without recursion: [[[…]]] or {"a": {"a": …}}."""
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"a": value}
    return value


def deep_json_text() -> st.SearchStrategy[str]:
    """JSON text nested 40 to 6,000 levels deep (more than channels.bodies.MAX_NESTING): too deep for a recursive parser
    or serializer. Written as text, since Python's json.dumps itself gives up at ~1,000."""

    def text(depth: int, kind: str) -> str:
        if kind == "list":
            return "[" * depth + "]" * depth
        if kind == "object":
            return '{"a":' * depth + "1" + "}" * depth
        return '{"sender": "deep", "message": "hi", "metadata": ' + "[" * depth + "]" * depth + "}"

    return st.builds(text, st.integers(min_value=40, max_value=6000), st.sampled_from(["list", "object", "field"]))


def huge_text() -> st.SearchStrategy[str]:
    """Long strings: repeated words, one repeated character, or many lines (up to ~300 kB)."""
    return st.builds(
        lambda piece, times: piece * times,
        st.sampled_from(["a", "NATO ", "ä", "\u200b", "x\n", "🙂"]),
        st.integers(min_value=1000, max_value=300_000),
    )


def field_values() -> st.SearchStrategy[Any]:
    """What a fuzzer puts in one field: a wrong JSON type, odd text, an injection or a huge value."""
    return st.one_of(
        json_values(), odd_text(), intent_injection(), huge_text().map(lambda s: s[:20_000]), st.just(nested(40))
    )


def paths(document: Any, prefix: tuple = ()) -> List[tuple]:
    """Every path (tuple of keys/indexes) into a JSON document, the root included."""
    found = [prefix]
    if isinstance(document, dict):
        for key, value in document.items():
            found += paths(value, prefix + (key,))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += paths(value, prefix + (index,))
    return found


def replaced(document: Any, path: tuple, value: Any) -> Any:
    """A copy of `document` with the value at `path` replaced (or, at the root, `value` itself)."""
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


def mutations_of(document: Dict[str, Any]) -> st.SearchStrategy[Any]:
    """A valid request with one field (at any depth) replaced by a fuzz value, removed, or
    with a stray field added: wrong JSON types at every field."""
    all_paths = paths(document)

    def removed(path: tuple) -> Any:
        copy = json.loads(json.dumps(document))
        if not path:
            return copy
        target = copy
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
        return copy

    return st.one_of(
        st.builds(lambda path, value: replaced(document, path, value), st.sampled_from(all_paths), field_values()),
        st.sampled_from(all_paths[1:] or [()]).map(removed),
        st.builds(lambda key, value: {**document, key: value}, odd_text(10), field_values()),
    )


def to_json(value: Any) -> bytes:
    """JSON as a client would send it; lone surrogates become \\uXXXX escapes."""
    return json.dumps(value, ensure_ascii=True).encode("ascii")


def raw_bodies() -> st.SearchStrategy[bytes]:
    """Bodies that are not what the server expects: random bytes, broken UTF-8, truncated
    or deeply nested JSON, form data, an empty body."""
    return st.one_of(
        st.binary(max_size=200),
        st.just(b""),
        st.just(b"\xff\xfe\x00"),
        deep_json_text().map(str.encode),
        json_values().map(to_json),
        json_values().map(lambda v: to_json(v)[:-1]),
        odd_text().map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.just(b"a=1&b=%ZZ&payload=%7B%22x%22"),
    )


CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "",
]
