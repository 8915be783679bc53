"""Starts the action server: validates knowledge.yml, then serves on loopback.

`python -m actions [--port 5055]`. The action server has no authentication,
so it listens on 127.0.0.1 unless SANIC_HOST says otherwise. A broken
knowledge file stops it before it serves anything, with exit code 2 and a
message naming the file, the entry and the problem.
"""

import argparse
import logging
import os
import sys

from actions.facts import get_facts
from actions.knowledge import KnowledgeError


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
    os.environ.setdefault("SANIC_HOST", "127.0.0.1")
    from rasa_sdk.endpoint import run

    run("actions", port=args.port, cors_origins=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
