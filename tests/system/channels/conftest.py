"""The channel tests use the session's all-channels assistant (tests/conftest.py):
one action server and one Rasa server with every messaging channel on, talking
to the local fake platforms."""

import pytest


@pytest.fixture(scope="package")
def assistant(channels_assistant):
    return channels_assistant


def webhook(assistant, channel):
    return f"{assistant.url}/webhooks/{channel}/webhook"
