"""Russian lemmas and case forms (languages/ru/morphology.py, pymorphy3)."""

import pytest

from actions.knowledge import load_knowledge
from languages import REGISTRY
from languages.ru.morphology import russian


def test_russian_lemmas_are_pymorphy3s_normal_forms():
    assert russian().lemmas(["Финляндии", "атташе", "партнёрами", "стран", "военных"]) == [
        ("финляндия", "финляндия"),
        ("атташе", "атташе"),
        ("партнёр", "партнёр"),
        ("страна", "страна"),
        ("военный", "военный"),
    ]
    # A word typed with "е" for "ё" has the same lemma.
    assert russian().lemmas(["партнерами"]) == russian().lemmas(["партнёрами"])


def test_a_name_is_inflected_in_every_case():
    assert russian().forms_by_case("Финляндия") == {
        "nomn": "Финляндия",
        "gent": "Финляндии",
        "datv": "Финляндии",
        "accs": "Финляндию",
        "ablt": "Финляндией",
        "loct": "Финляндии",
    }
    korea = russian().forms_by_case("Южная Корея")
    assert (korea["gent"], korea["ablt"], korea["loct"]) == ("Южной Кореи", "Южной Кореей", "Южной Корее")
    usa = russian().forms_by_case("Соединённые Штаты")
    assert (usa["gent"], usa["loct"]) == ("Соединённых Штатов", "Соединённых Штатах")
    assert set(russian().forms_by_case("США").values()) == {"США"}  # an abbreviation does not decline


@pytest.mark.parametrize(
    "name, accusative",
    [
        ("Финляндия", "Финляндию"),
        ("Соединённые Штаты", "Соединённые Штаты"),  # inanimate: as the nominative
        ("Южная Корея", "Южную Корею"),
        ("Соединённое Королевство", "Соединённое Королевство"),
    ],
)
def test_the_accusative_of_a_name_keeps_its_adjectives_gender(name, accusative):
    """ "назначен ли атташе в Южную Корею": the adjective agrees with its noun."""
    assert russian().forms_by_case(name)["accs"] == accusative


def test_every_countrys_in_and_about_forms_are_case_forms_of_its_names():
    """knowledge.yml writes "в Финляндии" and "с Финляндией": without the preposition, each is a
    case of the name or of an alias, so what the file says and what pymorphy3 makes agree."""
    language = REGISTRY["ru"]
    for country in load_knowledge().countries.values():
        names = country.names["ru"]
        forms = {form for name in (names.name, *names.aliases) for form in russian().case_forms(name)}
        for written in (names.in_form, names.about):
            bare = language.without_preposition(written)
            assert bare != written, (country.id, written)  # it has its preposition
            assert bare in forms, (country.id, written, sorted(forms))


def test_plain_is_russian_as_usually_typed():
    assert russian().plain("Соединённые Штаты, Ёж") == "Соединенные Штаты, Еж"


@pytest.mark.parametrize(
    "word, common",
    [("страна", True), ("атташе", True), ("оборона", True), ("Финляндия", False), ("Нарния", False), ("NATO", False)],
)
def test_a_name_is_not_a_common_word(word, common):
    assert russian().is_common_word(word) is common
