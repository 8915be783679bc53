"""`make compare` is a fair comparison: both pipelines train DIET the same way, with the seed it asks for."""

from pathlib import Path

import pytest
import yaml

from compare.__main__ import PIPELINES, cell, error_cut
from compare.pipelines import seeded_config


def diet(config: dict) -> dict:
    return next(c for c in config["pipeline"] if c["name"] == "DIETClassifier")


def test_both_pipelines_train_diet_with_the_same_settings():
    settings = [diet(yaml.safe_load(path.read_text(encoding="utf-8"))) for path in PIPELINES.values()]
    assert settings[0] == settings[1]


@pytest.mark.parametrize("pipeline", sorted(PIPELINES))
def test_a_seeded_config_changes_the_seed_and_nothing_else(pipeline, tmp_path: Path):
    source = yaml.safe_load(PIPELINES[pipeline].read_text(encoding="utf-8"))
    seeded = yaml.safe_load(seeded_config(PIPELINES[pipeline], 42, tmp_path / "c.yml").read_text(encoding="utf-8"))
    assert diet(seeded)["random_seed"] == 42
    diet(seeded)["random_seed"] = diet(source)["random_seed"]
    assert seeded == source


def test_a_config_without_diet_is_refused_with_its_name(tmp_path: Path):
    config = tmp_path / "plain.yml"
    config.write_text("pipeline:\n  - name: WhitespaceTokenizer\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="plain.yml: no DIETClassifier"):
        seeded_config(config, 1, tmp_path / "out.yml")


@pytest.mark.parametrize(
    "baseline, ours, shown",
    [
        (0.9, 0.95, "−50%"),
        (0.9, 0.8, "+100% (worse)"),
        (0.95, 0.95, "±0%"),
        (1.0, 1.0, "—"),
        (1.0, 0.99, "worse"),
    ],
)
def test_the_error_change_says_which_way_and_how_much(baseline, ours, shown):
    assert error_cut(baseline, ours) == shown


def test_a_cell_shows_the_mean_and_the_range_of_the_seeds():
    assert cell([0.9, 0.95, 1.0]) == "0.950 (0.900–1.000)"
    assert cell([0.97, 0.97]) == "0.970"
