"""Builds the spaCy pipeline the NLU loads: `python -m morphology.build [folder]`.

Made from code at train time (`make` runs it before `rasa train`), never
committed as a binary: a blank multi-language spaCy pipeline with the
hyphen-keeping tokenizer and the lemmatizer of every registered language
(morphology/pipeline.py), built from the NLU training data (`nlu/*.yml`: the
Estonian lexicon of forms typed without diacritics comes from it), so the
pipeline is rebuilt when the data changes.
"""

import argparse
import sys
from pathlib import Path
from typing import cast

import spacy

from languages import LANGUAGE_NAMES
from morphology.pipeline import FACTORY, LanguageLemmatizer
from morphology.tokenizer import keep_hyphenated_words

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = ROOT / "build" / "spacy-pipeline"
DEFAULT_DATA = ROOT / "nlu"


def build(folder: Path, data: Path = DEFAULT_DATA) -> Path:
    """Builds the pipeline into `folder`, its lexicon from the YAML files in `data`."""
    files = sorted(data.glob("*.yml"))
    if not files:
        raise FileNotFoundError(f"{data}: no NLU training files (*.yml) to build the lemmatizers from")
    nlp = spacy.blank("xx")
    keep_hyphenated_words(nlp)
    lemmatizer = cast(LanguageLemmatizer, nlp.add_pipe(FACTORY))
    nlp.initialize()
    lemmatizer.build(path.read_text(encoding="utf-8") for path in files)
    nlp.meta.update(
        {
            "name": "languages",
            "version": "1.0.0",
            "description": "Tokens and lemmas for " + ", ".join(LANGUAGE_NAMES.values()),
        }
    )
    folder.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(folder)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the NLU training data")
    args = parser.parse_args()
    try:
        folder = build(args.folder, args.data)
    except FileNotFoundError as error:
        sys.exit(str(error))
    print(f"built the spaCy pipeline in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
