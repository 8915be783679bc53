"""The soak's verdicts (load/run.py): the memory plateau over the run's minutes, and the
fuzz users' payloads (load/fuzz_payloads.py)."""

import json
import random

from load.fuzz_payloads import KINDS, payload
from load.run import plateau


def minutes(rss_by_minute):
    return [{"t": 60.0 * m, "rasa": mb, "actions": 100.0} for m, mb in enumerate(rss_by_minute)]


def test_a_flat_run_is_a_plateau():
    level = plateau(minutes([900] * 5 + [1000] * 26), warmup_minutes=5)
    assert level["change"] == 0 and level["first_10_min_mb"] == 1100


def test_growth_after_the_warm_up_is_measured_per_process_and_in_total():
    level = plateau(minutes([500] * 5 + [1000 + 10 * m for m in range(26)]), warmup_minutes=5)
    assert 0.1 < level["change_by_process"]["rasa"] < 0.3 and level["change_by_process"]["actions"] == 0
    assert 0 < level["change"] < level["change_by_process"]["rasa"]


def test_a_run_too_short_for_two_windows_is_not_judged():
    assert plateau(minutes([1000] * 20), warmup_minutes=5) is None
    assert plateau([], warmup_minutes=5) is None


def test_every_kind_of_fuzz_payload_is_a_request_body():
    rng = random.Random(7)
    bodies = [kind(rng) for kind in KINDS for _ in range(20)]
    assert all(isinstance(body, bytes) and len(body) < 300_000 for body in bodies)
    plain = [json.loads(KINDS[0](rng)) for _ in range(20)]  # a request with odd text: sender and message
    assert all(p["sender"].startswith("soak-fuzz-") and isinstance(p["message"], str) for p in plain)
    assert all(isinstance(payload(rng)[1], str) for _ in range(50))
