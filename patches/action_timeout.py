"""Rasa waits at most ACTION_SERVER_TIMEOUT seconds for the action server, not 5 minutes.

Rasa 3.6 passes one constant, rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT
(300 s), to every call of a custom action, with no setting to change it. A slow
action server then keeps the user waiting for minutes. Here the constant is set
to ACTION_SERVER_TIMEOUT (default 1.5 s), so that a call cut off by the timeout
fails like any other and components/action_server_guard.py's policy apologises
within 2 s.
"""

import logging
import os

from patches import Undo, replace

logger = logging.getLogger(__name__)
ACTION_SERVER_TIMEOUT_ENV = "ACTION_SERVER_TIMEOUT"
DEFAULT_ACTION_SERVER_TIMEOUT = 1.5


def action_server_timeout() -> float:
    """Seconds Rasa waits for the action server, from ACTION_SERVER_TIMEOUT."""
    raw = os.environ.get(ACTION_SERVER_TIMEOUT_ENV, "").strip()
    try:
        seconds = float(raw) if raw else DEFAULT_ACTION_SERVER_TIMEOUT
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 300:
        logger.warning(
            "%s=%r is not a number of seconds in (0, 300]; using %s s.",
            ACTION_SERVER_TIMEOUT_ENV,
            raw,
            DEFAULT_ACTION_SERVER_TIMEOUT,
        )
        seconds = DEFAULT_ACTION_SERVER_TIMEOUT
    return seconds


def limit_action_server_wait() -> Undo:
    """Makes Rasa's calls to the action server give up after action_server_timeout()."""
    import rasa.core.actions.action as rasa_action

    return replace(rasa_action, "DEFAULT_REQUEST_TIMEOUT", action_server_timeout())
