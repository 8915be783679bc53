"""A terminal chat with the running assistant over Rasa's REST channel.

`make chat` (after `make run` in another terminal). Type a question in English
or Estonian; an empty line or Ctrl-D ends the chat.
"""

import json
import os
import sys
import urllib.error
import urllib.request
import uuid

URL = os.environ.get("RASA_URL", "http://127.0.0.1:5005") + "/webhooks/rest/webhook"


def ask(sender: str, text: str) -> list:
    body = json.dumps({"sender": sender, "message": text}).encode("utf-8")
    request = urllib.request.Request(URL, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def main() -> int:
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    print("Ask about Estonia's international defence cooperation (English or Estonian). Empty line to quit.")
    while True:
        try:
            text = input("you> ").strip()
        except EOFError:
            return 0
        if not text:
            return 0
        try:
            replies = ask(sender, text)
        except (urllib.error.URLError, OSError) as error:
            print(f"Cannot reach the assistant at {URL} ({error}). Is `make run` running?", file=sys.stderr)
            return 1
        for reply in replies:
            print(f"bot> {reply.get('text', '')}")
            for button in reply.get("buttons", []):
                print(f"     [{button.get('title')}]")


if __name__ == "__main__":
    sys.exit(main())
