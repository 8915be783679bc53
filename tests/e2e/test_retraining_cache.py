"""A second `rasa train` with nothing changed trains nothing: every component comes from
Rasa's cache, none is trained again and no training example is featurized again.

Real `rasa train nlu` runs, twice, on the English training data with config.yml's pipeline
(DIET for one epoch: what is tested is the cache, not the model), in a cache folder of the
test's own. The same two runs without components.bilou_tags.BilouTags show why it is in the
pipeline: Rasa trains EntitySynonymMapper and UnknownWordsClassifier again, and featurizes
every example for them.
"""

import os
import subprocess
from pathlib import Path
from typing import List

import pytest
import yaml

from tests.servers import ROOT, VENV_BIN

pytestmark = pytest.mark.e2e

BILOU = "components.bilou_tags.BilouTags"
TRAINED = "Starting to train component"


def config_for_test(target: Path, keep_bilou: bool) -> Path:
    """config.yml with DIET for one epoch, and without BilouTags unless `keep_bilou`."""
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["pipeline"]]
    assert BILOU in names, "config.yml no longer sets the BILOU tags before DIET"
    config["pipeline"] = [c for c in config["pipeline"] if keep_bilou or c["name"] != BILOU]
    for component in config["pipeline"]:
        if component["name"] == "DIETClassifier":
            component["epochs"] = 1
    target.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def train_twice(workdir: Path, keep_bilou: bool) -> List[str]:
    """The log lines of the second of two `rasa train nlu` runs with nothing changed in between."""
    config = config_for_test(workdir / "config.yml", keep_bilou)
    env = dict(
        os.environ,
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        RASA_CACHE_DIRECTORY=str(workdir / "cache"),
    )
    command = [
        str(VENV_BIN / "rasa"), "train", "nlu", "--config", str(config), "--nlu", "nlu/en.yml",
        "--out", str(workdir / "models"), "--fixed-model-name", "nlu",
    ]  # fmt: skip
    for run in (1, 2):
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"rasa train nlu (run {run}) failed:\n{(result.stdout + result.stderr)[-3000:]}"
    return (result.stdout + result.stderr).splitlines()


def test_a_second_training_with_nothing_changed_trains_nothing(tmp_path: Path) -> None:
    lines = train_twice(tmp_path, keep_bilou=True)
    trained = [line for line in lines if TRAINED in line]
    assert not trained, "trained again although nothing changed:\n" + "\n".join(trained)
    assert any("Restored component 'DIETClassifier' from cache" in line for line in lines)


def test_without_the_bilou_tags_rasa_trains_components_again(tmp_path: Path) -> None:
    lines = train_twice(tmp_path, keep_bilou=False)
    trained = " ".join(line for line in lines if TRAINED in line)
    assert "'EntitySynonymMapper'" in trained and "'UnknownWordsClassifier'" in trained, (
        "Rasa no longer retrains these after DIET; components.bilou_tags may be unnecessary"
    )
