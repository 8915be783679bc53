"""Estonian morphology through Vabamorf (morphology/estonian.py): lemmas, compounds, case forms.

The NLU pipeline restores the capitals and diacritics of words typed without
them from a lexicon built from the training data (morphology/lexicon.py); the
action server, which has no lexicon, retries an unknown lower-case word
capitalised, as names are.
"""

from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from common.text import fold
from morphology.estonian import EstonianMorphology as Vabamorf
from morphology.estonian import estonian as vabamorf
from morphology.lexicon import Lexicon


class _Capitalised:
    """Stands in for a lexicon (a morphology.estonian.Restorer): a lower-case word Vabamorf
    does not know is tried capitalised, as names are ("soomes" → "Soomes" → Soome)."""

    @staticmethod
    def restore(word: str) -> Optional[str]:
        return word[:1].upper() + word[1:] if word[:1].islower() else None


class EstonianNluLemmatizer:
    """A compound's lemma followed by its parts ("kaitseatašeedest" → "kaitseatašee kaitse
    atašee"): Rasa's CountVectorsFeaturizer splits a lemma at spaces, so an unseen compound
    still shares the features of its parts."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.vabamorf: Vabamorf = vabamorf()

    def lemmas(self, words: Sequence[str]) -> List[str]:
        return [" ".join((a.lemma, *a.parts)) for a in self.vabamorf.analyse(words, self.lexicon)]

    def to_bytes(self) -> bytes:
        return self.lexicon.to_bytes()


class EstonianMorphology:
    def __init__(self) -> None:
        self.vabamorf: Vabamorf = vabamorf()

    def lemmas(self, words: Sequence[str]) -> List[Tuple[str, str]]:
        return [(a.lemma, a.parts[-1] if a.parts else a.lemma) for a in self.vabamorf.analyse(words, _Capitalised())]

    def case_forms(self, name: str) -> List[str]:
        return self.vabamorf.case_forms(name)

    def country_forms(self, name: str, in_form: str, about: str) -> Dict[str, str]:
        """Vabamorf's form of the name in each case, with the knowledge file's "in" form and
        genitive ("about"). For a country whose "in" is adessive ("Prantsusmaal"), "to" and
        "from" are the allative and ablative ("Prantsusmaale", "Prantsusmaalt")."""
        forms = {case: names[0] for case, names in self.vabamorf.forms_by_case(name).items()}
        forms["n"], forms["in"], forms["g"] = name, in_form, about
        if in_form == forms.get("ad"):
            forms["ill"], forms["el"] = forms["all"], forms["abl"]
        return forms

    def is_common_word(self, word: str) -> bool:
        return self.vabamorf.is_common_word(word)

    def plain(self, text: str) -> str:
        return fold(text)

    def nlu_lemmatizer(self, texts: Iterable[str]) -> EstonianNluLemmatizer:
        return EstonianNluLemmatizer(Lexicon.from_texts(texts))

    def load_nlu_lemmatizer(self, data: bytes) -> EstonianNluLemmatizer:
        return EstonianNluLemmatizer(Lexicon.from_bytes(data))


@lru_cache(maxsize=1)
def estonian() -> EstonianMorphology:
    return EstonianMorphology()
