"""NLU components that keep odd input from reaching (or confusing) the models.

`InputGuard` runs first: it cuts an over-long message to `max_characters`
(a 100 kB paste would otherwise cost the classifier seconds and gigabytes)
and notes empty, whitespace-only and over-long messages, and messages whose
letters are mostly in a script none of the assistant's languages uses
(`scripts`, Unicode script names: "Есть ли атташе…" when it speaks English and
Estonian). `InputGuardClassifier`
runs last and, for those messages, replaces the predicted intent with
`nlu_fallback`, says why in the parse data's `fallback_reason` (`empty`,
`too_long` or `other_script`) and adds an `input_problem` entity with the same
value, so the user gets a polite reply in their language saying what was
wrong, instead of an answer to a question they did not ask.
"""

import unicodedata
from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from common.names import (
    EMPTY,
    FALLBACK_CONFIDENCE,
    FALLBACK_REASON,
    INPUT_PROBLEM_ENTITY,
    LANGUAGE_ENTITY,
    NLU_FALLBACK,
    OTHER_SCRIPT,
    TOO_LONG,
)
from components.stateless import StatelessComponent
from languages import REGISTRY

# The message property (not in the output) through which InputGuard tells InputGuardClassifier the problem.
FLAG = "input_guard"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class InputGuard(StatelessComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # `scripts`: the Unicode scripts the assistant's languages are written in.
        return {"max_characters": 1000, "scripts": sorted({language.script for language in REGISTRY.values()})}

    def process(self, messages: List[Message]) -> List[Message]:
        limit = self.config["max_characters"]
        for message in messages:
            text = message.get(TEXT) or ""
            if not text.strip():
                message.set(FLAG, EMPTY)
                message.set(TEXT, "?")  # give the featurizers a token to work on
            elif len(text) > limit:
                message.set(FLAG, TOO_LONG)
                message.set(TEXT, text[:limit])
            elif in_other_script(text, self.config["scripts"]):
                message.set(FLAG, OTHER_SCRIPT)
        return messages


def in_other_script(text: str, scripts: List[str]) -> bool:
    """Whether most letters of `text` belong to none of `scripts` (digits, punctuation and
    symbols do not count): "Здравствуйте" is not Latin, "NATO-s" and "Šveits" are."""
    letters = [c for c in unicodedata.normalize("NFKC", text) if c.isalpha()]  # "ＮＡＴＯ" is NATO
    if not letters:
        return False
    accepted = {script.upper() for script in scripts}
    foreign = sum(1 for c in letters if unicodedata.name(c, "UNKNOWN").split()[0] not in accepted)
    return foreign * 2 > len(letters)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class InputGuardClassifier(StatelessComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            flag = message.get(FLAG)
            if flag:
                intent = {"name": NLU_FALLBACK, "confidence": FALLBACK_CONFIDENCE}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
                message.set(FALLBACK_REASON, flag, add_to_output=True)
                entities = [e for e in message.get(ENTITIES, []) if e.get("entity") == LANGUAGE_ENTITY]
                entities.append(
                    {
                        "entity": INPUT_PROBLEM_ENTITY,
                        "value": flag,
                        "start": 0,
                        "end": 0,
                        "confidence": 1.0,
                        "extractor": self.__class__.__name__,
                    }
                )
                message.set(ENTITIES, entities, add_to_output=True)
        return messages
