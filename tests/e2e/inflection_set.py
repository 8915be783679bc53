"""The held-out attaché questions of tests/nlu/inflection.yml, read for the tests.

The questions are data, written by hand (see the file's header); this module only
reads them. `make compare` reads the same file itself (production code does not
import the tests).
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml

PATH = Path(__file__).resolve().parents[1] / "nlu" / "inflection.yml"
KINDS = ("cased", "plain", "typo", "english")


@dataclass(frozen=True)
class Question:
    text: str
    language: str
    country: str  # the country's id in knowledge.yml
    typed: str  # the country as typed in the text
    kind: str  # one of KINDS
    attache: bool  # the expected answer: True = "Yes"/"Jah", False = "No"/"Ei"
    case: Optional[str] = None  # Estonian questions: the case of `typed`
    borderline: bool = False
    intent: str = "ask_attache_country"


def load() -> Dict[str, Any]:
    return yaml.safe_load(PATH.read_text(encoding="utf-8"))


def questions() -> List[Question]:
    return [
        Question(
            text=q["q"],
            language=q["lang"],
            country=q["country"],
            typed=q["typed"],
            kind=q["kind"],
            attache=q["attache"],
            case=q.get("case"),
            borderline=bool(q.get("borderline", False)),
        )
        for q in load()["questions"]
    ]


def min_correct_rate() -> float:
    return float(load()["min_correct_rate"])
