"""Which language, English or Estonian, a short chat message is written in.

The order of evidence:
1. the channel's `metadata.language` ("en" or "et"), when it sends one;
2. an explicit request for a language ("räägi eesti keeles", "in English
   please", "inglise keeles palun"): the requested language, whatever the
   request is written in;
3. letters only Estonian uses (õ ä ö ü š ž) or an acronym with an Estonian case
   ending ("NATO-s", "USA-ga", "EL-i");
4. common chat words of only one of the languages ("tere", "kas", "aitäh";
   "hello", "where", "thanks"), which short messages often consist of;
5. lingua, restricted to English and Estonian, when the message has words
   beyond acronyms and lingua is clearly sure.
A language-neutral message ("NATO?", "ok", "USA") gets None, so the
conversation keeps its language.
"""

import re
from functools import lru_cache
from typing import Any, Dict, Optional

from common.languages import LANGUAGES
from common.text import fold

ESTONIAN_LETTERS = re.compile(r"[õäöüšž]", re.IGNORECASE)
ACRONYM_WITH_CASE_ENDING = re.compile(r"\b[A-ZÕÄÖÜ]{2,}-[a-zõäöü]{1,4}\b")
WORD = re.compile(r"[^\W\d_]+")
# "… in Estonian (please)", "speak Estonian", "eesti keeles", "eesti keelt", "eesti keelele";
# likewise for English. "the Estonian embassy" or "eesti keel on …" ask for nothing.
REQUESTS = {
    language: re.compile(
        rf"\b(?:in|speak|to|into|use)\s+{en}\b(?!\s+(?!please\b)[^\W\d_])|\b{en},?\s+please\b"
        rf"|\b{et}\s*keel(?:es|t|ele|de)\b",
        re.IGNORECASE,
    )
    for language, en, et in (("et", "estonian", "eesti"), ("en", "english", "inglise"))
}
# Words that say nothing about the language: acronyms and chat tokens shared by both.
NEUTRAL_WORDS = {
    "ok",
    "okay",
    "okei",
    "nato",
    "osce",
    "usa",
    "us",
    "uk",
    "eu",
    "el",
    "cfsp",
    "esdp",
    "hmm",
    "hm",
    "ah",
    "oh",
    "lol",
    "xd",
}
# Frequent chat words that belong to one language only (typed with or without diacritics).
ESTONIAN_WORDS = {
    "tere",
    "kas",
    "kus",
    "kust",
    "kuhu",
    "mis",
    "mida",
    "mitu",
    "mitme",
    "miks",
    "kuidas",
    "millal",
    "kes",
    "kellega",
    "milline",
    "millised",
    "millistes",
    "aitah",
    "tanan",
    "palun",
    "jah",
    "ei",
    "aega",
    "nagemist",
    "eestil",
    "eestis",
    "ja",
    "voi",
    "ning",
    "oled",
    "olete",
    "sina",
    "teie",
    "mul",
    "meil",
    "raagi",
    "ulevaade",
    "riigis",
    "riikides",
    "riigiga",
    "aga",
    "abi",
}
ENGLISH_WORDS = {
    "hi",
    "hello",
    "hey",
    "thanks",
    "thank",
    "you",
    "bye",
    "goodbye",
    "yes",
    "please",
    "what",
    "where",
    "which",
    "is",
    "are",
    "the",
    "does",
    "do",
    "how",
    "why",
    "who",
    "when",
    "can",
    "tell",
    "about",
    "there",
    "any",
    "have",
    "has",
    "estonia",
    "estonian",
    "of",
    "and",
    "or",
    "with",
}


BOTH_LANGUAGES = re.compile(r"(?=.*\b(?:english|inglise))(?=.*\b(?:estonian|eesti))", re.IGNORECASE | re.DOTALL)
MAX_REQUEST_WORDS = 12


def requested_language(text: str) -> Optional[str]:
    """The language a short message explicitly asks for. A message naming both
    ("You can write in English or in Estonian") or a long one asks for none."""
    if len(text.split()) > MAX_REQUEST_WORDS or BOTH_LANGUAGES.search(text):
        return None
    asked = [language for language, pattern in REQUESTS.items() if pattern.search(text)]
    return asked[0] if len(asked) == 1 else None


def hinted_language(metadata: Optional[Dict[str, Any]]) -> Optional[str]:
    """The language a channel sends in `metadata.language` ("et", "et-EE", "en_GB"...)."""
    hinted = metadata.get("language") if isinstance(metadata, dict) else None
    if isinstance(hinted, str) and hinted.lower()[:2] in LANGUAGES:
        return hinted.lower()[:2]
    return None


class LanguageIdentifier:
    def __init__(self, min_confidence: float = 0.7) -> None:
        from lingua import Language, LanguageDetectorBuilder

        self.min_confidence = min_confidence
        self._lingua = (
            LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.ESTONIAN)
            .with_preloaded_language_models()
            .build()
        )
        self._codes = {Language.ENGLISH: "en", Language.ESTONIAN: "et"}
        # The spaCy lemmatizer and the NLU's LanguageDetector both ask about the same message.
        self.written_in = lru_cache(maxsize=1024)(self._written_in)

    def detect(self, text: str, metadata: Optional[Dict[str, Any]] = None) -> Optional[str]:
        """'en', 'et', or None when the message does not tell."""
        return hinted_language(metadata) or requested_language(text) or self.written_in(text)

    def _written_in(self, text: str) -> Optional[str]:
        """The language the text itself is written in, or None (as `written_in`, uncached)."""
        if ESTONIAN_LETTERS.search(text) or ACRONYM_WITH_CASE_ENDING.search(text):
            return "et"
        words = [w for w in WORD.findall(text) if w.lower() not in NEUTRAL_WORDS and not w.isupper()]
        if not words:
            return None
        # As the word lists are written: lower case, ASCII ("Aitäh" → "aitah"; a letter with
        # no ASCII base is left out, "Straße" → "strae").
        folded = {fold(w.lower()).encode("ascii", "ignore").decode() for w in words}
        estonian, english = bool(folded & ESTONIAN_WORDS), bool(folded & ENGLISH_WORDS)
        if estonian != english:
            return "et" if estonian else "en"
        values = self._lingua.compute_language_confidence_values(" ".join(words))
        best = max(values, key=lambda v: v.value)
        if best.value < self.min_confidence:
            return None
        return self._codes[best.language]


@lru_cache(maxsize=4)
def language_identifier(min_confidence: float = 0.7) -> LanguageIdentifier:
    """One identifier per process (and threshold): lingua's models load once."""
    return LanguageIdentifier(min_confidence)
