"""Starts and stops the real action server and Rasa server for end-to-end tests.

Each test run gets free loopback ports and its own SQLite tracker store in a
temporary folder, so it never touches a developer's `make run`.
"""

import os
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional, Sequence

import requests

from stack.processes import (
    MODEL,
    ROOT,
    VENV_BIN,
    Process,
    free_port,
    loopback_endpoints,
    wait_http,  # (the tests import these from here)
)


class RestClient:
    """Talks to a Rasa server's REST channel at `self.url`."""

    url: str

    def post(self, payload, timeout: float = 60) -> requests.Response:
        return requests.post(f"{self.url}/webhooks/rest/webhook", json=payload, timeout=timeout)

    def say(self, sender: str, text: str, metadata: Optional[dict] = None) -> List[str]:
        """The bot's text replies to one REST message."""
        payload = {"sender": sender, "message": text}
        if metadata is not None:
            payload["metadata"] = metadata
        response = self.post(payload)
        response.raise_for_status()
        return [m.get("text", "") for m in response.json()]


class Assistant(RestClient):
    """The action server and Rasa, started like `make run` does, on free ports."""

    def __init__(
        self,
        workdir: Path,
        cors: Sequence[str] = (),
        credentials: Optional[Path] = None,
        extra_env: Optional[dict] = None,
    ) -> None:
        """`cors`: web origins allowed to call Rasa from a browser (`rasa run --cors`);
        `credentials`: the credentials file Rasa runs with (default: credentials.yml,
        REST and socket.io); `extra_env`: variables both servers get."""
        self.workdir = workdir
        self.cors = list(cors)
        self.credentials = credentials or ROOT / "credentials.yml"
        self.action_port, self.rasa_port = free_port(), free_port()
        self.endpoints = loopback_endpoints(self.action_port, workdir / "tracker.db", workdir / "endpoints.yml")
        self.env = dict(
            os.environ,
            RASA_TELEMETRY_ENABLED="false",
            SANIC_HOST="127.0.0.1",
            TF_CPP_MIN_LOG_LEVEL="2",
            PYTHONUNBUFFERED="1",
            TF_ENABLE_ONEDNN_OPTS="0",
            RASA_CORS=" ".join(self.cors),
        )  # the socket.io channel's WebSocket origin check reads it
        self.env.update(extra_env or {})
        self.actions: Optional[Process] = None
        self.rasa: Optional[Process] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @contextmanager
    def running(self) -> Iterator["Assistant"]:
        """Both servers started, and stopped again however the block ends."""
        try:
            self.start_actions()
            self.start_rasa()
            yield self
        finally:
            self.stop()

    def start_actions(self) -> None:
        self.actions = Process(
            "action server",
            [str(VENV_BIN / "python"), "-m", "actions", "--port", str(self.action_port)],
            self.workdir / "actions.log",
            self.env,
        )
        wait_http(f"http://127.0.0.1:{self.action_port}/health", self.actions, 60)

    def start_rasa(self) -> None:
        self.rasa = Process(
            "rasa",
            [
                str(VENV_BIN / "rasa"),
                "run",
                "--model",
                str(MODEL),
                "--interface",
                "127.0.0.1",
                "--port",
                str(self.rasa_port),
                "--credentials",
                str(self.credentials),
                "--endpoints",
                str(self.endpoints),
            ]
            + (["--cors", *self.cors] if self.cors else []),
            self.workdir / "rasa.log",
            self.env,
        )
        wait_http(f"{self.url}/", self.rasa, 300)
        # The first message warms up the model; wait until it is answered.
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if self.say(f"warmup-{uuid.uuid4().hex}", "hello"):
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        raise RuntimeError(f"Rasa did not answer a first message:\n{self.rasa.tail()}")

    def stop(self) -> None:
        for process in (self.rasa, self.actions):
            if process:
                process.stop()
