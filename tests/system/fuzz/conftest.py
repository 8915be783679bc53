"""Fixtures of the fuzz suite: the all-channels assistant, a watch on its logs,
a normal conversation held alongside the fuzz, and Hypothesis's settings.

The log watch is one object for all examples of a test, on purpose: each example
reads only the lines logged since the one before. Hypothesis runs derandomized (a fixed
seed) with a bounded number of examples per entry point, and keeps no example database, so every run sends the same
payloads and a failure reproduces. FUZZ_EXAMPLES scales every test's budget
(default 1.0; the soak in `make load` has its own generator).
"""

import os
import re
import uuid
from pathlib import Path
from typing import Dict, List

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ],
)
SCALE = float(os.environ.get("FUZZ_EXAMPLES", "1.0"))


def examples(count: int) -> settings:
    """The fuzz profile with `count` examples (scaled by FUZZ_EXAMPLES)."""
    return settings(settings.get_profile("fuzz"), max_examples=max(1, int(count * SCALE)))


# What a server must never write while handling input: a Python traceback, or an
# error logged by an exception handler (engine.io, socket.io and Sanic log those).
CRASH = re.compile(r"Traceback \(most recent call last\)|Exception in|handler error|Exception occurred")


class LogWatch:
    """New lines in the servers' logs since the last look, checked for crashes."""

    def __init__(self, logs: List[Path]) -> None:
        self.offsets: Dict[Path, int] = {log: log.stat().st_size for log in logs}

    def new_text(self) -> str:
        parts = []
        for log, offset in self.offsets.items():
            with log.open("rb") as file:
                file.seek(offset)
                data = file.read()
            self.offsets[log] = offset + len(data)
            parts.append(data.decode("utf-8", "replace"))
        return "".join(parts)

    def assert_no_crash(self, what: str = "") -> None:
        text = self.new_text()
        match = CRASH.search(text)
        assert match is None, (
            f"A server logged a crash{' after ' + what if what else ''}:\n"
            f"{text[max(0, match.start() - 2000) : match.start() + 4000]}"
        )


@pytest.fixture(scope="package")
def assistant(channels_assistant):
    return channels_assistant


@pytest.fixture(scope="package")
def logs(assistant) -> LogWatch:
    return LogWatch([assistant.workdir / "rasa.log", assistant.workdir / "actions.log"])


class Bystander:
    """A normal conversation held alongside the fuzz: it starts before the first
    fuzz test that watches the logs, says one more thing after each, and
    tests/system/fuzz/test_survivors.py checks that its stored events came out intact."""

    QUESTIONS = [
        "Is Estonia a member of NATO?",
        "Kas Eestil on kaitseatašee Soomes?",
        "What is the Vienna Document?",
        "Mis on avatud taeva leping?",
    ]

    def __init__(self, assistant) -> None:
        self.assistant = assistant
        self.sender = f"bystander-{uuid.uuid4().hex}"
        self.said: List[str] = []
        self.replies: List[List[str]] = []

    def say_next(self) -> List[str]:
        text = self.QUESTIONS[len(self.said) % len(self.QUESTIONS)]
        replies = self.assistant.say(self.sender, text)
        self.said.append(text)
        self.replies.append(replies)
        return replies


@pytest.fixture(scope="package")
def bystander(assistant) -> Bystander:
    person = Bystander(assistant)
    assert person.say_next(), "the assistant did not answer a normal question before the fuzz"
    return person


@pytest.fixture
def log_watch(logs, bystander):
    """The package's LogWatch; each test checks it per example. What was logged since
    the last check (late, by a task of the test before) is checked first, not dropped.
    The bystander says one more thing once the test is done."""
    logs.assert_no_crash("the previous test (logged late)")
    yield logs
    bystander.say_next()
