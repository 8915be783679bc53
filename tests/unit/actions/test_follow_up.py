"""action_answer_follow_up (actions/follow_up.py): "and in Italy?" asks the previous
question again for the new country, or asks which question or which country is meant.
"""

import pytest

from actions.follow_up import ActionAnswerFollowUp
from tests.unit.actions.support import RATINGS, SOURCE_NOTE, assert_language, reply

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
    (
        "ru",
        "defence_attaches",
        "А в Италии?",
        "Италии",
        "Нет. Согласно источнику, у Эстонии нет военного атташе в Италии.",
    ),
    ("ru", "defence_attaches", "а в польше?", "польше", "Да. У Эстонии есть военный атташе в Польше."),
    ("ru", "defence_attaches", "а что насчет швеции?", "швеции", "Да. У Эстонии есть военный атташе в Швеции."),
    (
        "ru",
        "bilateral_relations",
        "а с канадой?",
        "канадой",
        "Поэтому я не могу подтвердить, что у Эстонии есть оборонные отношения именно с Канадой.",
    ),
    (
        "ru",
        "bilateral_relations",
        "а со швецией?",
        "швецией",
        "Однако в источнике сказано, что у Эстонии есть военный атташе в Швеции.",
    ),
]


@pytest.mark.parametrize("language, previous, text, country, expected", FOLLOW_UPS)
def test_a_follow_up_asks_the_previous_question_for_the_new_country(
    language, previous, text, country, expected, make_tracker
):
    texts, buttons, slots = reply(
        ActionAnswerFollowUp(),
        make_tracker(language, "follow_up_country", text, [("country", country)], slots={"knowledge_entry": previous}),
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
        (
            "ru",
            "А в Норвегии?",
            "Норвегии",
            "Что именно вы хотели бы узнать об оборонном сотрудничестве Эстонии с Норвегией?",
            ["Есть ли военный атташе Эстонии в Норвегии?", "Есть ли у Эстонии оборонные отношения с Норвегией?"],
        ),
    ],
)
@pytest.mark.parametrize("previous", [None, "nato"])
def test_a_follow_up_without_a_country_question_before_asks_which_question(
    language, text, country, question, titles, previous, make_tracker
):
    texts, buttons, slots = reply(
        ActionAnswerFollowUp(),
        make_tracker(language, "follow_up_country", text, [("country", country)], slots={"knowledge_entry": previous}),
    )
    assert texts == [question]
    assert [b["title"] for b in buttons] == titles
    assert [b["payload"] for b in buttons] == ["/ask_attache_country", "/ask_bilateral_relations"]
    assert slots == {"knowledge_entry": previous, "pending_countries": ["norway"]}


@pytest.mark.parametrize(
    "language, expected",
    [("en", "Which country do you mean?"), ("et", "Millist riiki"), ("ru", "Какую страну вы имеете в виду?")],
)
def test_a_follow_up_without_a_country_asks_which_country(language, expected, make_tracker):
    texts, buttons, _ = reply(
        ActionAnswerFollowUp(),
        make_tracker(language, "follow_up_country", "and then?", slots={"knowledge_entry": "defence_attaches"}),
    )
    assert texts[0].startswith(expected) and buttons == []
