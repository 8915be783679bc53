"""Starts and stops the real action server and Rasa server for end-to-end tests.

Each test run gets free loopback ports and its own SQLite tracker store in a
temporary folder, so it never touches a developer's `make run`.
"""

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional, Sequence

import requests

from stack.processes import (  # noqa: F401  (MODEL, ROOT, VENV_BIN, wait_http: the tests import them from here)
    MODEL,
    ROOT,
    VENV_BIN,
    Process,
    free_port,
    loopback_endpoints,
    rasa_run_command,
    start_action_server,
    wait_http,
    wait_until_answering,
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
        self.actions = start_action_server(self.action_port, self.workdir / "actions.log", self.env)

    def start_rasa(self) -> None:
        command = rasa_run_command(
            self.rasa_port, self.endpoints, self.credentials, extra=["--cors", *self.cors] if self.cors else []
        )
        self.rasa = Process("rasa", command, self.workdir / "rasa.log", self.env)
        wait_until_answering(self.url, self.rasa)

    def stop(self) -> None:
        for process in (self.rasa, self.actions):
            if process:
                process.stop()
