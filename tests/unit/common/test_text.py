"""common/text.py: the one diacritic fold, and every former fold's behaviour kept where it is used.

Each place that folded text had a function of its own, and they differed (lower
or casefold, combining marks dropped or every non-ASCII character). Each now
calls `fold`, lowering at the call site as before; the references below are the
former functions, word for word, and each call site's composition gives the same
result for every character of the Basic Multilingual Plane and for generated
and real texts.
"""

import ast
import re
import unicodedata
from pathlib import Path
from typing import Iterator, List

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actions.matching import match_key
from common.text import collapse_spaces, fold
from report.analysis import normalise
from report.store import one_line

ROOT = Path(__file__).resolve().parents[3]
# The packages that run in the assistant or build its data (tests aside).
PACKAGES = ("actions", "bench", "channels", "common", "compare", "components", "deploy", "languages", "load")
PACKAGES += ("morphology", "patches", "report", "stack", "stores", "tools", "webchat")

# ------------------------------------------------------------ the former functions, verbatim

_NON_WORD = re.compile(r"[^\w\s-]+")
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^(?:the)\s+")


def old_matching_fold(text: str) -> str:  # actions/matching.py
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NON_WORD.sub("", text.replace("’", "").replace("'", ""))
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_ARTICLE.sub("", text)


def old_unknown_words_fold(word: str) -> str:  # components/unknown_words.py
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def old_lexicon_fold(word: str) -> str:  # morphology/lexicon.py
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def old_language_fold(word: str) -> str:  # morphology/language.py
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()


def old_strip_diacritics(text: str) -> str:  # tools/nlu_from_knowledge.py fold_sentence, tests' inflection set, bench
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def old_normalise(text: str) -> str:  # report/analysis.py
    return re.sub(r"\s+", " ", text.casefold()).strip(" ?!.,;:")


def old_one_line(error: BaseException) -> str:  # report/store.py
    text = " ".join(str(error).split())
    return text[:300] or error.__class__.__name__


# ------------------------------------------------------------ what each call site does now

CALL_SITES = {
    "actions/matching.py match_key": (old_matching_fold, match_key),
    "components/unknown_words.py fold(casefold)": (old_unknown_words_fold, lambda w: fold(w.casefold())),
    "morphology/lexicon.py fold(lower)": (old_lexicon_fold, lambda w: fold(w.lower())),
    "languages/identification.py fold(lower), ASCII": (
        old_language_fold,
        lambda w: fold(w.lower()).encode("ascii", "ignore").decode(),
    ),
    "tools, bench: fold": (old_strip_diacritics, fold),
    "report/analysis.py normalise": (old_normalise, normalise),
}


def every_character() -> Iterator[str]:
    for code in range(0x10000):
        if not 0xD800 <= code <= 0xDFFF:  # lone surrogates are no text
            yield chr(code)


def real_texts() -> List[str]:
    """Every text of the knowledge file and the NLU data, line by line."""
    lines: List[str] = []
    for path in [ROOT / "knowledge.yml", ROOT / "actions" / "phrases.yml", *sorted((ROOT / "nlu").glob("*.yml"))]:
        lines += [line.strip(" -") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


TRICKY = [
    "Ühendkuningriigis",
    "ÜHENDKUNINGRIIGIS",
    "kaitseatašee",
    "KAITSEATAŠEE",
    "Šveits",
    "Tšehhi",
    "attaché's",
    "The U.K.",
    "  the   USA-s  ",
    "Straße",
    "ΟΔΟΣ ΣΑΣ",  # Greek final sigma: lowered in context
    "İstanbul",  # a dotted capital I lowers to i and a combining dot
    "ﬁnland",  # a ligature
    "ＮＡＴＯ",  # full-width letters
    "Здравствуйте",
    "Łódź Øresund æble",
    "e\u0301 e\u0300\u0323",  # combining marks typed apart, in either order
    "tab\tnew\nline\u00a0nbsp\u2003em",
    "🙂 NATO? ¿Qué?",
    "",
]


@pytest.mark.parametrize("site", sorted(CALL_SITES))
def test_every_character_folds_as_before(site):
    old, new = CALL_SITES[site]
    changed = [c for c in every_character() if old(c) != new(c)]
    assert not changed, [f"U+{ord(c):04X}" for c in changed[:20]]


@pytest.mark.parametrize("site", sorted(CALL_SITES))
def test_real_and_tricky_texts_fold_as_before(site):
    old, new = CALL_SITES[site]
    for text in real_texts() + TRICKY:
        assert new(text) == old(text), text


@pytest.mark.parametrize("site", sorted(CALL_SITES))
@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_folds_as_before(site, text):
    old, new = CALL_SITES[site]
    assert new(text) == old(text)


def test_one_line_error_messages_are_as_before():
    for text in TRICKY + ["", "  \n  ", "x" * 400, "a\r\nb"]:
        error = ValueError(text)
        assert one_line(error) == old_one_line(error)


# ------------------------------------------------------------ fold itself


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Ühendkuningriigis", "Uhendkuningriigis"),
        ("kaitseatašee Soomes", "kaitseatasee Soomes"),
        ("Kas Eestil on [Šveitsis](country)?", "Kas Eestil on [Sveitsis](country)?"),  # annotations kept
        ("ÕÄÖÜ õäöü Šš Žž", "OAOU oaou Ss Zz"),
        ("attaché", "attache"),
        ("ＮＡＴＯ", "NATO"),
        ("Straße", "Straße"),  # no diacritic: unchanged (casefold makes it "strasse", lower does not)
        ("Здравствуйте", "Здравствуите"),
    ],
)
def test_fold_drops_diacritics_and_keeps_case(text, folded):
    assert fold(text) == folded


def test_fold_is_idempotent():
    for text in TRICKY + real_texts()[:500]:
        assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    "text, collapsed",
    [(" a  b\t\nc ", "a b c"), ("\u00a0NATO\u2003EU\u00a0", "NATO EU"), ("", ""), ("   ", ""), ("one", "one")],
)
def test_collapse_spaces(text, collapsed):
    assert collapse_spaces(text) == collapsed


# ------------------------------------------------------------ one fold in the code


def python_files() -> Iterator[Path]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "node_modules" not in path.parts:
                yield path


def test_no_other_module_strips_diacritics():
    """Only common/text.py decomposes text to drop its combining marks (NFKD, NFD, combining)."""
    found = []
    for path in python_files():
        if path == ROOT / "common" / "text.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "combining":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} unicodedata.combining")
            if isinstance(node, ast.Constant) and node.value in ("NFKD", "NFD"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value}")
            if isinstance(node, ast.FunctionDef) and {"fold", "diacritics"} & set(node.name.split("_")):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} def {node.name}")
    assert not found, found


def test_common_needs_only_the_standard_library():
    """The action server and the Rasa components both import common/: it imports neither."""
    import sys

    for path in sorted((ROOT / "common").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: List[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top == "common" or top in sys.stdlib_module_names, f"{path.name} imports {name}"


def test_the_generated_nlu_names_are_unchanged():
    """tools/nlu_from_knowledge.py writes the committed file exactly (its folds included)."""
    from tools.nlu_from_knowledge import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render()
