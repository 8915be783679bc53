"""Matches what people type to knowledge ids, forgiving case, diacritics and typos.

`match_key` turns "Ühendkuningriigis", "uhendkuningriigis" and "ÜHENDKUNINGRIIGIS"
into one key. `Matcher` looks a typed name up among all spellings of all
entries (countries, spheres): exactly, then with a case ending
after an acronym cut off ("USA-s"), then allowing one typo (two in long words).
"""

import re
from typing import Dict, Iterable, List, Optional, Tuple

from common.text import collapse_spaces, fold
from languages import REGISTRY

_NON_WORD = re.compile(r"[^\w\s-]+")
_ACRONYM_CASE = re.compile(r"^(\w{2,5})-\w{1,4}$")
# Between the items of a list: punctuation, or any language's "and"/"or" ("Soomes ja Rootsis").
_SPLIT_LIST = re.compile(
    r"\s*(?:,|;|/|&|"
    + "|".join(rf"\b{re.escape(word)}\b" for lang in REGISTRY.values() for word in lang.conjunctions)
    + r")\s*",
    re.IGNORECASE,
)
_LEADING_ARTICLE = re.compile(r"^(?:the)\s+")


def match_key(text: str) -> str:
    """The key a name is matched under: casefolded, folded (no diacritics), without
    punctuation or a leading "the", its spaces collapsed ("The U.K." → "uk")."""
    text = fold(text.casefold())
    text = _NON_WORD.sub("", text.replace("’", "").replace("'", ""))
    return _LEADING_ARTICLE.sub("", collapse_spaces(text))


# A word before a country name that makes it a region: "South America", "Lõuna-Ameerika",
# "Южной Америке"; as `match_key` leaves it ("южнои"), since words are compared that way.
REGION_QUALIFIERS = {match_key(word) for lang in REGISTRY.values() for word in lang.region_qualifiers}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with transpositions, giving up above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: List[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def typo_allowance(key: str) -> int:
    return 0 if len(key) < 5 else 1 if len(key) < 10 else 2


class Matcher:
    """Index of spellings → entry id, for one kind of entry."""

    def __init__(self, spellings: Iterable[Tuple[str, str]]) -> None:
        self._exact: Dict[str, str] = {}
        for spelling, entry_id in spellings:
            self._exact.setdefault(match_key(spelling), entry_id)

    def match(self, text: str, typos: bool = True) -> Optional[str]:
        """The id `text` names, or None."""
        key = match_key(text)
        if not key:
            return None
        if key in self._exact:
            return self._exact[key]
        acronym = _ACRONYM_CASE.match(key)
        if acronym and acronym.group(1) in self._exact:
            return self._exact[acronym.group(1)]
        if not typos or typo_allowance(key) == 0:
            return None
        best, best_distance = None, typo_allowance(key) + 1
        for spelling, entry_id in self._exact.items():
            # People rarely mistype the first letter; "north korea" is not "south korea".
            if typo_allowance(spelling) == 0 or spelling[0] != key[0]:
                continue
            distance = edit_distance(key, spelling, best_distance - 1)
            if distance < best_distance:
                best, best_distance = entry_id, distance
        return best

    def match_all(self, text: str) -> List[str]:
        """Ids named in `text`, which may list several ("Soomes ja Rootsis")."""
        whole = self.match(text)
        if whole:
            return [whole]
        found: List[str] = []
        for part in _SPLIT_LIST.split(text):
            entry_id = self.match(part) if part.strip() else None
            if entry_id and entry_id not in found:
                found.append(entry_id)
        return found

    def _match_at(self, words: List[str], i: int, max_words: int, found: List[str], typos: bool = False) -> int:
        """Length of the longest known name starting at words[i] (added to found), or 0."""
        for size in range(max_words, 0, -1):
            phrase = " ".join(words[i : i + size])
            if len(match_key(phrase)) <= 2 and phrase != phrase.upper():
                continue
            entry_id = self.match(phrase, typos=typos and size == 1)
            if entry_id:
                if entry_id not in found:
                    found.append(entry_id)
                return size
        return 0

    def scan(self, text: str, max_words: int = 3, typos: bool = False) -> List[str]:
        """Ids mentioned anywhere in a sentence, in order: exact spellings, or with
        `typos` also single words with one slip ("Somoes").

        Used for names NLU did not find. Two-letter spellings ("US", "UK") count
        only when typed in capitals, since "us" is an English word; a name after
        a region word ("South America", "Lõuna-Ameerika") is not the country.
        """
        words = re.findall(r"\w+(?:[-.]\w+)*\.?", text)
        found: List[str] = []
        i = 0
        while i < len(words):
            size = self._match_at(words, i, max_words, found, typos)
            if size:
                i += size
            elif match_key(words[i]).rstrip("-") in REGION_QUALIFIERS:
                i += 2  # "South America" is not America
            else:
                i += 1
        return found
