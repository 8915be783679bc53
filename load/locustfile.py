"""Locust scenario: people holding short conversations with the assistant.

Each simulated user is a new sender (a unique id), picks English, Estonian or Russian,
and holds a multi-turn conversation over the REST channel: a greeting, a few
questions (one of them language-neutral, which must keep the conversation's
language), thanks. A reply that is empty or in the wrong language counts as a
failure, so "0 errors" means every user got a real answer.

A FuzzVisitor (one user in four) sends malformed and odd requests instead
(load/fuzz_payloads.py): each must get HTTP 200 or a 4xx, never a 5xx or a
dropped connection, while the visitors go on getting their answers.

Run through `make load` (load/run.py starts the cluster and reports).
"""

import random
import uuid

from fuzz_payloads import payload
from locust import HttpUser, between, task

CONVERSATIONS = {
    "en": {
        "turns": [
            "hello",
            "Is there an Estonian defence attaché in Finland?",
            "Is Estonia a member of NATO?",
            "NATO?",
            "What does Estonia do in arms control?",
            "help",
            "thanks!",
        ],
        "marks": ["Hello", "Yes", "NATO", "NATO", "arms control", "You can ask about", "welcome"],
    },
    "et": {
        "turns": [
            "tere",
            "Kas Eestil on kaitseatašee Soomes?",
            "Kas Eesti on NATO liige?",
            "NATO?",
            "Mida teeb Eesti relvastuskontrolli valdkonnas?",
            "abi",
            "aitäh",
        ],
        "marks": ["Tere", "Jah", "NATO", "NATO", "relvastuskontroll", "Võite küsida", "Pole tänu väärt"],
    },
    "ru": {
        "turns": [
            "здравствуйте",
            "Есть ли у Эстонии военный атташе в Финляндии?",
            "Эстония член НАТО?",
            "NATO?",
            "Что Эстония делает в области контроля над вооружениями?",
            "помощь",
            "спасибо!",
        ],
        "marks": ["Здравствуйте", "Да", "НАТО", "НАТО", "вооружени", "Вы можете спросить", "Пожалуйста"],
    },
}


class Visitor(HttpUser):
    weight = 3
    wait_time = between(1, 3)

    @task
    def conversation(self) -> None:
        sender = f"load-{uuid.uuid4().hex}"
        language = random.choice(sorted(CONVERSATIONS))
        script = CONVERSATIONS[language]
        for turn, mark in zip(script["turns"], script["marks"], strict=False):
            with self.client.post(
                "/webhooks/rest/webhook",
                json={"sender": sender, "message": turn},
                name=f"turn ({language})",
                catch_response=True,
                timeout=60,
            ) as response:
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


class FuzzVisitor(HttpUser):
    weight = 1
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.rng = random.Random(uuid.uuid4().int)

    @task
    def odd_request(self) -> None:
        body, content_type = payload(self.rng)
        headers = {"Content-Type": content_type} if content_type else {}
        with self.client.post(
            "/webhooks/rest/webhook", data=body, headers=headers, name="fuzz", catch_response=True, timeout=60
        ) as response:
            if response.status_code == 0 or response.status_code >= 500:
                response.failure(f"HTTP {response.status_code} for {body[:80]!r}")
            else:
                response.success()
