"""Locust scenario: people holding short conversations with the assistant.

Each simulated user is a new sender (a unique id), picks English or Estonian,
and holds a multi-turn conversation over the REST channel: a greeting, a few
questions (one of them language-neutral, which must keep the conversation's
language), thanks. A reply that is empty or in the wrong language counts as a
failure, so "0 errors" means every user got a real answer.

Run through `make load` (load/run.py starts the cluster and reports).
"""

import random
import uuid

from locust import HttpUser, between, task

CONVERSATIONS = {
    "en": {
        "turns": ["hello", "Is there an Estonian defence attaché in Finland?", "Is Estonia a member of NATO?",
                  "NATO?", "What does Estonia do in arms control?", "help", "thanks!"],
        "marks": ["Hello", "Yes", "NATO", "NATO", "arms control", "You can ask about", "welcome"],
    },
    "et": {
        "turns": ["tere", "Kas Eestil on kaitseatašee Soomes?", "Kas Eesti on NATO liige?", "NATO?",
                  "Mida teeb Eesti relvastuskontrolli valdkonnas?", "abi", "aitäh"],
        "marks": ["Tere", "Jah", "NATO", "NATO", "relvastuskontroll", "Võite küsida", "Pole tänu väärt"],
    },
}


class Visitor(HttpUser):
    wait_time = between(1, 3)

    @task
    def conversation(self) -> None:
        sender = f"load-{uuid.uuid4().hex}"
        language = random.choice(["en", "et"])
        script = CONVERSATIONS[language]
        for turn, mark in zip(script["turns"], script["marks"]):
            with self.client.post("/webhooks/rest/webhook", json={"sender": sender, "message": turn},
                                  name=f"turn ({language})", catch_response=True, timeout=60) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                    return
                try:
                    text = "\n".join(m.get("text") or "" for m in response.json())
                except ValueError:
                    response.failure("the reply is not JSON")
                    return
                if mark.lower() not in text.lower():
                    response.failure(f"{turn!r} got {text[:120]!r}, expected {mark!r}")
                    return
                response.success()
            self.wait()
