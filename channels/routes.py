"""Which request is a channel's webhook call.

Rasa's app routes `/webhooks/<channel>/webhook/` to the same handler as
`/webhooks/<channel>/webhook`, so a check that compares the path exactly is
skipped by a trailing slash: a signature check among them. Every channel's
middleware asks `is_webhook_post(request)` instead.
"""

from sanic.request import Request


def is_webhook_post(request: Request, endpoint: str = "webhook") -> bool:
    return request.method == "POST" and request.path.rstrip("/").endswith(f"/{endpoint}")


def is_path(request: Request, endpoint: str) -> bool:
    """Any method, trailing slash or not."""
    return request.path.rstrip("/").endswith(f"/{endpoint}")
