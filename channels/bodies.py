"""Request bodies nested too deeply to handle safely, refused before anything parses them.

JSON parsers, Rasa's copies of a message's metadata and the tracker store's
serializer all recurse into nested values, and a body of a few kilobytes can
nest thousands of levels deep: Python's stack runs out (RecursionError) and the
request ends in HTTP 500. No platform's real message nests more than about ten
levels, so every channel refuses a body nested deeper than MAX_NESTING with
HTTP 400, whatever its Content-Type, before any parser recurses into it.

The depth is measured without recursion, in time linear in the body's size:
JSON strings are cut out (a bracket inside a string does not nest), then
matched bracket pairs are removed one level per pass, at most MAX_NESTING + 1
passes.
"""

import re
from typing import Any, Optional
from urllib.parse import unquote_to_bytes

from sanic import Blueprint
from sanic.request import Request

from channels.refusals import refusal

MAX_NESTING = 32
# A JSON string, or an unterminated one up to the end: a match never fails, so one
# pass is linear (a pattern that must find the closing quote retries at every quote).
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_TO_SQUARE = bytes.maketrans(b"{}", b"[]")
_NOT_A_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


def nesting_depth(raw: bytes, limit: int = MAX_NESTING) -> int:
    """How deep the brackets of `raw` nest, counted up to `limit` + 1.

    Unclosed brackets count as levels, since a parser recurses into them before it
    finds out that they are never closed."""
    brackets = _STRING.sub(b"", raw).translate(_TO_SQUARE, _NOT_A_BRACKET)
    passes = 0
    while b"[]" in brackets and passes <= limit:
        brackets = brackets.replace(b"[]", b"")
        passes += 1
    # What is left is "]]]…[[[…": closers, which a parser stops at, then unclosed openers.
    return min(limit + 1, passes + brackets.count(b"["))


def nesting_problem(raw: Optional[bytes], limit: int = MAX_NESTING) -> Optional[str]:
    """Why a request body is too deeply nested, or None: as sent, and, when it may be
    form data (not a JSON object or array), each of its URL-decoded fields (Slack sends
    JSON in a `payload` field)."""
    if not raw:
        return None
    form = b"%" in raw and raw.lstrip()[:1] not in (b"{", b"[")
    fields = (
        [unquote_to_bytes(value.replace(b"+", b" ")) for pair in raw.split(b"&") for value in pair.split(b"=", 1)[1:]]
        if form
        else []
    )
    if any(nesting_depth(body, limit) > limit for body in [raw, *fields]):
        return f"the body is nested more than {limit} levels deep"
    return None


def refuse_deep_bodies(blueprint: Blueprint) -> Blueprint:
    """Adds to a channel's blueprint the check that answers a too deeply nested body
    with HTTP 400 and a short JSON error (channels/refusals.py). Register it before any middleware of the
    channel that reads `request.json`."""

    @blueprint.middleware("request")
    async def refuse_deep_body(request: Request) -> Any:
        problem = nesting_problem(request.body)
        return refusal(problem) if problem else None

    return blueprint
