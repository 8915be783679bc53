"""Starts the action server: validates knowledge.yml, then serves on loopback.

`python -m actions [--port 5055]`. The action server has no authentication,
so it always listens on 127.0.0.1 (in Kubernetes it runs beside Rasa in the
same pod, see deploy/k8s). A broken knowledge file stops it before it serves
anything, with exit code 2 and a message naming the file, the entry and the
problem.

rasa_sdk's own error handler answers any unexpected exception with HTTP 500
and the whole request body, which is the user's conversation; this server
replaces it with a handler that logs the error and answers a short JSON error
without echoing anything.
"""

import argparse
import logging
import os
import sys

from actions.facts import get_facts
from actions.knowledge import KnowledgeError

HOST = "127.0.0.1"
logger = logging.getLogger("actions")


def create_app():
    """rasa_sdk's Sanic app for this package, with an error handler that echoes nothing."""
    from rasa_sdk.endpoint import create_app as create_sdk_app
    from sanic import response

    app = create_sdk_app("actions", cors_origins=None)

    async def safe_error(request, exception: Exception):
        status = getattr(exception, "status_code", 500)
        status = status if isinstance(status, int) and 400 <= status < 600 else 500
        if status >= 500:
            logger.error("Action server error on %s %s", request.method, request.path, exc_info=exception)
        return response.json({"error": "internal error" if status >= 500 else "bad request"}, status=status)

    app.error_handler.add(Exception, safe_error)
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
