"""The words of a message with their lemmas, folded, for matching against the knowledge file.

Names, spheres and the cues of unstated details are looked up by word: as typed
and as lemmas, so that "hangetes", "kaitsehanked" and "relvahanked" all reach
"hange" (procurement), and "names" reaches "name". The lemmas come from each
language's morphology (languages/<code>/morphology.py: Vabamorf for Estonian,
with a compound's parts, "kaitsehanked" → kaitsehange, kaitse, hange; spaCy's
lookup table for English), loaded once per process.
"""

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Dict, Iterable, List, NamedTuple, Sequence, Set, Tuple

from actions.matching import match_key
from languages import REGISTRY

if TYPE_CHECKING:
    from languages.morphology import Morphology

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
    """The words of a text: letters and digits, with inner hyphens and apostrophes ("USA-s", "attaché's")."""
    return _WORD.findall(text or "")


def morphology(language: str) -> "Morphology":
    """The language's morphology (languages/<code>/morphology.py), loaded once per process."""
    return REGISTRY[language].load_morphology()


def message_words(text: str, language: str) -> List[Word]:
    """The words of `text` with their lemmas, in `language` (a registered code)."""
    return list(_message_words(text or "", language))


@lru_cache(maxsize=256)
def _message_words(text: str, language: str) -> Tuple[Word, ...]:
    """Remembered: one message is looked at for names, spheres and details alike."""
    words = split_words(text)
    if not words:
        return ()
    lemmas = morphology(language).lemmas(words)
    return tuple(
        Word(match_key(word), match_key(lemma) or match_key(word), match_key(head) or match_key(word))
        for word, (lemma, head) in zip(words, lemmas, strict=True)
    )


class PhraseIndex:
    """Finds knowledge-file phrases (aliases, cues) in a message, word by word, in one language.

    A phrase matches words of the message in its order, each the same word as typed
    or as lemma, or a compound with that word as its head; with `gap`, up to that many
    other words may stand between two of its words ("which countries" is in "which
    European countries"). Where matches overlap, the one with more words wins, then the
    phrase listed first."""

    def __init__(self, phrases: Iterable[Tuple[str, str]], language: str, gap: int = 0) -> None:
        self.language = language
        self.gap = gap
        self._phrases: List[Tuple[Tuple[Word, ...], str]] = []
        self._by_first: Dict[str, List[int]] = {}
        for phrase, phrase_id in phrases:
            words = tuple(message_words(phrase, language))
            if not words:
                continue
            number = len(self._phrases)
            self._phrases.append((words, phrase_id))
            for form in {words[0].typed, words[0].lemma}:
                self._by_first.setdefault(form, []).append(number)

    def _end(self, phrase: Tuple[Word, ...], words: Sequence[Word], start: int) -> int:
        """Where the phrase starting at words[start] ends (exclusive), or 0 if it does not match."""
        position = start
        for part in phrase[1:]:
            for step in range(1, self.gap + 2):
                if position + step < len(words) and words[position + step].matches(part):
                    position += step
                    break
            else:
                return 0
        return position + 1

    def find(self, words: Sequence[Word]) -> List[Tuple[str, int, int]]:
        """(id, first word, end) of each phrase found, in the message's order, not overlapping."""
        candidates = []
        for start, word in enumerate(words):
            numbers: Set[int] = set()
            for form in {word.typed, word.lemma, word.head}:
                numbers.update(self._by_first.get(form, ()))
            for number in numbers:
                phrase, phrase_id = self._phrases[number]
                end = self._end(phrase, words, start) if len(phrase) > 1 else start + 1
                if end:
                    candidates.append((-len(phrase), number, start, end, phrase_id))
        found: List[Tuple[str, int, int]] = []
        taken: set = set()
        for _, _, start, end, phrase_id in sorted(candidates):
            span = set(range(start, end))
            if not span & taken:
                found.append((phrase_id, start, end))
                taken |= span
        return sorted(found, key=lambda item: item[1])

    def ids_in(self, text: str) -> List[str]:
        """Ids of the phrases found in `text`, in order, each once."""
        ids = [phrase_id for phrase_id, _, _ in self.find(message_words(text, self.language))]
        return list(dict.fromkeys(ids))
