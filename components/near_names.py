"""NLU component: marks each word that is a lookup-table name or one typo away from one.

RegexFeaturizer marks only exact lookup-table matches, so a country typed with
one letter wrong ("Saksmaal", "Польще", "гнрмании") or without its diacritics
("Uhendkuningrigis") is marked nowhere, and a CRFEntityExtractor, which sees
no character n-grams, misses it. This component learns the words of the lookup
tables (folded: no case, no diacritics) and sets, on every token, the pattern
`near_<table>` (read by CRFEntityExtractor's `pattern` feature, beside
RegexFeaturizer's own): true when the folded word is one of them or one edit
(a letter added, dropped or changed, two letters swapped) from one. Words
shorter than `min_length` must match exactly: "Eli" is not "Eri".

The index is a symmetric delete index (every word with one letter dropped),
so a token costs a few dictionary look-ups whatever the size of the tables.
"""

import json
from pathlib import Path
from typing import Any, Dict, Iterable, List, Set, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from common.text import fold
from components.trained import TrainedComponent

PATTERN_PREFIX = "near_"


def folded(word: str) -> str:
    return fold(word.casefold())


def deletes(word: str) -> Set[str]:
    """The word with one letter dropped, each way."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def one_edit_apart(a: str, b: str) -> bool:
    """Whether `b` is `a` with one letter added, dropped, changed, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(differ) == 1 or (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and a[differ[0]] == b[differ[1]]
            and a[differ[1]] == b[differ[0]]
        )
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


class NameIndex:
    """The words of one lookup table, found exactly or one edit away."""

    def __init__(self, words: Iterable[str], min_length: int) -> None:
        self.words = set(words)
        self.min_length = min_length
        self._by_delete: Dict[str, Set[str]] = {}
        for word in self.words:
            if len(word) >= min_length:
                for key in deletes(word) | {word}:
                    self._by_delete.setdefault(key, set()).add(word)

    def __contains__(self, token: str) -> bool:
        word = folded(token)
        if word in self.words:
            return True
        if len(word) < self.min_length:
            return False
        candidates: Set[str] = set()
        for key in deletes(word) | {word}:
            candidates |= self._by_delete.get(key, set())
        return any(one_edit_apart(word, candidate) for candidate in candidates)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class NearNames(TrainedComponent):
    FILE = "near_names.json"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"min_length": 5}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        super().__init__(config, model_storage, resource)
        self._indexes: Dict[str, NameIndex] = {}

    def learned(self, state: Dict[str, List[str]]) -> None:
        self._indexes = {name: NameIndex(words, int(self.config["min_length"])) for name, words in state.items()}

    @staticmethod
    def read(path: Path) -> Dict[str, List[str]]:
        return json.loads(path.read_text(encoding="utf-8"))

    @staticmethod
    def write(state: Dict[str, List[str]], path: Path) -> None:
        path.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")

    def train(self, training_data: TrainingData) -> Resource:
        tables: Dict[str, Set[str]] = {}
        for table in training_data.lookup_tables:
            words = tables.setdefault(str(table["name"]), set())
            for element in table.get("elements") or []:
                words.update(folded(word) for word in str(element).split() if any(c.isalpha() for c in word))
        return self.persist({name: sorted(words) for name, words in sorted(tables.items())})

    def _mark(self, messages: Iterable[Message]) -> None:
        for message in messages:
            for token in message.get(TOKENS_NAMES[TEXT]) or []:
                patterns = dict(token.get("pattern", default={}) or {})
                for name, index in self._indexes.items():
                    patterns[PATTERN_PREFIX + name] = token.text in index
                token.set("pattern", patterns)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._mark(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        self._mark(messages)
        return messages
