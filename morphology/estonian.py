"""Vabamorf (estnltk) for Estonian: lemmas of words and case forms of names.

Vabamorf is called directly: estnltk's Text layers try to download NLTK data,
which fails offline. It is loaded without the rest of estnltk (morphology/vabamorf.py),
once, when `EstonianMorphology` is first built.
"""

from functools import lru_cache
from typing import Dict, List, NamedTuple, Optional, Protocol, Sequence, Tuple

# The fourteen singular cases Vabamorf synthesises ("sg n" nominative ... "sg kom" comitative).
CASES = ("n", "g", "p", "ill", "adt", "in", "el", "all", "ad", "abl", "tr", "ter", "es", "ab", "kom")


class Analysis(NamedTuple):
    """A word's lemma and, for a compound, the parts it is made of:
    "kaitseatašeedest" → ("kaitseatašee", ("kaitse", "atašee")); ("Soome", ()) for a simple word."""

    lemma: str
    parts: Tuple[str, ...] = ()


class Restorer(Protocol):
    """What gives a word Vabamorf does not know its capitals and diacritics back: the
    lexicon made at build time (morphology/lexicon.py, which depends on this module,
    not the other way round), or the action server's simpler stand-in (actions/words.py)."""

    def restore(self, word: str) -> Optional[str]:
        """The word as Vabamorf may know it ("rootsis" → "Rootsis"), or None."""


class EstonianMorphology:
    def __init__(self) -> None:
        from morphology.vabamorf import vabamorf

        self.vabamorf = vabamorf()

    def _known(self, words: Sequence[str], proper_names: bool = False) -> List[Optional[Analysis]]:
        """Vabamorf's analysis of each word in context, or None where it does not know the word."""
        if not words:
            return []
        analysed = self.vabamorf.analyze(list(words), guess=False, propername=proper_names, disambiguate=True)
        # Without guessing, an unknown word comes back as its own lemma tagged Z (like punctuation).
        known: List[Optional[Analysis]] = []
        for item in analysed:
            best = item["analysis"][0] if item["analysis"] else None
            if best is None or best["partofspeech"] == "Z":
                known.append(None)
            else:
                parts = tuple(best["root_tokens"]) if len(best["root_tokens"]) > 1 else ()
                known.append(Analysis(best["lemma"], parts))
        return known

    def analyse(self, words: Sequence[str], lexicon: Optional[Restorer] = None) -> List[Analysis]:
        """One analysis per word. A word Vabamorf does not know is looked up in the
        lexicon first (morphology/lexicon.py, or any Restorer): a name typed in lower case
        ("rootsis" → "Rootsis") or a word without its diacritics ("kaitseatasee").
        A word it still does not know keeps its own form, since its guesser
        invents lemmas for foreign words and typos."""
        known = self._known(words)
        if lexicon is not None:
            looked_up = {
                i: lexicon.restore(word)
                for i, (word, analysis) in enumerate(zip(words, known, strict=True))
                if analysis is None
            }
            restored: Dict[int, str] = {i: word for i, word in looked_up.items() if word}
            if restored:
                for i, analysis in zip(restored, self._known(list(restored.values()), True), strict=True):
                    known[i] = analysis
        return [analysis or Analysis(word) for word, analysis in zip(words, known, strict=True)]

    def is_common_word(self, word: str) -> bool:
        """Whether Vabamorf knows `word` as it is typed, as a word that is not a proper name."""
        analysed = self.vabamorf.analyze([word], guess=False, propername=False, disambiguate=False)[0]
        return any(a["partofspeech"] not in ("H", "Z") for a in analysed["analysis"])

    def lemmas(self, words: Sequence[str], lexicon: Optional[Restorer] = None) -> List[str]:
        """One lemma per word (see `analyse`)."""
        return [analysis.lemma for analysis in self.analyse(words, lexicon)]

    def forms_by_case(self, name: str) -> Dict[str, List[str]]:
        """Case → forms of a (country) name, inflecting its last word: "Soome" →
        {"in": ["Soomes"], "ter": ["Soomeni"], ...}; "Ameerika Ühendriigid" →
        {"in": ["Ameerika Ühendriikides"], ...}. Empty when Vabamorf cannot inflect it."""
        cut = max(name.rfind(" "), name.rfind("-")) + 1
        head, last = name[:cut], name[cut:]
        analyses = self.vabamorf.analyze([last], guess=True, propername=True, disambiguate=False)[0]["analysis"]
        for analysis in analyses:
            if analysis["form"] not in ("sg n", "pl n"):
                continue
            number = analysis["form"][:2]
            # Vabamorf synthesises compounds ("Ühendkuningriik") only from the common-noun lemma.
            for lemma, part_of_speech in (
                (analysis["lemma"], analysis["partofspeech"]),
                (analysis["lemma"].lower(), "S"),
            ):
                by_case: Dict[str, List[str]] = {}
                for case in CASES:
                    forms = self.vabamorf.synthesize(lemma, f"{number} {case}", part_of_speech)
                    # Keep the name's own capital letter ("ühendkuningriigis" → "Ühendkuningriigis").
                    forms = [head + last[:1] + form[1:] for form in forms if form]
                    if forms:
                        by_case[case] = forms
                if by_case:
                    return by_case
        return {}

    def case_forms(self, name: str) -> List[str]:
        """All case forms of a name, the name itself first."""
        forms = [name]
        for case_forms in self.forms_by_case(name).values():
            forms += [form for form in case_forms if form not in forms]
        return forms


@lru_cache(maxsize=1)
def estonian() -> EstonianMorphology:
    """The one instance of a process."""
    return EstonianMorphology()
