"""Training and testing NLU pipelines with the rasa CLI: shared by `make compare` and
`make bench` (our NLU accuracy against the baseline in the bench run).

The candidates of compare/candidates.yml are config.yml with its DIETClassifier
replaced, so they are written out here from the config of the day."""

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional

import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).parent / "rasa")
CONFIG = ROOT / "config.yml"
BASELINE = ROOT / "compare" / "baseline.yml"
CANDIDATES = ROOT / "compare" / "candidates.yml"
# The entity extractors a pipeline may end with; the LanguageDetector also reports
# entities (the language), which no test set annotates.
ENTITY_EXTRACTORS = ("DIETClassifier", "CRFEntityExtractor", "RegexEntityExtractor")
ENV = dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2", PYTHONWARNINGS="ignore")


def rasa(*args: str, cache: Optional[Path] = None) -> None:
    """The rasa CLI; `cache`: the training cache folder (default: the project's .rasa/cache)."""
    env = dict(ENV, RASA_CACHE_DIRECTORY=str(cache)) if cache else ENV
    result = subprocess.run([RASA, *args], cwd=ROOT, env=env, capture_output=True, text=True)
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


def is_seeded(config: Path) -> bool:
    """Whether the pipeline trains a DIET, whose result depends on its seed."""
    pipeline = yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]
    return any(c["name"] == "DIETClassifier" for c in pipeline)


def candidates() -> Dict[str, dict]:
    """compare/candidates.yml: name -> {description, classifiers}."""
    found = yaml.safe_load(CANDIDATES.read_text(encoding="utf-8"))
    for name, candidate in found.items():
        if not isinstance(candidate, dict) or not candidate.get("description") or not candidate.get("classifiers"):
            sys.exit(f"{CANDIDATES}: {name}: needs a `description` and a list of `classifiers`")
    return found


def candidate_config(classifiers: List[dict], target: Path, source: Path = CONFIG) -> Path:
    """A copy of `source` (config.yml) with its DIETClassifier replaced by `classifiers`."""
    config = yaml.safe_load(source.read_text(encoding="utf-8"))
    names = [c["name"] for c in config["pipeline"]]
    if "DIETClassifier" not in names:
        sys.exit(f"{source}: no DIETClassifier in the pipeline; nothing to replace")
    at = names.index("DIETClassifier")
    config["pipeline"][at : at + 1] = copy.deepcopy(classifiers)
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def scores(report_dir: Path, intent_accuracy: Optional[float] = None) -> Dict[str, float]:
    """Intent accuracy and entity F1 from a `rasa test nlu` report folder; `intent_accuracy` stands in
    when rasa wrote no intent report (it leaves intents out of a test set with only one)."""
    report = report_dir / "intent_report.json"
    if not report.is_file():
        if intent_accuracy is None:
            sys.exit(f"{report_dir}: no intent report")
        intent = {"accuracy": intent_accuracy}
    else:
        intent = json.loads(report.read_text())
    reports = [report_dir / f"{name}_report.json" for name in ENTITY_EXTRACTORS]
    found = [path for path in reports if path.is_file()]
    if not found:
        sys.exit(f"{report_dir}: no entity report of {', '.join(ENTITY_EXTRACTORS)}")
    entity = json.loads(found[0].read_text())
    return {"intent_accuracy": intent["accuracy"], "entity_f1": entity["micro avg"]["f1-score"]}
