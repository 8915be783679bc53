"""action_answer_topic and action_answer_source (actions/topics.py): a topic's text, and the
source and date of the information.
"""

from typing import Dict

import pytest
import yaml

from actions.topics import ActionAnswerSource, ActionAnswerTopic
from tests.unit.actions.support import FACTS, KNOWLEDGE, LANGS, ROOT, assert_language, reply, sourced_body


def rule_actions() -> Dict[str, str]:
    """intent → the action data/rules.yml answers it with."""
    rules = yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    answers = {}
    for rule in rules:
        steps = rule["steps"]
        for first, second in zip(steps, steps[1:], strict=False):
            if "intent" in first and "action" in second:
                answers[first["intent"]] = second["action"]
    return answers


# The intents action_answer_topic answers and the topic each asks for, written out from the
# source page's sections and domain.yml (not read from knowledge.yml): a topic answered
# for the wrong intent fails test_topic_answer.
TOPIC_INTENTS = [
    ("ask_overview", "overview"),
    ("ask_nato", "nato"),
    ("ask_eu", "eu"),
    ("ask_eu_security_policy", "eu_security_policy"),
    ("ask_baltic_security", "baltic_security"),
    ("ask_reform_assistance", "reform_assistance"),
    ("ask_arms_control", "arms_control"),
    ("ask_vienna_document", "vienna_document"),
    ("ask_open_skies", "open_skies"),
    ("ask_operations", "operations"),
    ("ask_operations_why", "operations_why"),
]


def test_topic_intents_are_the_expected_ones():
    answered = {
        intent: topic.id
        for topic in KNOWLEDGE.topics
        for intent in topic.intents
        if rule_actions().get(intent) == "action_answer_topic"
    }
    assert set(answered) >= {
        "ask_overview",
        "ask_nato",
        "ask_eu",
        "ask_eu_security_policy",
        "ask_baltic_security",
        "ask_reform_assistance",
        "ask_arms_control",
        "ask_vienna_document",
        "ask_open_skies",
        "ask_operations",
        "ask_operations_why",
    }
    # The rules and the knowledge file agree with the table, intent by intent.
    assert answered == dict(TOPIC_INTENTS)
    for intent, topic_id in TOPIC_INTENTS:
        assert KNOWLEDGE.topic_for_intent(intent).id == topic_id, intent


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize("intent, topic_id", TOPIC_INTENTS)
def test_topic_answer(intent, topic_id, language, ask):
    texts = ask(ActionAnswerTopic, language, intent, "...")
    body = sourced_body(texts, language)
    expected = FACTS.answer(topic_id, language)
    assert texts[0].startswith(expected)
    assert body == expected
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, intent, facts",
    [
        ("en", "ask_overview", ["NATO", "35 countries", "nine"]),
        ("et", "ask_overview", ["NATO", "35 riigiga", "üheksas"]),
        ("en", "ask_vienna_document", ["2011 Vienna Document", "OSCE"]),
        ("et", "ask_vienna_document", ["Viini dokumendi 2011", "OSCE"]),
        ("en", "ask_arms_control", ["2011", "Open Skies"]),
        ("et", "ask_arms_control", ["2011", "avatud taeva"]),
        ("en", "ask_nato", ["collective defence"]),
        ("et", "ask_nato", ["kollektiivkaitse"]),
        ("ru", "ask_overview", ["НАТО", "примерно с 35 странами", "в девяти из них"]),
        ("ru", "ask_vienna_document", ["Венским документом 2011 года", "ОБСЕ"]),
        ("ru", "ask_arms_control", ["2011", "Договора по открытому небу"]),
        ("ru", "ask_nato", ["коллективной обороны"]),
    ],
)
def test_topic_answers_state_the_source_pages_facts(language, intent, facts, ask):
    body = sourced_body(ask(ActionAnswerTopic, language, intent, "..."), language)
    for fact in facts:
        assert fact in body


@pytest.mark.parametrize("language", LANGS)
def test_topic_unknown_intent_falls_back_to_the_overview(language, ask):
    body = sourced_body(ask(ActionAnswerTopic, language, None, "..."), language)
    assert body == FACTS.answer("overview", language)


@pytest.mark.parametrize(
    "language, parts",
    [
        ("en", ["International Cooperation", "Estonian Ministry of Defence", "31 May 2014", "may have changed"]),
        ("et", ["„Rahvusvaheline koostöö“", "Kaitseministeerium", "31. mail 2014", "muutunud"]),
        ("ru", ["«Международное сотрудничество»", "Министерство обороны Эстонии", "31 мая 2014 года", "измениться"]),
    ],
)
def test_source(language, parts, ask):
    texts = ask(ActionAnswerSource, language, "ask_source", "Where is this from?")
    assert len(texts) == 1
    assert texts[0] == FACTS.answer("source", language)
    for part in parts:
        assert part in texts[0]
    assert KNOWLEDGE.source.title[language] in texts[0]
    assert KNOWLEDGE.source.date_text[language] in texts[0]
    # It is the source: no second source note under it.
    assert "Source:" not in texts[0] and "Allikas:" not in texts[0] and "Источник:" not in texts[0]
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", ["“Defence attachés”", "Estonian Ministry of Defence", "“International Cooperation”", "31 May 2014"]),
        ("et", ["„Kaitseatašeed“", "Kaitseministeerium", "„Rahvusvaheline koostöö“", "31. mail 2014"]),
        (
            "ru",
            ["«Военные атташе»", "Министерство обороны Эстонии", "«Международное сотрудничество»", "31 мая 2014 года"],
        ),
    ],
)
def test_source_after_an_answer_names_that_answers_topic_and_date(language, expected, make_tracker):
    texts, _, slots = reply(
        ActionAnswerSource(),
        make_tracker(language, "ask_source", "source?", slots={"knowledge_entry": "defence_attaches"}),
    )
    for part in expected:
        assert part in texts[0]
    assert_language(texts[0], language)
    assert slots == {"knowledge_entry": "defence_attaches"}
