"""REST load on a running Rasa server: latency of every message and throughput.

`concurrency` virtual users talk at once, each in its own conversations of
`conversation_length` messages (then a new sender id, as a new visitor), going
round the fixed question list from its own starting point, so that at any moment
the users ask different questions. Every request must come back 200 with at
least one bot message; anything else is counted as an error, and its reason kept.
"""

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence

import aiohttp


@dataclass
class LoadResult:
    concurrency: int
    latencies_ms: List[float] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def throughput(self) -> float:
        """Answered messages per second of wall time."""
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0


Check = Callable[[str, list], Optional[str]]  # (question, replies) -> why the answer is wrong, or None


async def _user(
    session: aiohttp.ClientSession,
    url: str,
    questions: Sequence[str],
    start: int,
    count: int,
    conversation_length: int,
    check: Optional[Check],
    result: LoadResult,
) -> None:
    sender = ""
    for n in range(count):
        if n % conversation_length == 0:
            sender = f"bench-{uuid.uuid4().hex[:12]}"
        question = questions[(start + n) % len(questions)]
        began = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": question}) as response:
                body = await response.json(content_type=None) if response.status == 200 else await response.text()
                elapsed = (time.perf_counter() - began) * 1000
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            result.errors.append(f"{question!r}: {type(error).__name__}: {error}")
            continue
        if response.status != 200 or not isinstance(body, list) or not body:
            result.errors.append(f"{question!r}: HTTP {response.status}, {str(body)[:200]!r}")
            continue
        problem = check(question, body) if check else None
        if problem:
            result.errors.append(f"{question!r}: {problem}")
            continue
        result.latencies_ms.append(elapsed)


async def _run(
    url: str,
    questions: Sequence[str],
    concurrency: int,
    per_user: int,
    conversation_length: int,
    check: Optional[Check],
) -> LoadResult:
    result = LoadResult(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        began = time.perf_counter()
        step = max(1, len(questions) // concurrency)
        await asyncio.gather(
            *(
                _user(session, url, questions, i * step, per_user, conversation_length, check, result)
                for i in range(concurrency)
            )
        )
        result.seconds = time.perf_counter() - began
    return result


def run(
    url: str,
    questions: Sequence[str],
    concurrency: int,
    per_user: int,
    conversation_length: int = 10,
    check: Optional[Check] = None,
) -> LoadResult:
    """`concurrency` users each send `per_user` messages to `url` (a REST webhook or /model/parse)."""
    return asyncio.run(_run(url, questions, concurrency, per_user, conversation_length, check))


async def _parse_all(url: str, questions: Sequence[str], token: str, rounds: int) -> LoadResult:
    result = LoadResult(1)
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
        began = time.perf_counter()
        for _ in range(rounds):
            for question in questions:
                start = time.perf_counter()
                async with session.post(url, params={"token": token}, json={"text": question}) as response:
                    body = await response.json(content_type=None)
                    elapsed = (time.perf_counter() - start) * 1000
                if response.status != 200 or "intent" not in body:
                    result.errors.append(f"{question!r}: HTTP {response.status}, {str(body)[:200]!r}")
                else:
                    result.latencies_ms.append(elapsed)
        result.seconds = time.perf_counter() - began
    return result


def parse(url: str, questions: Sequence[str], token: str, rounds: int) -> LoadResult:
    """Each question parsed `rounds` times, one at a time, by the server's /model/parse (NLU alone)."""
    return asyncio.run(_parse_all(url, questions, token, rounds))
