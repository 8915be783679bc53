"""The two bots `make bench` measures: how each is trained and started.

- **ours**: this project, trained from scratch (the spaCy pipeline with its
  lexicon, then `rasa train` with an empty training cache) and served as
  `make run` serves it: the action server and `rasa run` with the SQLite tracker
  store of endpoints.yml. The pipeline build is timed into a scratch folder;
  `rasa train` reads the one `make` built in build/ from the same files.
- **starter**: Rasa's starter bot, a project made by `rasa init --no-prompt` in a
  temporary folder; that command also trains its model, with an empty cache.
  Served by `rasa run` with the project's own files (in-memory tracker store,
  no action server).

Both run with Rasa's HTTP API on (a random token), for `/model/parse`.
"""

import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import yaml

from stack.processes import ROOT, VENV_BIN, Process, free_port, loopback_endpoints, rasa_run_command

QUESTIONS = yaml.safe_load((ROOT / "bench" / "questions.yml").read_text(encoding="utf-8"))
ENV = dict(
    os.environ,
    RASA_TELEMETRY_ENABLED="false",
    TF_CPP_MIN_LOG_LEVEL="2",
    PYTHONWARNINGS="ignore",
    SANIC_HOST="127.0.0.1",
    PYTHONUNBUFFERED="1",
)


# What our bot says, in each language, when the action server does not answer.
APOLOGIES = [
    variant["text"]
    for variant in yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"][
        "utter_action_server_unavailable"
    ]
]


class StepFailed(RuntimeError):
    """A training or start-up step failed; the message says which and shows its log."""


def timed(name: str, command: List[str], cwd: Path, log: Path, env: Dict[str, str]) -> float:
    """Runs one step to the end; its wall time in seconds."""
    began = time.perf_counter()
    process = Process(name, command, log, env, cwd=cwd)
    code = process.popen.wait()
    process.stop()
    if code != 0:
        raise StepFailed(f"{name} failed (exit code {code}):\n{process.tail()}")
    return time.perf_counter() - began


@dataclass
class Bot:
    name: str
    questions: List[str]
    workdir: Path
    token: str = field(default_factory=lambda: secrets.token_hex(16))
    rasa_port: int = field(default_factory=free_port)
    model: Optional[Path] = None
    processes: List[Process] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def env(self) -> Dict[str, str]:
        return dict(ENV, RASA_CACHE_DIRECTORY=str(self.workdir / "cache"))

    def train(self) -> Dict[str, float]:
        """Trains from scratch; seconds per step."""
        raise NotImplementedError

    def retrain_unchanged(self) -> Optional[float]:
        """Seconds of a second `rasa train` with nothing changed (None: not measured for this bot)."""
        return None

    def start(self) -> None:
        """Starts every process of the bot, without waiting for any."""
        raise NotImplementedError

    def rasa_command(self, endpoints: Path, credentials: Path) -> List[str]:
        return rasa_run_command(
            self.rasa_port, endpoints, credentials, model=self.model, extra=["--enable-api", "--auth-token", self.token]
        )

    def answer_problem(self, question: str, replies: list) -> Optional[str]:
        """Why `replies` is not a real answer to `question`, or None."""
        return None if any(r.get("text") for r in replies) else "no text in the replies"

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        self.processes = []


class Ours(Bot):
    def train(self) -> Dict[str, float]:
        env = self.env()
        steps = {
            "spacy_pipeline": timed(
                "spaCy pipeline build",
                [str(VENV_BIN / "python"), "-m", "morphology.build", str(self.workdir / "spacy-pipeline")],
                ROOT,
                self.workdir / "build.log",
                env,
            )
        }
        steps["rasa_train"] = timed(
            "rasa train (ours)",
            [str(VENV_BIN / "rasa"), "train", "--out", str(self.workdir / "models"), "--fixed-model-name", "assistant"],
            ROOT,
            self.workdir / "train.log",
            env,
        )
        self.model = self.workdir / "models" / "assistant.tar.gz"
        return steps

    def retrain_unchanged(self) -> Optional[float]:
        return timed(
            "rasa train again, nothing changed (ours)",
            [str(VENV_BIN / "rasa"), "train", "--out", str(self.workdir / "models"), "--fixed-model-name", "assistant"],
            ROOT,
            self.workdir / "retrain.log",
            self.env(),
        )

    def start(self) -> None:
        action_port = free_port()
        endpoints = loopback_endpoints(action_port, self.workdir / "tracker.db", self.workdir / "endpoints.yml")
        env = dict(self.env(), TF_ENABLE_ONEDNN_OPTS="0")  # as `make run` serves (tools/serve.sh)
        self.processes = [
            Process(
                "action server",
                [str(VENV_BIN / "python"), "-m", "actions", "--port", str(action_port)],
                self.workdir / "actions.log",
                env,
            ),
            Process(
                "rasa (ours)", self.rasa_command(endpoints, ROOT / "credentials.yml"), self.workdir / "rasa.log", env
            ),
        ]

    def answer_problem(self, question: str, replies: list) -> Optional[str]:
        """A knowledge answer, not the apology for an action server that does not answer."""
        texts = " ".join(r.get("text", "") for r in replies)
        if not texts.strip():
            return "no text in the replies"
        if any(text.strip() and text.strip() in texts for text in APOLOGIES):
            return "the action server did not answer"
        return None


class Starter(Bot):
    @property
    def folder(self) -> Path:
        """The project `rasa init` makes."""
        return self.workdir / "starter"

    def train(self) -> Dict[str, float]:
        self.folder.mkdir()
        seconds = timed(
            "rasa init --no-prompt",
            [str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(self.folder)],
            self.workdir,
            self.workdir / "init.log",
            self.env(),
        )
        models = sorted((self.folder / "models").glob("*.tar.gz"))
        if not models:
            raise StepFailed(f"rasa init made no model in {self.folder / 'models'}")
        self.model = models[-1]
        return {"rasa_init_and_train": seconds}

    def start(self) -> None:
        env = {k: v for k, v in self.env().items() if k != "TF_ENABLE_ONEDNN_OPTS"}  # TensorFlow's defaults
        self.processes = [
            Process(
                "rasa (starter)",
                self.rasa_command(self.folder / "endpoints.yml", self.folder / "credentials.yml"),
                self.workdir / "rasa.log",
                env,
                cwd=self.folder,
            )
        ]


def bots(workdir: Path) -> Dict[str, Callable[[], Bot]]:
    """The bots by name, each with its own folder under `workdir`."""
    return {
        "ours": lambda: Ours("ours", QUESTIONS["ours"], workdir / "ours"),
        "starter": lambda: Starter("starter", QUESTIONS["starter"], workdir / "starter"),
    }
