"""Which of the registered languages a short chat message is written in.

The order of evidence:
1. the channel's `metadata.language` ("et", "et-EE"...), when it sends one;
2. an explicit request for a language ("räägi eesti keeles", "in English
   please", "inglise keeles palun"): the requested language, whatever the
   request is written in (each language's `requests`);
3. letters only one language writes (õ ä ö ü š ž: Estonian) or an acronym with
   a language's case ending ("NATO-s", "USA-ga", "EL-i");
4. common chat words of only one of the languages ("tere", "kas", "aitäh";
   "hello", "where", "thanks"), which short messages often consist of;
5. lingua, restricted to the registered languages, when the message has words
   beyond acronyms and lingua is clearly sure.
A language-neutral message ("NATO?", "ok", "USA") gets None, so the
conversation keeps its language.
"""

import re
from functools import lru_cache
from typing import Any, Dict, List, Optional

from common.text import fold
from languages import LANGUAGES, REGISTRY

WORD = re.compile(r"[^\W\d_]+")
REQUESTS = {code: re.compile("|".join(lang.requests), re.IGNORECASE) for code, lang in REGISTRY.items()}
NAMES = {code: re.compile(r"\b(?:" + "|".join(lang.names) + ")", re.IGNORECASE) for code, lang in REGISTRY.items()}
LETTERS = {code: pattern for code, lang in REGISTRY.items() if (pattern := lang.letter_pattern()) is not None}
ACRONYM_CASE_ENDINGS = {
    code: re.compile(rf"\b[A-ZÕÄÖÜ]{{2,}}-{lang.acronym_case_ending}\b")
    for code, lang in REGISTRY.items()
    if lang.acronym_case_ending
}
# Words that say nothing about the language: acronyms and chat tokens of any of them.
NEUTRAL_WORDS = frozenset().union(*(lang.neutral_words for lang in REGISTRY.values()))
# Frequent chat words that belong to one language only (as `fold` leaves them, lower case).
CHAT_WORDS = {code: lang.chat_words for code, lang in REGISTRY.items()}
MAX_REQUEST_WORDS = 12


def _one(found: List[str]) -> Optional[str]:
    return found[0] if len(found) == 1 else None


def requested_language(text: str) -> Optional[str]:
    """The language a short message explicitly asks for. A message naming two languages
    ("You can write in English or in Estonian") or a long one asks for none."""
    if len(text.split()) > MAX_REQUEST_WORDS or sum(bool(p.search(text)) for p in NAMES.values()) > 1:
        return None
    return _one([code for code, pattern in REQUESTS.items() if pattern.search(text)])


def hinted_language(metadata: Optional[Dict[str, Any]]) -> Optional[str]:
    """The language a channel sends in `metadata.language` ("et", "et-EE", "en_GB"...)."""
    hinted = metadata.get("language") if isinstance(metadata, dict) else None
    if isinstance(hinted, str) and hinted.lower()[:2] in LANGUAGES:
        return hinted.lower()[:2]
    return None


def written_by_letters(text: str) -> Optional[str]:
    """The one language whose own letters or acronym case endings the text shows, or None."""
    return _one(
        [
            code
            for code in LANGUAGES
            if (code in LETTERS and LETTERS[code].search(text))
            or (code in ACRONYM_CASE_ENDINGS and ACRONYM_CASE_ENDINGS[code].search(text))
        ]
    )


class LanguageIdentifier:
    def __init__(self, min_confidence: float = 0.7) -> None:
        from lingua import Language, LanguageDetectorBuilder

        self.min_confidence = min_confidence
        self._codes = {getattr(Language, lang.lingua): code for code, lang in REGISTRY.items()}
        self._lingua = LanguageDetectorBuilder.from_languages(*self._codes).with_preloaded_language_models().build()
        # The spaCy lemmatizer and the NLU's LanguageDetector both ask about the same message.
        self.written_in = lru_cache(maxsize=1024)(self._written_in)

    def detect(self, text: str, metadata: Optional[Dict[str, Any]] = None) -> Optional[str]:
        """A registered language's code, or None when the message does not tell."""
        return hinted_language(metadata) or requested_language(text) or self.written_in(text)

    def _written_in(self, text: str) -> Optional[str]:
        """The language the text itself is written in, or None (as `written_in`, uncached)."""
        by_letters = written_by_letters(text)
        if by_letters:
            return by_letters
        words = [w for w in WORD.findall(text) if w.lower() not in NEUTRAL_WORDS and not w.isupper()]
        if not words:
            return None
        # As the word lists are written: lower case, folded ("Aitäh" → "aitah").
        folded = {fold(w.lower()) for w in words}
        by_words = _one([code for code, chat_words in CHAT_WORDS.items() if folded & chat_words])
        if by_words:
            return by_words
        values = self._lingua.compute_language_confidence_values(" ".join(words))
        best = max(values, key=lambda v: v.value)
        if best.value < self.min_confidence:
            return None
        return self._codes[best.language]


@lru_cache(maxsize=4)
def language_identifier(min_confidence: float = 0.7) -> LanguageIdentifier:
    """One identifier per process (and threshold): lingua's models load once."""
    return LanguageIdentifier(min_confidence)
