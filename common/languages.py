"""The languages the assistant speaks: the one list every part of it reads.

Codes are ISO 639-1, in the order the assistant lists them (English first: the
language of a conversation that has not shown its own). The knowledge file and
phrases.yml give every text in each of them; the channels pass on a locale hint
in one of them; the report counts questions per language.
"""

from typing import Dict, Tuple

LANGUAGES: Tuple[str, ...] = ("en", "et")
# The default language: a conversation's until it shows another.
DEFAULT_LANGUAGE = LANGUAGES[0]
# Each language's name in English, for messages to developers and operators.
LANGUAGE_NAMES: Dict[str, str] = {"en": "English", "et": "Estonian"}
