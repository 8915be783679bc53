"""Trains today's NLU pipeline, the faster candidates and the baseline on the same data, with several seeds,
and tests them all on the same sets; names the fastest candidate that is as good as today's.

Usage: python -m compare [--seeds 1 2 3] [--only today logreg-crf ...] [--out results/compare]
Pipelines: `today` (config.yml), the candidates of compare/candidates.yml (config.yml
with DIET replaced) and `baseline` (compare/baseline.yml, character n-grams).
Test sets: every language's held-out set (tests/nlu/), the sets of languages with
letters of their own typed without them, and the held-out attaché questions
(tests/nlu/inflection.yml): countries in many cases, typed without diacritics or mistyped.
A DIET run moves by a few test messages from seed to seed (and TensorFlow is not
bit-for-bit repeatable on several threads), so a pipeline with a DIET is trained
once per seed and the table shows the mean and the range; one without trains the
same way every time and is trained once. Each model's training time and its
/model/parse time (compare/parse_time.py) are measured in the same run.
A candidate qualifies when, in every language, its mean intent accuracy and entity F1
are at least the lowest of today's seeds; the fastest to train is the one to adopt.
Writes the tables to docs/comparison.md and the figures to <out>/summary.json.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

import yaml

from compare.pipelines import (
    BASELINE,
    CONFIG,
    ENV,
    candidate_config,
    candidates,
    is_seeded,
    rasa,
    scores,
    seeded_config,
)
from languages import LANGUAGE_NAMES, LANGUAGES, REGISTRY

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "docs" / "comparison.md"
INFLECTION = ROOT / "tests" / "nlu" / "inflection.yml"  # data read here, not a test module imported
TODAY = "today"
# The languages that write letters of their own, whose test set is also typed without them.
WITH_LETTERS = [code for code in LANGUAGES if REGISTRY[code].letters]
SETS = {
    **{code: f"{LANGUAGE_NAMES[code]} test set" for code in LANGUAGES},
    **{f"{code}_plain": f"{LANGUAGE_NAMES[code]} test set typed without diacritics" for code in WITH_LETTERS},
    "inflection": "attaché questions: countries in many cases (et, ru) and in English",
    "plain": "attaché questions without diacritics, and mistyped",
}
METRICS = {"intent_accuracy": "intent accuracy", "entity_f1": "entity F1"}
Scores = Dict[str, Dict[str, Dict[str, List[float]]]]  # pipeline -> test set -> metric -> one score per seed


def pipelines() -> Dict[str, str]:
    """name -> what it is, in the order of the tables."""
    return {
        TODAY: "config.yml: spaCy tokens and lemmas, lookup tables, lexical and CountVectors features, DIET",
        **{name: c["description"] for name, c in candidates().items()},
        "baseline": "compare/baseline.yml: WhitespaceTokenizer, CountVectors (words, char_wb 1–4), DIET",
    }


def write_config(name: str, seed: int, folder: Path) -> Path:
    """The pipeline's config for this seed (a DIET among it takes the seed)."""
    target = folder / f"{name}.yml"
    if name == TODAY:
        source = CONFIG
    elif name == "baseline":
        source = BASELINE
    else:
        source = candidate_config(candidates()[name]["classifiers"], folder / f"{name}.unseeded.yml")
    if is_seeded(source):
        return seeded_config(source, seed, target)
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def inflection_test_yaml(questions: List[dict]) -> str:
    """Questions of tests/nlu/inflection.yml as a Rasa NLU test file, the country annotated."""
    lines = ['version: "3.1"', "nlu:", "- intent: ask_attache_country", "  examples: |"]
    lines += ["    - " + q["q"].replace(q["typed"], f"[{q['typed']}](country)", 1) for q in questions]
    return "\n".join(lines) + "\n"


def write_test_sets(out: Path) -> Dict[str, Path]:
    items = yaml.safe_load(INFLECTION.read_text(encoding="utf-8"))["questions"]
    paths = {code: ROOT / "tests" / "nlu" / f"{code}.yml" for code in LANGUAGES}
    for code in WITH_LETTERS:
        plain = REGISTRY[code].load_morphology().plain(paths[code].read_text(encoding="utf-8"))
        paths[f"{code}_plain"] = out / f"{code}_plain.yml"
        paths[f"{code}_plain"].write_text(plain, encoding="utf-8")
    for name, kinds in (("inflection", {"cased", "english"}), ("plain", {"plain", "typo"})):
        paths[name] = out / f"{name}.yml"
        paths[name].write_text(inflection_test_yaml([q for q in items if q["kind"] in kinds]), encoding="utf-8")
    return paths


def error_cut(baseline: float, ours: float) -> str:
    before, after = 1 - baseline, 1 - ours
    if before <= 0:
        return "—" if after <= 0 else "worse"
    if abs(after - before) < 1e-9:
        return "±0%"
    return (
        f"{(before - after) / before:+.0%}".replace("+", "−", 1)
        if after < before
        else f"{(after - before) / before:+.0%} (worse)"
    )


def cell(values: List[float]) -> str:
    """Mean of the seeds, with their range when they differ."""
    mean = statistics.fmean(values)
    if len(values) == 1 or min(values) == max(values):
        return f"{mean:.3f}"
    return f"{mean:.3f} ({min(values):.3f}–{max(values):.3f})"


def qualifying(results: Scores, names: List[str]) -> Dict[str, bool]:
    """Per candidate: on every test set (each language's, typed without diacritics, the attaché
    questions), mean intent accuracy and entity F1 at least today's lowest seed."""
    return {
        name: all(
            statistics.fmean(results[name][test_set][metric]) >= min(results[TODAY][test_set][metric]) - 1e-9
            for test_set in SETS
            for metric in METRICS
        )
        for name in names
        if name not in (TODAY, "baseline")
    }


def render(results: Scores, meta: dict) -> str:
    seeds = ", ".join(str(s) for s in meta["seeds"])
    names = list(meta["pipelines"])
    ok = qualifying(results, names)
    speed = meta["speed"]
    lines = [
        "# NLU pipelines compared",
        "",
        "Generated by `make compare` (compare/__main__.py); do not edit by hand.",
        f"Run on {meta['date']} on {meta['machine']}, every pipeline trained on the same data (`nlu/`)",
        f"and tested on the same held-out sets; a pipeline with a DIET once per seed ({seeds}), one without",
        "once (it trains the same way every time). A score is the mean over the seeds, with the lowest and",
        "highest run in brackets. Training: `rasa train nlu` from an empty cache; parse: one message at a",
        "time through the loaded model, every test message (compare/parse_time.py).",
        "",
        "| pipeline | what it is | training (s) | parse p50 (ms) | as good as today's |",
        "|---|---|---:|---:|---|",
    ]
    for name in names:
        verdict = "—" if name not in ok else ("yes" if ok[name] else "no")
        lines.append(
            f"| {name} | {meta['pipelines'][name]} | {statistics.fmean(speed[name]['train_seconds']):.0f} "
            f"| {statistics.fmean(speed[name]['parse_p50_ms']):.1f} | {verdict} |"
        )
    chosen = sorted((n for n in ok if ok[n]), key=lambda n: statistics.fmean(speed[n]["train_seconds"]))
    lines += ["", "As good as today's: on every test set, the mean intent accuracy and entity F1 are at least the"]
    lines += ["lowest of today's seeds. " + (f"The fastest of them: **{chosen[0]}**." if chosen else "None is.")]
    for metric, title in METRICS.items():
        lines += ["", f"## {title[0].upper() + title[1:]}", ""]
        lines += ["| test set | examples | " + " | ".join(names) + " |", "|---|---:|" + "---:|" * len(names)]
        for test_set, label in SETS.items():
            cells = " | ".join(cell(results[name][test_set][metric]) for name in names)
            lines.append(f"| {label} | {meta['sizes'][test_set]} | {cells} |")
    if "baseline" not in results:
        return "\n".join(lines) + "\n"
    lines += ["", "## Today's pipeline against the baseline", ""]
    lines += ["Error change: how much of the baseline's mean error (1 − score) today's removes (−) or adds.", ""]
    lines += ["| test set | metric | error change |", "|---|---|---:|"]
    for test_set, label in SETS.items():
        for metric, title in METRICS.items():
            b, t = results["baseline"][test_set][metric], results[TODAY][test_set][metric]
            lines.append(f"| {label} | {title} | {error_cut(statistics.fmean(b), statistics.fmean(t))} |")
    return "\n".join(lines) + "\n"


def parse_time(model: Path, sets: Dict[str, Path]) -> dict:
    """compare.parse_time in its own process, on every test set."""
    command = [sys.executable, "-m", "compare.parse_time", str(model), *(str(path) for path in sets.values())]
    result = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"timing {model} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--only", nargs="+", help="these pipelines (today's is always trained)")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "compare")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    described = pipelines()
    if args.only:
        unknown = sorted(set(args.only) - set(described))
        if unknown:
            sys.exit(f"no such pipeline: {', '.join(unknown)}; known: {', '.join(described)}")
        described = {n: d for n, d in described.items() if n == TODAY or n in args.only}
    sets = write_test_sets(args.out)
    started = time.time()
    results: Scores = {p: {s: {m: [] for m in METRICS} for s in SETS} for p in described}
    speed: Dict[str, Dict[str, List[float]]] = {p: {"train_seconds": [], "parse_p50_ms": []} for p in described}
    for seed in args.seeds:
        folder = args.out / f"seed-{seed}"
        folder.mkdir(exist_ok=True)
        for pipeline in described:
            config = write_config(pipeline, seed, folder)
            if seed != args.seeds[0] and not is_seeded(config):
                # Trains the same way every time: its first run stands for every seed.
                for name in SETS:
                    for metric in METRICS:
                        results[pipeline][name][metric].append(results[pipeline][name][metric][0])
                continue
            model = folder / f"{pipeline}.tar.gz"
            record = folder / f"{pipeline}.train.json"
            if model.is_file() and record.is_file():
                # Trained by an earlier run that stopped later on: `make compare` again goes on from here.
                print(f"seed {seed}: {pipeline} already trained", flush=True)
            else:
                print(f"seed {seed}: training {pipeline}...", flush=True)
                # From an empty cache of its own, as `make bench` trains (and the project's stays as it was).
                cache = args.out / "cache"
                shutil.rmtree(cache, ignore_errors=True)
                begun = time.perf_counter()
                rasa(
                    *("train", "nlu", "--config", str(config), "--nlu", "nlu", "--out", str(folder)),
                    *("--fixed-model-name", pipeline),
                    cache=cache,
                )
                record.write_text(json.dumps({"train_seconds": time.perf_counter() - begun}))
            speed[pipeline]["train_seconds"].append(json.loads(record.read_text())["train_seconds"])
            parsed = parse_time(model, sets)
            speed[pipeline]["parse_p50_ms"].append(parsed["p50_ms"])
            for name, path in sets.items():
                print(f"seed {seed}: testing {pipeline} on {name}...", flush=True)
                report = folder / f"{pipeline}-{name}"
                rasa("test", "nlu", "--model", str(model), "--nlu", str(path), "--out", str(report))
                for metric, value in scores(report, parsed["intent_accuracy"][str(path)]).items():
                    results[pipeline][name][metric].append(value)
            # What is measured so far, in case a later step fails.
            (args.out / "partial.json").write_text(json.dumps({"results": results, "speed": speed}, indent=1))
    sizes = {
        name: sum(
            1
            for line in Path(path).read_text(encoding="utf-8").splitlines()
            if line.strip().startswith("- ") and "intent:" not in line
        )
        for name, path in sets.items()
    }
    meta = {
        "date": time.strftime("%Y-%m-%d"),
        "sizes": sizes,
        "seeds": args.seeds,
        "pipelines": described,
        "speed": speed,
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
    }
    names = list(described)
    summary = {
        "results": results,
        "meta": meta,
        "qualifying": qualifying(results, names),
        "seconds": round(time.time() - started),
    }
    (args.out / "summary.json").write_text(json.dumps(summary, indent=1))
    TABLE.write_text(render(results, meta), encoding="utf-8")
    print(TABLE.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
