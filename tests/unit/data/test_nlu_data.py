"""The NLU data: every language covers every intent, test sets are kept apart
from the training data, and the names generated from the knowledge file are current."""

import difflib
import subprocess
import sys
from pathlib import Path

import numpy
import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data

from languages import LANGUAGES
from tests.training_data import folded, trained_texts, training_examples

ROOT = Path(__file__).resolve().parents[3]
DOMAIN_INTENTS = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])


# A held-out line at least this similar to a training line (difflib ratio, after folding)
# is a near-duplicate: it tests recall of the training data, not generalisation.
NEAR_DUPLICATE = 0.85


class TrainingLines:
    """The folded training lines, indexed for finding the near-duplicates of a line fast.

    SequenceMatcher.ratio() is 2·M/T (M matching characters, T both lengths). Its cheap
    upper bounds rule out almost every pair first: real_quick_ratio's, from the lengths
    alone, and quick_ratio's, from the characters two lines share whatever their order;
    the second is computed for all training lines at once, as counts of characters."""

    def __init__(self, lines):
        self.lines = sorted(set(lines))
        self.alphabet = {c: i for i, c in enumerate(sorted({c for line in self.lines for c in line}))}
        self.lengths = numpy.array([len(line) for line in self.lines])
        self.counts = numpy.stack([self.characters(line) for line in self.lines])

    def characters(self, line):
        counts = numpy.zeros(len(self.alphabet) + 1, dtype=numpy.int32)
        for c in line:
            counts[self.alphabet.get(c, len(self.alphabet))] += 1
        return counts

    def near_duplicate(self, line, threshold=NEAR_DUPLICATE):
        """The training line most similar to `line` at or above `threshold`, with its ratio; or None."""
        total = self.lengths + len(line)
        # real_quick_ratio: 2·min(lengths)/T; quick_ratio: 2·(characters in common)/T.
        possible = 2 * numpy.minimum(self.lengths, len(line)) >= threshold * total
        shared = numpy.minimum(self.counts[possible], self.characters(line)).sum(axis=1)
        candidates = numpy.flatnonzero(possible)[2 * shared >= threshold * total[possible]]
        matcher = difflib.SequenceMatcher(None, b=line, autojunk=False)
        best = None
        for index in candidates:
            matcher.set_seq1(self.lines[index])
            ratio = matcher.ratio()
            if ratio >= threshold and (best is None or ratio > best[1]):
                best = (self.lines[index], ratio)
        return best


@pytest.fixture(scope="module", params=LANGUAGES)
def data(request):
    train = load_data(str(ROOT / "nlu" / f"{request.param}.yml"))
    test = load_data(str(ROOT / "tests" / "nlu" / f"{request.param}.yml"))
    return request.param, train, test


def test_every_intent_is_trained_and_tested_in_every_language(data):
    language, train, test = data
    assert set(train.intents) == DOMAIN_INTENTS, f"{language}: {DOMAIN_INTENTS ^ set(train.intents)}"
    assert set(test.intents) == DOMAIN_INTENTS, f"{language}: {DOMAIN_INTENTS ^ set(test.intents)}"
    counts = {i: sum(1 for e in train.intent_examples if e.get("intent") == i) for i in DOMAIN_INTENTS}
    assert min(counts.values()) >= 30, counts


@pytest.fixture(scope="module")
def training_lines():
    return TrainingLines(folded(text) for text in training_examples())


def test_test_sets_do_not_overlap_the_training_data(data):
    language, _, test = data
    trained = trained_texts()
    overlap = [e.get("text") for e in test.intent_examples if folded(e.get("text")) in trained]
    assert not overlap, f"{language} test lines also in training data: {overlap}"


def test_test_sets_hold_no_near_duplicate_of_a_training_line(data, training_lines):
    """Not even with other diacritics, case or punctuation ("Lätis"/"latis"), or a word changed:
    no held-out line is {NEAR_DUPLICATE:.0%} similar to a training line."""
    language, _, test = data
    near = []
    for example in test.intent_examples:
        found = training_lines.near_duplicate(folded(example.get("text")))
        if found:
            near.append(f"{example.get('text')!r} ~ {found[0]!r} ({found[1]:.2f})")
    assert not near, f"{language}: {len(near)} held-out lines near-duplicate training lines:\n" + "\n".join(near)


def test_the_near_duplicate_check_folds_diacritics_and_finds_a_changed_word():
    lines = TrainingLines([folded("Kas Eestil on kaitseatašee Lätis?"), folded("Where is this information from?")])
    assert lines.near_duplicate(folded("kas eestil on kaitseatasee latis")) == ("kas eestil on kaitseatasee latis", 1.0)
    assert lines.near_duplicate(folded("Kas Eestil on kaitseatašee Leedus?"))[1] >= NEAR_DUPLICATE
    assert lines.near_duplicate(folded("Where does this information come from?")) is not None
    assert lines.near_duplicate(folded("Millistes riikides on Eesti kaitseatašeed?")) is None
    russian = TrainingLines([folded("Есть ли у Эстонии военный атташе в Латвии?"), folded("Откуда эта информация?")])
    assert russian.near_duplicate(folded("есть ли у эстонии военный атташе в латвии"))[1] == 1.0
    assert russian.near_duplicate(folded("Есть ли у Эстонии военный атташе в Литве?"))[1] >= NEAR_DUPLICATE
    assert russian.near_duplicate(folded("Откуда взята эта информация?")) is not None
    assert russian.near_duplicate(folded("В каких странах у Эстонии есть военные атташе?")) is None


def test_the_inflection_set_does_not_overlap_the_training_data():
    from tests.e2e.inflection_set import questions

    trained = trained_texts()
    overlap = [q.text for q in questions() if folded(q.text) in trained]
    assert not overlap, f"inflection questions also in training data: {overlap}"


def test_generated_names_are_in_sync_with_the_knowledge_file():
    result = subprocess.run(
        [sys.executable, "-m", "tools.nlu_from_knowledge", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
