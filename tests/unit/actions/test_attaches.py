"""action_answer_attache (actions/attaches.py): is there an Estonian defence attaché in a
country, where are they, how many; in English, Estonian and Russian, with real rasa_sdk objects.
"""

import pytest

from actions.attaches import ActionAnswerAttache
from tests.unit.actions.support import (
    ATTACHE_IDS,
    FACTS,
    KNOWLEDGE,
    LANGS,
    NO,
    POINTER,
    YES,
    assert_language,
    assert_lists_all_attache_countries,
    country_in,
    sourced_body,
    text_of,
)

ATTACHE_YES = {
    "en": [
        ("Finland", "finland"),
        ("france", "france"),  # an id, lowercase
        ("Georgia", "georgia"),
        ("GERMANY", "germany"),
        ("Poland", "poland"),
        ("Russian Federation", "russia"),
        ("Sweden", "sweden"),
        ("the UK", "united_kingdom"),
        ("America", "united_states"),
        ("Soomes", "finland"),  # Estonian spelling in an English conversation
        ("U.S.", "united_states"),
        ("Great Britain", "united_kingdom"),
        ("Finnland", "finland"),  # one typo
    ],
    "et": [
        ("Soomes", "finland"),
        ("soomes", "finland"),
        ("france", "france"),  # an id, in an Estonian conversation
        ("Prantsusmaale", "france"),
        ("gruusias", "georgia"),
        ("Saksamaale", "germany"),
        ("Poolas", "poland"),
        ("Venemaal", "russia"),
        ("Rootssis", "sweden"),  # one typo
        ("uhendkuningriigis", "united_kingdom"),
        ("Suurbritannias", "united_kingdom"),
        ("USA-s", "united_states"),
        ("Ameerika Ühendriikides", "united_states"),
    ],
    # Entity values as the NLU tags them (nlu/ru.yml): the name without its preposition, in any case.
    "ru": [
        ("финляндии", "finland"),
        ("Финляндию", "finland"),
        ("france", "france"),  # an id, in a Russian conversation
        ("францию", "france"),
        ("грузии", "georgia"),
        ("германии", "germany"),
        ("фрг", "germany"),
        ("польше", "poland"),
        ("рф", "russia"),
        ("России", "russia"),
        ("швецию", "sweden"),
        ("великобритании", "united_kingdom"),
        ("англии", "united_kingdom"),
        ("сша", "united_states"),
        ("соединенных штатах", "united_states"),  # е for ё
        ("финлядии", "finland"),  # one typo
        ("Хельсинки", "finland"),  # the capital
    ],
}


@pytest.mark.parametrize("language", LANGS)
def test_attache_yes_cases_cover_all_nine_countries(language):
    assert {cid for _, cid in ATTACHE_YES[language]} == set(KNOWLEDGE.attache_country_ids) == set(ATTACHE_IDS)


@pytest.mark.parametrize(
    "language, typed, country_id",
    [(lang, typed, cid) for lang in LANGS for typed, cid in ATTACHE_YES[lang]],
)
def test_attache_country_yes(language, typed, country_id, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", f"... {typed}?", [("country", typed)])
    body = sourced_body(texts, language)
    # One line: a yes for the country, named in the conversation's language, no list after it.
    assert "\n" not in body, body
    assert body.startswith(YES[language]), body
    assert body.rstrip(".").endswith(country_in(country_id, language)), body
    assert_language(texts[0], language)


def test_attache_country_yes_literal_wording(ask):
    en = ask(ActionAnswerAttache, "en", "ask_attache_country", "UK?", [("country", "the UK")])
    assert sourced_body(en, "en") == "Yes. Estonia has a defence attaché in the United Kingdom."
    et = ask(ActionAnswerAttache, "et", "ask_attache_country", "Soomes?", [("country", "Soomes")])
    assert sourced_body(et, "et") == "Jah, Eestil on kaitseatašee Soomes."
    et = ask(ActionAnswerAttache, "et", "ask_attache_country", "UK?", [("country", "uhendkuningriigis")])
    assert sourced_body(et, "et") == "Jah, Eestil on kaitseatašee Ühendkuningriigis."
    ru = ask(ActionAnswerAttache, "ru", "ask_attache_country", "а в финляндии?", [("country", "финляндии")])
    assert sourced_body(ru, "ru") == "Да. У Эстонии есть военный атташе в Финляндии."
    ru = ask(ActionAnswerAttache, "ru", "ask_attache_country", "атташе во францию?", [("country", "францию")])
    assert sourced_body(ru, "ru") == "Да. У Эстонии есть военный атташе во Франции."
    ru = ask(ActionAnswerAttache, "ru", "ask_attache_country", "сша?", [("country", "сша")])
    assert sourced_body(ru, "ru") == "Да. У Эстонии есть военный атташе в США."


ATTACHE_NO = [
    ("en", "Italy", "italy"),
    ("en", "Norway", "norway"),
    ("en", "Latvia", "latvia"),
    ("en", "the Czech Republic", "czech_republic"),
    ("et", "Itaalias", "italy"),
    ("et", "Norras", "norway"),
    ("et", "Lätis", "latvia"),
    ("et", "latis", "latvia"),
    ("ru", "италии", "italy"),
    ("ru", "норвегию", "norway"),
    ("ru", "латвии", "latvia"),
    ("ru", "Чехии", "czech_republic"),
    ("ru", "канадой", "canada"),
]


@pytest.mark.parametrize("language, typed, country_id", ATTACHE_NO)
def test_attache_country_no_names_it_and_lists_the_nine(language, typed, country_id, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", f"... {typed}?", [("country", typed)])
    body = sourced_body(texts, language)
    lines = body.split("\n")
    assert len(lines) == 2, body
    assert lines[0].startswith(NO[language]), body
    assert country_in(country_id, language) in lines[0]
    assert YES[language] not in body
    assert_lists_all_attache_countries(lines[1], language)
    assert country_in(country_id, language) not in lines[1]
    assert_language(texts[0], language)


def test_attache_country_no_literal_wording(ask):
    en = sourced_body(ask(ActionAnswerAttache, "en", "ask_attache_country", "Italy?", [("country", "Italy")]), "en")
    assert en.split("\n")[0] == "No. The source lists no Estonian defence attaché in Italy."
    et = sourced_body(ask(ActionAnswerAttache, "et", "ask_attache_country", "Lätis?", [("country", "Lätis")]), "et")
    assert et.split("\n")[0] == "Ei, allika järgi ei ole Eestil kaitseatašeed Lätis."
    ru = sourced_body(ask(ActionAnswerAttache, "ru", "ask_attache_country", "в италии?", [("country", "италии")]), "ru")
    assert ru.split("\n")[0] == "Нет. Согласно источнику, у Эстонии нет военного атташе в Италии."


@pytest.mark.parametrize(
    "language, entities, expected",
    [
        ("en", ["Finland", "Italy"], [("yes", "finland"), ("no", "italy")]),
        ("en", ["Norway", "the UK"], [("no", "norway"), ("yes", "united_kingdom")]),
        ("et", ["Soomes", "Norras"], [("yes", "finland"), ("no", "norway")]),
        ("et", ["Lätis", "USA-s"], [("no", "latvia"), ("yes", "united_states")]),
        ("ru", ["финляндии", "италии"], [("yes", "finland"), ("no", "italy")]),
        ("ru", ["латвии", "сша"], [("no", "latvia"), ("yes", "united_states")]),
    ],
)
def test_attache_two_countries_answered_one_by_one(language, entities, expected, ask):
    texts = ask(
        ActionAnswerAttache, language, "ask_attache_country", " ja ".join(entities), [("country", e) for e in entities]
    )
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 3, lines
    for line, (answer, country_id) in zip(lines, expected, strict=False):
        assert line.startswith(YES[language] if answer == "yes" else NO[language]), line
        assert country_in(country_id, language) in line
    assert_lists_all_attache_countries(lines[2], language)


@pytest.mark.parametrize(
    "language, text, entity, expected",
    [
        (
            "et",
            "Kas Soomes ja Rootsis?",
            "Soomes ja Rootsis",
            ["Jah, Eestil on kaitseatašee Soomes.", "Jah, Eestil on kaitseatašee Rootsis."],
        ),
        (
            "ru",
            "а в финляндии и швеции?",
            "финляндии и швеции",
            ["Да. У Эстонии есть военный атташе в Финляндии.", "Да. У Эстонии есть военный атташе в Швеции."],
        ),
    ],
)
def test_attache_two_yes_countries_in_one_entity_and_no_list(language, text, entity, expected, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", text, [("country", entity)])
    assert sourced_body(texts, language).split("\n") == expected


def test_attache_same_country_twice_answered_once(ask):
    texts = ask(
        ActionAnswerAttache,
        "en",
        "ask_attache_country",
        "Finland (Soomes)?",
        [("country", "Finland"), ("country", "Soomes")],
    )
    assert sourced_body(texts, "en") == "Yes. Estonia has a defence attaché in Finland."


@pytest.mark.parametrize(
    "language, typed, marker",
    [
        ("en", "Narnia", "don't recognise “Narnia”"),
        ("et", "Narnia", "ei tunne riiki „Narnia“"),
        ("ru", "Нарнии", "не знаю страны под названием «Нарнии»"),
    ],
)
def test_attache_unknown_country_answered_honestly(language, typed, marker, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", f"... {typed}?", [("country", typed)])
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 2, lines
    assert marker in lines[0]
    # Neither a yes nor a no about a country it does not know.
    assert not lines[0].startswith((YES[language], NO[language]))
    assert_lists_all_attache_countries(lines[1], language)
    assert_language(texts[0], language, typed=[typed])


@pytest.mark.parametrize(
    "language, text, entities, yes, unknown",
    [
        (
            "en",
            "Sweden or Narnia?",
            ["Sweden", "Narnia"],
            "Yes. Estonia has a defence attaché in Sweden.",
            "I don't recognise “Narnia” as a country.",
        ),
        (
            "ru",
            "в швеции или в нарнии?",
            ["швеции", "нарнии"],
            "Да. У Эстонии есть военный атташе в Швеции.",
            "Я не знаю страны под названием «нарнии».",
        ),
    ],
)
def test_attache_known_and_unknown_country_together(language, text, entities, yes, unknown, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", text, [("country", e) for e in entities])
    lines = sourced_body(texts, language).split("\n")
    assert lines[0] == yes
    assert lines[1] == unknown
    assert_lists_all_attache_countries(lines[2], language)


@pytest.mark.parametrize(
    "language, text, answer, country_id",
    [
        ("en", "Does Estonia have a defence attaché in Poland?", "yes", "poland"),
        ("en", "Is there an Estonian defence attaché in the US?", "yes", "united_states"),
        ("en", "Is there an Estonian attaché in Norway?", "no", "norway"),
        ("et", "Kas Eestil on kaitseatašee Soomes?", "yes", "finland"),
        ("et", "Kas Ühendkuningriigis on Eesti kaitseatašee?", "yes", "united_kingdom"),
        ("et", "Kas Itaalias on Eesti kaitseatašee?", "no", "italy"),
        ("ru", "Есть ли у Эстонии военный атташе в Польше?", "yes", "poland"),
        ("ru", "есть ли у эстонии атташе в финляндии", "yes", "finland"),
        ("ru", "эстонский атташе в сша есть?", "yes", "united_states"),
        ("ru", "есть ли военный атташе в великобритании", "yes", "united_kingdom"),
        ("ru", "у эстонии есть атташе по связям с германией?", "yes", "germany"),
        ("ru", "а во франции?", "yes", "france"),
        ("ru", "Есть ли у Эстонии атташе в Норвегии?", "no", "norway"),
        ("ru", "а в италии есть эстонский военный атташе?", "no", "italy"),
    ],
)
def test_attache_country_found_in_the_text_without_entity(language, text, answer, country_id, ask):
    lines = sourced_body(ask(ActionAnswerAttache, language, "ask_attache_country", text), language).split("\n")
    assert lines[0].startswith(YES[language] if answer == "yes" else NO[language]), lines
    assert country_in(country_id, language) in lines[0]
    assert len(lines) == (1 if answer == "yes" else 2)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Can you tell us if there is an attaché there?"),
        ("et", "Kas seal on Eesti kaitseatašee?"),
        ("ru", "А там есть военный атташе Эстонии?"),
    ],
)
def test_attache_country_without_any_country_lists_all(language, text, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", text)
    body = sourced_body(texts, language)
    assert "\n" not in body
    assert not body.startswith((YES[language], NO[language]))
    assert_lists_all_attache_countries(body, language)


@pytest.mark.parametrize("language", LANGS)
def test_attache_list(language, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_list", "Where does Estonia have defence attachés?")
    body = sourced_body(texts, language)
    assert_lists_all_attache_countries(body, language)
    assert_language(texts[0], language)


def test_attache_list_literal_wording_in_source_order(ask):
    en = sourced_body(ask(ActionAnswerAttache, "en", "ask_attache_list", "where?"), "en")
    assert en == (
        "Estonia has defence attachés in Finland, France, Georgia, Germany, Poland, Russia, "
        "Sweden, the United Kingdom and the United States of America."
    )
    et = sourced_body(ask(ActionAnswerAttache, "et", "ask_attache_list", "kus?"), "et")
    assert et == (
        "Eestil on kaitseatašeed Soomes, Prantsusmaal, Gruusias, Saksamaal, Poolas, Venemaal, "
        "Rootsis, Ühendkuningriigis ja Ameerika Ühendriikides."
    )
    ru = sourced_body(ask(ActionAnswerAttache, "ru", "ask_attache_list", "где?"), "ru")
    assert ru == (
        "У Эстонии есть военные атташе в Финляндии, во Франции, в Грузии, в Германии, в Польше, в России, "
        "в Швеции, в Великобритании и в США."
    )


@pytest.mark.parametrize(
    "language, says", [("en", "in nine countries"), ("et", "üheksas riigis"), ("ru", "в девяти странах")]
)
def test_attache_count(language, says, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_count", "How many defence attachés?")
    body = sourced_body(texts, language)
    assert says in body
    # The number comes before the list of countries: "nine countries" / "üheksas riigis" / "девяти странах"
    # (phrases.yml count_countries_in).
    assert f" {FACTS.count_countries_in(len(KNOWLEDGE.attache_country_ids), language)}: " in body
    assert_lists_all_attache_countries(body, language)
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, text, entity, north, south",
    [
        ("en", "Is there an attaché in North Korea?", "North Korea", "North Korea", "South Korea"),
        ("ru", "есть ли атташе в северной корее?", "северной корее", "в Северной Корее", "Южной Корее"),
    ],
)
def test_attache_north_korea_is_not_answered_as_south_korea(language, text, entity, north, south, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", text, [("country", entity)])
    assert north in texts[0]
    assert south not in texts[0]


@pytest.mark.parametrize(
    "language, text, entity, iran, iraq",
    [
        ("et", "Kas Eestil on kaitseatašee Iraanis?", "Iraanis", "Iraanis", "Iraagis"),
        ("ru", "есть ли у эстонии атташе в иране", "иране", "в Иране", "Ираке"),
    ],
)
def test_attache_iran_is_not_answered_as_iraq(language, text, entity, iran, iraq, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", text, [("country", entity)])
    assert iran in texts[0]
    assert iraq not in texts[0]


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "Does Estonia have a defence attaché in South America?"),
        ("ru", "Есть ли у Эстонии военный атташе в Южной Америке?"),
        ("ru", "есть ли атташе в латинской америке"),
    ],
)
def test_attache_south_america_in_text_is_not_a_yes(language, text, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", text)
    assert not texts[0].startswith(YES[language]), texts[0]


# ------------------------------------------------ where the knowledge ends


@pytest.mark.parametrize(
    "language, intent, text, entities",
    [
        ("en", "ask_attache_country", "Is there an attaché in Japan?", [("country", "Japan", "DIETClassifier")]),
        ("et", "ask_attache_country", "Kas Jaapanis on kaitseatašee?", [("country", "Jaapanis", "DIETClassifier")]),
        ("en", "ask_attache_country", "attaché in Narnia?", [("country", "Narnia", "DIETClassifier")]),
        ("ru", "ask_attache_country", "есть ли атташе в японии?", [("country", "японии", "DIETClassifier")]),
        ("ru", "ask_attache_country", "атташе в Нарнии?", [("country", "Нарнии", "DIETClassifier")]),
    ],
)
def test_a_fact_the_knowledge_does_not_hold_points_to_the_ministry(language, intent, text, entities, answer):
    action = ActionAnswerAttache()
    messages, _ = answer(action, language, intent, text, entities)
    body = text_of(messages).split("\n\n")[0]
    assert body.split("\n")[-1] == POINTER[language]


@pytest.mark.parametrize(
    "language, text, country",
    [
        ("en", "attaché in Finland?", "Finland"),
        ("et", "kaitseatašee Soomes?", "Soomes"),
        ("ru", "атташе в финляндии?", "финляндии"),
    ],
)
def test_a_plain_yes_has_no_pointer(language, text, country, answer):
    messages, _ = answer(
        ActionAnswerAttache(), language, "ask_attache_country", text, [("country", country, "DIETClassifier")]
    )
    assert POINTER[language] not in text_of(messages)
