"""The message-field checks every channel makes before a request reaches Rasa (channels/fields.py):
sender ids, message texts and metadata."""

import pytest

from channels.fields import message_problem, metadata_problem, sender_problem


@pytest.mark.parametrize(
    "sender, problem",
    [
        ("user-1", None),
        ("", "non-empty"),
        ("  ", "non-empty"),
        (42, "non-empty string"),
        (None, "non-empty"),
        ("x" * 129, "at most 128"),
        ("a\x00b", "invisible"),
        ("a\u202eb", "invisible"),
        ("a\ud800", "invisible"),
    ],
)
def test_sender_ids(sender, problem):
    found = sender_problem(sender)
    assert (found is None) if problem is None else (problem in found)


def test_messages_and_metadata():
    assert message_problem(None) is None and message_problem("") is None and message_problem("tere ÕÄÖÜ") is None
    assert "string" in message_problem(["hi"])
    assert "surrogates" in message_problem("hi \udc00")
    assert metadata_problem({"language": "et"}) is None and metadata_problem(None) is None
    assert "object" in metadata_problem("et")
