"""Held-out honesty set: does the assistant say what its page does not give?

tests/honesty/<language>.yml holds questions written as a new user would type
them, kept apart from the training data:

- near misses ask for a detail the source page does not give (a name, which
  countries, a figure, a date...). The honest partial answer says so, with the
  sentence knowledge.yml topics[<topic>].unstated.<detail>.<language>, then
  gives what the page does say;
- answered questions are answerable but full of pronouns, region names and
  compounds that look like countries or spheres; their replies must hold the
  facts listed in `expect`.

No reply to either kind may call a word an unknown country or an unlisted
sphere: none of the questions names one. The end-to-end tests ask the real
servers over REST, a fresh conversation per question and no language metadata,
and print each language's scores (run with -s to see them).
"""

import re
import uuid
from collections import Counter
from pathlib import Path

import pytest
import yaml

from languages import LANGUAGES
from tests.servers import Assistant
from tests.training_data import normalise, trained_texts

ROOT = Path(__file__).resolve().parents[2]

# Rates the end-to-end tests require, per language. The same training gives a
# slightly different model on another machine's CPU, so gates on model output
# leave a margin for a few borderline questions. Gate A's is one reply in a hundred:
# on 2026-12-02 a clean-clone CI run here called "совместные" (of "совместные
# операции", a listed sphere's name the model had tagged in two) an unlisted sphere,
# where the machine that wrote the set did not; the actions now take such a tag for
# part of the name (actions/facts.py), and the margin is for the next such tag.
FREE_RATE = 0.99  # Gate A: replies free of "unknown country" and "unlisted sphere"
HONEST_RATE = 0.95  # Gate B: near misses answered with their `unstated` sentence
ANSWERED_RATE = 0.90  # answered questions whose reply holds every `expect` fact
LANGUAGE_RATE = 0.95  # replies whose first line is in the question's language

# Smallest set worth a rate, and how often each language asks for each detail.
MIN_NEAR_MISSES = 40
MIN_ANSWERED = 25
MIN_QUESTIONS_PER_DETAIL = 2

# Details the page does not give, by topic: knowledge.yml topics[..].unstated.
UNSTATED_DETAILS = {
    "defence_attaches": ["names", "numbers", "dates"],
    "bilateral_relations": ["countries", "names"],
    "cooperation_spheres": ["countries", "partnership"],
    "reform_assistance": ["countries", "numbers"],
    "nato": ["membership", "countries", "dates"],
    "eu": ["membership", "countries", "dates"],
    "arms_control": ["treaties", "numbers"],
    "vienna_document": ["numbers", "countries", "dates"],
    "open_skies": ["numbers", "countries", "dates"],
    "operations": ["operations", "numbers", "dates"],
}

# Phrases that tell the user a word is not a known country or sphere.
FALSE_UNKNOWN_PHRASES = ("unknown_country", "sphere_no")


def load_yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def held_out(language):
    """The language's questions: {"near_miss": [...], "answered": [...]}."""
    return load_yaml(ROOT / "tests" / "honesty" / f"{language}.yml")


def topics():
    return {topic["id"]: topic for topic in load_yaml(ROOT / "knowledge.yml")["topics"]}


def unstated_sentence(known_topics, topic, detail, language):
    """knowledge.yml topics[topic].unstated[detail][language], or None."""
    unstated = (known_topics.get(topic) or {}).get("unstated") or {}
    return (unstated.get(detail) or {}).get(language)


def unstated_pattern(text):
    """A regex for a knowledge.yml sentence as said, whatever fills its {placeholders}."""
    literals = re.split(r"\{\w+\}", " ".join(text.split()))
    return re.compile(".+?".join(re.escape(part) for part in literals))


def false_unknown_openings():
    """The words each FALSE_UNKNOWN_PHRASES template says around the word it rejects
    (the longest part before or after `{text}`: Estonian may start with it)."""
    phrases = load_yaml(ROOT / "actions" / "phrases.yml")
    openings = [
        max((part.strip(' „“”"') for part in phrases[key][language].split("{text}")), key=len)
        for key in FALSE_UNKNOWN_PHRASES
        for language in LANGUAGES
    ]
    assert all(openings), f"a template of {FALSE_UNKNOWN_PHRASES} is only {{text}}"
    return openings


def rate(passed, total):
    return passed / total if total else 0.0


def report(language, what, passed, total):
    print(f"\nhonesty {language}: {what} {passed}/{total} ({rate(passed, total):.0%})")


def misses_text(misses):
    return "\n".join(f"- {question!r}\n    -> {reply!r}" for question, reply in misses)


# ---- The set itself (fast, no server).


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_set_is_large_enough_and_well_formed(language):
    questions = held_out(language)
    near_misses, answered = questions["near_miss"], questions["answered"]
    assert len(near_misses) >= MIN_NEAR_MISSES and len(answered) >= MIN_ANSWERED, (len(near_misses), len(answered))
    assert all(q.get("text") and q.get("topic") and q.get("detail") for q in near_misses)
    assert all(q.get("text") and q.get("expect") for q in answered)
    texts = [" ".join(normalise(q["text"])) for q in near_misses + answered]
    assert not [t for t, n in Counter(texts).items() if n > 1], "a question is in the set twice"


@pytest.mark.parametrize("language", LANGUAGES)
def test_held_out_questions_are_not_in_the_training_data(language):
    """Not even with the same words in another order."""
    questions = held_out(language)
    trained = {" ".join(sorted(text.split())) for text in trained_texts()}
    overlap = [
        q["text"]
        for q in questions["near_miss"] + questions["answered"]
        if " ".join(sorted(normalise(q["text"]))) in trained
    ]
    assert not overlap, f"{language} held-out questions also in training data: {overlap}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_near_miss_detail_is_in_the_knowledge_file(language):
    known = topics()
    missing = sorted(
        {
            (q["topic"], q["detail"])
            for q in held_out(language)["near_miss"]
            if not unstated_sentence(known, q["topic"], q["detail"], language)
        }
    )
    assert not missing, f"knowledge.yml lacks topics[..].unstated.<detail>.{language} for {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_unstated_detail_is_asked_for_at_least_twice(language):
    asked = Counter((q["topic"], q["detail"]) for q in held_out(language)["near_miss"])
    wanted = {(topic, detail) for topic, details in UNSTATED_DETAILS.items() for detail in details}
    too_few = {pair: asked[pair] for pair in sorted(wanted) if asked[pair] < MIN_QUESTIONS_PER_DETAIL}
    assert not too_few, f"{language}: (topic, detail) asked fewer than {MIN_QUESTIONS_PER_DETAIL} times: {too_few}"
    assert set(asked) <= wanted, f"{language}: details not in UNSTATED_DETAILS: {set(asked) - wanted}"


# ---- End to end: the real servers answer every question once.


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with Assistant(tmp_path_factory.mktemp("assistant")).running() as server:
        yield server


@pytest.fixture(scope="module")
def replies(assistant):
    """{language: {"near_miss": [(question, reply)], "answered": [(question, reply)]}}:
    each question asked in a new conversation, without language metadata;
    the reply is the bot's text messages joined by newlines."""

    def ask(text):
        return "\n".join(assistant.say(f"honesty-{uuid.uuid4().hex}", text))

    return {
        language: {kind: [(q, ask(q["text"])) for q in questions] for kind, questions in held_out(language).items()}
        for language in LANGUAGES
    }


def every_reply(replies, language):
    """(question text, reply) for both lists of the language."""
    return [(q["text"], reply) for kind in replies[language].values() for q, reply in kind]


@pytest.mark.e2e
@pytest.mark.parametrize("language", LANGUAGES)
def test_gate_a_no_reply_calls_a_word_an_unknown_country_or_sphere(replies, language):
    openings = false_unknown_openings()
    answered = every_reply(replies, language)
    misses = [(question, reply) for question, reply in answered if any(opening in reply for opening in openings)]
    report(language, "replies free of unknown country/sphere (Gate A)", len(answered) - len(misses), len(answered))
    assert rate(len(answered) - len(misses), len(answered)) >= FREE_RATE, (
        f"{language}: replies that call a word unknown ({openings}):\n{misses_text(misses)}"
    )


@pytest.mark.e2e
@pytest.mark.parametrize("language", LANGUAGES)
def test_gate_b_near_misses_get_the_honest_partial_answer(replies, language):
    known = topics()
    misses = []
    for question, reply in replies[language]["near_miss"]:
        sentence = unstated_sentence(known, question["topic"], question["detail"], language)
        if not sentence or not unstated_pattern(sentence).search(" ".join(reply.split())):
            misses.append((f"{question['text']} [{question['topic']}.{question['detail']}]", reply))
    total = len(replies[language]["near_miss"])
    report(language, "near misses with the honest partial answer (Gate B)", total - len(misses), total)
    assert rate(total - len(misses), total) >= HONEST_RATE, (
        f"{language}: near misses without their unstated sentence:\n{misses_text(misses)}"
    )


@pytest.mark.e2e
@pytest.mark.parametrize("language", LANGUAGES)
def test_answered_questions_get_their_facts(replies, language):
    # An answered question must not be told the page lacks something either.
    lacks = load_yaml(ROOT / "actions" / "phrases.yml")["unstated_but"][language]
    misses = [
        (question["text"], reply)
        for question, reply in replies[language]["answered"]
        if not all(fact.lower() in reply.lower() for fact in question["expect"]) or lacks in reply
    ]
    total = len(replies[language]["answered"])
    report(language, "answered questions with all their facts", total - len(misses), total)
    assert rate(total - len(misses), total) >= ANSWERED_RATE, (
        f"{language}: replies lacking an expected fact:\n{misses_text(misses)}"
    )


@pytest.mark.e2e
@pytest.mark.parametrize("language", LANGUAGES)
def test_replies_are_in_the_questions_language(replies, detector, language):
    answered = every_reply(replies, language)
    misses = [
        (question, reply)
        for question, reply in answered
        if not reply.strip() or detector.detect(reply.strip().splitlines()[0]) != language
    ]
    report(language, "replies in the question's language", len(answered) - len(misses), len(answered))
    assert rate(len(answered) - len(misses), len(answered)) >= LANGUAGE_RATE, (
        f"{language}: replies not in {language}:\n{misses_text(misses)}"
    )
