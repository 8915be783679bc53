"""How an answer starts. A yes/no answer's verdict ("Yes"/"No", "Jah"/"Ei", "Да"/"Нет") is
the first word of its line, not a substring anywhere: "No" is inside "Norway" and "ei"
inside "seisuga", so a substring check passes a wrong "Yes"/„Jah“. The verdicts are the
first words of the attache_yes/attache_no phrases, in every language."""

import re
from typing import List, Optional, Sequence, Tuple

from actions.phrasing import Phrases
from languages import LANGUAGES

_PHRASES = Phrases()
YES = {lang: re.match(r"\w+", _PHRASES.text("attache_yes", lang)).group(0) for lang in LANGUAGES}  # type: ignore[union-attr]
NO = {lang: re.match(r"\w+", _PHRASES.text("attache_no", lang)).group(0) for lang in LANGUAGES}  # type: ignore[union-attr]
VERDICTS = (*YES.values(), *NO.values())
_VERDICT = re.compile(r"(" + "|".join(map(re.escape, VERDICTS)) + r")\b")


def starts_with_word(text: str, word: str) -> bool:
    """Whether `text` begins with the whole word `word` ("No." yes, "Norway" no)."""
    return re.match(rf"{re.escape(word)}\b", text) is not None


def verdict(line: str) -> Optional[str]:
    """The verdict the line starts with, or None."""
    found = _VERDICT.match(line)
    return found.group(1) if found else None


def verdict_lines(text: str) -> List[Tuple[str, str]]:
    """(verdict, line) for every line of the answer that starts with a verdict, in order."""
    return [(verdict(line), line) for line in text.split("\n") if verdict(line)]


def expected_verdicts(expected: Sequence[str]) -> List[Tuple[str, Optional[str]]]:
    """The verdicts in a list of expected facts, each with the fact right after it (its line must name it):
    ["Yes", "in Sweden", "No", "Latvia"] -> [("Yes", "in Sweden"), ("No", "Latvia")]."""
    pairs = []
    for i, fact in enumerate(expected):
        if fact in VERDICTS:
            following = expected[i + 1] if i + 1 < len(expected) and expected[i + 1] not in VERDICTS else None
            pairs.append((fact, following))
    return pairs


def verdict_problem(text: str, expected: Sequence[str]) -> Optional[str]:
    """What is wrong with the answer's verdicts, or None. With no verdict expected, no line
    may start with one; otherwise the answer starts with the first, and its lines that start
    with a verdict are exactly the expected ones, in order, each naming the fact after it."""
    wanted, given = expected_verdicts(expected), verdict_lines(text)
    if [w for w, _ in wanted] != [v for v, _ in given]:
        return f"verdicts {[v for v, _ in given]}, expected {[w for w, _ in wanted]}"
    if wanted and not starts_with_word(text, wanted[0][0]):
        return f"does not start with {wanted[0][0]!r}"
    for (word, fact), (_, line) in zip(wanted, given, strict=True):
        if fact is not None and fact.lower() not in line.lower():
            return f"the {word!r} line {line!r} does not name {fact!r}"
    return None
