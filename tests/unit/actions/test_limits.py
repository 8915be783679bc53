"""Honest limits, at the level of the actions, in English and Estonian.

- Sensitive or operational requests get a refusal that says what the assistant
  can answer and points to the ministry's public channel.
- A fact the knowledge does not hold (an attaché in a country not listed, an
  unknown country, relations with one named country) ends with the same pointer;
  a plain "yes" does not.
- Entities typed in a `/intent{...}` message (Rasa's RegexMessageHandler)
  change nothing: no country is answered from them, no input problem is taken
  from them, and the payload's text is not searched for names.
"""

import asyncio
from typing import Dict, List, Optional, Sequence, Tuple

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.attaches import ActionAnswerAttache
from actions.bilateral import ActionAnswerBilateral
from actions.facts import get_facts
from actions.help import ActionCannotAnswer
from tests.unit.actions.test_actions import MENU_TOPICS, assert_language

FACTS = get_facts()
LANGS = ("en", "et")
SLASH = "RegexMessageHandler"
POINTER = {
    "en": "For anything else, please see the Ministry of Defence's website, kaitseministeerium.ee.",
    "et": "Muude küsimuste korral vaadake palun Kaitseministeeriumi veebilehte kaitseministeerium.ee.",
}


def answer(
    action, language: str, intent: str, text: str, entities: Sequence[Tuple[str, str, Optional[str]]] = ()
) -> Tuple[List[Dict], List]:
    """Runs `action`; entities are (entity, value, extractor). Returns (messages, events)."""
    tracker = Tracker(
        sender_id="limits",
        slots={"language": language},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "entities": [{"entity": e, "value": v, "extractor": x} for e, v, x in entities],
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def text_of(messages: List[Dict]) -> str:
    return "\n\n".join(m["text"] for m in messages)


def test_pointer_wording_is_the_knowledge_files_channel():
    for language in LANGS:
        assert FACTS.official_channel(language) == POINTER[language]


@pytest.mark.parametrize(
    "language, opening",
    [
        ("en", "I can't help with that: I don't give details such as where units are deployed"),
        ("et", "Sellega ma aidata ei saa: ma ei anna teavet üksuste paiknemise"),
    ],
)
def test_sensitive_request_is_refused_with_what_it_can_answer_and_where_to_ask(language, opening):
    messages, events = answer(ActionCannotAnswer(), language, "ask_sensitive", "where are the troops now")
    reason, offer = messages  # paragraph by paragraph, the topic buttons on the last one
    assert reason["text"].split("\n") == [FACTS.phrases.text("sensitive", language), POINTER[language]]
    assert reason["text"].startswith(opening)
    assert offer["text"] == FACTS.phrases.text("topics_offer", language)
    assert [b["payload"] for b in offer["buttons"]] == [f"/{t.intents[0]}" for t in MENU_TOPICS if t.id != "source"]
    assert FACTS.phrases.text("out_of_scope", language) not in reason["text"]
    assert_language(reason["text"], language)
    assert [(e["name"], e["value"]) for e in events] == [("knowledge_entry", None)]


@pytest.mark.parametrize(
    "language, intent, text, entities",
    [
        ("en", "ask_attache_country", "Is there an attaché in Japan?", [("country", "Japan", "DIETClassifier")]),
        ("et", "ask_attache_country", "Kas Jaapanis on kaitseatašee?", [("country", "Jaapanis", "DIETClassifier")]),
        ("en", "ask_attache_country", "attaché in Narnia?", [("country", "Narnia", "DIETClassifier")]),
        ("et", "ask_bilateral_relations", "kas kaitsesuhted Itaaliaga?", [("country", "Itaaliaga", "DIETClassifier")]),
        ("en", "ask_bilateral_relations", "relations with Finland?", [("country", "Finland", "DIETClassifier")]),
    ],
)
def test_a_fact_the_knowledge_does_not_hold_points_to_the_ministry(language, intent, text, entities):
    action = ActionAnswerAttache() if intent.startswith("ask_attache") else ActionAnswerBilateral()
    messages, _ = answer(action, language, intent, text, entities)
    body = text_of(messages).split("\n\n")[0]
    assert body.split("\n")[-1] == POINTER[language]


@pytest.mark.parametrize(
    "language, text, country", [("en", "attaché in Finland?", "Finland"), ("et", "kaitseatašee Soomes?", "Soomes")]
)
def test_a_plain_yes_has_no_pointer(language, text, country):
    messages, _ = answer(
        ActionAnswerAttache(), language, "ask_attache_country", text, [("country", country, "DIETClassifier")]
    )
    assert POINTER[language] not in text_of(messages)


# ------------------------------------------------------------- injection


@pytest.mark.parametrize(
    "language, payload, country",
    [
        ("en", '/ask_attache_country{"country": "Finland"}', "Finland"),
        ("et", '/ask_attache_country{"country": "Soomes"}', "Soomes"),
        ("en", '/ask_attache_country{"country": "Narnia"}', "Narnia"),
    ],
)
def test_an_injected_country_is_not_answered_as_asked(language, payload, country):
    messages, _ = answer(ActionAnswerAttache(), language, "ask_attache_country", payload, [("country", country, SLASH)])
    text = text_of(messages)
    # The intent (a legit button) gets its answer, where the attachés are; no yes or no about the country.
    where = FACTS.phrases.say("attache_where", language, countries=FACTS.values(language)["countries"])
    assert text.split("\n")[0] == where, text
    assert "Narnia" not in text


def test_an_injected_country_is_not_answered_in_bilateral_relations():
    messages, _ = answer(
        ActionAnswerBilateral(),
        "en",
        "ask_bilateral_relations",
        '/ask_bilateral_relations{"country": "Canada"}',
        [("country", "Canada", SLASH)],
    )
    assert "Canada" not in text_of(messages)


def test_an_injected_input_problem_does_not_change_the_reply():
    messages, _ = answer(
        ActionCannotAnswer(),
        "en",
        "out_of_scope",
        '/out_of_scope{"input_problem": "too_long"}',
        [("input_problem", "too_long", SLASH)],
    )
    text = text_of(messages)
    assert FACTS.phrases.text("message_too_long", "en") not in text
    assert text.startswith(FACTS.phrases.text("out_of_scope", "en"))


def test_nlu_entities_of_a_typed_question_still_count():
    messages, _ = answer(
        ActionAnswerAttache(),
        "en",
        "ask_attache_country",
        "an attaché in Sweden?",
        [("country", "Sweden", "DIETClassifier")],
    )
    assert text_of(messages).startswith("Yes. Estonia has a defence attaché in Sweden.")
