"""The REST channel, with the request checked before Rasa sees it.

Rasa's own REST channel answers a body that is not a JSON object with HTTP
500, silently drops a message that is not a string, files a message without
`sender` under one shared conversation called "default" (every anonymous
caller would read each other's history), and accepts sender ids of any size
(PostgreSQL's tracker store then fails on ids over 255 characters). This
channel keeps Rasa's URL (/webhooks/rest/webhook) and behaviour for good
requests and answers bad ones with HTTP 400 and a JSON body:
{"error": "invalid_request", "detail": <for developers>, "text": {"en": ..., "et": ..., "ru": ...}}.

When Rasa itself fails on a good request (the Redis lock store is down, say),
its REST channel logs the error and answers an empty list, so the user sees
nothing; this channel then answers a short apology instead, in the language
of `metadata.language` when given, otherwise in every language.
"""

import json
import logging
from typing import Any, Optional

from rasa.core.channels.rest import RestInput
from sanic.request import Request

from channels.bodies import nesting_problem
from channels.fields import message_problem, metadata_problem, sender_problem
from channels.refusals import refusal
from channels.routes import is_webhook_post
from channels.texts import user_text
from languages import LANGUAGES

logger = logging.getLogger(__name__)


def request_problem(request: Request) -> Optional[str]:
    """What is wrong with a REST webhook request, or None if nothing is."""
    problem = nesting_problem(request.body)
    if problem:
        return problem
    try:
        # UTF-8 only: json.loads of bytes would also read UTF-16 and UTF-32, and so would
        # take bodies Rasa cannot read (and whose nesting nesting_problem does not see).
        body: Any = json.loads((request.body or b"").decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return "the body must be a JSON object in UTF-8"
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    return (
        sender_problem(body.get("sender"))
        or message_problem(body.get("message"))
        or metadata_problem(body.get("metadata"))
    )


class CheckedRestInput(RestInput):
    """Rasa's REST channel behind request_problem(); same name and URL."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message):
        apology = user_text("service_unavailable")

        async def handle_or_apologise(message) -> None:
            try:
                await on_new_message(message)
            except Exception:
                logger.exception("Could not handle a message of sender %s", message.sender_id)
                language = (message.metadata or {}).get("language")
                for lang in [language] if language in apology else LANGUAGES:
                    await message.output_channel.send_text_message(message.sender_id, apology[lang])

        blueprint = super().blueprint(handle_or_apologise)

        @blueprint.middleware("request")
        async def reject_bad_requests(request: Request):
            if is_webhook_post(request):
                problem = request_problem(request)
                if problem:
                    return refusal(problem)
            return None

        return blueprint
