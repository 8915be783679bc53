"""The languages the assistant speaks: the registry every part of it reads.

`REGISTERED` is the one list, in the order the assistant lists them (the first
is the language of a conversation that has not shown its own). Each code names
a package `languages/<code>/` whose `LANGUAGE` (languages/spec.py) says what
differs between languages; the texts are data (knowledge.yml, phrases.yml,
domain.yml, nlu/<code>.yml, the widget's strings.js). README's "Adding a
language" is the recipe.

Importing this package is cheap (no language models), so both the action
server and the Rasa process read it; identification.py, which loads lingua,
is imported by the Rasa process only.
"""

import importlib
from typing import Dict, Tuple

from languages.spec import Language

REGISTERED: Tuple[str, ...] = ("en", "et", "ru")

REGISTRY: Dict[str, Language] = {code: importlib.import_module(f"languages.{code}").LANGUAGE for code in REGISTERED}
LANGUAGES: Tuple[str, ...] = tuple(REGISTRY)
# The default language: a conversation's until it shows another.
DEFAULT_LANGUAGE = LANGUAGES[0]
# Each language's name in English, for messages to developers and operators.
LANGUAGE_NAMES: Dict[str, str] = {code: language.name for code, language in REGISTRY.items()}


def language(code: str) -> Language:
    """The registered language `code`; KeyError for any other."""
    return REGISTRY[code]
