"""Unit tests of the conversation actions, in English and Estonian, with real rasa_sdk objects:
greeting with topic buttons, clarification of unclear questions, follow-ups for a
new country, "tell me more", the source of the answer just given, and the date
the information is valid for in a conversation's first factual answer.
"""

import asyncio
import re
from typing import Dict, List, Optional, Sequence, Tuple

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.attaches import ActionAnswerAttache
from actions.clarify import ActionClarify
from actions.facts import get_facts
from actions.follow_up import ActionAnswerFollowUp
from actions.greet import ActionGreet
from actions.help import topic_buttons
from actions.knowledge import load_knowledge
from actions.more import ActionTellMore
from actions.ratings import RATINGS as RATING_INTENTS
from actions.topics import ActionAnswerSource, ActionAnswerTopic
from tests.unit.actions.test_actions import SOURCE_NOTE, assert_language

FACTS = get_facts()
KNOWLEDGE = load_knowledge()
LANGS = ("en", "et")
ENTITY_FREE = re.compile(r"^/[a-z_]+$")
RATINGS = [f"/{intent}" for intent in RATING_INTENTS]  # under every factual answer


def tracker(
    language: str,
    intent: Optional[str],
    text: str = "",
    entities: Sequence[Tuple[str, str]] = (),
    slots: Optional[Dict] = None,
    ranking: Sequence[Tuple[str, float]] = (),
    confidence: float = 1.0,
    events: Sequence[Dict] = (),
) -> Tracker:
    return Tracker(
        sender_id="test-user",
        slots={"language": language, **(slots or {})},
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
            "entities": [{"entity": name, "value": value} for name, value in entities],
        },
        events=list(events),
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run(action, track: Tracker) -> Tuple[List[str], List[Dict], Dict[str, object]]:
    """The reply (its paragraphs joined: a reply with buttons is sent paragraph by paragraph),
    buttons of the last message, and slots set, as the user and Rasa would see them."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, {}))
    for message in dispatcher.messages:
        assert message["text"].strip() and "{" not in message["text"] and "}" not in message["text"], message
    texts = ["\n\n".join(m["text"] for m in dispatcher.messages)] if dispatcher.messages else []
    buttons = dispatcher.messages[-1].get("buttons") or [] if dispatcher.messages else []
    for button in buttons:
        assert ENTITY_FREE.match(button["payload"]), button
        assert button["title"].strip()
    return texts, buttons, {e["name"]: e["value"] for e in events}


def user(intent: str) -> Dict:
    return {"event": "user", "text": "...", "parse_data": {"intent": {"name": intent, "confidence": 0.4}}}


# ------------------------------------------------------------------ greeting


@pytest.mark.parametrize("language, opening", [("en", "Hello!"), ("et", "Tere!")])
def test_greeting_is_short_and_offers_the_topics_as_buttons(language, opening):
    texts, buttons, slots = run(ActionGreet(), tracker(language, "greet", "hi"))
    assert len(texts) == 1 and texts[0].startswith(opening) and len(texts[0]) < 200
    assert_language(texts[0], language)
    assert buttons == topic_buttons(FACTS, language)
    titles = [b["title"] for b in buttons]
    assert KNOWLEDGE.topic("defence_attaches").question[language] in titles
    assert KNOWLEDGE.topic("arms_control").question[language] in titles
    assert all(title.endswith("?") for title in titles), titles
    assert slots == {"knowledge_entry": None}


# ------------------------------------------------------------------ follow-ups

FOLLOW_UPS = [
    ("en", "defence_attaches", "And in Italy?", "Italy", "No. The source lists no Estonian defence attaché in Italy."),
    ("en", "defence_attaches", "What about Sweden?", "Sweden", "Yes. Estonia has a defence attaché in Sweden."),
    ("et", "defence_attaches", "Aga Norras?", "Norras", "Ei, allika järgi ei ole Eestil kaitseatašeed Norras."),
    ("et", "defence_attaches", "Ja Poolas?", "Poolas", "Jah, Eestil on kaitseatašee Poolas."),
    (
        "en",
        "bilateral_relations",
        "and Canada?",
        "Canada",
        "The page does not name the approximately 35 countries with which Estonia has bilateral defence relations.",
    ),
    ("et", "bilateral_relations", "aga Rootsiga?", "Rootsiga", "Küll aga on allika järgi Eestil kaitseatašee Rootsis."),
]


@pytest.mark.parametrize("language, previous, text, country, expected", FOLLOW_UPS)
def test_a_follow_up_asks_the_previous_question_for_the_new_country(language, previous, text, country, expected):
    texts, buttons, slots = run(
        ActionAnswerFollowUp(),
        tracker(language, "follow_up_country", text, [("country", country)], slots={"knowledge_entry": previous}),
    )
    assert expected in texts[0]
    assert SOURCE_NOTE[language] in texts[0]
    assert_language(texts[0], language, typed=[country])
    assert [b["payload"] for b in buttons] == RATINGS and slots == {"knowledge_entry": previous}


@pytest.mark.parametrize(
    "language, text, country, question, titles",
    [
        (
            "en",
            "And in Norway?",
            "Norway",
            "What would you like to know about Norway?",
            ["Is there an Estonian defence attaché in Norway?", "Does Estonia have defence relations with Norway?"],
        ),
        (
            "et",
            "Aga Norras?",
            "Norras",
            "Mida soovite Norra kohta teada?",
            ["Kas Norras on Eesti kaitseatašee?", "Norra kaitsesuhted Eestiga?"],
        ),
    ],
)
@pytest.mark.parametrize("previous", [None, "nato"])
def test_a_follow_up_without_a_country_question_before_asks_which_question(
    language, text, country, question, titles, previous
):
    texts, buttons, slots = run(
        ActionAnswerFollowUp(),
        tracker(language, "follow_up_country", text, [("country", country)], slots={"knowledge_entry": previous}),
    )
    assert texts == [question]
    assert [b["title"] for b in buttons] == titles
    assert [b["payload"] for b in buttons] == ["/ask_attache_country", "/ask_bilateral_relations"]
    assert slots == {"knowledge_entry": previous, "pending_countries": ["norway"]}


@pytest.mark.parametrize("language, expected", [("en", "Which country do you mean?"), ("et", "Millist riiki")])
def test_a_follow_up_without_a_country_asks_which_country(language, expected):
    texts, buttons, _ = run(
        ActionAnswerFollowUp(),
        tracker(language, "follow_up_country", "and then?", slots={"knowledge_entry": "defence_attaches"}),
    )
    assert texts[0].startswith(expected) and buttons == []


@pytest.mark.parametrize(
    "language, expected",
    [("en", "Yes. Estonia has a defence attaché in Finland."), ("et", "Jah, Eestil on kaitseatašee Soomes.")],
)
def test_an_entity_free_button_answers_for_the_remembered_country_and_forgets_it(language, expected):
    texts, _, slots = run(
        ActionAnswerAttache(),
        tracker(language, "ask_attache_country", "/ask_attache_country", slots={"pending_countries": ["finland"]}),
    )
    assert texts[0].startswith(expected)
    assert slots == {"knowledge_entry": "defence_attaches", "pending_countries": None}


# --------------------------------------------------------------- clarification

UNSURE = [
    ("nlu_fallback", 0.45),
    ("ask_nato", 0.41),
    ("ask_eu", 0.3),
    ("greet", 0.12),
    ("ask_source", 0.08),
    ("ask_arms_control", 0.02),
]


@pytest.mark.parametrize("language, other", [("en", "Something else"), ("et", "Midagi muud")])
def test_an_unclear_question_offers_the_likeliest_questions_and_something_else(language, other):
    titles = [KNOWLEDGE.topic(t).question[language] for t in ("nato", "eu", "source")]
    texts, buttons, slots = run(
        ActionClarify(),
        tracker(
            language,
            "nlu_fallback",
            "nato eu thing",
            ranking=UNSURE,
            confidence=0.45,
            slots={"knowledge_entry": "open_skies"},
        ),
    )
    assert texts == [FACTS.phrases.text("clarify", language)]
    assert_language(texts[0], language)
    assert [b["title"] for b in buttons] == titles + [other]
    assert [b["payload"] for b in buttons] == ["/ask_nato", "/ask_eu", "/ask_source", "/help"]
    # A question back is no answer: the entry answered before stays.
    assert slots == {"knowledge_entry": "open_skies"}


@pytest.mark.parametrize(
    "language, text, country, titles",
    [
        (
            "et",
            "Soome atašee?",
            "Soome",
            ["Kas Soomes on Eesti kaitseatašee?", "Soome kaitsesuhted Eestiga?", "Kus on Eestil kaitseatašeed?"],
        ),
        (
            "en",
            "finland attache thing?",
            "finland",
            [
                "Is there an Estonian defence attaché in Finland?",
                "Does Estonia have defence relations with Finland?",
                "Where does Estonia have defence attachés?",
            ],
        ),
    ],
)
def test_an_unclear_question_with_a_country_remembers_it_for_the_buttons(language, text, country, titles):
    ranking = [
        ("nlu_fallback", 0.45),
        ("ask_attache_country", 0.4),
        ("ask_bilateral_relations", 0.35),
        ("ask_attache_list", 0.2),
    ]
    texts, buttons, slots = run(
        ActionClarify(),
        tracker(language, "nlu_fallback", text, [("country", country)], ranking=ranking, confidence=0.45),
    )
    assert [b["title"] for b in buttons][:3] == titles
    assert slots["pending_countries"] == ["finland"]


@pytest.mark.parametrize("language", LANGS)
def test_gibberish_gets_the_not_understood_reply_without_random_choices(language):
    ranking = [("nlu_fallback", 1.0), ("nlu_fallback", 0.45), ("ask_nato", 0.3), ("ask_eu", 0.2)]
    texts, buttons, slots = run(
        ActionClarify(), tracker(language, "nlu_fallback", "asdkjh qwpoeiru", ranking=ranking, confidence=1.0)
    )
    assert texts[0].startswith(FACTS.phrases.text("not_understood", language))
    assert buttons == topic_buttons(FACTS, language)  # every topic, not a guess from the ranking
    assert "pending_countries" not in slots


@pytest.mark.parametrize("language", LANGS)
def test_input_problems_are_reported_not_clarified(language):
    texts, buttons, _ = run(
        ActionClarify(),
        tracker(
            language,
            "nlu_fallback",
            "x" * 2000,
            [("input_problem", "too_long")],
            ranking=[("nlu_fallback", 1.0)],
            confidence=1.0,
        ),
    )
    assert texts == [FACTS.phrases.text("message_too_long", language)] and buttons == []
    texts, buttons, _ = run(
        ActionClarify(),
        tracker(
            language,
            "nlu_fallback",
            "",
            [("input_problem", "empty")],
            ranking=[("nlu_fallback", 1.0)],
            confidence=1.0,
            events=[user("nlu_fallback"), user("nlu_fallback")],
        ),
    )
    assert texts[0].startswith(FACTS.phrases.text("empty_message", language))


@pytest.mark.parametrize(
    "language, opening",
    [("en", "I'm sorry, I still didn't understand."), ("et", "Vabandust, ma ei saanud ikka veel aru.")],
)
def test_a_second_miss_in_a_row_gets_the_help_menu(language, opening):
    events = [
        {"event": "session_started"},
        user("nlu_fallback"),
        {"event": "action", "name": "action_clarify"},
        user("nlu_fallback"),
    ]
    texts, buttons, _ = run(
        ActionClarify(),
        tracker(language, "nlu_fallback", "hmm nato eu", ranking=UNSURE, confidence=0.45, events=events),
    )
    assert texts[0].startswith(opening)
    assert {"en": "You can ask about", "et": "Võite küsida"}[language] in texts[0]
    assert buttons == topic_buttons(FACTS, language)


def test_a_miss_after_an_understood_question_is_clarified_again():
    events = [user("nlu_fallback"), user("ask_nato"), user("nlu_fallback")]
    texts, buttons, _ = run(
        ActionClarify(), tracker("en", "nlu_fallback", "eu nato?", ranking=UNSURE, confidence=0.45, events=events)
    )
    assert texts == [FACTS.phrases.text("clarify", "en")] and buttons[0]["payload"] == "/ask_nato"


# --------------------------------------------------------------- tell me more


@pytest.mark.parametrize(
    "language, entry, facts",
    [
        ("en", "operations", ["security of Europe and of the world"]),
        ("et", "operations", ["Euroopa ja kogu maailma julgeolekusse"]),
        ("en", "bilateral_relations", ["Finland", "the United States of America", "procurement", "donor countries"]),
        ("et", "bilateral_relations", ["Soomes", "Ameerika Ühendriikides", "hanked", "doonorriikidega"]),
        ("en", "defence_attaches", ["approximately 35 countries", "North America"]),
        ("et", "defence_attaches", ["ligikaudu 35 riigiga", "Põhja-Ameerikas"]),
    ],
)
def test_tell_me_more_gives_the_next_level_of_detail(language, entry, facts):
    texts, buttons, slots = run(
        ActionTellMore(), tracker(language, "tell_me_more", "tell me more", slots={"knowledge_entry": entry})
    )
    for fact in facts:
        assert fact in texts[0]
    assert SOURCE_NOTE[language] in texts[0]
    assert (
        texts[0] != ActionAnswerTopic().answer(FACTS, tracker(language, KNOWLEDGE.topic(entry).intents[0]), language)[0]
    )
    assert [b["payload"] for b in buttons] == [
        f"/{KNOWLEDGE.topic(t).intents[0]}" for t in KNOWLEDGE.topic(entry).related
    ] + RATINGS
    assert slots == {"knowledge_entry": entry}


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "That is all my source says about “NATO and collective defence”"),
        ("et", "Minu allikas ei ütle teema „NATO ja kollektiivkaitse“ kohta rohkem"),
    ],
)
def test_tell_me_more_without_more_detail_says_so_and_offers_related_topics(language, expected):
    titles = [KNOWLEDGE.topic(t).question[language] for t in ("eu", "baltic_security")]
    texts, buttons, slots = run(
        ActionTellMore(), tracker(language, "tell_me_more", "...", slots={"knowledge_entry": "nato"})
    )
    assert texts[0].startswith(expected)
    assert "Source:" not in texts[0] and "Allikas:" not in texts[0]
    assert [b["title"] for b in buttons] == titles
    assert slots == {"knowledge_entry": "nato"}


def test_tell_me_more_twice_does_not_repeat_the_detail():
    events = [
        {"event": "action", "name": "action_tell_more"},
        {"event": "action", "name": "action_listen"},
        user("tell_me_more"),
    ]
    texts, buttons, _ = run(
        ActionTellMore(), tracker("en", "tell_me_more", "more", events=events, slots={"knowledge_entry": "operations"})
    )
    assert texts[0].startswith("That is all my source says about “International military operations”")
    assert [b["payload"] for b in buttons] == ["/ask_operations_why"]


@pytest.mark.parametrize("language", LANGS)
def test_tell_me_more_before_any_answer_asks_which_topic(language):
    texts, buttons, slots = run(ActionTellMore(), tracker(language, "tell_me_more", "..."))
    assert texts == [FACTS.phrases.text("more_without_topic", language)]
    assert buttons == topic_buttons(FACTS, language) and slots == {"knowledge_entry": None}


def test_every_topics_more_and_related_topics_exist_in_both_languages():
    ids = {t.id for t in KNOWLEDGE.topics}
    assert {t.id for t in KNOWLEDGE.topics if t.more} >= {"bilateral_relations", "operations"}
    for topic in KNOWLEDGE.topics:
        assert set(topic.related) <= ids - {topic.id}
        if topic.more:
            assert set(topic.more) == set(LANGS)


# ------------------------------------------------------------------ provenance


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", ["“Defence attachés”", "Estonian Ministry of Defence", "“International Cooperation”", "31 May 2014"]),
        ("et", ["„Kaitseatašeed“", "Kaitseministeerium", "„Rahvusvaheline koostöö“", "31. mail 2014"]),
    ],
)
def test_source_after_an_answer_names_that_answers_topic_and_date(language, expected):
    texts, _, slots = run(
        ActionAnswerSource(), tracker(language, "ask_source", "source?", slots={"knowledge_entry": "defence_attaches"})
    )
    for part in expected:
        assert part in texts[0]
    assert_language(texts[0], language)
    assert slots == {"knowledge_entry": "defence_attaches"}


@pytest.mark.parametrize("language", LANGS)
def test_a_factual_answer_states_its_date_once_in_the_source_note(language):
    texts, _, _ = run(ActionAnswerTopic(), tracker(language, "ask_nato", "NATO?"))
    assert texts[0].endswith(SOURCE_NOTE[language])
    assert texts[0].count(KNOWLEDGE.source.date_text[language]) == 1
    assert texts[0].count("2014") == 1


@pytest.mark.parametrize(
    "language, titles",
    [
        (
            "et",
            [
                "Rootsi kaitsesuhted Eestiga?",
                "Kas Rootsis on Eesti kaitseatašee?",
                "Milles teeb Eesti strateegiliste partneritega koostööd?",
                "Midagi muud",
            ],
        ),
        (
            "en",
            [
                "Does Estonia have defence relations with Sweden?",
                "Is there an Estonian defence attaché in Sweden?",
                "What does Estonia cooperate on with its strategic partners?",
                "Something else",
            ],
        ),
    ],
)
def test_a_likely_country_follow_up_is_offered_as_the_country_questions(language, titles):
    ranking = [
        ("nlu_fallback", 0.45),
        ("ask_bilateral_relations", 0.43),
        ("follow_up_country", 0.37),
        ("ask_cooperation_spheres", 0.15),
    ]
    _, buttons, slots = run(
        ActionClarify(),
        tracker(language, "nlu_fallback", "Rootsi partner?", [("country", "Rootsi")], ranking=ranking, confidence=0.45),
    )
    assert [b["title"] for b in buttons] == titles
    assert slots["pending_countries"] == ["sweden"]
    # Without a country, a follow-up has no question to offer.
    _, buttons, _ = run(
        ActionClarify(), tracker(language, "nlu_fallback", "partner?", ranking=ranking, confidence=0.45)
    )
    assert [b["payload"] for b in buttons] == ["/ask_bilateral_relations", "/ask_cooperation_spheres", "/help"]
