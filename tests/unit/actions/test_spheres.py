"""action_answer_spheres (actions/spheres.py): the spheres of cooperation with strategic partners."""

import pytest

from actions.spheres import ActionAnswerSpheres
from tests.unit.actions.support import FACTS, KNOWLEDGE, LANGS, assert_language, sourced_body

SPHERES_LITERAL = {
    "en": [
        "active coordination of defence policy positions",
        "operations",
        "training",
        "military education",
        "procurement",
    ],
    "et": [
        "kaitsepoliitiliste seisukohtade aktiivne koordineerimine",
        "operatsioonid",
        "väljaõpe",
        "sõjaline haridus",
        "hanked",
    ],
    "ru": [
        "активная координация позиций в оборонной политике",
        "операции",
        "подготовка",
        "военное образование",
        "закупки",
    ],
}


@pytest.mark.parametrize("language", LANGS)
def test_spheres_list(language, ask):
    texts = ask(ActionAnswerSpheres, language, "ask_cooperation_spheres", "Which spheres?")
    body = sourced_body(texts, language)
    assert body == FACTS.answer("cooperation_spheres", language)
    for sphere in KNOWLEDGE.spheres:
        assert sphere.name[language] in body
    for name in SPHERES_LITERAL[language]:
        assert name in body
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, typed, sphere_name",
    [
        ("en", "training", "training"),
        ("en", "Procurement", "procurement"),
        ("en", "military education", "military education"),
        ("et", "väljaõpe", "väljaõpe"),
        ("et", "valjaope", "väljaõpe"),
        ("et", "hangetes", "hanked"),
        ("en", "trainig", "training"),  # one typo
        ("et", "hangetse", "hanked"),  # one typo
        ("ru", "подготовке", "подготовка"),
        ("ru", "обучение", "подготовка"),
        ("ru", "учения", "подготовка"),
        ("ru", "закупках", "закупки"),
        ("ru", "закупки вооружений", "закупки"),
        ("ru", "военное образование", "военное образование"),
        ("ru", "закупкй", "закупки"),  # one typo
    ],
)
def test_sphere_yes(language, typed, sphere_name, ask):
    texts = ask(ActionAnswerSpheres, language, "ask_cooperation_spheres", f"... {typed}?", [("sphere", typed)])
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 2, lines
    assert lines[0].startswith({"en": "Yes,", "et": "Jah,", "ru": "Да,"}[language]), lines[0]
    assert sphere_name in lines[0]
    assert lines[1] == FACTS.answer("cooperation_spheres", language)
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, typed, says",
    [
        ("en", "cyber defence", "does not list “cyber defence”"),
        ("et", "küberkaitse", "„küberkaitse“ ei ole allikas"),
        ("ru", "киберзащита", "источник не называет «киберзащита»"),
    ],
)
def test_sphere_unknown_is_an_honest_no_with_the_list(language, typed, says, ask):
    texts = ask(ActionAnswerSpheres, language, "ask_cooperation_spheres", f"... {typed}?", [("sphere", typed)])
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 2, lines
    assert says in lines[0]
    assert not lines[0].startswith(("Yes", "Jah", "Да"))
    for name in SPHERES_LITERAL[language]:
        assert name in lines[1]
    assert_language(texts[0], language, typed=[typed])


@pytest.mark.parametrize(
    "language, text, entity, says, not_listed",
    [
        (
            "en",
            "Training and procurement?",
            "training and procurement",
            "include training and procurement.",
            "does not list",
        ),
        (
            "ru",
            "а подготовка и закупки?",
            "подготовка и закупки",
            "Да, среди направлений сотрудничества со стратегическими партнёрами есть подготовка и закупки.",
            "не называет",
        ),
    ],
)
def test_sphere_two_spheres_in_one_entity(language, text, entity, says, not_listed, ask):
    texts = ask(ActionAnswerSpheres, language, "ask_cooperation_spheres", text, [("sphere", entity)])
    body = sourced_body(texts, language)
    assert not_listed not in body
    assert says in body
