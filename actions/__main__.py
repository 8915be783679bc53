"""Starts the action server: validates knowledge.yml, then serves on loopback.

`python -m actions [--port 5055]`. The action server has no authentication,
so it always listens on 127.0.0.1 (in Kubernetes it runs beside Rasa in the
same pod, see deploy/k8s). A broken knowledge file stops it before it serves
anything, with exit code 2 and a message naming the file, the entry and the
problem.

rasa_sdk's own error handler answers any unexpected exception with HTTP 500
and the whole request body, which is the user's conversation; this server
replaces it with a handler that logs the error and answers a short JSON error
without echoing anything. Before rasa_sdk sees a call to `/webhook`, its body
is decoded within limits and its shape checked (actions/webhook.py): a
malformed call gets HTTP 400 (413 when too large) naming the field and the
problem, a call of an action this server does not have 404, neither quoting
the body. So a 500 always means a bug here, logged with its traceback.

While it runs, it answers with the latest valid version of knowledge.yml and
actions/phrases.yml: an edit is checked and swapped in within seconds, and a
broken one is logged while the last good version keeps answering (actions/live.py).
"""

import argparse
import logging
import os
import sys
from http import HTTPStatus

from actions.knowledge import KnowledgeError
from actions.live import get_facts, watch
from actions.webhook import MAX_BYTES, BadCall, read_call, registered_actions

HOST = "127.0.0.1"
logger = logging.getLogger("actions")


def create_app():
    """rasa_sdk's Sanic app for this package, with an error handler that echoes nothing."""
    from rasa_sdk.endpoint import create_app as create_sdk_app
    from sanic import response

    app = create_sdk_app("actions", cors_origins=None)
    # Rasa sends the conversation's whole history with every call, and a long conversation
    # passes the 256 kB that SANIC_REQUEST_MAX_SIZE allows the public server (the variable
    # reaches this process too in the production profile): its own limit is MAX_BYTES.
    app.config.REQUEST_MAX_SIZE = MAX_BYTES
    actions = registered_actions("actions")

    @app.middleware("request")
    async def check_call(request):
        """Answers a malformed call itself; hands a well-formed one to rasa_sdk, parsed."""
        # By route, not path: "/webhook/" and "/./webhook" reach the same handler.
        if request.route is None or request.route.name != f"{app.name}.webhook" or request.method != "POST":
            return None
        try:
            call = read_call(request.body, request.headers.get("Content-Encoding"))
        except BadCall as problem:
            # Rasa reads `action_name` from a 400 (RemoteAction.run): it is always there.
            return response.json({"error": str(problem), "action_name": None}, status=problem.status)
        if call["next_action"] not in actions:
            return response.json({"error": "no such action", "action_name": None}, status=404)
        request.parsed_json = call  # rasa_sdk's `request.json`; a deflated body it inflates itself
        return None

    async def safe_error(request, exception: Exception):
        status = getattr(exception, "status_code", 500)
        status = status if isinstance(status, int) and 400 <= status < 600 else 500
        if status >= 500:
            logger.error("Action server error on %s %s", request.method, request.path, exc_info=exception)
        try:
            reason = HTTPStatus(status).phrase.lower()
        except ValueError:
            reason = "bad request"
        return response.json({"error": "internal error" if status >= 500 else reason}, status=status)

    app.error_handler.add(Exception, safe_error)

    @app.after_server_start
    async def watch_knowledge(app, _loop):
        """A valid edit of knowledge.yml or phrases.yml answers within seconds (actions/live.py)."""
        app.add_task(watch(), name="watch_knowledge")

    return app


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m actions", description="Run the action server.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_SERVER_PORT", 5055)))
    args = parser.parse_args()
    try:
        get_facts()
    except KnowledgeError as error:
        print(f"Cannot start the action server: the knowledge file is broken.\n  {error}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Never use a reply's echo of a request: keep Sanic's own debug pages off too.
    logger.info("Action server on http://%s:%s", HOST, args.port)
    create_app().run(HOST, args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
