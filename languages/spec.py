"""What one language of the assistant provides: the checklist of README's "Adding a language".

Each language is a package `languages/<code>/` (spaCy's `lang/<code>/` layout)
whose `LANGUAGE` is one of these. Shared code reads the registry
(languages/__init__.py) and never names a language: what differs between
languages is here, and the texts are in knowledge.yml, phrases.yml, domain.yml,
nlu/<code>.yml and the widget's strings.js.

Everything here is plain data, so the action server can read it without the
Rasa process's language models; `morphology` names the code that inflects and
lemmatises, which is imported on first use only.
"""

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, FrozenSet, Optional, Pattern, Tuple

if TYPE_CHECKING:
    from languages.morphology import Morphology


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1: "et"
    name: str  # its name in English, for developers and operators: "Estonian"
    native_name: str  # its name in itself: "Eesti"
    script: str  # the Unicode script it is written in: "LATIN"
    lingua: str  # the member of lingua's `Language` enum: "ESTONIAN"
    morphology: str  # "module:function" that returns its Morphology (languages/morphology.py)
    # Regular expressions (case-insensitive) for its name in any language ("estonian",
    # "eesti", "эстонск\w*"): a message naming two languages asks for neither.
    names: Tuple[str, ...]
    # Regular expressions for an explicit request to speak it, in any language
    # ("in estonian", "eesti keeles", "по-эстонски").
    requests: Tuple[str, ...]
    # Letters only it writes, among the registered languages (a regex character class body).
    letters: str = ""
    # A case ending written after an acronym and a hyphen ("NATO-s", "USA-ga"): a regex, or "".
    acronym_case_ending: str = ""
    # Frequent chat words only it uses, as `common.text.fold` leaves them ("aitah", "tere").
    chat_words: FrozenSet[str] = frozenset()
    # Words that say nothing about the language: acronyms and chat tokens ("nato", "ok").
    neutral_words: FrozenSet[str] = frozenset()
    # The words that join the items of a list ("and", "or"), as typed with or without diacritics.
    conjunctions: Tuple[str, ...] = ()
    # Words that make a following country name a region ("South America", "Lõuna-Ameerika").
    region_qualifiers: Tuple[str, ...] = ()
    # Prepositions the knowledge file's "in"/"about" forms start with ("в Финляндии", "со Швецией"):
    # not part of the country's name where it is matched or annotated.
    prepositions: Tuple[str, ...] = ()

    def without_preposition(self, form: str) -> str:
        """ "в Финляндии" → "Финляндии"; a form without one as it is."""
        first, _, rest = form.partition(" ")
        return rest if rest and first.lower() in self.prepositions else form

    # Whether the NLU lemmatises a message that shows no language with this one (one does).
    lemmatizes_neutral: bool = False
    # Attaché questions generated for every country (tools/nlu_from_knowledge.py):
    # (form, template) pairs, `form` a key of Morphology.country_forms; the first
    # `questions_per_country` go to country 1, the next to country 2, and so on round;
    # the third of a country's questions is typed without diacritics.
    attache_questions: Tuple[Tuple[str, str], ...] = ()
    questions_per_country: int = 1

    def letter_pattern(self) -> Optional[Pattern[str]]:
        """Its own letters as a pattern, or None when it has none."""
        return re.compile(f"[{self.letters}]", re.IGNORECASE) if self.letters else None

    def load_morphology(self) -> "Morphology":
        """Its Morphology, one instance per process."""
        return _morphology(self.morphology)


@lru_cache(maxsize=None)
def _morphology(target: str) -> "Morphology":
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)()
