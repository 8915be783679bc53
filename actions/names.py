"""Which of the names the NLU tagged may be reported back as "not recognised" / "not listed".

DIET sometimes tags an ordinary word as a country or sphere ("the" in "the usa",
"North" in "North America", "their" in "coordinate their defence policy
positions"). Telling the user "I don't recognise “the” as a country" is worse
than saying nothing, so a tagged span that names nothing the knowledge file
knows is reported only when it still looks like a name once its ordinary
words are set aside:

- ordinary words are the words of the knowledge file's own texts (topics,
  regions: "North America", "Aasia"), the words the training data uses across
  several intents (question words: "what", "kas", "mis"), spaCy's list of the
  language's function words ("the", "their", "nende"), the words that make a
  name a region ("South", "Lõuna") and, for a country, any Estonian common word Vabamorf knows
  ("kaitsehangetes": a sphere may be a common word, "küberkaitse", a country not);
- what remains must be tagged with confidence, or be capitalised as typed.

The lists come from data (knowledge.yml and nlu/<language>.yml), so a new word
or language needs no change here.
"""

import importlib.util
import re
from collections import defaultdict
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set

import yaml

from actions.matching import REGION_QUALIFIERS, match_key
from actions.words import message_words, morphology, split_words

NLU_FOLDER = Path(__file__).resolve().parent.parent / "nlu"
# A word the training data uses in this many intents' examples is a function word
# or a word of the questions themselves, not a name.
COMMON_IN_INTENTS = 4
# A tagged country is reported on the NLU's word alone from this entity confidence up;
# below it, only when it is capitalised as typed. A sphere is a common word ("cyber
# defence"), never capitalised: once its ordinary words are set aside, what remains is
# a topic the user asked about, so a lower confidence is enough.
MIN_CONFIDENCE = 0.7
MIN_SPHERE_CONFIDENCE = 0.3
_ANNOTATION = re.compile(r"\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\{[^}]*\}")


def training_words(path: Path) -> Set[str]:
    """Folded words used, outside entity annotations, in the examples of at least
    COMMON_IN_INTENTS intents of one language's NLU file (empty if there is none)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return set()
    intents_of: Dict[str, Set[str]] = defaultdict(set)
    for item in data.get("nlu") or []:
        if not isinstance(item, dict) or "intent" not in item:
            continue
        for line in str(item.get("examples") or "").splitlines():
            for word in split_words(_ANNOTATION.sub(" ", line.lstrip(" -"))):
                intents_of[match_key(word)].add(item["intent"])
    return {word for word, intents in intents_of.items() if len(intents) >= COMMON_IN_INTENTS}


def function_words(language: str) -> Set[str]:
    """spaCy's stop words of `language`, folded, read from its data module (importing spaCy
    itself would load TensorFlow into the action server); empty if spaCy has none."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return set()
    path = Path(spec.origin).parent / "lang" / language / "stop_words.py"
    if not path.exists():
        return set()
    module_spec = importlib.util.spec_from_file_location(f"_stop_words_{language}", path)
    if module_spec is None or module_spec.loader is None:
        return set()
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return {match_key(word) for word in getattr(module, "STOP_WORDS", ())}


class NameFilter:
    """Per language: the ordinary words, and the test whether a tagged span looks like a name."""

    def __init__(self, language: str, knowledge_texts: Iterable[str], nlu_file: Optional[Path] = None) -> None:
        self.language = language
        self.ordinary: Set[str] = training_words(nlu_file or NLU_FOLDER / f"{language}.yml")
        self.ordinary |= function_words(language) | REGION_QUALIFIERS
        for text in knowledge_texts:
            for word in message_words(re.sub(r"\{\w+\}", " ", text), language):
                self.ordinary.update((word.typed, word.lemma))

    def is_ordinary(self, typed: str, common_words: bool = False) -> bool:
        """Whether a word is ordinary; with `common_words`, any common word its morphology knows is too."""
        words = message_words(typed, self.language)
        if not all(w.typed in self.ordinary or w.lemma in self.ordinary for w in words):
            return common_words and morphology(self.language).is_common_word(typed)
        return True

    def name_words(self, value: str, common_words: bool = False) -> List[str]:
        """The words of a tagged span that are not ordinary words, as typed."""
        return [word for word in split_words(value) if not self.is_ordinary(word, common_words)]

    def reportable(self, value: str, confidence: Optional[float], country: bool = True) -> bool:
        """Whether a tagged span that matched no known name may be reported as not recognised
        (as a country, or with `country` False as a sphere of cooperation)."""
        remaining = self.name_words(value, common_words=country)
        if not remaining:
            return False
        sure = confidence is None or confidence >= (MIN_CONFIDENCE if country else MIN_SPHERE_CONFIDENCE)
        return sure or any(word[:1].isupper() for word in remaining)
