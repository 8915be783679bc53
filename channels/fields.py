"""What the fields of a chat message must be, on the channels that take them from
the client as JSON values (REST, socket.io): a sender id Rasa can store, a message
that is text, metadata that is an object.

Each check returns what is wrong, for the developer who sent it, or None.
"""

import unicodedata
from typing import Any, Optional

MAX_SENDER_LENGTH = 128
# Control, format (bidi overrides, zero-width), surrogate, private-use and unassigned.
INVISIBLE = ("Cc", "Cf", "Cs", "Co", "Cn")


def sender_problem(sender: Any, field: str = "sender") -> Optional[str]:
    """A sender id must be a short printable string: it names the conversation in
    the tracker store (PostgreSQL's column holds 255 characters) and in logs."""
    if not isinstance(sender, str) or not sender.strip():
        return f"'{field}' must be a non-empty string"
    if len(sender) > MAX_SENDER_LENGTH:
        return f"'{field}' must be at most {MAX_SENDER_LENGTH} characters"
    if any(unicodedata.category(c) in INVISIBLE for c in sender):
        return f"'{field}' must not contain control or invisible characters"
    return None


def message_problem(message: Any, field: str = "message") -> Optional[str]:
    """A message may be missing (an empty message, answered politely) or text;
    text with a lone surrogate is not Unicode, and would fail in the NLU or the store."""
    if message is None:
        return None
    if not isinstance(message, str):
        return f"'{field}' must be a string"
    if any("\ud800" <= c <= "\udfff" for c in message):
        return f"'{field}' must be valid Unicode text (no lone surrogates)"
    return None


def text_problem(text: Any, field: str) -> Optional[str]:
    """A text the platform always sends (never missing): a string of valid Unicode."""
    return f"'{field}' must be a string" if not isinstance(text, str) else message_problem(text, field)


def metadata_problem(metadata: Any, field: str = "metadata") -> Optional[str]:
    if metadata is not None and not isinstance(metadata, dict):
        return f"'{field}' must be a JSON object"
    return None
