"""Quality gates on the trained model, through the rasa CLI a Rasa user would run.

- `rasa data validate` reports no warnings;
- `rasa test nlu` on held-out test sets, per language, meets the thresholds in
  tests/nlu/thresholds.yml (raise them as the model improves);
- `rasa test core` passes every test story (--fail-on-prediction-errors).
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
RASA = str(Path(sys.executable).parent / "rasa")
MODEL = ROOT / "models" / "assistant.tar.gz"
THRESHOLDS = yaml.safe_load((ROOT / "tests" / "nlu" / "thresholds.yml").read_text(encoding="utf-8"))
ENV = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")


def rasa(*args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([RASA, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=timeout)


def test_training_data_validates_without_warnings():
    result = rasa("data", "validate", "--fail-on-warnings")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    rasa_warnings = [line for line in output.splitlines() if "UserWarning" in line]
    assert not rasa_warnings, "\n".join(rasa_warnings)


@pytest.fixture(scope="module", params=LANGUAGES)
def nlu_results(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"nlu-{request.param}")
    result = rasa("test", "nlu", "--model", str(MODEL), "--nlu", f"tests/nlu/{request.param}.yml", "--out", str(out))
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return request.param, out


def test_intent_accuracy_per_language(nlu_results):
    language, out = nlu_results
    report = json.loads((out / "intent_report.json").read_text())
    misses = (
        [
            f"{e['text']!r}: {e['intent']} -> {e['intent_prediction']['name']}"
            for e in json.loads((out / "intent_errors.json").read_text())
        ]
        if (out / "intent_errors.json").exists()
        else []
    )
    assert report["accuracy"] >= THRESHOLDS[language]["intent_accuracy"], "\n".join(misses)


def test_entity_f1_per_language(nlu_results):
    language, out = nlu_results
    report = json.loads((out / "DIETClassifier_report.json").read_text())
    f1 = report["micro avg"]["f1-score"]
    assert f1 >= THRESHOLDS[language]["entity_f1"], json.dumps(report, indent=1)[:3000]


def test_conversation_stories_in_both_languages(tmp_path):
    result = rasa(
        "test",
        "core",
        "--model",
        str(MODEL),
        "--stories",
        "tests/stories",
        "--fail-on-prediction-errors",
        "--out",
        str(tmp_path),
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:] + details
    assert "# None of the test stories failed" in details or not re.search(r"story:", details), details
