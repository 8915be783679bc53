"""`make load`: starts the loopback cluster (2 Rasa replicas, action server,
nginx, PostgreSQL + Redis in a fresh test database / key prefix), runs the
Locust scenario headless against nginx for a bounded time, samples the
servers' memory every few seconds, prints a report and exits non-zero on
any failed request.

Settings (environment): LOAD_USERS (16), LOAD_SPAWN_RATE (4), LOAD_DURATION (3m),
LOAD_REPLICAS (2), LOCUST (path of the locust command), LOAD_REPORT_DIR (results/load).
"""

import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List

from deploy.cluster import Cluster
from tests.production.services import ConversationNamespace
from tools.processes import ROOT, MemorySampler


def report(stats_csv: Path, samples: List[Dict[str, float]]) -> int:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print("\n=== Load test report ===")
    print(f"{'request':<14}{'count':>8}{'failures':>10}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for r in rows:
        print(f"{r['Name']:<14}{r['Request Count']:>8}{r['Failure Count']:>10}{float(r['Requests/s']):>8.2f}"
              f"{r['50%']:>9}{r['95%']:>9}{r['99%']:>9}{float(r['Max Response Time']):>9.0f}")
    print("\nMemory (RSS, MB) over time:")
    names = [k for k in samples[0] if k != "t"] if samples else []
    print(f"{'t (s)':>6}" + "".join(f"{n:>12}" for n in names))
    for s in samples:
        print(f"{s['t']:>6.0f}" + "".join(f"{s[n]:>12.0f}" for n in names))
    failures = int(total["Failure Count"])
    print(f"\nTotal: {total['Request Count']} requests, {failures} failures, "
          f"{float(total['Requests/s']):.2f} req/s, p50 {total['50%']} ms, p95 {total['95%']} ms, "
          f"p99 {total['99%']} ms")
    return 0 if failures == 0 and int(total["Request Count"]) > 0 else 1


def main() -> int:
    users = os.environ.get("LOAD_USERS", "16")
    spawn_rate = os.environ.get("LOAD_SPAWN_RATE", "4")
    duration = os.environ.get("LOAD_DURATION", "3m")
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
        sampler = MemorySampler(processes)
        sampler.start()
        print(f"Running Locust: {users} users for {duration} against {cluster.url}", flush=True)
        subprocess.run([locust, "-f", str(ROOT / "load" / "locustfile.py"), "--headless", "--users", users,
                        "--spawn-rate", spawn_rate, "--run-time", duration, "--host", cluster.url,
                        "--csv", str(out / "load"), "--only-summary", "--stop-timeout", "60"],
                       check=False, timeout=7200)
        sampler.stop()
        return report(out / "load_stats.csv", sampler.samples)
    finally:
        cluster.stop()
        namespace.drop()


if __name__ == "__main__":
    sys.exit(main())
