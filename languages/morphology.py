"""What a language's morphology does for the assistant, whatever engine does it.

Estonian uses Vabamorf, Russian pymorphy3, English a lemma table and no
inflection. The action server matches names and cues by lemma (`lemmas`), the
NLU's spaCy pipeline lemmatises messages (`nlu_lemmatizer`, built once from
the training data and saved with the pipeline), and tools/nlu_from_knowledge.py
teaches the NLU every case form of every country (`case_forms`, `country_forms`).
"""

from typing import Dict, Iterable, List, Protocol, Sequence, Tuple


class NluLemmatizer(Protocol):
    """Lemmas for the NLU's spaCy pipeline, saved with it."""

    def lemmas(self, words: Sequence[str]) -> List[str]:
        """One lemma per token; several space-separated ones where that helps the features."""

    def to_bytes(self) -> bytes:
        """What `Morphology.load_nlu_lemmatizer` reads back."""


class Morphology(Protocol):
    def lemmas(self, words: Sequence[str]) -> List[Tuple[str, str]]:
        """(lemma, head) of each word: the head is a compound's last part, else the lemma."""

    def case_forms(self, name: str) -> List[str]:
        """Every case form of a name, the name itself first ([name] where names do not inflect)."""

    def country_forms(self, name: str, in_form: str, about: str) -> Dict[str, str]:
        """Form key → form of a country's name, for the generated attaché questions
        (the keys its `Language.attache_questions` use)."""

    def is_common_word(self, word: str) -> bool:
        """Whether `word` is an ordinary word of the language, not a name."""

    def plain(self, text: str) -> str:
        """The text as people type it without the language's diacritics."""

    def nlu_lemmatizer(self, texts: Iterable[str]) -> NluLemmatizer:
        """Builds the NLU lemmatizer (at pipeline build time), from the NLU training texts."""

    def load_nlu_lemmatizer(self, data: bytes) -> NluLemmatizer:
        """The NLU lemmatizer saved by `NluLemmatizer.to_bytes`."""
