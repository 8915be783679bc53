"""The words of a message with their lemmas, folded, for matching against the knowledge file.

Names, spheres and the cues of unstated details are looked up by word: as typed
and as lemmas, so that "hangetes", "kaitsehanked" and "relvahanked" all reach
"hange" (procurement), and "names" reaches "name". Estonian lemmas come from
Vabamorf (a compound's parts too: "kaitsehanked" → kaitsehange, kaitse, hange);
English ones from spaCy's lookup table. Both load once per process.
"""

import gzip
import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, NamedTuple, Sequence, Tuple

from actions.matching import fold

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


class Word(NamedTuple):
    """One word, folded (no case, no diacritics): as typed, its lemma, and its head:
    a compound's last part ("relvahanked" → "hange"), else the lemma."""

    typed: str
    lemma: str
    head: str

    def matches(self, other: "Word") -> bool:
        """Whether this word of a message is `other`, a word of a knowledge-file phrase:
        the same form or lemma, or a compound whose head is that word."""
        return bool({other.typed, other.lemma} & {self.typed, self.lemma, self.head})


def split_words(text: str) -> List[str]:
    return _WORD.findall(text or "")


@lru_cache(maxsize=1)
def _english() -> Dict[str, str]:
    """spacy-lookups-data's English lemma table, read from its file: importing spaCy
    would load TensorFlow into the action server (seconds and hundreds of MB)."""
    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None or spec.origin is None:
        raise ImportError("spacy-lookups-data is not installed: run `make run` or `make test`")
    path = Path(spec.origin).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as file:
        return json.load(file)


@lru_cache(maxsize=1)
def _estonian():
    from morphology.estonian import estonian

    return estonian()


class _Capitalised:
    """Stands in for a lexicon: a lower-case word Vabamorf does not know is tried
    capitalised, as names are ("soomes" → "Soomes" → Soome)."""

    @staticmethod
    def restore(word: str):
        return word[:1].upper() + word[1:] if word[:1].islower() else None


def _estonian_forms(words: Sequence[str]) -> List[Tuple[str, str]]:
    """Vabamorf's lemma and head (last compound part) of each word."""
    return [(a.lemma, a.parts[-1] if a.parts else a.lemma) for a in _estonian().analyse(words, _Capitalised())]


def message_words(text: str, language: str) -> List[Word]:
    """The words of `text` with their lemmas, in `language` ("en" or "et")."""
    words = split_words(text)
    if not words:
        return []
    if language == "et":
        lemmas = _estonian_forms(words)
    else:
        table = _english()
        lemmas = [(table.get(word.lower(), word),) * 2 for word in words]
    return [Word(fold(word), fold(lemma) or fold(word), fold(head) or fold(word))
            for word, (lemma, head) in zip(words, lemmas)]


class PhraseIndex:
    """Finds knowledge-file phrases (aliases, cues) in a message, word by word, in one language.

    A phrase matches consecutive words of the message, each the same word as typed
    or as lemma, or a compound with that word as its head; the longest match wins."""

    def __init__(self, phrases: Iterable[Tuple[str, str]], language: str) -> None:
        self.language = language
        self._phrases: List[Tuple[List[Word], str]] = []
        for phrase, phrase_id in phrases:
            words = message_words(phrase, language)
            if words:
                self._phrases.append((words, phrase_id))
        self._phrases.sort(key=lambda item: -len(item[0]))

    def find(self, words: Sequence[Word]) -> List[Tuple[str, int, int]]:
        """(id, first word, end) of each phrase found, in the message's order, not overlapping."""
        found: List[Tuple[str, int, int]] = []
        taken: set = set()
        for phrase, phrase_id in self._phrases:
            size = len(phrase)
            for start in range(len(words) - size + 1):
                span = set(range(start, start + size))
                if span & taken:
                    continue
                if all(words[start + k].matches(phrase[k]) for k in range(size)):
                    found.append((phrase_id, start, start + size))
                    taken |= span
        return sorted(found, key=lambda item: item[1])

    def ids_in(self, text: str) -> List[str]:
        """Ids of the phrases found in `text`, in order, each once."""
        ids = [phrase_id for phrase_id, _, _ in self.find(message_words(text, self.language))]
        return list(dict.fromkeys(ids))
