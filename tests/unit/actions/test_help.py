"""action_help and action_cannot_answer (actions/help.py): the topic menu, and honest refusals
(out of scope, not understood, empty or too long messages, sensitive requests) that say what
the assistant can answer and point to the ministry's public channel.
"""

import asyncio
from typing import Dict, List

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.help import ActionCannotAnswer, ActionHelp, languages_spoken
from languages import LANGUAGES
from tests.unit.actions.support import FACTS, KNOWLEDGE, LANGS, MENU_TOPICS, POINTER, assert_language


@pytest.mark.parametrize("language", LANGS)
def test_help_lists_the_topic_titles(language, ask):
    texts = ask(ActionHelp, language, "help", "What can you do?")
    assert len(texts) == 1
    lines = texts[0].split("\n")
    assert KNOWLEDGE.source.title[language] in lines[0]
    assert KNOWLEDGE.source.date_text[language] in lines[0]
    assert lines[1:] == [f"- {t.title[language]}" for t in MENU_TOPICS]
    for other in LANGS:
        for topic in KNOWLEDGE.topics:
            if other != language and topic.title[other] != topic.title[language]:
                assert topic.title[other] not in texts[0]
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, titles",
    [
        ("en", ["- NATO and collective defence", "- Defence attachés", "- Arms control", "- Open Skies Treaty"]),
        ("et", ["- NATO ja kollektiivkaitse", "- Kaitseatašeed", "- Relvastuskontroll", "- Avatud taeva leping"]),
        (
            "ru",
            [
                "- НАТО и коллективная оборона",
                "- Военные атташе",
                "- Контроль над вооружениями",
                "- Договор по открытому небу",
            ],
        ),
    ],
)
def test_help_literal_titles(language, titles, ask):
    text = ask(ActionHelp, language, "help")[0]
    for title in titles:
        assert title in text.split("\n")


@pytest.mark.parametrize("language", LANGS)
def test_help_offers_every_topic_as_a_quick_reply(language, make_tracker):
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionHelp().run(dispatcher, make_tracker(language, "help"), {}))
    buttons = dispatcher.messages[-1]["buttons"]
    topics = {f"/{t.intents[0]}": t for t in KNOWLEDGE.topics}
    assert [b["payload"] for b in buttons] == [f"/{t.intents[0]}" for t in MENU_TOPICS if t.id != "source"]
    for button in buttons:
        assert button["title"] == topics[button["payload"]].button_title[language]
        assert button["title"].endswith("?")
    assert "/ask_attache_list" in [b["payload"] for b in buttons]
    assert all("buttons" not in m or not m["buttons"] for m in dispatcher.messages[:-1])


OFFICIAL = {"en": "kaitseministeerium.ee", "et": "kaitseministeerium.ee", "ru": "kaitseministeerium.ee"}


def assert_menu_and_channel(text: str, language: str) -> None:
    """A short refusal: at most three lines (why, where to ask the rest, the line the topic
    buttons follow), with no topic list in the text: the topics are buttons."""
    lines = text.replace("\n\n", "\n").split("\n")
    assert len(lines) == 3, lines
    assert KNOWLEDGE.source.official_channel[language] in lines[1]
    assert OFFICIAL[language] in lines[1]
    assert lines[2] == FACTS.phrases.text("topics_offer", language)
    for topic in MENU_TOPICS:
        assert topic.title[language] not in text


@pytest.fixture
def refusal_buttons(make_tracker):
    """refusal_buttons(language, intent, text, entities) → the buttons under action_cannot_answer's reply."""

    def refusal_buttons(language: str, intent: str, text: str, entities=()) -> List[Dict]:
        dispatcher = CollectingDispatcher()
        asyncio.run(ActionCannotAnswer().run(dispatcher, make_tracker(language, intent, text, entities), {}))
        return dispatcher.messages[-1].get("buttons") or []

    return refusal_buttons


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize("intent", ["out_of_scope", "nlu_fallback", "ask_sensitive"])
def test_cannot_answer_offers_the_topics_as_question_buttons(language, intent, refusal_buttons):
    buttons = refusal_buttons(language, intent, "What is the defence budget?")
    assert [b["payload"] for b in buttons] == [f"/{t.intents[0]}" for t in MENU_TOPICS if t.id != "source"]
    assert all(b["title"].endswith("?") for b in buttons), buttons


# Greek: a script none of the assistant's languages (Latin, Cyrillic) is written in.
OTHER_SCRIPT_TEXT = "Έχει η Εσθονία στρατιωτικό ακόλουθο στη Φινλανδία;"


@pytest.mark.parametrize("language", LANGS)
def test_a_message_in_another_script_is_told_the_languages_spoken_in_one_line(language, ask, refusal_buttons):
    problem = [("input_problem", "other_script")]
    texts = ask(ActionCannotAnswer, language, "nlu_fallback", OTHER_SCRIPT_TEXT, problem)
    assert texts == [languages_spoken(FACTS)]
    assert all(FACTS.phrases.text("languages_spoken", lang) in texts[0] for lang in LANGUAGES)
    assert "Я отвечаю на русском, английском и эстонском языках." in texts[0]
    assert "\n" not in texts[0]
    assert refusal_buttons(language, "nlu_fallback", OTHER_SCRIPT_TEXT, problem) == []


@pytest.mark.parametrize(
    "language, text, opening",
    [
        ("en", "What is the defence budget?", "I'm sorry, I don't have that information"),
        ("et", "Kui suur on kaitse-eelarve?", "Vabandust, seda teavet mul ei ole"),
        ("ru", "какой у эстонии оборонный бюджет?", "Извините, у меня нет этих сведений"),
    ],
)
def test_cannot_answer_out_of_scope(language, text, opening, ask):
    texts = ask(ActionCannotAnswer, language, "out_of_scope", text)
    assert len(texts) == 1
    assert texts[0].startswith(opening)
    assert texts[0].split("\n")[0] == FACTS.phrases.text("out_of_scope", language)
    assert_menu_and_channel(texts[0], language)
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, opening",
    [
        ("en", "I'm sorry, I didn't understand that question."),
        ("et", "Vabandust, ma ei saanud küsimusest aru."),
        ("ru", "Извините, мне не удалось понять вопрос."),
    ],
)
def test_cannot_answer_not_understood(language, opening, ask):
    texts = ask(ActionCannotAnswer, language, "nlu_fallback", "asdf qwer")
    assert len(texts) == 1
    assert texts[0].split("\n")[0] == opening
    assert "don't have that information" not in texts[0]
    assert_menu_and_channel(texts[0], language)
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, opening",
    [("en", "Your message was empty."), ("et", "Teie sõnum oli tühi."), ("ru", "Вы отправили пустое сообщение.")],
)
def test_cannot_answer_empty_message(language, opening, ask):
    for intent in ("nlu_fallback", "out_of_scope"):
        texts = ask(ActionCannotAnswer, language, intent, "", [("input_problem", "empty")])
        assert len(texts) == 1
        assert texts[0].startswith(opening)
        assert texts[0].split("\n")[0] == FACTS.phrases.text("empty_message", language)
        assert_menu_and_channel(texts[0], language)
        assert_language(texts[0], language)


@pytest.mark.parametrize("language, says", [("en", "too long"), ("et", "liiga pikk"), ("ru", "слишком длинное")])
def test_cannot_answer_too_long_message(language, says, ask):
    texts = ask(ActionCannotAnswer, language, "nlu_fallback", "x" * 5000, [("input_problem", "too_long")])
    assert texts == [FACTS.phrases.text("message_too_long", language)]
    assert says in texts[0]
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, text, opening",
    [
        (
            "en",
            "where are the troops now",
            "I can't help with that: I don't give details such as where units are deployed",
        ),
        ("et", "kus väed praegu on", "Sellega ma aidata ei saa: ma ei anna teavet üksuste paiknemise"),
        ("ru", "где сейчас стоят войска", "С этим я помочь не могу: я не сообщаю сведений о размещении подразделений"),
    ],
)
def test_sensitive_request_is_refused_with_what_it_can_answer_and_where_to_ask(language, text, opening, answer):
    messages, events = answer(ActionCannotAnswer(), language, "ask_sensitive", text)
    reason, offer = messages  # paragraph by paragraph, the topic buttons on the last one
    assert reason["text"].split("\n") == [FACTS.phrases.text("sensitive", language), POINTER[language]]
    assert reason["text"].startswith(opening)
    assert offer["text"] == FACTS.phrases.text("topics_offer", language)
    assert [b["payload"] for b in offer["buttons"]] == [f"/{t.intents[0]}" for t in MENU_TOPICS if t.id != "source"]
    assert FACTS.phrases.text("out_of_scope", language) not in reason["text"]
    assert_language(reason["text"], language)
    assert [(e["name"], e["value"]) for e in events] == [("knowledge_entry", None)]
