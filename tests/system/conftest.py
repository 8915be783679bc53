"""Fixtures shared by the system suites: the fake messaging platforms and the one
all-channels assistant that the channel tests and the fuzz suite talk to."""

import pytest

from channels.credentials import write_credentials
from tests.servers import Assistant
from tests.system.channels import fakes


@pytest.fixture(scope="session")
def platforms():
    """The local fake messaging platforms (tests/system/channels/fakes.py), by name."""
    started = {}
    try:
        for fake in fakes.PLATFORMS:
            started[fake.name] = fake()
        yield started
    finally:
        for fake in started.values():
            fake.stop()


@pytest.fixture(scope="session")
def channels_assistant(tmp_path_factory, platforms):
    """One action server and one Rasa server with every channel on, for the channel
    tests and the fuzz suite. The fake platforms start first (Rasa calls some of them
    at start-up: Telegram's setWebhook, Bot Framework's signing keys), then the
    credentials file is built from the environment exactly as `make run` builds it."""
    workdir = tmp_path_factory.mktemp("channels")
    server = Assistant(workdir)
    # The webhook URLs need Rasa's port, known once the Assistant has picked it.
    env = fakes.channel_environment(platforms, server.url)
    server.credentials = workdir / "channels-credentials.yml"
    assert len(write_credentials(server.credentials, env)) == 10
    server.env.update(env)
    with server.running():
        yield server
