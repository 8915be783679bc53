"""The NLU data: both languages cover every intent, test sets are kept apart
from the training data, and the names generated from the knowledge file are current."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parents[3]
DOMAIN_INTENTS = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])


def normalise(text):
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # drop entity annotations
    return re.sub(r"[^\w\s]", "", text.casefold()).split()


@pytest.fixture(scope="module", params=["en", "et"])
def data(request):
    train = load_data(str(ROOT / "nlu" / f"{request.param}.yml"))
    test = load_data(str(ROOT / "tests" / "nlu" / f"{request.param}.yml"))
    return request.param, train, test


def test_every_intent_is_trained_and_tested_in_both_languages(data):
    language, train, test = data
    assert set(train.intents) == DOMAIN_INTENTS, f"{language}: {DOMAIN_INTENTS ^ set(train.intents)}"
    assert set(test.intents) == DOMAIN_INTENTS, f"{language}: {DOMAIN_INTENTS ^ set(test.intents)}"
    counts = {i: sum(1 for e in train.intent_examples if e.get("intent") == i) for i in DOMAIN_INTENTS}
    assert min(counts.values()) >= 30, counts


def trained_texts():
    """Every training sentence, including those generated from the knowledge file."""
    return {" ".join(normalise(e.get("text"))) for e in load_data(str(ROOT / "nlu")).intent_examples}


def test_test_sets_do_not_overlap_the_training_data(data):
    language, _, test = data
    trained = trained_texts()
    overlap = [e.get("text") for e in test.intent_examples if " ".join(normalise(e.get("text"))) in trained]
    assert not overlap, f"{language} test lines also in training data: {overlap}"


def test_the_inflection_set_does_not_overlap_the_training_data():
    from tests.e2e.inflection_set import questions

    trained = trained_texts()
    overlap = [q.text for q in questions() if " ".join(normalise(q.text)) in trained]
    assert not overlap, f"inflection questions also in training data: {overlap}"


def test_generated_names_are_in_sync_with_the_knowledge_file():
    result = subprocess.run(
        [sys.executable, "-m", "tools.nlu_from_knowledge", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
