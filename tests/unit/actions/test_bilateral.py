"""action_answer_bilateral (actions/bilateral.py): Estonia's bilateral defence relations,
with or without a country named.
"""

import pytest

from actions.bilateral import ActionAnswerBilateral
from tests.unit.actions.support import FACTS, LANGS, POINTER, REGIONS, assert_language, sourced_body, text_of


@pytest.mark.parametrize("language", LANGS)
def test_bilateral_without_country(language, ask):
    texts = ask(ActionAnswerBilateral, language, "ask_bilateral_relations", "How many partner countries?")
    body = sourced_body(texts, language)
    assert body == FACTS.answer("bilateral_relations", language)
    assert "35" in body
    assert REGIONS[language] in body
    assert_language(texts[0], language)


def test_bilateral_literal_wording(ask):
    en = sourced_body(ask(ActionAnswerBilateral, "en", "ask_bilateral_relations", "?"), "en")
    assert (
        en
        == "Estonia has bilateral defence relations with approximately 35 countries in Europe, North America and Asia."
    )
    et = sourced_body(ask(ActionAnswerBilateral, "et", "ask_bilateral_relations", "?"), "et")
    assert et == "Eestil on kahepoolsed kaitsesuhted ligikaudu 35 riigiga Euroopas, Põhja-Ameerikas ja Aasias."
    ru = sourced_body(ask(ActionAnswerBilateral, "ru", "ask_bilateral_relations", "?"), "ru")
    assert ru == (
        "Эстония поддерживает двусторонние оборонные отношения примерно с 35 странами в Европе, "
        "в Северной Америке и в Азии."
    )


@pytest.mark.parametrize(
    "language, typed, about, cannot",
    [
        ("en", "Italy", "Italy", "cannot confirm relations with Italy"),
        ("et", "Itaaliaga", "Itaalia", "ei saa ma Itaalia kohta"),
        ("ru", "италией", "с Италией", "не могу подтвердить, что у Эстонии есть оборонные отношения именно с Италией"),
        ("ru", "канадой", "с Канадой", "не могу подтвердить, что у Эстонии есть оборонные отношения именно с Канадой"),
    ],
)
def test_bilateral_with_a_country_without_attache(language, typed, about, cannot, ask):
    texts = ask(ActionAnswerBilateral, language, "ask_bilateral_relations", f"... {typed}?", [("country", typed)])
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 3, lines
    assert lines[0].startswith(FACTS.unstated_text("bilateral_relations", "countries", language))
    assert lines[1] == FACTS.answer("bilateral_relations", language)
    assert cannot in lines[2]
    assert about in lines[2]
    assert "attaché" not in lines[2] and "atašee" not in lines[2] and "атташе" not in lines[2]
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, typed, attache_line",
    [
        ("en", "Finland", "It does say that Estonia has a defence attaché in Finland."),
        ("en", "the US", "It does say that Estonia has a defence attaché in the United States of America."),
        ("et", "Soomega", "Küll aga on allika järgi Eestil kaitseatašee Soomes."),
        ("et", "Ühendkuningriigiga", "Küll aga on allika järgi Eestil kaitseatašee Ühendkuningriigis."),
        ("ru", "финляндией", "Однако в источнике сказано, что у Эстонии есть военный атташе в Финляндии."),
        ("ru", "швецией", "Однако в источнике сказано, что у Эстонии есть военный атташе в Швеции."),
        ("ru", "сша", "Однако в источнике сказано, что у Эстонии есть военный атташе в США."),
        ("ru", "великобританией", "Однако в источнике сказано, что у Эстонии есть военный атташе в Великобритании."),
    ],
)
def test_bilateral_with_an_attache_country_mentions_the_attache(language, typed, attache_line, ask):
    texts = ask(ActionAnswerBilateral, language, "ask_bilateral_relations", f"... {typed}?", [("country", typed)])
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 4, lines  # the page names no partner; its answer; so no confirmation; the attaché
    assert lines[0].startswith(FACTS.unstated_text("bilateral_relations", "countries", language))
    assert "35" in lines[1]
    assert lines[3] == attache_line
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, text, about, attache",
    [
        ("et", "Kas Eestil on kaitsesuhted Rootsiga?", "Rootsi kohta", "kaitseatašee Rootsis."),
        ("ru", "Есть ли у Эстонии оборонные отношения со Швецией?", "именно со Швецией", "военный атташе в Швеции."),
        (
            "ru",
            "сотрудничает ли эстония в сфере обороны с германией",
            "именно с Германией",
            "военный атташе в Германии.",
        ),
    ],
)
def test_bilateral_country_found_in_the_text(language, text, about, attache, ask):
    lines = sourced_body(ask(ActionAnswerBilateral, language, "ask_bilateral_relations", text), language).split("\n")
    assert len(lines) == 4
    assert about in lines[2]
    assert lines[3].endswith(attache)


# ------------------------------------------------ where the knowledge ends


@pytest.mark.parametrize(
    "language, intent, text, entities",
    [
        ("et", "ask_bilateral_relations", "kas kaitsesuhted Itaaliaga?", [("country", "Itaaliaga", "DIETClassifier")]),
        ("en", "ask_bilateral_relations", "relations with Finland?", [("country", "Finland", "DIETClassifier")]),
        ("ru", "ask_bilateral_relations", "отношения с италией?", [("country", "италией", "DIETClassifier")]),
        ("ru", "ask_bilateral_relations", "а с финляндией?", [("country", "финляндией", "DIETClassifier")]),
    ],
)
def test_a_fact_the_knowledge_does_not_hold_points_to_the_ministry(language, intent, text, entities, answer):
    action = ActionAnswerBilateral()
    messages, _ = answer(action, language, intent, text, entities)
    body = text_of(messages).split("\n\n")[0]
    assert body.split("\n")[-1] == POINTER[language]
