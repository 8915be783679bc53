"""How long one NLU model takes to parse a message, and which intents it gives:
`python -m compare.parse_time MODEL TEST_SET...`.

Loads the model as `rasa run` does (rasa.core.agent), parses every message of
the test sets once to warm up, then again one at a time, and prints as JSON the
median and the 95th percentile in milliseconds and each set's intent accuracy
(`rasa test nlu` leaves out intents for a set of one intent, such as the attaché
questions). Run in its own process, so that each pipeline is timed with only its
own model in memory.
"""

import asyncio
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def messages(test_set: Path) -> List[Tuple[str, str]]:
    """The test set's examples as a user types them (annotations removed), each with its intent."""
    found = []
    for block in yaml.safe_load(test_set.read_text(encoding="utf-8"))["nlu"]:
        for line in str(block.get("examples", "")).splitlines():
            text = ANNOTATION.sub(r"\1", line.strip().removeprefix("- ")).strip()
            if text and "intent" in block:
                found.append((text, block["intent"]))
    return found


async def timed(model: Path, sets: Dict[str, List[Tuple[str, str]]]) -> dict:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    right: Dict[str, int] = {}
    for name, examples in sets.items():
        parsed = [await agent.parse_message(text) for text, _ in examples]
        right[name] = sum(p["intent"]["name"] == intent for p, (_, intent) in zip(parsed, examples, strict=True))
    times = []
    for examples in sets.values():
        for text, _ in examples:
            started = time.perf_counter()
            await agent.parse_message(text)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "messages": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))],
        "intent_accuracy": {name: right[name] / len(examples) for name, examples in sets.items() if examples},
    }


def main(argv: List[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m compare.parse_time MODEL TEST_SET...", file=sys.stderr)
        return 2
    sets = {path: messages(Path(path)) for path in argv[1:]}
    print(json.dumps(asyncio.run(timed(Path(argv[0]), sets))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
