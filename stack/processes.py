"""Starts, watches and stops the servers' processes (see the package's docstring
for who uses it).

Each process runs in its own session (process group), so stopping it also
stops whatever it started; its output goes to a log file.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Union

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "assistant.tar.gz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Process:
    def __init__(self, name: str, command: List[str], log: Path, env: dict, cwd: Optional[Path] = None) -> None:
        """Starts `command` in `cwd` (default: the project folder), its output appended to `log`."""
        self.name, self.log = name, log
        self._file = open(log, "ab")  # noqa: SIM115  (the process writes to it until stop())
        self.popen = subprocess.Popen(
            command, cwd=cwd or ROOT, env=env, stdout=self._file, stderr=subprocess.STDOUT, start_new_session=True
        )

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self) -> None:
        if self.alive():
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()
        self._file.close()

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def wait_http(url: str, process: Process, seconds: float) -> None:
    """Waits until `url` answers 2xx; fails early when `process` exits."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if not process.alive():
            raise RuntimeError(f"The {process.name} exited during start-up:\n{process.tail()}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"The {process.name} did not start within {seconds} s:\n{process.tail()}")


def start_action_server(port: int, log: Path, env: dict) -> Process:
    """The action server (python -m actions) on 127.0.0.1:`port`, once it answers /health."""
    process = Process("action server", [str(VENV_BIN / "python"), "-m", "actions", "--port", str(port)], log, env)
    wait_http(f"http://127.0.0.1:{port}/health", process, 60)
    return process


def rasa_run_command(
    port: int,
    endpoints: Union[str, Path],
    credentials: Union[str, Path],
    model: Path = MODEL,
    extra: Sequence[str] = (),
) -> List[str]:
    """`rasa run` of `model` on 127.0.0.1:`port` with these endpoints and credentials files."""
    return [
        str(VENV_BIN / "rasa"),
        "run",
        "--model",
        str(model),
        "--interface",
        "127.0.0.1",
        "--port",
        str(port),
        "--credentials",
        str(credentials),
        "--endpoints",
        str(endpoints),
        *extra,
    ]


def wait_until_answering(url: str, process: Process, seconds: float = 120) -> None:
    """Waits until the Rasa server at `url` replies to a first REST message (the first one
    warms the model up), after its HTTP server is up; fails early when `process` exits."""
    wait_http(f"{url}/", process, 400)
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            response = requests.post(
                f"{url}/webhooks/rest/webhook",
                timeout=60,
                json={"sender": f"warmup-{uuid.uuid4().hex}", "message": "hello"},
            )
            if response.ok and response.json():
                return
        except requests.RequestException:
            pass
        if not process.alive():
            break
        time.sleep(1)
    raise RuntimeError(f"The {process.name} did not answer a first message:\n{process.tail()}")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (from /proc)."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{current}/task").iterdir():
                pids.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total / 1024


class MemorySampler(threading.Thread):
    """Samples the resident memory of named processes (each with its children) every
    `every` seconds until stopped: `samples` over time, and the peaks."""

    def __init__(self, processes: Union[Dict[str, int], Callable[[], Dict[str, int]]], every: float = 10.0) -> None:
        """`processes`: name -> pid, or a function giving them anew at every sample (for processes that
        start or stop while sampling)."""
        super().__init__(daemon=True)
        self.processes = processes if callable(processes) else (lambda: processes)
        self.every = every
        self.samples: List[Dict[str, float]] = []  # {"t": seconds since the start, name: MB, ...}
        self._stopped = threading.Event()
        self._start_time = time.time()

    def run(self) -> None:
        while not self._stopped.is_set():
            sample = {"t": time.time() - self._start_time}
            sample.update({name: rss_mb(pid) for name, pid in self.processes().items()})
            self.samples.append(sample)
            self._stopped.wait(self.every)

    def stop(self) -> None:
        self._stopped.set()
        self.join(timeout=30)

    @property
    def peak_total_mb(self) -> float:
        """The largest sum over all processes at one moment."""
        return max((sum(v for k, v in s.items() if k != "t") for s in self.samples), default=0.0)

    @property
    def peak_mb(self) -> Dict[str, float]:
        """Each process's own largest sample."""
        peaks: Dict[str, float] = {}
        for sample in self.samples:
            for name, mb in sample.items():
                if name != "t":
                    peaks[name] = max(peaks.get(name, 0.0), mb)
        return peaks


def loopback_endpoints(action_port: int, tracker_db: Path, target: Path) -> Path:
    """A copy of endpoints.yml (the embedded defaults) at `target`, with the action
    server on `action_port` and the SQLite tracker store in the file `tracker_db`."""
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    config["action_endpoint"]["url"] = f"http://127.0.0.1:{action_port}/webhook"
    config["tracker_store"]["db"] = str(tracker_db)
    target.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return target
