"""NLU component: which language, English or Estonian, a message is written in.

The answer goes into a `language` entity, which fills the `language` slot, so
every reply (responses and actions alike) follows the user's language. The
order of evidence:
1. the channel's `metadata.language` ("en" or "et"), when it sends one;
2. letters only Estonian uses (õ ä ö ü š ž) or an acronym with an Estonian case
   ending ("NATO-s", "USA-ga", "EL-i");
3. lingua, restricted to English and Estonian, when the message has words
   beyond acronyms and when lingua is clearly sure.
A language-neutral message ("NATO?", "ok", "USA") gets no entity, so the slot
keeps the conversation's language.
"""

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

LANGUAGES = ("en", "et")
ESTONIAN_LETTERS = re.compile(r"[õäöüšž]", re.IGNORECASE)
ACRONYM_WITH_CASE_ENDING = re.compile(r"\b[A-ZÕÄÖÜ]{2,}-[a-zõäöü]{1,4}\b")
WORD = re.compile(r"[^\W\d_]+")
# Words that say nothing about the language: acronyms and chat tokens shared by both.
NEUTRAL_WORDS = {"ok", "okay", "okei", "nato", "osce", "usa", "us", "uk", "eu", "el", "cfsp", "esdp",
                 "ok", "hmm", "hm", "ah", "oh", "lol", "xd"}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageDetector(GraphComponent):
    """Adds a `language` entity ("en"/"et") to each message whose language is clear."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # lingua's confidence in the winning language must reach this.
        return {"min_confidence": 0.7}

    def __init__(self, config: Dict[Text, Any]) -> None:
        from lingua import Language, LanguageDetectorBuilder

        self._min_confidence = config["min_confidence"]
        self._lingua = (
            LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.ESTONIAN)
            .with_preloaded_language_models()
            .build()
        )
        self._codes = {Language.ENGLISH: "en", Language.ESTONIAN: "et"}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageDetector":
        return cls(config)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "LanguageDetector":
        return cls(config)

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

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
