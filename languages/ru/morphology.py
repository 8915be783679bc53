"""Russian morphology through pymorphy3: lemmas, and every case of a (country) name.

pymorphy3 lemmatises any case of the input ("Финляндии" → "финляндия") and
treats "е" typed for "ё" alike; its dictionary is an installed package
(pymorphy3-dicts-ru), loaded once per process (about 0.2 s, 36 MB).
spaCy 3.4's own Russian lemmatizer wants pymorphy2, so this one calls pymorphy3.
"""

import re
from functools import lru_cache
from typing import Dict, Iterable, List, Sequence, Tuple

# pymorphy3's six cases, nominative first.
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_PARTS = re.compile(r"(\s+|-)")
# Tags of names, not ordinary words.
_NAME_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"}


@lru_cache(maxsize=1)
def analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """pymorphy3's normal form (lower case) of a Cyrillic word; any other word as it is."""
    if not _CYRILLIC.search(word):
        return word
    return analyzer().parse(word)[0].normal_form


def _like(form: str, model: str) -> str:
    """`form` with the capital letters of `model` ("финляндии", "Финляндия" → "Финляндии")."""
    if model.isupper() and len(model) > 1:
        return form.upper()
    return form[:1].upper() + form[1:] if model[:1].isupper() else form


def _nominative_parse(word: str):
    """The analysis of `word` as a nominative (a name's own form), or None."""
    parses = analyzer().parse(word)
    for parse in parses:
        if "nomn" in parse.tag and ("Geox" in parse.tag or "NOUN" in parse.tag or "ADJF" in parse.tag):
            return parse
    return next((p for p in parses if "nomn" in p.tag), None)


def _inflect(word: str, case: str) -> str:
    if not _CYRILLIC.search(word):
        return word
    parse = _nominative_parse(word)
    if parse is None:
        return word
    # Country names are inanimate: a plural or masculine one keeps its nominative in the
    # accusative ("Соединённые Штаты", "Южный Судан"); "Южная Корея" → "Южную Корею".
    tags = {case, "inan"} if case == "accs" and ({"plur", "masc"} & set(parse.tag.grammemes)) else {case}
    inflected = parse.inflect(tags) or parse.inflect({case})
    return _like(inflected.word, word) if inflected is not None else word


class RussianNluLemmatizer:
    """pymorphy3's normal forms; nothing to save, the dictionary is an installed package."""

    def lemmas(self, words: Sequence[str]) -> List[str]:
        return [lemma(word) for word in words]

    def to_bytes(self) -> bytes:
        return b""


class RussianMorphology:
    def lemmas(self, words: Sequence[str]) -> List[Tuple[str, str]]:
        return [(lemma(word),) * 2 for word in words]

    def forms_by_case(self, name: str) -> Dict[str, str]:
        """Case → the name in it, each word inflected ("Южная Корея" → gent "Южной Кореи")."""
        parts = _PARTS.split(name)
        return {case: "".join(p if _PARTS.fullmatch(p) else _inflect(p, case) for p in parts) for case in CASES}

    def case_forms(self, name: str) -> List[str]:
        forms = [name]
        for form in self.forms_by_case(name).values():
            if form not in forms:
                forms.append(form)
        return forms

    def country_forms(self, name: str, in_form: str, about: str) -> Dict[str, str]:
        return {**self.forms_by_case(name), "name": name, "in": in_form, "about": about}

    def is_common_word(self, word: str) -> bool:
        if not _CYRILLIC.search(word) or not analyzer().word_is_known(word.lower()):
            return False
        return not any(tag in analyzer().parse(word)[0].tag for tag in _NAME_TAGS)

    def plain(self, text: str) -> str:
        """As Russian is usually typed: "е" for "ё"."""
        return text.replace("ё", "е").replace("Ё", "Е")

    def nlu_lemmatizer(self, texts: Iterable[str]) -> RussianNluLemmatizer:
        return RussianNluLemmatizer()

    def load_nlu_lemmatizer(self, data: bytes) -> RussianNluLemmatizer:
        return RussianNluLemmatizer()


@lru_cache(maxsize=1)
def russian() -> RussianMorphology:
    return RussianMorphology()
