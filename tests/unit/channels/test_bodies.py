"""The nesting-depth check every channel makes before a request reaches Rasa (channels/bodies.py)."""

import json
import time

import pytest

from channels.bodies import MAX_NESTING, nesting_depth, nesting_problem


@pytest.mark.parametrize(
    "raw, depth",
    [
        (b'{"sender": "a", "message": "hi"}', 1),
        (b'{"a": [1, {"b": [[]]}]}', 5),
        (b"[]", 1),
        (b'"[[[[[[[[[[[[[["', 0),  # brackets in a string do not nest
        (b'{"a": "x\\"[[[[[[["}', 1),  # ... nor after an escaped quote
        (b"[[[", 3),  # unclosed brackets count
        (b"]]]", 0),
        (b"[][][][]", 1),
        (b"", 0),
        (b"\xff\xfe{[", 2),  # bytes that are not UTF-8 are no obstacle
    ],
)
def test_nesting_depth(raw, depth):
    assert nesting_depth(raw) == depth


def test_deep_nesting_is_counted_up_to_the_limit_only():
    assert nesting_depth(b"[" * 5000 + b"]" * 5000) == MAX_NESTING + 1
    assert nesting_depth(b'{"a":' * 5000 + b"1" + b"}" * 5000) == MAX_NESTING + 1
    assert nesting_depth(b"[" * MAX_NESTING + b"]" * MAX_NESTING) == MAX_NESTING


def test_the_depth_of_a_body_is_measured_in_linear_time():
    """A body of escaped or unmatched quotes made the old string pattern retry at every quote."""
    for body in (b'"' + b'\\"' * 130_000, b'""' * 130_000, b'"a' * 130_000, b"[" * 260_000):
        started = time.process_time()
        nesting_depth(body)
        assert time.process_time() - started < 1.0, body[:10]


def test_a_too_deep_body_is_a_problem_however_it_is_encoded():
    deep = "[" * 100 + "]" * 100
    assert "nested more than" in nesting_problem(deep.encode())
    encoded = deep.replace("[", "%5B").replace("]", "%5D").encode()
    assert "nested more than" in nesting_problem(b"payload=" + encoded)
    assert "nested more than" in nesting_problem(b"x=%22&payload=" + encoded + b"&y=%22")  # quotes in other fields
    assert nesting_problem(json.dumps({"sender": "x", "message": "[" * 100}).encode()) is None
    # JSON is not read as form data: a "%" and an "=" in its strings do not open a field
    assert nesting_problem(json.dumps({"message": "50% a=b", "metadata": "[" * 100}).encode()) is None
    assert nesting_problem(None) is None
