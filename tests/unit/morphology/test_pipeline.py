"""The built spaCy pipeline (morphology/pipeline.py): each message lemmatised in its language, and
the pipeline loaded in a fresh process with its lexicon. The pipeline is built once (conftest.py)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_pipeline_lemmatises_each_message_in_its_language(pipeline):
    _, nlp = pipeline
    estonian_doc = nlp("Kas Eestil on kaitseatašeed Soomes ja USA-s?")
    assert [t.lemma_ for t in estonian_doc] == [
        "kas",
        "Eesti",
        "olema",
        "kaitseatašee kaitse atašee",
        "Soome",
        "ja",
        "USA",
        "?",
    ]
    english_doc = nlp("Which countries have Estonian defence attachés?")
    assert [t.lemma_ for t in english_doc][:2] == ["Which", "country"] and english_doc[5].lemma_ == "attaché"
    russian_doc = nlp("Есть ли у Эстонии военные атташе в Финляндии и США?")
    assert [t.lemma_ for t in russian_doc] == [
        "есть",
        "ли",
        "у",
        "эстония",
        "военный",
        "атташе",
        "в",
        "финляндия",
        "и",
        "сша",
        "?",
    ]
    assert [t.lemma_ for t in nlp("военный атташе во франции есть?")][3] == "франция"


def test_the_built_pipeline_loads_in_a_fresh_process_with_its_lexicon(pipeline):
    folder, _ = pipeline
    code = (
        "import components, spacy; nlp = spacy.load(%r); "
        "print(' '.join(t.lemma_ for t in nlp('Kaitseatašeed rootsis')))" % str(folder)
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "kaitseatašee kaitse atašee Rootsi"
