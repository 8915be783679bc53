"""Reads the optional API base URLs of the platforms from the environment.

Production leaves them unset and gets the platform's real address; tests set
them to a fake platform on 127.0.0.1.
"""

import os


def api_base(variable: str, default: str) -> str:
    """The base URL in `variable`, or `default`, without a trailing slash."""
    return (os.environ.get(variable) or default).rstrip("/")
