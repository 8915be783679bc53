"""Malformed and odd REST requests for the soak's fuzz users (load/locustfile.py).

The same kinds of input as the fuzz suite (tests/system/fuzz/strategies.py), drawn with
`random` so that Locust's environment needs no Hypothesis: bodies that are not
JSON, wrong JSON types in each field, odd Unicode, `/intent{...}` injections,
markup, huge and deeply nested values. Each payload is (body bytes, Content-Type).
"""

import json
import random
import uuid
from typing import Any, Callable, List, Tuple

ODD_CHARACTERS = ["\x00", "\x1b[31m", "\u202e", "\u200b", "\ufeff", "\u0301", "🇪🇪", "ä", "õ", "\r\n", "\\ud800"]
MARKUP = ["<script>alert(1)</script>", "[x](javascript:alert(1))", "{{7*7}}", "${HOME}", "' OR 1=1 --"]
INJECTIONS = [
    '/ask_nato{"language": "xx"}',
    '/ask_attache{"country": [1, 2]}',
    "/greet{",
    "/nlu_fallback",
    '/choose_topic{"topic": "' + "x" * 500 + '"}',
    "/restart",
    "/session_start",
]
CONTENT_TYPES = ["application/json", "text/plain", "application/x-www-form-urlencoded", ""]


def odd_text(rng: random.Random) -> str:
    pieces = ODD_CHARACTERS + MARKUP + INJECTIONS + ["NATO?", "kaitseatašee", "hello"]
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
    return text.replace("\\ud800", "\ud800") if rng.random() < 0.2 else text


def wrong_value(rng: random.Random) -> Any:
    return rng.choice(
        [
            None,
            True,
            42,
            2**70,
            1.5,
            [],
            {},
            ["hello"],
            {"text": "hello"},
            odd_text(rng),
            "x" * rng.randint(1000, 50_000),
        ]
    )


def deep(rng: random.Random) -> bytes:
    depth = rng.randint(40, 5000)
    return rng.choice(
        [
            b"[" * depth + b"]" * depth,
            b'{"a":' * depth + b"1" + b"}" * depth,
            b'{"sender": "s", "message": "hi", "metadata": ' + b"[" * depth + b"]" * depth + b"}",
        ]
    )


def request(rng: random.Random, **fields: Any) -> bytes:
    body = {"sender": f"soak-fuzz-{uuid.uuid4().hex}", "message": odd_text(rng), **fields}
    return json.dumps(body, ensure_ascii=True).encode()


KINDS: List[Callable[[random.Random], bytes]] = [
    lambda rng: request(rng),
    lambda rng: request(rng, message=rng.choice(INJECTIONS)),
    lambda rng: request(rng, sender=wrong_value(rng)),
    lambda rng: request(rng, message=wrong_value(rng)),
    lambda rng: request(rng, metadata=wrong_value(rng)),
    lambda rng: request(rng, metadata={"language": wrong_value(rng)}),
    deep,
    lambda rng: bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 300))),
    lambda rng: request(rng)[: rng.randint(1, 20)],
]


def payload(rng: random.Random) -> Tuple[bytes, str]:
    return rng.choice(KINDS)(rng), rng.choice(CONTENT_TYPES)
