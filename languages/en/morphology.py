"""English morphology: lemmas from spaCy's lookup table, and names that do not inflect.

The action server reads the table from spacy-lookups-data's file (importing
spaCy would load TensorFlow into it); the NLU pipeline saves its own copy
(morphology/english.py).
"""

import gzip
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Tuple

from common.text import fold
from languages.morphology import NluLemmatizer


@lru_cache(maxsize=1)
def lemma_table() -> Dict[str, str]:
    """spacy-lookups-data's English lemma table."""
    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None or spec.origin is None:
        raise ImportError("spacy-lookups-data is not installed: run `make run` or `make test`")
    path = Path(spec.origin).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as file:
        return json.load(file)


class EnglishMorphology:
    def lemmas(self, words: Sequence[str]) -> List[Tuple[str, str]]:
        table = lemma_table()
        return [(table.get(word.lower(), word),) * 2 for word in words]

    def case_forms(self, name: str) -> List[str]:
        return [name]

    def country_forms(self, name: str, in_form: str, about: str) -> Dict[str, str]:
        return {"name": name, "in": in_form, "about": about}

    def is_common_word(self, word: str) -> bool:
        return False

    def plain(self, text: str) -> str:
        return fold(text)

    def nlu_lemmatizer(self, texts: Iterable[str]) -> NluLemmatizer:
        from morphology.english import EnglishLemmatizer

        return EnglishLemmatizer()

    def load_nlu_lemmatizer(self, data: bytes) -> NluLemmatizer:
        from morphology.english import EnglishLemmatizer

        return EnglishLemmatizer.from_bytes(data)


@lru_cache(maxsize=1)
def english() -> EnglishMorphology:
    return EnglishMorphology()
