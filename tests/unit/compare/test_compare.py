"""`make compare` is a fair comparison: every pipeline trains on today's features with the seed it is
given, the candidates differ from config.yml only in their classifiers, and the verdict follows the rule."""

from pathlib import Path

import pytest
import yaml

from compare.__main__ import TODAY, cell, error_cut, qualifying, write_config
from compare.pipelines import BASELINE, CONFIG, candidate_config, candidates, is_seeded, seeded_config
from languages import LANGUAGES


def is_seeded_list(classifiers) -> bool:
    return any(c["name"] == "DIETClassifier" for c in classifiers)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def diet(config: dict) -> dict:
    return next(c for c in config["pipeline"] if c["name"] == "DIETClassifier")


def test_today_and_the_baseline_train_diet_with_the_same_settings():
    assert diet(load(CONFIG)) == diet(load(BASELINE))


@pytest.mark.parametrize("source", [CONFIG, BASELINE], ids=["today", "baseline"])
def test_a_seeded_config_changes_the_seed_and_nothing_else(source, tmp_path: Path):
    seeded = load(seeded_config(source, 42, tmp_path / "c.yml"))
    assert diet(seeded)["random_seed"] == 42
    diet(seeded)["random_seed"] = diet(load(source))["random_seed"]
    assert seeded == load(source)


def test_a_config_without_diet_is_refused_with_its_name(tmp_path: Path):
    config = tmp_path / "plain.yml"
    config.write_text("pipeline:\n  - name: WhitespaceTokenizer\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="plain.yml: no DIETClassifier"):
        seeded_config(config, 1, tmp_path / "out.yml")
    with pytest.raises(SystemExit, match="plain.yml: no DIETClassifier"):
        candidate_config([{"name": "LogisticRegressionClassifier"}], tmp_path / "out.yml", source=config)


@pytest.mark.parametrize("name", sorted(candidates()))
def test_a_candidate_is_todays_pipeline_with_other_classifiers(name, tmp_path: Path):
    today, classifiers = load(CONFIG), candidates()[name]["classifiers"]
    candidate = load(candidate_config(classifiers, tmp_path / "c.yml"))
    at = [c["name"] for c in today["pipeline"]].index("DIETClassifier")
    assert candidate["pipeline"] == today["pipeline"][:at] + classifiers + today["pipeline"][at + 1 :]
    assert candidate["policies"] == today["policies"]


@pytest.mark.parametrize("name", sorted(n for n, c in candidates().items() if is_seeded_list(c["classifiers"])))
def test_a_candidates_diet_takes_the_runs_seed_and_is_lighter_than_todays(name, tmp_path: Path):
    [candidate_diet] = [c for c in load(write_config(name, 3, tmp_path))["pipeline"] if c["name"] == "DIETClassifier"]
    assert candidate_diet["random_seed"] == 3
    assert candidate_diet != diet(load(CONFIG))


def test_a_candidate_without_diet_is_written_unchanged_for_every_seed(tmp_path: Path):
    name = next(n for n, c in candidates().items() if not is_seeded_list(c["classifiers"]))
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    one, two = write_config(name, 1, tmp_path / "a"), write_config(name, 2, tmp_path / "b")
    assert not is_seeded(one)
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_a_candidate_qualifies_only_when_as_good_as_todays_lowest_seed_on_every_test_set():
    from compare.__main__ import SETS

    results = {
        TODAY: {c: {m: [0.94, 0.96] for m in ("intent_accuracy", "entity_f1")} for c in SETS},
        "fast": {c: {m: [0.95] for m in ("intent_accuracy", "entity_f1")} for c in SETS},
        "same": {c: {m: [0.94] for m in ("intent_accuracy", "entity_f1")} for c in SETS},
        "worse": {c: {m: [0.95] for m in ("intent_accuracy", "entity_f1")} for c in SETS},
        "worse_typed": {c: {m: [0.95] for m in ("intent_accuracy", "entity_f1")} for c in SETS},
    }
    results["worse"][LANGUAGES[-1]]["entity_f1"] = [0.93]
    results["worse_typed"]["inflection"]["intent_accuracy"] = [0.9]
    verdict = qualifying(results, [TODAY, "fast", "same", "worse", "worse_typed"])
    assert verdict == {"fast": True, "same": True, "worse": False, "worse_typed": False}


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


def test_the_table_names_the_fastest_candidate_as_good_as_todays():
    from compare.__main__ import METRICS, SETS, pipelines, render

    names = list(pipelines())
    results = {n: {s: {m: [0.95] for m in METRICS} for s in SETS} for n in names}
    results[TODAY] = {s: {m: [0.95, 0.96] for m in METRICS} for s in SETS}
    slow, fast = [n for n in names if n not in (TODAY, "baseline")][:2]
    results[slow][LANGUAGES[0]]["entity_f1"] = [0.90]  # as fast as can be, but worse in one language
    speed = {n: {"train_seconds": [100.0], "parse_p50_ms": [9.0]} for n in names}
    speed[slow]["train_seconds"], speed[fast]["train_seconds"] = [1.0], [50.0]
    meta = {"date": "2026-12-02", "machine": "test", "seeds": [1, 2], "pipelines": pipelines(), "speed": speed}
    meta["sizes"] = {s: 10 for s in SETS}
    table = render(results, meta)
    assert f"The fastest of them: **{fast}**." in table
    assert f"| {slow} | {pipelines()[slow]} | 1 | 9.0 | no |" in table


def test_a_run_without_the_baseline_leaves_its_section_out():
    from compare.__main__ import METRICS, SETS, render

    results = {TODAY: {s: {m: [0.95] for m in METRICS} for s in SETS}}
    meta = {"date": "2026-12-02", "machine": "test", "seeds": [1], "pipelines": {TODAY: "config.yml"}}
    meta.update(speed={TODAY: {"train_seconds": [9.0], "parse_p50_ms": [3.0]}}, sizes={s: 1 for s in SETS})
    table = render(results, meta)
    assert "| today | config.yml | 9 | 3.0 | — |" in table and "against the baseline" not in table
