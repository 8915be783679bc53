"""`make bench`'s own logic: percentiles, ratios against the targets, the report,
and the question lists (the timings themselves are measured by `make bench` only)."""

import copy

import pytest

from bench.bots import QUESTIONS, Ours
from bench.report import markdown
from bench.stats import TARGETS, absolutes, met, percentile, ratios
from languages import LANGUAGES
from languages.identification import language_identifier
from stack.processes import ROOT


def test_percentiles_interpolate_between_the_nearest_samples():
    samples = list(range(1, 101))  # 1..100 ms
    assert percentile(samples, 0.50) == pytest.approx(50.5)
    assert percentile(samples, 0.99) == pytest.approx(99.01)
    assert percentile([7.0], 0.99) == 7.0


def figures(p50: float, p99: float, throughput: float, parse: float) -> dict:
    rest = {"p50": p50, "p95": p99, "p99": p99, "throughput": throughput}
    return {
        "rest": {"c1": dict(rest), "c16": dict(rest, p50=p50 * 4, p99=p99 * 4)},
        "parse": {"p50": parse},
        "cold_start_seconds": 10.0,
        "peak_rss_mb": 1000.0,
        "train_seconds": 100.0,
        "train_steps": {"rasa_train": 100.0},
        "peak_rss_mb_by_process": {"rasa": 1000.0},
    }


def test_ratios_divide_ours_by_the_starter_bot_and_take_the_worse_concurrency():
    ours, starter = figures(40, 200, 30, 25), figures(100, 300, 10, 20)
    ours["rest"]["c16"]["p50"] = 90  # 90 / 400 at 16 users, 40 / 100 at 1 user: the worse is 0.4
    value = ratios(ours, starter)
    assert value["p50"] == pytest.approx(0.4)
    assert value["throughput16"] == pytest.approx(3.0)
    assert value["p50_vs_parse"] == pytest.approx(40 / 25)
    assert met("p50", value["p50"]) and met("throughput16", value["throughput16"])
    assert not met("throughput16", 1.9) and not met("p99", 1.01)


def test_the_report_marks_each_missed_target():
    ours, starter = figures(40, 200, 15, 25), figures(100, 300, 10, 20)
    ours["train_seconds"] = 300.0
    results = {
        "generated": "2026-11-30 09:00",
        "ratios": ratios(ours, starter),
        "bots": {"ours": ours, "starter": starter},
        "machine": {
            "cores": 2,
            "cpu": "test cpu",
            "memory_gb": 24,
            "system": "Linux",
            "python": "3.10",
            "rasa": "3.6.21",
            "rasa_sdk": "3.6.2",
            "load_average_at_start": (0.1, 0.2, 0.3),
        },
        "nlu_accuracy": None,
        "settings": {
            "rounds": 1,
            "c1_messages": 1,
            "c16_users": 16,
            "c16_messages_each": 1,
            "parse_rounds": 1,
            "conversation_length": 10,
        },
    }
    table = markdown(copy.deepcopy(results))
    rows = {line.split("(`")[1].split("`")[0]: line for line in table.splitlines() if "(`" in line}
    assert set(rows) == set(TARGETS)
    assert rows["train"].endswith("| **no** |") and "3.00" in rows["train"]
    assert rows["throughput16"].endswith("| **no** |")
    assert rows["p50"].endswith("| yes |")


def test_the_report_marks_our_own_targets_parse_time_and_an_unchanged_retraining():
    ours = figures(40, 200, 15, 6.5)
    ours["retrain_unchanged_seconds"] = 12.0
    value = absolutes(ours)
    assert value == {"parse_p50_ms": 6.5, "retrain_unchanged_seconds": 12.0}
    assert not met("parse_p50_ms", 6.5) and met("parse_p50_ms", 4.9) and met("retrain_unchanged_seconds", 12.0)
    assert not met("retrain_unchanged_seconds", 20.5)


def test_our_bench_questions_are_in_every_language_and_the_starter_ones_are_text():
    identify = language_identifier()
    languages = [identify.detect(q) for q in QUESTIONS["ours"]]
    assert set(languages) == set(LANGUAGES), languages
    # English and Estonian in pairs, a question in Russian for every kind asked.
    assert languages.count("en") == languages.count("et") == 12
    assert languages.count("ru") == 6
    assert all(isinstance(q, str) and q.strip() for q in QUESTIONS["starter"])


def test_the_apology_for_a_silent_action_server_is_not_counted_as_an_answer():
    bot = Ours("ours", QUESTIONS["ours"], ROOT)
    apology = (
        "Vabandust, ma ei saa seda praegu järele vaadata, sest üks süsteemi osa ei tööta. "
        "Palun proovige mõne minuti pärast uuesti."
    )
    assert bot.answer_problem("Kas Eestil on kaitseatašee Soomes?", [{"text": apology}])
    apology_ru = (
        "Извините, сейчас я не могу это проверить, потому что часть моей системы не отвечает. "
        "Пожалуйста, попробуйте ещё раз через несколько минут."
    )
    assert bot.answer_problem("Есть ли у Эстонии военный атташе в Германии?", [{"text": apology_ru}])
    assert (
        bot.answer_problem(
            "Есть ли у Эстонии военный атташе в Германии?",
            [{"text": "Да. У Эстонии есть военный атташе в Германии."}],
        )
        is None
    )
    assert bot.answer_problem("x", [{"image": "a.png"}])
    assert (
        bot.answer_problem(
            "Does Estonia have a defence attaché in Finland?",
            [{"text": "Yes: Estonia has a defence attaché in Finland."}],
        )
        is None
    )
