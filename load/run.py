"""`make load`: a soak. It starts the loopback cluster (2 Rasa replicas, action
server, nginx, PostgreSQL + Redis in a fresh test database / key prefix), runs
the Locust scenario headless against nginx for a bounded time (mixed normal
conversations and fuzz traffic, load/locustfile.py), samples the servers'
memory (RSS) every minute, prints a report and writes it to
results/load/soak.json. It exits non-zero on any failed request (a wrong or
missing answer, a 5xx, a dropped connection), on a traceback in a server's
log, or when memory does not level
off: after the warm-up, the mean total RSS of the last 10 minutes must be
within 5 % of the first 10 minutes' (checked when the run is long enough).

Settings (environment): LOAD_USERS (16), LOAD_SPAWN_RATE (4), LOAD_DURATION (30m),
LOAD_WARMUP_MINUTES (5), LOAD_SAMPLE_SECONDS (60), LOAD_REPLICAS (2),
LOCUST (path of the locust command), LOAD_REPORT_DIR (results/load).
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional

from deploy.cluster import Cluster
from stack.namespace import ConversationNamespace
from stack.processes import ROOT, MemorySampler

PLATEAU_WINDOW_MINUTES = 10
PLATEAU_TOLERANCE = 0.05


def total_mb(sample: Dict[str, float]) -> float:
    return sum(v for k, v in sample.items() if k != "t")


def plateau(samples: List[Dict[str, float]], warmup_minutes: float) -> Optional[Dict[str, float]]:
    """Mean total RSS of the first and the last 10 minutes after the warm-up, and their
    relative difference; None when the run is too short to have two separate windows."""
    start = warmup_minutes * 60
    window = PLATEAU_WINDOW_MINUTES * 60
    end = samples[-1]["t"] if samples else 0
    if end - start < 2 * window:
        return None
    first = [s for s in samples if start <= s["t"] < start + window]
    last = [s for s in samples if s["t"] > end - window]

    def mean(window_samples: List[Dict[str, float]], name: Optional[str]) -> float:
        values = [total_mb(s) if name is None else s[name] for s in window_samples]
        return sum(values) / len(values)

    first_mb, last_mb = mean(first, None), mean(last, None)
    # Each process's change too: a leak in one of three processes shows in the total diluted.
    each = {
        name: round((mean(last, name) - mean(first, name)) / mean(first, name), 4) for name in samples[0] if name != "t"
    }
    return {
        "first_10_min_mb": round(first_mb, 1),
        "last_10_min_mb": round(last_mb, 1),
        "change": round((last_mb - first_mb) / first_mb, 4),
        "change_by_process": each,
    }


def crashes_logged(workdir: Path) -> Dict[str, int]:
    """Tracebacks each server wrote during the run, by log file."""
    counts = {
        log.name: log.read_text(encoding="utf-8", errors="replace").count("Traceback (most recent call last)")
        for log in sorted(workdir.glob("*.log"))
    }
    return {name: count for name, count in counts.items() if count}


def report(stats_csv: Path, samples: List[Dict[str, float]]) -> int:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print("\n=== Load test report ===")
    print(
        f"{'request':<14}{'count':>8}{'failures':>10}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    )
    for r in rows:
        print(
            f"{r['Name']:<14}{r['Request Count']:>8}{r['Failure Count']:>10}{float(r['Requests/s']):>8.2f}"
            f"{r['50%']:>9}{r['95%']:>9}{r['99%']:>9}{float(r['Max Response Time']):>9.0f}"
        )
    print("\nMemory (RSS, MB) over time:")
    names = [k for k in samples[0] if k != "t"] if samples else []
    print(f"{'t (s)':>6}" + "".join(f"{n:>12}" for n in names))
    for s in samples:
        print(f"{s['t']:>6.0f}" + "".join(f"{s[n]:>12.0f}" for n in names))
    failures = int(total["Failure Count"])
    print(
        f"\nTotal: {total['Request Count']} requests, {failures} failures, "
        f"{float(total['Requests/s']):.2f} req/s, p50 {total['50%']} ms, p95 {total['95%']} ms, "
        f"p99 {total['99%']} ms"
    )
    return 0 if failures == 0 and int(total["Request Count"]) > 0 else 1


def main() -> int:
    users = os.environ.get("LOAD_USERS", "16")
    spawn_rate = os.environ.get("LOAD_SPAWN_RATE", "4")
    duration = os.environ.get("LOAD_DURATION", "30m")
    warmup = float(os.environ.get("LOAD_WARMUP_MINUTES", "5"))
    every = float(os.environ.get("LOAD_SAMPLE_SECONDS", "60"))
    replicas = int(os.environ.get("LOAD_REPLICAS", "2"))
    locust = os.environ.get("LOCUST", str(ROOT / ".venv-load" / "bin" / "locust"))
    out = Path(os.environ.get("LOAD_REPORT_DIR", ROOT / "results" / "load"))
    out.mkdir(parents=True, exist_ok=True)
    namespace = ConversationNamespace()
    cluster = Cluster(Path(tempfile.mkdtemp(prefix="assistant-load-")), replicas=replicas, env=namespace.env)
    print(f"Starting the cluster ({replicas} replicas; logs in {cluster.workdir})...", flush=True)
    try:
        cluster.start()
        processes = {f"rasa-{i}": p.popen.pid for i, p in enumerate(cluster.replicas)}
        processes["actions"] = cluster.actions.popen.pid
        sampler = MemorySampler(processes, every=every)
        sampler.start()
        print(f"Running Locust: {users} users for {duration} against {cluster.url}", flush=True)
        subprocess.run(
            [
                locust,
                "-f",
                str(ROOT / "load" / "locustfile.py"),
                "--headless",
                "--users",
                users,
                "--spawn-rate",
                spawn_rate,
                "--run-time",
                duration,
                "--host",
                cluster.url,
                "--csv",
                str(out / "load"),
                "--only-summary",
                "--stop-timeout",
                "60",
            ],
            check=False,
            timeout=7200,
        )
        sampler.stop()
        status = report(out / "load_stats.csv", sampler.samples)
        crashes = crashes_logged(cluster.workdir)
        print(f"\nTracebacks in the servers' logs: {crashes or 'none'}")
        status = status or (1 if crashes else 0)
        level = plateau(sampler.samples, warmup)
        if level is None:
            print(
                f"\nMemory plateau: not checked (needs {warmup:g} min of warm-up and two "
                f"{PLATEAU_WINDOW_MINUTES}-minute windows)."
            )
        else:
            flat = abs(level["change"]) <= PLATEAU_TOLERANCE
            print(
                f"\nMemory plateau: {level['first_10_min_mb']:.0f} MB in the first 10 minutes after the warm-up, "
                f"{level['last_10_min_mb']:.0f} MB in the last 10 ({level['change']:+.1%}; "
                f"{'within' if flat else 'NOT within'} {PLATEAU_TOLERANCE:.0%}); by process: "
                + ", ".join(f"{name} {change:+.1%}" for name, change in level["change_by_process"].items())
            )
            status = status or (0 if flat else 1)
        (out / "soak.json").write_text(
            json.dumps(
                {
                    "users": int(users),
                    "duration": duration,
                    "replicas": replicas,
                    "warmup_minutes": warmup,
                    "plateau": level,
                    "tracebacks": crashes,
                    "rss_mb": sampler.samples,
                },
                indent=1,
            ),
            encoding="utf-8",
        )
        return status
    finally:
        cluster.stop()
        namespace.drop()


if __name__ == "__main__":
    sys.exit(main())
