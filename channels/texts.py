"""The few texts a channel answers by itself, without Rasa (a refused request,
an apology when Rasa fails), read from actions/phrases.yml in every language."""

from functools import lru_cache
from pathlib import Path
from typing import Dict

import yaml

PHRASES = Path(__file__).resolve().parent.parent / "actions" / "phrases.yml"


@lru_cache(maxsize=None)
def _phrases() -> dict:
    with PHRASES.open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def user_text(name: str) -> Dict[str, str]:
    """The phrase `name` by language code: {"en": ..., "et": ...}."""
    return dict(_phrases()[name])
