"""NLU component: which language, English or Estonian, a message is written in.

The answer goes into a `language` entity, which fills the `language` slot, so
every reply (responses and actions alike) follows the user's language. The
order of evidence:
1. the channel's `metadata.language` ("en" or "et"), when it sends one;
2. letters only Estonian uses (õ ä ö ü š ž) or an acronym with an Estonian case
   ending ("NATO-s", "USA-ga", "EL-i");
3. common chat words of only one of the languages ("tere", "kas", "aitäh";
   "hello", "where", "thanks"), which short messages often consist of;
4. lingua, restricted to English and Estonian, when the message has words
   beyond acronyms and when lingua is clearly sure.
A language-neutral message ("NATO?", "ok", "USA") gets no entity, so the slot
keeps the conversation's language.
"""

import re
import unicodedata
from typing import Any, Dict, List, Optional, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.stateless import StatelessComponent

LANGUAGES = ("en", "et")
ESTONIAN_LETTERS = re.compile(r"[õäöüšž]", re.IGNORECASE)
ACRONYM_WITH_CASE_ENDING = re.compile(r"\b[A-ZÕÄÖÜ]{2,}-[a-zõäöü]{1,4}\b")
WORD = re.compile(r"[^\W\d_]+")
# Words that say nothing about the language: acronyms and chat tokens shared by both.
NEUTRAL_WORDS = {"ok", "okay", "okei", "nato", "osce", "usa", "us", "uk", "eu", "el", "cfsp", "esdp",
                 "hmm", "hm", "ah", "oh", "lol", "xd"}
# Frequent chat words that belong to one language only (typed with or without diacritics).
ESTONIAN_WORDS = {"tere", "kas", "kus", "kust", "kuhu", "mis", "mida", "mitu", "mitme", "miks", "kuidas", "millal",
                  "kes", "kellega", "milline", "millised", "millistes", "aitah", "tanan", "palun", "jah", "ei",
                  "aega", "nagemist", "eestil", "eestis", "ja", "voi", "ning", "oled", "olete", "sina",
                  "teie", "mul", "meil", "raagi", "ulevaade", "riigis", "riikides", "riigiga"}
ENGLISH_WORDS = {"hi", "hello", "hey", "thanks", "thank", "you", "bye", "goodbye", "yes", "please", "what",
                 "where", "which", "is", "are", "the", "does", "do", "how", "why", "who", "when", "can", "tell",
                 "about", "there", "any", "have", "has", "estonia", "estonian", "of", "and", "or", "with"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(StatelessComponent):
    """Adds a `language` entity ("en"/"et") to each message whose language is clear."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # lingua's confidence in the winning language must reach this.
        return {"min_confidence": 0.7}

    def __init__(self, config: Dict[Text, Any]) -> None:
        from lingua import Language, LanguageDetectorBuilder

        super().__init__(config)
        self._min_confidence = config["min_confidence"]
        self._lingua = (
            LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.ESTONIAN)
            .with_preloaded_language_models()
            .build()
        )
        self._codes = {Language.ENGLISH: "en", Language.ESTONIAN: "et"}

    def detect(self, text: str, metadata: Optional[Dict[Text, Any]] = None) -> Optional[str]:
        """'en', 'et', or None when the message does not tell."""
        hinted = (metadata or {}).get("language") if isinstance(metadata, dict) else None
        if isinstance(hinted, str) and hinted.lower()[:2] in LANGUAGES:
            return hinted.lower()[:2]
        if ESTONIAN_LETTERS.search(text) or ACRONYM_WITH_CASE_ENDING.search(text):
            return "et"
        words = [w for w in WORD.findall(text) if w.lower() not in NEUTRAL_WORDS and not w.isupper()]
        if not words:
            return None
        folded = {unicodedata.normalize("NFKD", w.lower()).encode("ascii", "ignore").decode() for w in words}
        estonian, english = bool(folded & ESTONIAN_WORDS), bool(folded & ENGLISH_WORDS)
        if estonian != english:
            return "et" if estonian else "en"
        values = self._lingua.compute_language_confidence_values(" ".join(words))
        best = max(values, key=lambda v: v.value)
        if best.value < self._min_confidence:
            return None
        return self._codes[best.language]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            language = self.detect(text, message.get("metadata"))
            if language:
                entities = [e for e in message.get(ENTITIES, []) if e.get("entity") != "language"]
                entities.append({"entity": "language", "value": language, "start": 0, "end": len(text),
                                 "confidence": 1.0, "extractor": self.__class__.__name__})
                message.set(ENTITIES, entities, add_to_output=True)
        return messages
