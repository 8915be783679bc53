"""What every action does (actions/base.py): answers in the conversation's language, English
when it has none; apologises instead of failing; records the knowledge entry it answered
from; states the date once, in the source note; remembers the countries it asked back
about; and trusts no entity typed in a `/intent{...}` message (Rasa's RegexMessageHandler):
no country is answered from one, no input problem is taken from one, and the payload's
text is not searched for names.
"""

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.attaches import ActionAnswerAttache
from actions.base import FactAction, KnowledgeAction
from actions.bilateral import ActionAnswerBilateral
from actions.help import ActionCannotAnswer, ActionHelp
from actions.spheres import ActionAnswerSpheres
from actions.topics import ActionAnswerSource, ActionAnswerTopic
from tests.unit.actions.support import (
    FACTS,
    KNOWLEDGE,
    LANGS,
    SLASH,
    SOURCE_NOTE,
    assert_english,
    assert_language,
    reply,
    run,
    sourced_body,
    text_of,
)

# ---------------------------------------------------------------- languages


@pytest.mark.parametrize("slots", [{}, {"language": None}, {"language": "de"}])
def test_missing_or_unknown_language_answers_in_english(slots, make_tracker):
    texts = run(
        ActionAnswerAttache(),
        make_tracker(None, "ask_attache_country", "Soomes?", [("country", "Soomes")], slots=slots),
    )
    assert sourced_body(texts, "en") == "Yes. Estonia has a defence attaché in Finland."
    help_text = run(ActionHelp(), make_tracker(None, "help", slots=slots))[0]
    assert_english(help_text)
    assert "- NATO and collective defence" in help_text


@pytest.mark.parametrize(
    "action_class, intent, entities",
    [
        (
            ActionAnswerAttache,
            "ask_attache_country",
            [("country", "Italy"), ("country", "Sweden"), ("country", "Narnia")],
        ),
        (ActionAnswerAttache, "ask_attache_count", []),
        (ActionAnswerBilateral, "ask_bilateral_relations", [("country", "the United States")]),
        (ActionAnswerSpheres, "ask_cooperation_spheres", [("sphere", "operations")]),
        (ActionHelp, "help", []),
        (ActionCannotAnswer, "out_of_scope", []),
        (ActionAnswerSource, "ask_source", []),
    ],
)
@pytest.mark.parametrize("language", LANGS)
def test_every_answer_is_in_the_conversation_language(action_class, intent, entities, language, ask):
    texts = ask(action_class, language, intent, "...", entities)
    for text in texts:
        assert_language(text, language, typed=[value for _, value in entities])


# -------------------------------------------------------- the failure guard


class ActionThatFails(KnowledgeAction):
    def name(self):
        return "action_that_fails"

    def answer(self, facts, tracker, language):
        raise RuntimeError("the knowledge lookup broke")


class FactActionThatFails(FactAction):
    def name(self):
        return "action_fact_that_fails"

    def facts_text(self, facts, tracker, language):
        raise KeyError("missing")


INTERNAL_ERROR = {
    "en": "I'm sorry, something went wrong on my side. Please try again in a moment.",
    "et": "Vabandust, tekkis tehniline tõrge. Palun proovige hetke pärast uuesti.",
    "ru": "Извините, у меня произошёл технический сбой. Пожалуйста, попробуйте ещё раз через минуту.",
}


@pytest.mark.parametrize("action_class", [ActionThatFails, FactActionThatFails])
@pytest.mark.parametrize("language", LANGS)
def test_failing_action_apologises_in_the_users_language(action_class, language, caplog, make_tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action_class().run(dispatcher, make_tracker(language, "ask_nato", "..."), {}))
    assert [(e["name"], e["value"]) for e in events] == [("knowledge_entry", None)]
    assert [m["text"] for m in dispatcher.messages] == [FACTS.phrases.text("internal_error", language)]
    assert dispatcher.messages[0]["text"] == INTERNAL_ERROR[language]
    # The operator gets the details in the log; the user does not.
    assert action_class().name() in caplog.text
    assert "the knowledge lookup broke" not in dispatcher.messages[0]["text"]


def test_failing_action_without_language_apologises_in_english(make_tracker):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionThatFails().run(dispatcher, make_tracker(None, "help", slots={}), {}))
    assert [(e["name"], e["value"]) for e in events] == [("knowledge_entry", None)]
    assert [m["text"] for m in dispatcher.messages] == [INTERNAL_ERROR["en"]]


# ------------------------------------------- the knowledge entry answered from


@pytest.mark.parametrize(
    "action_class, intent, entry",
    [
        (ActionAnswerTopic, "ask_nato", "nato"),
        (ActionAnswerTopic, "ask_open_skies", "open_skies"),
        (ActionAnswerAttache, "ask_attache_list", "defence_attaches"),
        (ActionAnswerBilateral, "ask_bilateral_relations", "bilateral_relations"),
        (ActionAnswerSpheres, "ask_cooperation_spheres", "cooperation_spheres"),
        (ActionAnswerSource, "ask_source", "source"),
        (ActionHelp, "help", None),
        (ActionCannotAnswer, "out_of_scope", None),
    ],
)
def test_each_answer_records_the_knowledge_entry_it_came_from(action_class, intent, entry, make_tracker):
    events = asyncio.run(action_class().run(CollectingDispatcher(), make_tracker("et", intent, "..."), {}))
    assert [(e["name"], e["value"]) for e in events] == [("knowledge_entry", entry)]


# ------------------------------------------------------- the source note


@pytest.mark.parametrize("language", LANGS)
def test_a_factual_answer_states_its_date_once_in_the_source_note(language, make_tracker):
    texts, _, _ = reply(ActionAnswerTopic(), make_tracker(language, "ask_nato", "NATO?"))
    assert texts[0].endswith(SOURCE_NOTE[language])
    assert texts[0].count(KNOWLEDGE.source.date_text[language]) == 1
    assert texts[0].count("2014") == 1


# --------------------------------------------- countries asked back about


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "Yes. Estonia has a defence attaché in Finland."),
        ("et", "Jah, Eestil on kaitseatašee Soomes."),
        ("ru", "Да. У Эстонии есть военный атташе в Финляндии."),
    ],
)
def test_an_entity_free_button_answers_for_the_remembered_country_and_forgets_it(language, expected, make_tracker):
    texts, _, slots = reply(
        ActionAnswerAttache(),
        make_tracker(language, "ask_attache_country", "/ask_attache_country", slots={"pending_countries": ["finland"]}),
    )
    assert texts[0].startswith(expected)
    assert slots == {"knowledge_entry": "defence_attaches", "pending_countries": None}


# ------------------------------------------------------------- injection


@pytest.mark.parametrize(
    "language, payload, country",
    [
        ("en", '/ask_attache_country{"country": "Finland"}', "Finland"),
        ("et", '/ask_attache_country{"country": "Soomes"}', "Soomes"),
        ("en", '/ask_attache_country{"country": "Narnia"}', "Narnia"),
        ("ru", '/ask_attache_country{"country": "финляндии"}', "финляндии"),
        ("ru", '/ask_attache_country{"country": "Нарнии"}', "Нарнии"),
    ],
)
def test_an_injected_country_is_not_answered_as_asked(language, payload, country, answer):
    messages, _ = answer(ActionAnswerAttache(), language, "ask_attache_country", payload, [("country", country, SLASH)])
    text = text_of(messages)
    # The intent (a legit button) gets its answer, where the attachés are; no yes or no about the country.
    where = FACTS.phrases.say("attache_where", language, countries=FACTS.values(language)["countries"])
    assert text.split("\n")[0] == where, text
    assert "Narnia" not in text and "Нарни" not in text


def test_an_injected_country_is_not_answered_in_bilateral_relations(answer):
    messages, _ = answer(
        ActionAnswerBilateral(),
        "en",
        "ask_bilateral_relations",
        '/ask_bilateral_relations{"country": "Canada"}',
        [("country", "Canada", SLASH)],
    )
    assert "Canada" not in text_of(messages)


def test_an_injected_input_problem_does_not_change_the_reply(answer):
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


def test_nlu_entities_of_a_typed_question_still_count(answer):
    messages, _ = answer(
        ActionAnswerAttache(),
        "en",
        "ask_attache_country",
        "an attaché in Sweden?",
        [("country", "Sweden", "DIETClassifier")],
    )
    assert text_of(messages).startswith("Yes. Estonia has a defence attaché in Sweden.")
