"""The answer to a request a channel refuses as malformed: HTTP 4xx and a short JSON error,
the same on every channel: {"error": "invalid_request", "detail": <what is wrong, for the
developer who sent it>, "text": <a sentence for a user, in every language>}."""

from sanic import response
from sanic.response import HTTPResponse

from channels.texts import user_text


def refusal(detail: str, status: int = 400) -> HTTPResponse:
    return response.json(
        {"error": "invalid_request", "detail": detail, "text": user_text("invalid_request")}, status=int(status)
    )
