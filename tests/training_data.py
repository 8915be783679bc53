"""The NLU training sentences as the held-out checks compare them (tests/unit/data/test_nlu_data.py,
tests/e2e/test_honesty.py): annotations, case, diacritics and punctuation removed."""

import functools
import re
from pathlib import Path
from typing import List, Set, Tuple

from rasa.shared.nlu.training_data.loading import load_data

from common.text import fold

ROOT = Path(__file__).resolve().parents[1]


def normalise(text: str) -> List[str]:
    """The words of a line: entity annotations, case and punctuation removed."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # drop entity annotations
    return re.sub(r"[^\w\s]", "", text.casefold()).split()


def folded(text: str) -> str:
    """A line as the overlap checks compare it: without entity annotations, case, diacritics
    ("Lätis" = "latis"), punctuation and extra spaces."""
    return " ".join(normalise(fold(text)))


@functools.lru_cache(maxsize=1)
def training_examples() -> Tuple[str, ...]:
    """Every training sentence, including those generated from the knowledge file (nlu/, which data/nlu links to)."""
    return tuple(e.get("text") for e in load_data(str(ROOT / "nlu")).intent_examples)


def trained_texts() -> Set[str]:
    """Every training sentence, folded: without case, diacritics and punctuation."""
    return {folded(text) for text in training_examples()}
