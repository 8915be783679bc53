"""NLU component: a message none of whose words the assistant has ever seen is not understood.

DIET always picks some intent, and for keyboard mashing ("asdkjh qwpoeiru")
it can pick one with high confidence. This classifier learns the vocabulary of
the training data (typed forms and lemmas, folded: no case, no diacritics) and
turns a message with words but none of them known, and no country or sphere
found, into `nlu_fallback` with `fallback_reason` `unknown_words` in the parse
data, so the user hears "I did not understand" and what the assistant can
answer, not a confident answer to a question never asked (nor a choice of
questions read from a ranking that means nothing here: actions/clarify.py).
"""

import json
from typing import Any, Dict, List, Optional, Set, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from common.names import (
    COUNTRY_ENTITY,
    FALLBACK_CONFIDENCE,
    FALLBACK_REASON,
    NLU_FALLBACK,
    SPHERE_ENTITY,
    UNKNOWN_WORDS,
)
from common.text import fold

_FILE = "vocabulary.json"
_KNOWLEDGE_ENTITIES = (COUNTRY_ENTITY, SPHERE_ENTITY)


def words_of(message: Message) -> List[str]:
    """The folded forms and lemmas of the message's alphabetic tokens (casefolded, then
    without diacritics, as the vocabulary holds them); a compound's lemma comes with its
    parts ("kaitseatašee kaitse atašee"), each a word of its own."""
    out: List[str] = []
    for token in message.get(TOKENS_NAMES[TEXT]) or []:
        if any(c.isalpha() for c in token.text):
            out += [fold(token.text.casefold()), *(fold(w.casefold()) for w in (token.lemma or token.text).split())]
    return out


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class UnknownWordsClassifier(GraphComponent):
    def __init__(self, model_storage: ModelStorage, resource: Resource, vocabulary: Optional[Set[str]] = None) -> None:
        self._storage, self._resource = model_storage, resource
        self.vocabulary: Set[str] = vocabulary or set()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "UnknownWordsClassifier":
        return cls(model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "UnknownWordsClassifier":
        with model_storage.read_from(resource) as folder:
            return cls(model_storage, resource, set(json.loads((folder / _FILE).read_text(encoding="utf-8"))))

    def train(self, training_data: TrainingData) -> Resource:
        for example in training_data.training_examples:
            self.vocabulary.update(words_of(example))
        for table in training_data.lookup_tables:
            for element in table.get("elements") or []:
                self.vocabulary.update(fold(word.casefold()) for word in str(element).split())
        with self._storage.write_to(self._resource) as folder:
            (folder / _FILE).write_text(json.dumps(sorted(self.vocabulary), ensure_ascii=False), encoding="utf-8")
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            words = words_of(message)
            found = any(e.get("entity") in _KNOWLEDGE_ENTITIES for e in message.get(ENTITIES) or [])
            if words and not found and not any(word in self.vocabulary for word in words):
                intent = {"name": NLU_FALLBACK, "confidence": FALLBACK_CONFIDENCE}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent] + (message.get(INTENT_RANKING_KEY) or []), add_to_output=True)
                message.set(FALLBACK_REASON, UNKNOWN_WORDS, add_to_output=True)
        return messages
