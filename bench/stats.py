"""Summaries of measured latencies, and the ratios the benchmark is judged by."""

import statistics
from typing import Dict, List

# ratio name -> (target, "max" when the ratio must stay at or below it, "min" at or above)
TARGETS = {
    "p50": (0.5, "max"),
    "p99": (1.0, "max"),
    "throughput16": (2.0, "min"),
    "cold_start": (0.5, "max"),
    "rss": (1.0, "max"),
    "train": (1.0, "max"),
    "p50_vs_parse": (2.0, "max"),
}
# Our own figures with a target of their own, not a ratio.
ABSOLUTE_TARGETS = {
    "parse_p50_ms": (5.0, "max"),  # /model/parse p50, the NLU alone
    "retrain_unchanged_seconds": (20.0, "max"),  # a second `rasa train` with nothing changed
}


def percentile(samples: List[float], share: float) -> float:
    """The `share` quantile (0..1), interpolated between the two nearest samples."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("no samples")
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(samples: List[float]) -> Dict[str, float]:
    return {
        "count": len(samples),
        "mean": statistics.fmean(samples),
        "p50": percentile(samples, 0.50),
        "p95": percentile(samples, 0.95),
        "p99": percentile(samples, 0.99),
        "max": max(samples),
    }


def latency_ratios(ours: dict, starter: dict) -> Dict[str, float]:
    """Ours over the starter bot's, for each REST percentile at each concurrency ("p50_c1", "p99_c16"...)."""
    return {
        f"{p}_{c}": ours["rest"][c][p] / starter["rest"][c][p] for p in ("p50", "p95", "p99") for c in ("c1", "c16")
    }


def ratios(ours: dict, starter: dict) -> Dict[str, float]:
    """Ours divided by the starter bot's, plus our REST p50 over our own /model/parse p50.

    A latency ratio is the less favourable of the two concurrencies (1 and 16).
    """
    latency = latency_ratios(ours, starter)
    return {
        "p50": max(latency["p50_c1"], latency["p50_c16"]),
        "p99": max(latency["p99_c1"], latency["p99_c16"]),
        "throughput16": ours["rest"]["c16"]["throughput"] / starter["rest"]["c16"]["throughput"],
        "cold_start": ours["cold_start_seconds"] / starter["cold_start_seconds"],
        "rss": ours["peak_rss_mb"] / starter["peak_rss_mb"],
        "train": ours["train_seconds"] / starter["train_seconds"],
        "p50_vs_parse": ours["rest"]["c1"]["p50"] / ours["parse"]["p50"],
    }


def absolutes(ours: dict) -> Dict[str, float]:
    """Our figures that ABSOLUTE_TARGETS sets a target for."""
    return {"parse_p50_ms": ours["parse"]["p50"], "retrain_unchanged_seconds": ours["retrain_unchanged_seconds"]}


def met(name: str, value: float) -> bool:
    target, direction = TARGETS[name] if name in TARGETS else ABSOLUTE_TARGETS[name]
    return value <= target if direction == "max" else value >= target
