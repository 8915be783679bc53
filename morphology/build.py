"""Builds the spaCy pipeline the NLU loads: `python -m morphology.build [folder]`.

Made from code at train time (`make` runs it before `rasa train`), never
committed as a binary: a blank multi-language spaCy pipeline with the
hyphen-keeping tokenizer and the bilingual lemmatizer.
"""

import argparse
import sys
from pathlib import Path

import spacy

from morphology.pipeline import FACTORY
from morphology.tokenizer import keep_hyphenated_words

DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "build" / "spacy-bilingual"


def build(folder: Path) -> Path:
    nlp = spacy.blank("xx")
    keep_hyphenated_words(nlp)
    nlp.add_pipe(FACTORY)
    nlp.initialize()
    nlp.meta.update({"name": "bilingual", "version": "1.0.0",
                     "description": "Tokens and lemmas for English and Estonian (Vabamorf)"})
    folder.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(folder)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    folder = build(parser.parse_args().folder)
    print(f"built the spaCy pipeline in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
