"""Our NLU accuracy per language next to the baseline pipeline, in the bench run.

Our model is the one the bench just trained; the baseline (compare/baseline.yml:
words and character n-grams, no lemmas, no lookup tables) is trained on the
same NLU data with the same DIET seed as config.yml. Both are tested with
`rasa test nlu` on the held-out English and Estonian sets. `make compare` does
the same over several seeds and more test sets (docs/comparison.md).
"""

from pathlib import Path
from typing import Dict

import yaml

from compare.pipelines import rasa, scores, seeded_config
from languages import LANGUAGES
from stack.processes import ROOT

TEST_SETS = {code: ROOT / "tests" / "nlu" / f"{code}.yml" for code in LANGUAGES}


def our_seed() -> int:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    return next(c.get("random_seed", 0) for c in config["pipeline"] if c["name"] == "DIETClassifier")


def compare(ours_model: Path, out: Path) -> Dict[str, Dict[str, Dict[str, float]]]:
    """language -> pipeline ("ours", "baseline") -> intent_accuracy / entity_f1."""
    out.mkdir(parents=True, exist_ok=True)
    config = seeded_config(ROOT / "compare" / "baseline.yml", our_seed(), out / "baseline.yml")
    rasa("train", "nlu", "--config", str(config), "--nlu", "nlu", "--out", str(out), "--fixed-model-name", "baseline")
    models = {"ours": ours_model, "baseline": out / "baseline.tar.gz"}
    results: Dict[str, Dict[str, Dict[str, float]]] = {}
    for language, test_set in TEST_SETS.items():
        for pipeline, model in models.items():
            report = out / f"{pipeline}-{language}"
            rasa("test", "nlu", "--model", str(model), "--nlu", str(test_set), "--out", str(report))
            results.setdefault(language, {})[pipeline] = scores(report)
    return results
