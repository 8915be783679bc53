"""Peak resident memory of a bot: all its processes and their children, together.

A thread samples /proc every quarter of a second from the moment the processes
start until they stop, so the peak covers start-up, model loading and load.
"""

import threading
from typing import Callable, Dict, List

from tools.processes import rss_mb


class PeakMemory(threading.Thread):
    def __init__(self, pids: Callable[[], Dict[str, int]], every: float = 0.25) -> None:
        """`pids`: the bot's processes by name, asked anew at every sample."""
        super().__init__(daemon=True)
        self.pids, self.every = pids, every
        self.peak_total_mb = 0.0
        self.peak_mb: Dict[str, float] = {}
        self.samples: List[float] = []
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.is_set():
            each = {name: rss_mb(pid) for name, pid in self.pids().items()}
            total = sum(each.values())
            self.samples.append(total)
            self.peak_total_mb = max(self.peak_total_mb, total)
            for name, mb in each.items():
                self.peak_mb[name] = max(self.peak_mb.get(name, 0.0), mb)
            self._stopped.wait(self.every)

    def stop(self) -> None:
        self._stopped.set()
        self.join()
