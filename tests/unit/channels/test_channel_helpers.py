"""The pure helpers of channels/: numbered options and replies, locale hints, secret comparison."""

import pytest

from channels import numbered
from channels.language import language_from_locale

BUTTONS = [{"title": "NATO", "payload": "/ask_nato"}, {"title": "Kaitseatašeed", "payload": "/ask_attaches"}]


def test_numbered_text_lists_each_option_on_its_own_line():
    assert numbered.numbered_text("Valige teema:", BUTTONS) == "Valige teema:\n\n1. NATO\n2. Kaitseatašeed"


@pytest.mark.parametrize(
    "reply, payload",
    [
        ("2", "/ask_attaches"),
        (" 1 ", "/ask_nato"),
        ("2.", "/ask_attaches"),
        ("3", None),
        ("0", None),
        ("2 NATO", None),
        ("NATO", None),
    ],
)
def test_a_numbered_reply_stands_for_its_option(reply, payload):
    numbered.remember("test", "user-1", BUTTONS)
    assert numbered.pick("test", "user-1", reply) == payload


def test_choices_are_per_channel_and_sender_and_bounded(monkeypatch):
    numbered.remember("test", "user-2", BUTTONS)
    assert numbered.pick("test", "someone-else", "1") is None
    assert numbered.pick("other-channel", "user-2", "1") is None
    monkeypatch.setattr(numbered, "MAX_SENDERS", 3)
    for n in range(5):
        numbered.remember("bounded", f"user-{n}", BUTTONS)
    assert numbered.pick("bounded", "user-0", "1") is None and numbered.pick("bounded", "user-4", "1") == "/ask_nato"


def test_choices_expire(monkeypatch):
    numbered.remember("test", "user-3", BUTTONS)
    monkeypatch.setattr(numbered, "TTL_SECONDS", -1)
    assert numbered.pick("test", "user-3", "1") is None


@pytest.mark.parametrize(
    "locale, language",
    [
        ("et", "et"),
        ("et-EE", "et"),
        ("en_GB", "en"),
        ("EN-us", "en"),
        ("ru", "ru"),
        ("ru-RU", "ru"),
        ("ru_EE", "ru"),
        ("RU", "ru"),
        ("de", None),
        ("fi-FI", None),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_locale_hints_map_to_a_registered_language(locale, language):
    assert language_from_locale(locale) == language


@pytest.mark.parametrize(
    "given, expected, result",
    [
        ("s3cret", "s3cret", True),
        ("s3cret", "other", False),
        ("õäöü", "s3cret", False),
        (None, "s3cret", False),
        ("", "", False),
        ("x", None, False),
    ],
)
def test_secrets_compare_without_raising(given, expected, result):
    from channels.secrets import matches

    assert matches(given, expected) is result
