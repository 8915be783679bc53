"""action_clarify (actions/clarify.py): an unclear question gets the likeliest questions as
buttons; gibberish, input problems and a second miss in a row get their own replies.
"""

import pytest

from actions.clarify import ActionClarify
from actions.help import topic_buttons
from tests.unit.actions.support import FACTS, KNOWLEDGE, LANGS, assert_language, reply, user

UNSURE = [
    ("nlu_fallback", 0.45),
    ("ask_nato", 0.41),
    ("ask_eu", 0.3),
    ("greet", 0.12),
    ("ask_source", 0.08),
    ("ask_arms_control", 0.02),
]


@pytest.mark.parametrize(
    "language, text, other",
    [
        ("en", "nato eu thing", "Something else"),
        ("et", "nato eu thing", "Midagi muud"),
        ("ru", "нато ес что-то", "Что-то другое"),
    ],
)
def test_an_unclear_question_offers_the_likeliest_questions_and_something_else(language, text, other, make_tracker):
    titles = [KNOWLEDGE.topic(t).question[language] for t in ("nato", "eu", "source")]
    texts, buttons, slots = reply(
        ActionClarify(),
        make_tracker(
            language,
            "nlu_fallback",
            text,
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
        (
            "ru",
            "атташе финляндия?",
            "финляндия",
            [
                "Есть ли военный атташе Эстонии в Финляндии?",
                "Есть ли у Эстонии оборонные отношения с Финляндией?",
                "Где у Эстонии есть военные атташе?",
            ],
        ),
    ],
)
def test_an_unclear_question_with_a_country_remembers_it_for_the_buttons(language, text, country, titles, make_tracker):
    ranking = [
        ("nlu_fallback", 0.45),
        ("ask_attache_country", 0.4),
        ("ask_bilateral_relations", 0.35),
        ("ask_attache_list", 0.2),
    ]
    texts, buttons, slots = reply(
        ActionClarify(),
        make_tracker(language, "nlu_fallback", text, [("country", country)], ranking=ranking, confidence=0.45),
    )
    assert [b["title"] for b in buttons][:3] == titles
    assert slots["pending_countries"] == ["finland"]


@pytest.mark.parametrize("language", LANGS)
def test_gibberish_gets_the_not_understood_reply_without_random_choices(language, make_tracker):
    ranking = [("nlu_fallback", 1.0), ("nlu_fallback", 0.45), ("ask_nato", 0.3), ("ask_eu", 0.2)]
    texts, buttons, slots = reply(
        ActionClarify(),
        make_tracker(
            language,
            "nlu_fallback",
            "asdkjh qwpoeiru",
            ranking=ranking,
            confidence=1.0,
            fallback_reason="unknown_words",  # components/unknown_words.py: not one known word
        ),
    )
    assert texts[0].startswith(FACTS.phrases.text("not_understood", language))
    assert buttons == topic_buttons(FACTS, language)  # every topic, not a guess from the ranking
    assert "pending_countries" not in slots


@pytest.mark.parametrize("language", LANGS)
def test_input_problems_are_reported_not_clarified(language, make_tracker):
    texts, buttons, _ = reply(
        ActionClarify(),
        make_tracker(
            language,
            "nlu_fallback",
            "x" * 2000,
            [("input_problem", "too_long")],
            ranking=[("nlu_fallback", 1.0)],
            confidence=1.0,
            fallback_reason="too_long",
        ),
    )
    assert texts == [FACTS.phrases.text("message_too_long", language)] and buttons == []
    texts, buttons, _ = reply(
        ActionClarify(),
        make_tracker(
            language,
            "nlu_fallback",
            "",
            [("input_problem", "empty")],
            ranking=[("nlu_fallback", 1.0)],
            confidence=1.0,
            fallback_reason="empty",
            events=[user("nlu_fallback"), user("nlu_fallback")],
        ),
    )
    assert texts[0].startswith(FACTS.phrases.text("empty_message", language))


@pytest.mark.parametrize(
    "language, opening",
    [
        ("en", "I'm sorry, I still didn't understand."),
        ("et", "Vabandust, ma ei saanud ikka veel aru."),
        ("ru", "Извините, мне по-прежнему не удаётся понять вопрос."),
    ],
)
def test_a_second_miss_in_a_row_gets_the_help_menu(language, opening, make_tracker):
    events = [
        {"event": "session_started"},
        user("nlu_fallback"),
        {"event": "action", "name": "action_clarify"},
        user("nlu_fallback"),
    ]
    texts, buttons, _ = reply(
        ActionClarify(),
        make_tracker(language, "nlu_fallback", "hmm nato eu", ranking=UNSURE, confidence=0.45, events=events),
    )
    assert texts[0].startswith(opening)
    assert {"en": "You can ask about", "et": "Võite küsida", "ru": "Вы можете задать вопрос"}[language] in texts[0]
    assert buttons == topic_buttons(FACTS, language)


def test_a_miss_after_an_understood_question_is_clarified_again(make_tracker):
    events = [user("nlu_fallback"), user("ask_nato"), user("nlu_fallback")]
    texts, buttons, _ = reply(
        ActionClarify(), make_tracker("en", "nlu_fallback", "eu nato?", ranking=UNSURE, confidence=0.45, events=events)
    )
    assert texts == [FACTS.phrases.text("clarify", "en")] and buttons[0]["payload"] == "/ask_nato"


@pytest.mark.parametrize(
    "language, text, country, titles",
    [
        (
            "et",
            "Rootsi partner?",
            "Rootsi",
            [
                "Rootsi kaitsesuhted Eestiga?",
                "Kas Rootsis on Eesti kaitseatašee?",
                "Milles teeb Eesti strateegiliste partneritega koostööd?",
                "Midagi muud",
            ],
        ),
        (
            "en",
            "Rootsi partner?",
            "Rootsi",
            [
                "Does Estonia have defence relations with Sweden?",
                "Is there an Estonian defence attaché in Sweden?",
                "What does Estonia cooperate on with its strategic partners?",
                "Something else",
            ],
        ),
        (
            "ru",
            "швеция партнёр?",
            "швеция",
            [
                "Есть ли у Эстонии оборонные отношения со Швецией?",
                "Есть ли военный атташе Эстонии в Швеции?",
                "В каких сферах Эстония сотрудничает со стратегическими партнёрами?",
                "Что-то другое",
            ],
        ),
    ],
)
def test_a_likely_country_follow_up_is_offered_as_the_country_questions(language, text, country, titles, make_tracker):
    ranking = [
        ("nlu_fallback", 0.45),
        ("ask_bilateral_relations", 0.43),
        ("follow_up_country", 0.37),
        ("ask_cooperation_spheres", 0.15),
    ]
    _, buttons, slots = reply(
        ActionClarify(),
        make_tracker(language, "nlu_fallback", text, [("country", country)], ranking=ranking, confidence=0.45),
    )
    assert [b["title"] for b in buttons] == titles
    assert slots["pending_countries"] == ["sweden"]
    # Without a country, a follow-up has no question to offer.
    _, buttons, _ = reply(
        ActionClarify(), make_tracker(language, "nlu_fallback", "partner?", ranking=ranking, confidence=0.45)
    )
    assert [b["payload"] for b in buttons] == ["/ask_bilateral_relations", "/ask_cooperation_spheres", "/help"]
