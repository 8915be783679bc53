"""The spaCy component that gives every token a lemma, in the message's language.

The language comes from languages/identification.py (the text itself: spaCy never
sees Rasa's metadata). Estonian and language-neutral messages get Vabamorf's
lemmas ("Soomes" → "Soome"), a compound's lemma followed by its parts
("kaitseatašeedest" → "kaitseatašee kaitse atašee": Rasa's CountVectorsFeaturizer
splits a lemma at spaces, so an unseen compound such as "kaitsekontaktid" still
shares the features of "kaitse" and "kontakt"); English ones the lookup table's
("attachés" → "attaché"). Vabamorf and lingua load once per process, when the
component is created.

Importing this module registers the factory, which spaCy needs before it can
load a pipeline that uses it (components/__init__.py imports it for Rasa).
"""

from pathlib import Path
from typing import Callable, Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from languages.identification import language_identifier
from morphology.english import EnglishLemmatizer
from morphology.estonian import estonian
from morphology.lexicon import Lexicon

FACTORY = "bilingual_lemmatizer"
_ENGLISH_FILE = "english_lemmas.bin"
_LEXICON_FILE = "estonian_lexicon.json"


class BilingualLemmatizer:
    def __init__(self, english: Optional[EnglishLemmatizer] = None, lexicon: Optional[Lexicon] = None) -> None:
        self.english = english
        self.lexicon = lexicon
        self.estonian = estonian()
        self.identifier = language_identifier()

    def initialize(self, get_examples: Optional[Callable[[], Iterable]] = None, *, nlp=None) -> None:
        """Reads the English table from spacy-lookups-data, at build time only."""
        self.english = EnglishLemmatizer()

    def __call__(self, doc: Doc) -> Doc:
        words = [token.text for token in doc]
        if self.english is not None and self.identifier.written_in(doc.text) == "en":
            lemmas = self.english.lemmas(words)
        else:
            lemmas = [" ".join((a.lemma, *a.parts)) for a in self.estonian.analyse(words, self.lexicon)]
        for token, lemma in zip(doc, lemmas, strict=True):
            token.lemma_ = lemma
        return doc

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.english is None or self.lexicon is None:
            raise ValueError(
                "The English lemma table or the Estonian lexicon is missing: "
                "build the pipeline with morphology/build.py."
            )
        (path / _ENGLISH_FILE).write_bytes(self.english.to_bytes())
        (path / _LEXICON_FILE).write_bytes(self.lexicon.to_bytes())

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> "BilingualLemmatizer":
        self.english = EnglishLemmatizer.from_bytes((Path(path) / _ENGLISH_FILE).read_bytes())
        self.lexicon = Lexicon.from_bytes((Path(path) / _LEXICON_FILE).read_bytes())
        return self


@Language.factory(FACTORY)
def make_bilingual_lemmatizer(nlp: Language, name: str) -> BilingualLemmatizer:
    return BilingualLemmatizer()
