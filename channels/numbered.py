"""Buttons as a numbered list, and a numbered reply ("2") as that button's payload.

Output channels call `remember(channel, recipient, buttons)` whenever they
send buttons; input channels pass every user message through `pick(...)`,
which swaps a bare number for the payload of the button it numbers. The map
is per channel and sender, bounded (`MAX_SENDERS`, least recently used goes
first) and forgets after `TTL_SECONDS`. It lives in the Rasa process: several
Rasa replicas behind a load balancer need sticky routing per sender for
numbered replies to work (native buttons carry their payload and always work).
"""

import re
import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Dict, List, Optional, Text, Tuple

from rasa.core.channels.channel import UserMessage

MAX_SENDERS = 10_000
TTL_SECONDS = 3600
NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")

_lock = threading.Lock()
_choices: "OrderedDict[Tuple[str, str], Tuple[float, List[str]]]" = OrderedDict()


def remember(channel: str, recipient: Any, buttons: List[Dict[Text, Any]]) -> None:
    payloads = [str(b.get("payload", "")) for b in buttons if b.get("payload")]
    if not payloads:
        return
    key = (channel, str(recipient))
    with _lock:
        _choices.pop(key, None)
        _choices[key] = (time.monotonic(), payloads)
        while len(_choices) > MAX_SENDERS:
            _choices.popitem(last=False)


def pick(channel: str, sender: Any, text: Optional[str]) -> Optional[str]:
    """The payload a numbered reply stands for, or None when `text` is not one."""
    match = NUMBER.match(text or "")
    if not match:
        return None
    key = (channel, str(sender))
    with _lock:
        entry = _choices.get(key)
        if entry is None:
            return None
        stamp, payloads = entry
        if time.monotonic() - stamp > TTL_SECONDS:
            del _choices[key]
            return None
        _choices.move_to_end(key)
    number = int(match.group(1))
    return payloads[number - 1] if 1 <= number <= len(payloads) else None


def numbered_text(text: str, buttons: List[Dict[Text, Any]]) -> str:
    """The message, a blank line, then "1. title" per button, one per line."""
    lines = [f"{n}. {b.get('title', '')}" for n, b in enumerate(buttons, start=1)]
    return "\n\n".join(part for part in [(text or "").strip(), "\n".join(lines)] if part)


class NumberedReplies:
    """Input-channel mixin: a numbered reply reaches Rasa as its button's payload."""

    if TYPE_CHECKING:  # given by the InputChannel this is mixed into

        def name(self) -> Text: ...

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Any:
        async def handle(message: UserMessage) -> Any:
            payload = pick(self.name(), message.sender_id, message.text)
            if payload:
                message.text = payload
            return await on_new_message(message)

        return self.channel_blueprint(handle)

    def channel_blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Any:
        """The channel's routes; Rasa's by default, overridden where a connector has its own."""
        return super().blueprint(on_new_message)  # type: ignore[misc]
