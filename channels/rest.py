"""The REST channel, with the request checked before Rasa sees it.

(`channels` has no __init__.py on this branch: it joins the package of the same
name on main, the messaging-platform connectors.)

Rasa's own REST channel answers a body that is not a JSON object with HTTP
500, silently drops a message that is not a string, files a message without
`sender` under one shared conversation called "default" (every anonymous
caller would read each other's history), and accepts sender ids of any size
(PostgreSQL's tracker store then fails on ids over 255 characters). This
channel keeps Rasa's URL (/webhooks/rest/webhook) and behaviour for good
requests and answers bad ones with HTTP 400 and a JSON body:
{"error": "invalid_request", "detail": <for developers>, "text": {"en": ..., "et": ...}}.

When Rasa itself fails on a good request (the Redis lock store is down, say),
its REST channel logs the error and answers an empty list, so the user sees
nothing; this channel then answers a short apology instead, in the language
of `metadata.language` when given, otherwise in English and Estonian.
"""

import json
import logging
import unicodedata
from pathlib import Path
from typing import Any, Optional

import yaml
from rasa.core.channels.rest import RestInput
from sanic import response
from sanic.request import Request

logger = logging.getLogger(__name__)
MAX_SENDER_LENGTH = 128
PHRASES = Path(__file__).resolve().parent.parent / "actions" / "phrases.yml"


def _user_text(name: str) -> dict:
    with PHRASES.open(encoding="utf-8") as file:
        return dict(yaml.safe_load(file)[name])


def request_problem(request: Request) -> Optional[str]:
    """What is wrong with a REST webhook request, or None if nothing is."""
    try:
        body: Any = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return "the body must be a JSON object in UTF-8"
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        return "'sender' must be a non-empty string"
    if len(sender) > MAX_SENDER_LENGTH:
        return f"'sender' must be at most {MAX_SENDER_LENGTH} characters"
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in sender):
        return "'sender' must not contain control or invisible characters"
    message = body.get("message")
    if message is not None and not isinstance(message, str):
        return "'message' must be a string"
    if message and any("\ud800" <= c <= "\udfff" for c in message):
        return "'message' must be valid Unicode text (no lone surrogates)"
    if body.get("metadata") is not None and not isinstance(body.get("metadata"), dict):
        return "'metadata' must be a JSON object"
    return None


class CheckedRestInput(RestInput):
    """Rasa's REST channel behind request_problem(); same name and URL."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message):
        apology = _user_text("service_unavailable")

        async def handle_or_apologise(message) -> None:
            try:
                await on_new_message(message)
            except Exception:  # noqa: BLE001 - the user gets an apology, the log the details
                logger.exception("Could not handle a message of sender %s", message.sender_id)
                language = (message.metadata or {}).get("language")
                for lang in [language] if language in apology else ["en", "et"]:
                    await message.output_channel.send_text_message(message.sender_id, apology[lang])

        blueprint = super().blueprint(handle_or_apologise)
        text = _user_text("invalid_request")

        @blueprint.middleware("request")
        async def reject_bad_requests(request: Request):
            if request.method == "POST" and request.path.rstrip("/").endswith("/webhook"):
                problem = request_problem(request)
                if problem:
                    return response.json({"error": "invalid_request", "detail": problem, "text": text}, status=400)
            return None

        return blueprint
