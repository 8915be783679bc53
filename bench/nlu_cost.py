"""What language identification plus lemmatisation cost per message: `python -m bench.nlu_cost`.

The two steps our NLU adds in front of the classifiers: telling English from
Estonian (languages/identification.py) and the spaCy pipeline that tokenises and
lemmatises (Vabamorf for Estonian, a lookup table for English). Measured in one
process on the held-out test messages (tests/nlu/), English, Estonian and
Estonian typed without diacritics, in two passes:

- first sight: every message once, in order, as a freshly started server meets them;
- repeated: the median of three more passes over the same messages.

Nothing is remembered between passes: the language of a message is computed
anew every time. Writes bench/nlu-cost.json; the target is at most 5 ms a
message, on average and at the 95th percentile.
"""

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Dict, List

import yaml

from languages import LANGUAGES, REGISTRY

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 5.0
ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def test_messages() -> List[str]:
    """The held-out test messages, annotations removed, plus the Estonian ones without diacritics."""
    by_language: Dict[str, List[str]] = {}
    for language in LANGUAGES:
        data = yaml.safe_load((ROOT / "tests" / "nlu" / f"{language}.yml").read_text(encoding="utf-8"))
        by_language[language] = [
            ANNOTATION.sub(r"\1", line[2:].strip())
            for block in data["nlu"]
            for line in block["examples"].splitlines()
            if line.startswith("- ")
        ]
    # Typed without diacritics: the languages that write letters of their own.
    plain = [
        REGISTRY[language].load_morphology().plain(m)
        for language in LANGUAGES
        if REGISTRY[language].letters
        for m in by_language[language]
    ]
    return [m for language in LANGUAGES for m in by_language[language]] + plain


def percentiles(samples_ms: List[float]) -> Dict[str, float]:
    ordered = sorted(samples_ms)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    return {"mean": statistics.fmean(ordered), "p50": at(0.50), "p95": at(0.95), "p99": at(0.99), "max": ordered[-1]}


def measure(pipeline_path: Path) -> Dict[str, object]:
    import spacy

    import morphology.pipeline  # noqa: F401  (registers the lemmatizer's factory)
    from languages.identification import language_identifier

    started = time.perf_counter()
    identifier = language_identifier()
    nlp = spacy.load(pipeline_path)
    load_seconds = time.perf_counter() - started
    messages = test_messages()

    def cost_ms(text: str) -> float:
        identifier.written_in.cache_clear()
        begin = time.perf_counter_ns()
        identifier.detect(text)
        nlp(text)
        return (time.perf_counter_ns() - begin) / 1e6

    cost_ms("warm up: Kas Eestil on kaitseatašee Soomes?")
    passes = {
        "first sight": [cost_ms(m) for m in messages],
        "repeated": [statistics.median(cost_ms(m) for _ in range(3)) for m in messages],
    }
    return {
        "messages": len(messages),
        "load_seconds": round(load_seconds, 2),
        "passes": {name: {k: round(v, 3) for k, v in percentiles(samples).items()} for name, samples in passes.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pipeline", type=Path, default=ROOT / "build" / "spacy-pipeline")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "nlu-cost.json")
    args = parser.parse_args()
    if not (args.pipeline / "meta.json").exists():
        sys.exit(
            f"{args.pipeline}: no spaCy pipeline there; build it with `make train` "
            f"or `python -m morphology.build {args.pipeline}`"
        )
    result = measure(args.pipeline)
    first = result["passes"]["first sight"]
    result.update(
        {
            "what": "language identification + spaCy tokens and lemmas, per message, in milliseconds",
            "target_ms": TARGET_MS,
            "meets_target": first["mean"] <= TARGET_MS and first["p95"] <= TARGET_MS,
            "date": time.strftime("%Y-%m-%d"),
            "machine": f"{os.cpu_count()} cores, {platform.machine()}, {platform.processor() or 'cpu'}, "
            f"Python {platform.python_version()}",
        }
    )
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{result['messages']} messages; per message, ms (target ≤ {TARGET_MS:g}):")
    print(f"{'pass':<13}{'mean':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}")
    for name, figures in result["passes"].items():
        print(f"{name:<13}" + "".join(f"{figures[k]:>8.2f}" for k in ("mean", "p50", "p95", "p99", "max")))
    print(
        f"{'meets' if result['meets_target'] else 'MISSES'} the target (first sight: mean and p95); "
        f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
