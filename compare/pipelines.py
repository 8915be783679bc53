"""Training and testing NLU pipelines with the rasa CLI: shared by `make compare` and
`make bench` (our NLU accuracy against the baseline in the bench run)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict

import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).parent / "rasa")
ENV = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2", PYTHONWARNINGS="ignore")


def rasa(*args: str) -> None:
    result = subprocess.run([RASA, *args], cwd=ROOT, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"rasa {' '.join(args)} failed:\n{(result.stdout + result.stderr)[-3000:]}")


def seeded_config(source: Path, seed: int, target: Path) -> Path:
    """A copy of a Rasa config whose DIETClassifier trains with `seed`."""
    config = yaml.safe_load(source.read_text(encoding="utf-8"))
    diets = [c for c in config["pipeline"] if c["name"] == "DIETClassifier"]
    if not diets:
        sys.exit(f"{source}: no DIETClassifier in the pipeline; nothing to seed")
    for component in diets:
        component["random_seed"] = seed
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def scores(report_dir: Path) -> Dict[str, float]:
    intent = json.loads((report_dir / "intent_report.json").read_text())
    entity = json.loads((report_dir / "DIETClassifier_report.json").read_text())
    return {"intent_accuracy": intent["accuracy"], "entity_f1": entity["micro avg"]["f1-score"]}
