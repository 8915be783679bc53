"""End to end: every attaché country in six Estonian cases, without diacritics,
mistyped and in English, and several countries in one question.

Asked over REST of the running servers; the answer must say yes and name the
country, in the language of the question (tests/e2e/inflection_set.py lists the
questions; none of them is a training sentence).
"""

import uuid

import pytest

from actions.facts import get_facts
from tests.e2e.inflection_set import questions
from tests.servers import Assistant

pytestmark = pytest.mark.e2e

QUESTIONS = [q for q in questions() if q.intent == "ask_attache_country"]
YES = {"en": "Yes", "et": "Jah"}
NO = {"en": "No", "et": "Ei"}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with Assistant(tmp_path_factory.mktemp("inflection")).running() as server:
        yield server


def ask(assistant, text):
    replies = assistant.say(f"inflection-{uuid.uuid4().hex}", text)
    assert replies, f"no reply to {text!r}"
    return "\n".join(replies)


def test_the_set_covers_every_attache_country_in_six_cases_with_and_without_diacritics():
    countries = {q.country.id for q in QUESTIONS}
    assert countries == set(get_facts().knowledge.attache_country_ids)
    for country in countries:
        kinds = [q.kind for q in QUESTIONS if q.country.id == country]
        assert len({k for k in kinds if k.startswith("case:")}) >= 6
        assert kinds.count("no diacritics") >= 6 and "typo" in kinds and "english" in kinds


@pytest.mark.parametrize("question", QUESTIONS, ids=[f"{q.kind}: {q.text}" for q in QUESTIONS])
def test_attache_country_in_any_form(assistant, detector, question):
    text = ask(assistant, question.text)
    named = question.country.name["en"] if question.language == "en" else question.country.in_form
    assert text.startswith(YES[question.language]), f"{question.text!r} -> {text!r}"
    assert named in text, f"{question.text!r} -> {text!r} does not name {named!r}"
    assert detector.detect(text) == question.language, f"{question.text!r} answered in the wrong language: {text!r}"


TWO_COUNTRIES = [
    ("Kas Eestil on kaitseatašeed Soomes ja Rootsis?", "et", [("Soomes", True), ("Rootsis", True)]),
    ("kas eestil on kaitseatasee latis voi leedus", "et", [("Lätis", False), ("Leedus", False)]),
    ("Kas Eesti kaitseatašee töötab Poolas või Itaalias?", "et", [("Poolas", True), ("Itaalias", False)]),
    ("Is there an Estonian defence attaché in Latvia or Lithuania?", "en", [("Latvia", False), ("Lithuania", False)]),
    ("Does Estonia have defence attachés in Germany and France?", "en", [("Germany", True), ("France", True)]),
    ("does estonia have an attache in norway or sweden", "en", [("Norway", False), ("Sweden", True)]),
]


@pytest.mark.parametrize("text, language, expected", TWO_COUNTRIES, ids=[t for t, _, _ in TWO_COUNTRIES])
def test_several_countries_are_answered_one_by_one(assistant, text, language, expected):
    replies = assistant.say(f"inflection-{uuid.uuid4().hex}", text)
    answer = "\n".join(replies)
    for name, has_attache in expected:
        lines = [line for line in answer.split("\n") if name in line]
        assert lines, f"{text!r} -> {answer!r} does not answer for {name}"
        assert lines[0].startswith(YES[language] if has_attache else NO[language]), f"{name}: {lines[0]!r}"
