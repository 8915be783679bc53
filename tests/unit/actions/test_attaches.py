"""action_answer_attache (actions/attaches.py): is there an Estonian defence attaché in a
country, where are they, how many; in English and Estonian, with real rasa_sdk objects.
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


ATTACHE_NO = [
    ("en", "Italy", "italy"),
    ("en", "Norway", "norway"),
    ("en", "Latvia", "latvia"),
    ("en", "the Czech Republic", "czech_republic"),
    ("et", "Itaalias", "italy"),
    ("et", "Norras", "norway"),
    ("et", "Lätis", "latvia"),
    ("et", "latis", "latvia"),
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


@pytest.mark.parametrize(
    "language, entities, expected",
    [
        ("en", ["Finland", "Italy"], [("yes", "finland"), ("no", "italy")]),
        ("en", ["Norway", "the UK"], [("no", "norway"), ("yes", "united_kingdom")]),
        ("et", ["Soomes", "Norras"], [("yes", "finland"), ("no", "norway")]),
        ("et", ["Lätis", "USA-s"], [("no", "latvia"), ("yes", "united_states")]),
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


def test_attache_two_yes_countries_in_one_entity_and_no_list(ask):
    texts = ask(
        ActionAnswerAttache, "et", "ask_attache_country", "Kas Soomes ja Rootsis?", [("country", "Soomes ja Rootsis")]
    )
    lines = sourced_body(texts, "et").split("\n")
    assert lines == ["Jah, Eestil on kaitseatašee Soomes.", "Jah, Eestil on kaitseatašee Rootsis."]


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
    "language, marker",
    [("en", "don't recognise “Narnia”"), ("et", "ei tunne riiki „Narnia“")],
)
def test_attache_unknown_country_answered_honestly(language, marker, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", "... Narnia?", [("country", "Narnia")])
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 2, lines
    assert marker in lines[0]
    # Neither a yes nor a no about a country it does not know.
    assert not lines[0].startswith((YES[language], NO[language]))
    assert_lists_all_attache_countries(lines[1], language)
    assert_language(texts[0], language, typed=["Narnia"])


def test_attache_known_and_unknown_country_together(ask):
    texts = ask(
        ActionAnswerAttache,
        "en",
        "ask_attache_country",
        "Sweden or Narnia?",
        [("country", "Sweden"), ("country", "Narnia")],
    )
    lines = sourced_body(texts, "en").split("\n")
    assert lines[0] == "Yes. Estonia has a defence attaché in Sweden."
    assert "Narnia" in lines[1] and "recognise" in lines[1]
    assert_lists_all_attache_countries(lines[2], "en")


@pytest.mark.parametrize(
    "language, text, answer, country_id",
    [
        ("en", "Does Estonia have a defence attaché in Poland?", "yes", "poland"),
        ("en", "Is there an Estonian defence attaché in the US?", "yes", "united_states"),
        ("en", "Is there an Estonian attaché in Norway?", "no", "norway"),
        ("et", "Kas Eestil on kaitseatašee Soomes?", "yes", "finland"),
        ("et", "Kas Ühendkuningriigis on Eesti kaitseatašee?", "yes", "united_kingdom"),
        ("et", "Kas Itaalias on Eesti kaitseatašee?", "no", "italy"),
    ],
)
def test_attache_country_found_in_the_text_without_entity(language, text, answer, country_id, ask):
    lines = sourced_body(ask(ActionAnswerAttache, language, "ask_attache_country", text), language).split("\n")
    assert lines[0].startswith(YES[language] if answer == "yes" else NO[language]), lines
    assert country_in(country_id, language) in lines[0]
    assert len(lines) == (1 if answer == "yes" else 2)


@pytest.mark.parametrize(
    "language, text",
    [("en", "Can you tell us if there is an attaché there?"), ("et", "Kas seal on Eesti kaitseatašee?")],
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


@pytest.mark.parametrize("language, says", [("en", "in nine countries"), ("et", "üheksas riigis")])
def test_attache_count(language, says, ask):
    texts = ask(ActionAnswerAttache, language, "ask_attache_count", "How many defence attachés?")
    body = sourced_body(texts, language)
    assert says in body
    # The number follows the list of countries: "nine countries" / "üheksas riigis" (phrases.yml count_countries_in).
    assert f" {FACTS.count_countries_in(len(KNOWLEDGE.attache_country_ids), language)}: " in body
    assert_lists_all_attache_countries(body, language)
    assert_language(texts[0], language)


def test_attache_north_korea_is_not_answered_as_south_korea(ask):
    texts = ask(
        ActionAnswerAttache,
        "en",
        "ask_attache_country",
        "Is there an attaché in North Korea?",
        [("country", "North Korea")],
    )
    assert "South Korea" not in texts[0]


def test_attache_iran_in_estonian_is_not_answered_as_iraq(ask):
    texts = ask(
        ActionAnswerAttache,
        "et",
        "ask_attache_country",
        "Kas Eestil on kaitseatašee Iraanis?",
        [("country", "Iraanis")],
    )
    assert "Iraagis" not in texts[0]


def test_attache_south_america_in_text_is_not_a_yes(ask):
    texts = ask(
        ActionAnswerAttache, "en", "ask_attache_country", "Does Estonia have a defence attaché in South America?"
    )
    assert not texts[0].startswith("Yes")


# ------------------------------------------------ where the knowledge ends


@pytest.mark.parametrize(
    "language, intent, text, entities",
    [
        ("en", "ask_attache_country", "Is there an attaché in Japan?", [("country", "Japan", "DIETClassifier")]),
        ("et", "ask_attache_country", "Kas Jaapanis on kaitseatašee?", [("country", "Jaapanis", "DIETClassifier")]),
        ("en", "ask_attache_country", "attaché in Narnia?", [("country", "Narnia", "DIETClassifier")]),
    ],
)
def test_a_fact_the_knowledge_does_not_hold_points_to_the_ministry(language, intent, text, entities, answer):
    action = ActionAnswerAttache()
    messages, _ = answer(action, language, intent, text, entities)
    body = text_of(messages).split("\n\n")[0]
    assert body.split("\n")[-1] == POINTER[language]


@pytest.mark.parametrize(
    "language, text, country", [("en", "attaché in Finland?", "Finland"), ("et", "kaitseatašee Soomes?", "Soomes")]
)
def test_a_plain_yes_has_no_pointer(language, text, country, answer):
    messages, _ = answer(
        ActionAnswerAttache(), language, "ask_attache_country", text, [("country", country, "DIETClassifier")]
    )
    assert POINTER[language] not in text_of(messages)
