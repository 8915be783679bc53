"""The spaCy component that gives every token a lemma, in the message's language.

The language comes from languages/identification.py (the text itself: spaCy never
sees Rasa's metadata); a message that shows none gets the lemmas of the language
flagged `lemmatizes_neutral`. Each language's NLU lemmatizer comes from its
morphology (languages/<code>/morphology.py): Vabamorf's lemmas for Estonian
("Soomes" → "Soome"; a compound's lemma followed by its parts, "kaitseatašeedest"
→ "kaitseatašee kaitse atašee"), the lookup table's for English ("attachés" →
"attaché"). They are built once from the training data (morphology/build.py) and
saved with the pipeline, one file per language; the models load once per
process, when the component is loaded.

Importing this module registers the factory, which spaCy needs before it can
load a pipeline that uses it (components/__init__.py imports it for Rasa).
"""

from pathlib import Path
from typing import Callable, Dict, Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from languages import LANGUAGES, REGISTRY
from languages.identification import language_identifier
from languages.morphology import NluLemmatizer

FACTORY = "language_lemmatizer"
# The language whose lemmas a message gets when it shows no language ("NATO?").
NEUTRAL = next(code for code, language in REGISTRY.items() if language.lemmatizes_neutral)


def _file(code: str) -> str:
    return f"lemmas.{code}.bin"


class LanguageLemmatizer:
    def __init__(self, lemmatizers: Optional[Dict[str, NluLemmatizer]] = None) -> None:
        self.lemmatizers: Dict[str, NluLemmatizer] = dict(lemmatizers or {})
        self.identifier = language_identifier()

    def initialize(self, get_examples: Optional[Callable[[], Iterable]] = None, *, nlp=None) -> None:
        """Nothing to learn from examples: `build` makes the lemmatizers from the NLU data."""

    def build(self, texts: Iterable[str]) -> None:
        """Each registered language's NLU lemmatizer, from the NLU training texts (build time only)."""
        texts = list(texts)
        self.lemmatizers = {code: REGISTRY[code].load_morphology().nlu_lemmatizer(texts) for code in LANGUAGES}

    def __call__(self, doc: Doc) -> Doc:
        words = [token.text for token in doc]
        language = self.identifier.written_in(doc.text) or NEUTRAL
        for token, lemma in zip(doc, self.lemmatizers[language].lemmas(words), strict=True):
            token.lemma_ = lemma
        return doc

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        missing = [code for code in LANGUAGES if code not in self.lemmatizers]
        if missing:
            raise ValueError(f"No lemmatizer for {', '.join(missing)}: build the pipeline with morphology/build.py.")
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for code in LANGUAGES:
            (path / _file(code)).write_bytes(self.lemmatizers[code].to_bytes())

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> "LanguageLemmatizer":
        path = Path(path)
        missing = [code for code in LANGUAGES if not (path / _file(code)).exists()]
        if missing:
            raise FileNotFoundError(
                f"{path}: no lemmas for {', '.join(missing)}: rebuild the pipeline (`make train` or "
                "`python -m morphology.build`) after adding a language"
            )
        self.lemmatizers = {
            code: REGISTRY[code].load_morphology().load_nlu_lemmatizer((path / _file(code)).read_bytes())
            for code in LANGUAGES
        }
        return self


@Language.factory(FACTORY)
def make_language_lemmatizer(nlp: Language, name: str) -> LanguageLemmatizer:
    return LanguageLemmatizer()
