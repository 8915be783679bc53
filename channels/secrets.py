"""Constant-time comparison of a secret a request carries with the configured one."""

import hmac
from typing import Any


def matches(given: Any, expected: Any) -> bool:
    """True only for two equal, non-empty strings (any characters; never raises)."""
    if not isinstance(given, str) or not isinstance(expected, str) or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
