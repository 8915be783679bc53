"""The spaCy pipeline, built once for the morphology tests (morphology/build.py), and its lexicon."""

import pytest
import spacy

from morphology.build import build
from morphology.pipeline import FACTORY


@pytest.fixture(scope="session")
def pipeline(tmp_path_factory):
    folder = build(tmp_path_factory.mktemp("spacy") / "pipeline")
    return folder, spacy.load(folder)


@pytest.fixture(scope="session")
def lexicon(pipeline):
    _, nlp = pipeline
    return nlp.get_pipe(FACTORY).lemmatizers["et"].lexicon
