"""Estonian lemmas, compounds and case forms (morphology/estonian.py, Vabamorf), with and without
the lexicon of the built pipeline (the `lexicon` fixture, conftest.py)."""

import pytest

from actions.knowledge import load_knowledge
from actions.matching import match_key as fold
from morphology.estonian import estonian


@pytest.mark.parametrize(
    "word, lemma",
    [
        ("Soomest", "Soome"),
        ("Ühendkuningriigis", "ühendkuningriik"),
        ("USA-s", "USA"),
        ("NATO-ga", "NATO"),
        ("kaitseatašeesid", "kaitseatašee"),
        ("relvastuskontrolli", "relvastuskontroll"),
        ("vaatluslendudest", "vaatluslend"),
    ],
)
def test_estonian_lemmas(word, lemma):
    assert estonian().lemmas([word]) == [lemma]


@pytest.mark.parametrize(
    "word, lemma",
    [
        ("rootsis", "Rootsi"),
        ("poolas", "Poola"),
        ("nato-s", "NATO"),
        ("kaitseatasee", "kaitseatašee"),
        ("kaitseataseedest", "kaitseatašee"),
        ("uhendkuningriigis", "ühendkuningriik"),
        ("kaitsekoostoo", "kaitsekoostöö"),
        ("vaatluslennud", "vaatluslend"),
        ("tootab", "töötama"),
        ("aitah", "aitäh"),
    ],
)
def test_words_typed_without_capitals_or_diacritics_get_the_lemma_of_the_word_meant(lexicon, word, lemma):
    assert estonian().lemmas([word], lexicon) == [lemma]


@pytest.mark.parametrize(
    "word, analysis",
    [
        ("kaitseatašeedest", ("kaitseatašee", ("kaitse", "atašee"))),
        ("välisoperatsioonides", ("välisoperatsioon", ("välis", "operatsioon"))),
        ("kaitsekontaktid", ("kaitsekontakt", ("kaitse", "kontakt"))),  # a compound the training data lacks
        ("Soomes", ("Soome", ())),
    ],
)
def test_a_compound_comes_with_its_parts(word, analysis):
    assert estonian().analyse([word]) == [analysis]


def test_a_compound_typed_without_diacritics_still_gets_its_parts(lexicon):
    assert estonian().analyse(["kaitseataseedega"], lexicon) == [("kaitseatašee", ("kaitse", "atašee"))]


def test_a_word_vabamorf_does_not_know_keeps_its_form(lexicon):
    assert estonian().lemmas(["xqzrt", "Narniasse", "operatsoonides"], lexicon) == [
        "xqzrt",
        "Narniasse",
        "operatsoonides",
    ]


def test_case_forms_are_synthesised_for_simple_and_compound_names():
    soome = estonian().forms_by_case("Soome")
    assert soome["in"] == ["Soomes"] and soome["el"] == ["Soomest"] and soome["kom"] == ["Soomega"]
    assert soome["ter"] == ["Soomeni"] and soome["p"] == ["Soomet"]
    usa = estonian().forms_by_case("Ameerika Ühendriigid")
    assert usa["in"] == ["Ameerika Ühendriikides"] and usa["kom"] == ["Ameerika Ühendriikidega"]
    assert estonian().forms_by_case("Põhja-Korea")["in"] == ["Põhja-Koreas"]
    assert estonian().forms_by_case("Ühendkuningriik")["in"] == ["Ühendkuningriigis"]


def test_every_country_is_known_in_at_least_ten_case_forms():
    for country in load_knowledge().countries.values():
        forms = {fold(f) for f in estonian().case_forms(country.name["et"])} | {fold(a) for a in country.aliases["et"]}
        assert len(forms) >= 10, (country.id, sorted(forms))
        assert fold(country.names["et"].in_form) in forms and fold(country.names["et"].about) in forms
