"""`make bench`: our assistant against Rasa's starter bot, same machine, same run.

1. Each bot is trained from scratch, one after the other.
2. Each is started alone and timed to its first answer (cold start); the other
   one is not running yet, or idle.
3. Then, in ROUNDS rounds, each bot in turn: `/model/parse` alone, REST round
   trips with 1 user, then with 16 users at once. Alternating the bots round by
   round spreads the shared machine's slow moments over both; each figure pools
   the rounds (latency percentiles over all messages, throughput over all time).
4. The memory of all of a bot's processes is sampled every 0.25 s from its start to its stop.
5. Our NLU accuracy per language against the baseline pipeline of `make compare`.

Writes bench/results.json (ratios, targets, raw figures, the machine),
bench/results.md (the table) and bench/results.png (the chart).
Usage: python -m bench [--out bench] [--skip-accuracy]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

import requests

from bench import accuracy, chart, load, report
from bench.bots import Bot, StepFailed, bots
from bench.stats import absolutes, latency_ratios, ratios, summary
from stack.processes import ROOT, MemorySampler

ROUNDS = 3
C1_MESSAGES = 50  # per round: one user, one message after another
C16_USERS, C16_MESSAGES_EACH = 16, 10  # per round: 160 messages, 16 at a time
PARSE_ROUNDS = 1  # per round: each question once
CONVERSATION_LENGTH = 10
COLD_START_LIMIT_S = 600


def first_answer(bot: Bot) -> float:
    """Seconds from starting the bot's processes until a real answer to its first question."""
    began = time.perf_counter()
    bot.start()
    question = bot.questions[0]
    while time.perf_counter() - began < COLD_START_LIMIT_S:
        for process in bot.processes:
            if not process.alive():
                raise StepFailed(f"The {process.name} exited during start-up:\n{process.tail()}")
        try:
            response = requests.post(
                f"{bot.url}/webhooks/rest/webhook", timeout=30, json={"sender": "bench-cold-start", "message": question}
            )
            if response.ok and response.json() and not bot.answer_problem(question, response.json()):
                return time.perf_counter() - began
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.1)
    raise StepFailed(f"{bot.name}: no answer within {COLD_START_LIMIT_S} s:\n{bot.processes[-1].tail()}")


def pooled(results: List[load.LoadResult]) -> dict:
    """Latency percentiles over every message of every round; throughput over their total time."""
    errors = [e for r in results for e in r.errors]
    if errors:
        raise StepFailed(
            f"{len(errors)} failed requests at concurrency {results[0].concurrency}, for example: {errors[:3]}"
        )
    latencies = [ms for r in results for ms in r.latencies_ms]
    seconds = sum(r.seconds for r in results)
    return dict(
        summary(latencies),
        throughput=len(latencies) / seconds,
        seconds=seconds,
        throughput_by_round=[r.throughput for r in results],
    )


def load_round(bot: Bot, measured: Dict[str, List[load.LoadResult]]) -> None:
    webhook = f"{bot.url}/webhooks/rest/webhook"
    measured["parse"].append(load.parse(f"{bot.url}/model/parse", bot.questions, bot.token, PARSE_ROUNDS))
    measured["c1"].append(load.run(webhook, bot.questions, 1, C1_MESSAGES, CONVERSATION_LENGTH, bot.answer_problem))
    measured["c16"].append(
        load.run(webhook, bot.questions, C16_USERS, C16_MESSAGES_EACH, CONVERSATION_LENGTH, bot.answer_problem)
    )


def measure(all_bots: List[Bot]) -> Dict[str, dict]:
    figures: Dict[str, dict] = {}
    for bot in all_bots:
        print(f"[{bot.name}] training from scratch...", flush=True)
        steps = bot.train()
        figures[bot.name] = {"train_seconds": sum(steps.values()), "train_steps": steps}
        again = bot.retrain_unchanged()
        if again is not None:
            figures[bot.name]["retrain_unchanged_seconds"] = again
    memories = {
        bot.name: MemorySampler(lambda bot=bot: {p.name: p.popen.pid for p in bot.processes if p.alive()}, every=0.25)
        for bot in all_bots
    }
    measured = {bot.name: {"parse": [], "c1": [], "c16": []} for bot in all_bots}
    try:
        for bot in all_bots:
            memories[bot.name].start()
            print(f"[{bot.name}] cold start...", flush=True)
            figures[bot.name]["cold_start_seconds"] = first_answer(bot)
            load.run(
                f"{bot.url}/webhooks/rest/webhook", bot.questions, 1, len(bot.questions), check=bot.answer_problem
            )  # warm-up
        for n in range(ROUNDS):
            for bot in all_bots:
                print(
                    f"[{bot.name}] round {n + 1} of {ROUNDS}: /model/parse, REST with 1 and {C16_USERS} users...",
                    flush=True,
                )
                load_round(bot, measured[bot.name])
    finally:
        for bot in all_bots:
            bot.stop()
            memories[bot.name].stop()
    for bot in all_bots:
        f, m = figures[bot.name], measured[bot.name]
        f["parse"] = pooled(m["parse"])
        f["rest"] = {"c1": pooled(m["c1"]), "c16": pooled(m["c16"])}
        f["latencies_ms"] = {key: [ms for r in results for ms in r.latencies_ms] for key, results in m.items()}
        f["peak_rss_mb"] = memories[bot.name].peak_total_mb
        f["peak_rss_mb_by_process"] = memories[bot.name].peak_mb
        print(
            f"[{bot.name}] p50 {f['rest']['c1']['p50']:.1f} ms, {f['rest']['c16']['throughput']:.1f} msg/s at "
            f"{C16_USERS}, cold start {f['cold_start_seconds']:.1f} s, train {f['train_seconds']:.0f} s, "
            f"peak RSS {f['peak_rss_mb']:.0f} MB",
            flush=True,
        )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench")
    parser.add_argument(
        "--skip-accuracy", action="store_true", help="leave out the NLU accuracy comparison (about 8 minutes)"
    )
    args = parser.parse_args()
    started = time.time()
    machine = report.machine()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        all_bots = [make() for make in bots(Path(tmp)).values()]
        for bot in all_bots:
            bot.workdir.mkdir(parents=True)
        try:
            figures = measure(all_bots)
        except StepFailed as error:
            print(f"make bench: {error}", file=sys.stderr)
            return 1
        nlu = None
        if not args.skip_accuracy:
            print("NLU accuracy: our model and the baseline pipeline on the held-out test sets...", flush=True)
            nlu = accuracy.compare(all_bots[0].model, Path(tmp) / "accuracy")
    results = {
        "generated": time.strftime("%Y-%m-%d %H:%M"),
        "seconds": round(time.time() - started),
        "machine": machine,
        "ratios": ratios(figures["ours"], figures["starter"]),
        "latency_ratios": latency_ratios(figures["ours"], figures["starter"]),
        "absolute": absolutes(figures["ours"]),
        "bots": figures,
        "nlu_accuracy": nlu,
        "settings": {
            "rounds": ROUNDS,
            "c1_messages": C1_MESSAGES,
            "c16_users": C16_USERS,
            "c16_messages_each": C16_MESSAGES_EACH,
            "parse_rounds": PARSE_ROUNDS,
            "conversation_length": CONVERSATION_LENGTH,
        },
    }
    args.out.mkdir(parents=True, exist_ok=True)
    report.write(results, args.out)
    chart.draw(results, args.out / "results.png")
    print((args.out / "results.md").read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
