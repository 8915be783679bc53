"""Unit tests of actions/names.py: which tagged words may be reported as "not recognised".

A user told "I don't recognise “the” as a country" or "The source does not list
“and” among the spheres" is misled: the table below lists words of every
language that must never be reported, whatever the NLU tagged, and names that
must still be reported when the NLU is sure or they are capitalised.
"""

import pytest

from actions.live import get_facts

NEVER_REPORTED = {
    "en": [
        "the",
        "The",
        "and",
        "their",
        "its",
        "it",
        "they",
        "which",
        "what",
        "our",
        "North",
        "north",
        "North America",
        "Asia",
        "Europe",
        "South",
        "countries",
        "defence",
        "policy",
        "positions",
        "partners",
        "strategic",
        "coordinate",
        "Estonia",
        "estonia",
        "do",
        "Africa",
        "Middle East",
        "Scandinavia",
        "Asian",
    ],
    "et": [
        "ja",
        "nende",
        "oma",
        "kes",
        "mis",
        "Aasia",
        "Aasias",
        "Euroopa",
        "Euroopas",
        "Põhja-Ameerika",
        "Põhja-Ameerikas",
        "põhja",
        "kaitsehangetes",
        "relvahankeid",
        "partneritega",
        "seisukohti",
        "kaitsepoliitilisi",
        "riikidega",
        "Eesti",
        "eesti",
        "koostööd",
        "teeb",
        "Aafrikas",
        "Lähis-Idas",
        "Lõuna-Ameerikas",
        "Kaukaasias",
    ],
    "ru": [
        "и",
        "или",
        "в",
        "с",
        "их",
        "свои",
        "который",
        "что",
        "какие",
        "где",
        "Азия",
        "в Азии",
        "Европе",
        "Северная Америка",
        "Северной Америке",
        "Южной",
        "страны",
        "странами",
        "оборонной",
        "политики",
        "позиции",
        "партнёрами",
        "партнерами",
        "стратегическими",
        "координируют",
        "закупках",
        "вооружений",
        "сотрудничество",
        "Эстония",
        "эстонии",
        "Африка",
        "Ближнем Востоке",
        "Скандинавии",
        "Кавказе",
        "Прибалтика",
    ],
}
REPORTED = {
    "en": ["Narnia", "Wakanda", "Atlantis", "cyber defence"],
    "et": ["Narnias", "Wakandas", "Atlantisega"],
    "ru": ["Нарния", "Нарнии", "Ваканде", "Атлантидой", "кибероборона"],
}


@pytest.mark.parametrize("language, word", [(lang, w) for lang, words in NEVER_REPORTED.items() for w in words])
def test_ordinary_words_are_never_reported(language, word):
    assert not get_facts().name_filters[language].reportable(word, confidence=1.0)


@pytest.mark.parametrize("language, word", [(lang, w) for lang, words in REPORTED.items() for w in words])
def test_unknown_names_are_reported_when_the_nlu_is_sure(language, word):
    assert get_facts().name_filters[language].reportable(word, confidence=0.95)


@pytest.mark.parametrize("language, name", [("en", "Narnia"), ("ru", "Нарнии")])
def test_an_unsure_tag_is_reported_only_when_capitalised(language, name):
    names = get_facts().name_filters[language]
    assert names.reportable(name, confidence=0.3)
    assert not names.reportable(name.lower(), confidence=0.3)


def test_an_unlisted_sphere_needs_less_confidence_than_a_country():
    names = get_facts().name_filters["en"]
    assert names.reportable("cyber defence", confidence=0.45, country=False)
    assert not names.reportable("cyber defence", confidence=0.2, country=False)
    assert not names.reportable("and their", confidence=0.99, country=False)


@pytest.mark.parametrize(
    "language, tagged, text",
    [
        ("en", ["the"], "does estonia have a defence attache in the usa"),
        ("en", ["North"], "Does Estonia have defence ties with countries in North America?"),
        ("et", ["Aasia"], "Kas Eestil on kaitsesuhteid Aasia riikidega?"),
        ("ru", ["в"], "есть ли у эстонии военный атташе в сша"),
        ("ru", ["Азии"], "Есть ли у Эстонии оборонные отношения со странами Азии?"),
        ("ru", ["Северной"], "Есть ли у Эстонии оборонные связи со странами Северной Америки?"),
    ],
)
def test_resolving_countries_reports_no_ordinary_word(language, tagged, text):
    _, unknown = get_facts().resolve_countries([(t, 0.99) for t in tagged], text, language)
    assert unknown == []


@pytest.mark.parametrize(
    "language, tagged, text",
    [
        ("en", "the", "is there an attaché in the usa"),
        ("ru", "в", "есть ли атташе в сша"),
        ("ru", "с", "а что с сша?"),
    ],
)
def test_resolving_countries_still_finds_the_country_next_to_an_ordinary_word(language, tagged, text):
    countries, unknown = get_facts().resolve_countries([(tagged, 0.99)], text, language)
    assert [c.id for c in countries] == ["united_states"] and unknown == []


@pytest.mark.parametrize(
    "language, text, sphere",
    [
        ("et", "Kas Eesti teeb partneritega koostööd kaitsehangetes?", "procurement"),
        ("et", "kas relvahanked on koostöövaldkond", "procurement"),
        ("et", "kas tehakse koostööd ka väljaõppes", "training"),
        ("et", "kuidas on lood sõjalise hariduse vallas", "military_education"),
        ("et", "Kas Eesti koordineerib partneritega kaitsepoliitilisi seisukohti?", "defence_policy_coordination"),
        (
            "en",
            "Do Estonia and its strategic partners coordinate their defence policy positions?",
            "defence_policy_coordination",
        ),
        ("en", "do they work together on policy positions", "defence_policy_coordination"),
        ("en", "does the cooperation include buying equipment", "procurement"),
        ("en", "is training one of the spheres", "training"),
        ("ru", "Сотрудничает ли Эстония с партнёрами в сфере закупок?", "procurement"),
        ("ru", "являются ли закупки вооружений направлением сотрудничества", "procurement"),
        ("ru", "сотрудничают ли в подготовке", "training"),
        ("ru", "совместные учения с партнерами есть?", "training"),
        ("ru", "как обстоят дела с военным образованием", "military_education"),
        ("ru", "Координирует ли Эстония с партнёрами позиции в оборонной политике?", "defence_policy_coordination"),
    ],
)
def test_spheres_are_found_by_lemma_and_compound_part(language, text, sphere):
    found, unknown = get_facts().resolve_spheres([], text, language)
    assert sphere in found and unknown == []


@pytest.mark.parametrize(
    "language, tagged, text",
    [
        ("en", ["and", "their"], "Do Estonia and its strategic partners coordinate their defence policy positions?"),
        ("et", ["kaitsehangetes"], "Kas Eesti teeb partneritega koostööd kaitsehangetes?"),
        (
            "ru",
            ["и", "свои"],
            "Координируют ли Эстония и её стратегические партнёры свои позиции в оборонной политике?",
        ),
        ("ru", ["закупок"], "Сотрудничает ли Эстония с партнёрами в сфере закупок?"),
    ],
)
def test_resolving_spheres_reports_no_ordinary_word(language, tagged, text):
    found, unknown = get_facts().resolve_spheres([(t, 0.99) for t in tagged], text, language)
    assert found and unknown == []


@pytest.mark.parametrize(
    "language, sphere, text",
    [
        ("en", "cyber defence", "is cyber defence part of the cooperation"),
        ("ru", "кибероборона", "входит ли кибероборона в сотрудничество"),
    ],
)
def test_an_unlisted_sphere_is_still_reported(language, sphere, text):
    found, unknown = get_facts().resolve_spheres([(sphere, 0.97)], text, language)
    assert found == [] and unknown == [sphere]


@pytest.mark.parametrize(
    "language, span, text",
    [
        ("en", "cyber training", "is cyber training part of it"),
        ("ru", "кибер подготовка", "входит ли кибер подготовка в сотрудничество"),
    ],
)
def test_a_sphere_inside_an_unlisted_span_is_not_a_yes(language, span, text):
    found, unknown = get_facts().resolve_spheres([(span, 0.9)], text, language)
    assert found == [] and unknown == [span]


def test_unsure_tags_beside_a_listed_sphere_are_noise():
    found, unknown = get_facts().resolve_spheres(
        [("military equipment", 0.57), ("jointly", 0.61)],
        "Does Estonia buy military equipment jointly with Norway?",
        "en",
    )
    assert found == ["procurement"] and unknown == []


@pytest.mark.parametrize(
    "language, tagged, text",
    [
        ("ru", "совместные", "а совместные операции входят в сферы сотрудничества?"),
        ("en", "joint", "do the partners run joint operations together"),
        ("ru", "совместные", "проводят ли партнёры совместные учения?"),
    ],
)
def test_a_tag_that_is_part_of_a_listed_spheres_name_is_not_an_unlisted_sphere(language, tagged, text):
    """The NLU sometimes tags a listed sphere's name in two ("совместные" + "операции")."""
    found, unknown = get_facts().resolve_spheres([(tagged, 0.98)], text, language)
    assert found and unknown == []


def test_a_tag_beside_a_listed_sphere_but_not_in_its_name_is_still_reported():
    found, unknown = get_facts().resolve_spheres([("cyber", 0.98)], "do the partners run cyber operations", "en")
    assert found == ["operations"] and unknown == ["cyber"]
