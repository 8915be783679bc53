"""How long one NLU model takes to parse a message: `python -m compare.parse_time MODEL TEST_SET...`.

Loads the model as `rasa run` does (rasa.core.agent), parses every message of
the test sets once to warm up, then again one at a time, and prints the median
and the 95th percentile in milliseconds as JSON. Run in its own process, so that
each pipeline is timed with only its own model in memory.
"""

import asyncio
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import List

import yaml

ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def messages(test_set: Path) -> List[str]:
    """The test set's examples as a user types them: annotations removed."""
    texts = []
    for block in yaml.safe_load(test_set.read_text(encoding="utf-8"))["nlu"]:
        for line in str(block.get("examples", "")).splitlines():
            text = ANNOTATION.sub(r"\1", line.strip().removeprefix("- ")).strip()
            if text:
                texts.append(text)
    return texts


async def timed(model: Path, texts: List[str]) -> dict:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    for text in texts:
        await agent.parse_message(text)
    times = []
    for text in texts:
        started = time.perf_counter()
        await agent.parse_message(text)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "messages": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, int(len(times) * 0.95))],
    }


def main(argv: List[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m compare.parse_time MODEL TEST_SET...", file=sys.stderr)
        return 2
    texts = [text for path in argv[1:] for text in messages(Path(path))]
    print(json.dumps(asyncio.run(timed(Path(argv[0]), texts))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
