"""Capitals and diacritics of Estonian words typed without them, restored from a lexicon made at build time.

Vabamorf does not know "rootsis", "kaitseatasee" or "voimalik". Its speller
restores them, but far too slowly for every message (README's Estonian section). The
words the NLU can use are those of its training data, so the pipeline build
(morphology/build.py) collects them: every case form, singular and plural, of
every Estonian noun, adjective and name in the data, the usual forms of its
verbs (Vabamorf synthesis), and every other word as it occurs, each under its
folded spelling ("rootsis" → "Rootsis"). At run time a restoration is one
dictionary lookup.
"""

import json
import re
from collections import Counter, defaultdict
from typing import Dict, Iterable, Optional, Sequence, Set

from common.text import fold
from morphology.estonian import CASES, estonian

# Word classes whose case forms are synthesised: nouns, names, adjectives (all degrees), numerals, pronouns.
DECLINABLE = set("SHACUNOP")
NUMBERS = ("sg", "pl")
# Vabamorf's codes of the verb forms chat questions use: infinitives, present and past persons,
# conditional, imperative, participles, impersonal ("täitma", "täidab", "täitis", "täidetakse"...).
VERB_FORMS = (
    "ma",
    "da",
    "b",
    "n",
    "d",
    "me",
    "te",
    "vad",
    "s",
    "sin",
    "sid",
    "sime",
    "site",
    "ks",
    "ksin",
    "ksid",
    "ge",
    "gu",
    "o",
    "des",
    "mas",
    "mata",
    "maks",
    "v",
    "tav",
    "tud",
    "nud",
    "takse",
    "ti",
    "nuks",
    "vat",
)
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _forms_of_lemmas(words: Sequence[str]) -> Set[str]:
    """Every case form (both numbers) of the declinable lemmas of these words and the usual forms of their verbs."""
    vabamorf = estonian().vabamorf
    wanted: Dict[str, Sequence[str]] = {
        part_of_speech: [f"{number} {case}" for number in NUMBERS for case in CASES] for part_of_speech in DECLINABLE
    }
    wanted["V"] = VERB_FORMS
    forms: Set[str] = set()
    for item in vabamorf.analyze(list(words), guess=False, propername=True, disambiguate=False):
        for analysis in item["analysis"]:
            for form in wanted.get(analysis["partofspeech"], ()):
                forms.update(vabamorf.synthesize(analysis["lemma"], form, analysis["partofspeech"]))
    return forms


def _choose(counts: Counter) -> Optional[str]:
    """The form to restore among those folding alike: the only one, the lower-case one when they
    differ only in capitals ("Aitäh", "aitäh"), else the clearly most frequent; None if unclear."""
    if len({form.lower() for form in counts}) == 1:
        return min(counts, key=lambda form: (form != form.lower(), form))
    (first, first_count), (_, second_count) = counts.most_common(2)
    return first if first_count > second_count else None


class Lexicon:
    def __init__(self, forms: Dict[str, str]) -> None:
        self.forms = forms

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "Lexicon":
        """The lexicon of the Estonian words in these texts and of the forms of their lemmas."""
        seen = Counter(word for text in texts for word in WORD.findall(text))
        synthesised = Counter({form: 0 for form in _forms_of_lemmas(sorted(seen))})
        forms: Dict[str, str] = {}
        # Forms seen in the data first, the more frequent winning; synthesised ones fill the gaps.
        for group in (seen, synthesised):
            candidates: Dict[str, Counter] = defaultdict(Counter)
            for form, count in group.items():
                folded = fold(form.lower())  # the key a word typed any way is found under
                if folded != form and folded not in forms:
                    candidates[folded][form] = count
            for folded, counts in candidates.items():
                form = _choose(counts)
                if form:
                    forms[folded] = form
        return cls(forms)

    def restore(self, word: str) -> Optional[str]:
        """The word with its capitals and diacritics ("rootsis" → "Rootsis"), or None when the lexicon has none."""
        form = self.forms.get(fold(word.lower()))
        return form if form and form != word else None

    def to_bytes(self) -> bytes:
        return json.dumps(self.forms, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> "Lexicon":
        return cls(json.loads(data.decode("utf-8")))
