"""Unit tests of actions/matching.py: how typed names are folded and matched.

Every expectation here is something a user would notice: a country typed in
another case, without diacritics (or with "е" for "ё"), with an Estonian case ending,
in a Russian case or with a typo must still be recognised, and ordinary words must not be taken for countries.
"""

import pytest

from actions.live import get_facts
from actions.matching import Matcher, edit_distance, typo_allowance
from actions.matching import match_key as fold


@pytest.fixture(scope="module")
def countries() -> Matcher:
    """The matcher the actions use for NLU entity values (all spellings, both languages)."""
    return get_facts().countries


@pytest.fixture(scope="module")
def in_text():
    """The per-language matchers the actions use to find countries in a whole sentence."""
    return get_facts().countries_in_text


# --------------------------------------------------------------------- fold


@pytest.mark.parametrize(
    "typed, key",
    [
        ("Finland", "finland"),
        ("FINLAND", "finland"),
        ("fInLaNd", "finland"),
        ("Ühendkuningriigis", "uhendkuningriigis"),
        ("uhendkuningriigis", "uhendkuningriigis"),
        ("ÜHENDKUNINGRIIGIS", "uhendkuningriigis"),
        ("Šveits", "sveits"),
        ("Aserbaidžaan", "aserbaidzaan"),
        ("Lõuna-Korea", "louna-korea"),
        ("Läti", "lati"),
        ("Türgi", "turgi"),
        ("Türkiye", "turkiye"),
        ("Ameerika Ühendriikides", "ameerika uhendriikides"),
        ("Соединённые Штаты", "соединенные штаты"),  # ё as е, as Russian is usually typed
        ("ФИНЛЯНДИИ", "финляндии"),
    ],
)
def test_fold_ignores_case_and_diacritics(typed, key):
    assert fold(typed) == key


@pytest.mark.parametrize(
    "typed, key",
    [
        ("U.K.", "uk"),
        ("U.S.A.", "usa"),
        ("Finland?", "finland"),
        ("“Soomes”!", "soomes"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Côte d'Ivoire", "cote divoire"),
        ("  United \t  Kingdom  ", "united kingdom"),
        ("USA-s", "usa-s"),  # the hyphen of an Estonian case ending is kept
        ("«Финляндии»!", "финляндии"),
    ],
)
def test_fold_drops_punctuation_and_collapses_spaces(typed, key):
    assert fold(typed) == key


@pytest.mark.parametrize(
    "typed, key",
    [
        ("the United Kingdom", "united kingdom"),
        ("The Netherlands", "netherlands"),
        ("THE   UK", "uk"),
        ("theatre", "theatre"),  # only the separate word "the" is dropped
        ("Netherlands the", "netherlands the"),  # only a leading "the"
    ],
)
def test_fold_drops_a_leading_the(typed, key):
    assert fold(typed) == key


def test_fold_makes_all_spellings_of_one_name_equal():
    spellings = ["Ühendkuningriigis", "uhendkuningriigis", "ÜHENDKUNINGRIIGIS", " ühendkuningriigis. "]
    assert len({fold(s) for s in spellings}) == 1


def test_fold_of_punctuation_only_is_empty():
    assert fold("?!…") == ""
    assert fold("   ") == ""


# ------------------------------------------------------------ edit_distance


@pytest.mark.parametrize(
    "a, b, distance",
    [
        ("sweden", "sweden", 0),
        ("sweden", "swedem", 1),  # substitution
        ("sweden", "sweeden", 1),  # insertion
        ("sweden", "swden", 1),  # deletion
        ("sweden", "swdeen", 1),  # transposition counts as one typo
        ("rootsis", "rootssis", 1),
        ("finland", "fniland", 1),
        ("sweden", "swxdxn", 2),
        ("", "abc", 3),
    ],
)
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b, 5) == distance
    assert edit_distance(b, a, 5) == distance


def test_edit_distance_gives_up_just_above_the_limit():
    # "finland" and "poland" are 3 apart; with a limit of 1 the answer is limit + 1.
    assert edit_distance("finland", "poland", 5) == 3
    assert edit_distance("finland", "poland", 1) == 2
    # Lengths differing by more than the limit give up at once.
    assert edit_distance("uk", "ühendkuningriik", 2) == 3


def test_typo_allowance_by_length():
    assert [typo_allowance("x" * n) for n in (1, 4, 5, 9, 10, 15)] == [0, 0, 1, 1, 2, 2]


# -------------------------------------------------------------- Matcher.match


@pytest.mark.parametrize(
    "typed, country_id",
    [
        ("Finland", "finland"),
        ("finland", "finland"),  # an id typed as such
        ("Soomes", "finland"),
        ("soomes", "finland"),
        ("SOOMES", "finland"),
        ("Saksamaale", "germany"),
        ("the UK", "united_kingdom"),
        ("U.K.", "united_kingdom"),
        ("uhendkuningriigis", "united_kingdom"),
        ("America", "united_states"),
        ("USA-s", "united_states"),
        ("Sakartvelo", "georgia"),
        ("Itaalias", "italy"),
        ("Tšehhis", "czech_republic"),
        ("tsehhis", "czech_republic"),
        ("Island", "iceland"),  # Estonian for Iceland: fine for a typed entity value
        ("Финляндии", "finland"),
        ("финляндию", "finland"),
        ("Суоми", "finland"),
        ("ФРГ", "germany"),
        ("соединенные штаты", "united_states"),
        ("Англии", "united_kingdom"),
        ("Великобританией", "united_kingdom"),
        ("РФ", "russia"),
        ("Москве", "russia"),  # a capital, in the prepositional
        ("Сакартвело", "georgia"),
        ("чехии", "czech_republic"),
        ("Голландии", "netherlands"),
        ("Финлядии", "finland"),  # one typo
    ],
)
def test_match_exact_spellings_of_the_knowledge_file(countries, typed, country_id):
    assert countries.match(typed) == country_id


def test_match_unknown_or_empty_is_none(countries):
    assert countries.match("Narnia") is None
    assert countries.match("Atlantis") is None
    assert countries.match("") is None
    assert countries.match("?!") is None


def test_match_acronym_with_an_estonian_case_ending():
    matcher = Matcher([("USA", "united_states"), ("NATO", "nato"), ("EL", "eu")])
    assert matcher.match("USA-ga") == "united_states"
    assert matcher.match("usa-lt") == "united_states"
    assert matcher.match("NATO-s") == "nato"
    assert matcher.match("NATO-sse") == "nato"
    assert matcher.match("EL-i") == "eu"
    # Only after a hyphen, and only a short ending.
    assert matcher.match("NATOs") is None
    assert matcher.match("NATO-ga-ga") is None


def test_match_acronym_case_ending_on_the_real_countries(countries):
    # Neither ending is a listed spelling: the acronym rule finds them.
    assert countries.match("USA-tele") == "united_states"
    assert countries.match("UK-na") == "united_kingdom"


def test_match_allows_one_typo_in_words_of_five_to_nine_letters():
    matcher = Matcher([("Sweden", "sweden"), ("Rootsis", "sweden"), ("Saksamaale", "germany")])
    assert matcher.match("Swedem") == "sweden"  # 6 letters, 1 typo
    assert matcher.match("Rootssis") == "sweden"  # 8 letters, 1 typo
    assert matcher.match("Swxdxn") is None  # 6 letters, 2 typos


def test_match_allows_no_typo_below_five_letters():
    matcher = Matcher([("Iraq", "iraq"), ("Peru", "peru"), ("Oman", "oman")])
    assert matcher.match("Iraq") == "iraq"
    assert matcher.match("Irak") is None  # 4 letters: one typo is already too many
    assert matcher.match("Pero") is None
    # A typed word of 5+ letters is not matched to a spelling below 5 letters either.
    assert matcher.match("Omann") is None


def test_match_allows_two_typos_from_ten_letters():
    matcher = Matcher([("Ühendkuningriigis", "united_kingdom"), ("Afghanistan", "afghanistan")])
    assert matcher.match("uhendkuningrigis") == "united_kingdom"  # 1 typo
    assert matcher.match("uhendkuningrgis") == "united_kingdom"  # 2 typos
    assert matcher.match("uhendkunngrgis") is None  # 3 typos
    assert matcher.match("Afganistn") is None  # 9 letters typed: only 1 typo allowed, this has 2
    assert matcher.match("Afghanistn") == "afghanistan"


def test_match_prefers_the_closest_spelling():
    matcher = Matcher([("Austria", "austria"), ("Australia", "australia")])
    assert matcher.match("Austrai") == "austria"
    assert matcher.match("Australa") == "australia"


def test_match_without_typos_only_takes_exact_spellings(countries):
    assert countries.match("Rootssis") == "sweden"
    assert countries.match("Rootssis", typos=False) is None
    assert countries.match("Rootsis", typos=False) == "sweden"


# ---------------------------------------------------------- Matcher.match_all


@pytest.mark.parametrize(
    "typed, ids",
    [
        ("Soomes ja Rootsis", ["finland", "sweden"]),
        ("latvia or lithuania", ["latvia", "lithuania"]),
        ("Finland, Sweden and Norway", ["finland", "sweden", "norway"]),
        ("Lätis või Leedus", ["latvia", "lithuania"]),
        ("Poola ning Saksamaa", ["poland", "germany"]),
        ("France / Germany", ["france", "germany"]),
        ("Finland; Soomes", ["finland"]),  # one country named twice counts once
        ("the United States of America", ["united_states"]),  # the whole name, not split
        ("Soomes", ["finland"]),
        ("финляндии и швеции", ["finland", "sweden"]),
        ("латвии или литве", ["latvia", "lithuania"]),
        ("Польша, Германия и Франция", ["poland", "germany", "france"]),
    ],
)
def test_match_all_splits_lists_of_countries(countries, typed, ids):
    assert countries.match_all(typed) == ids


def test_match_all_keeps_only_the_names_it_knows(countries):
    assert countries.match_all("Finland and Narnia") == ["finland"]
    assert countries.match_all("Narnia") == []


# -------------------------------------------------------------- Matcher.scan


def test_scan_lowercase_us_is_not_the_usa(in_text):
    assert in_text["en"].scan("Can you tell us where Estonia has attachés?") == []
    assert in_text["en"].scan("Could you help us with Italy?") == ["italy"]


def test_scan_capital_us_is_the_usa(in_text):
    assert in_text["en"].scan("Is there an Estonian attaché in the US?") == ["united_states"]
    assert in_text["en"].scan("What about the UK?") == ["united_kingdom"]


def test_scan_island_is_not_iceland_in_english(in_text):
    assert in_text["en"].scan("Is there an attaché on that island?") == []
    assert in_text["en"].scan("Is there an attaché in Island?") == []
    # ...but it is Iceland in Estonian.
    assert in_text["et"].scan("Kas Eestil on kaitseatašee Islandil?") == ["iceland"]
    assert in_text["et"].scan("Aga Island?") == ["iceland"]


def test_scan_finds_countries_in_order_without_repeats(in_text):
    assert in_text["en"].scan("Does Estonia have attachés in Poland, Norway and Poland?") == ["poland", "norway"]
    assert in_text["et"].scan("Kas Soomes ja Rootsis on Eesti kaitseatašee?") == ["finland", "sweden"]
    assert in_text["ru"].scan("Есть ли у Эстонии атташе в Польше, Норвегии и Польше?") == ["poland", "norway"]


def test_scan_prefers_the_longest_multi_word_name(in_text):
    assert in_text["en"].scan("Is there one in the United Kingdom?") == ["united_kingdom"]
    assert in_text["en"].scan("and in South Korea?") == ["south_korea"]
    assert in_text["et"].scan("Kas Ameerika Ühendriikides on?") == ["united_states"]
    assert in_text["et"].scan("Kas USA-s on?") == ["united_states"]
    assert in_text["ru"].scan("а в Соединенных Штатах?") == ["united_states"]
    assert in_text["ru"].scan("а в Южной Корее?") == ["south_korea"]
    assert in_text["ru"].scan("а в Северной Корее?") == ["north_korea"]


def test_scan_uses_only_the_conversation_language(in_text):
    assert in_text["en"].scan("Kas Soomes on?") == []
    assert in_text["et"].scan("Is there an attaché in Finland?") == []
    assert in_text["ru"].scan("Is there an attaché in Finland?") == []
    assert in_text["en"].scan("Есть ли атташе в Финляндии?") == []
    assert in_text["ru"].scan("Есть ли атташе в Финляндии?") == ["finland"]


def test_scan_takes_no_typos(in_text):
    assert in_text["en"].scan("Is there an attaché in Finlnd?") == []
    assert in_text["en"].scan("Is there an attaché in Finland?") == ["finland"]


def test_a_mistyped_name_is_found_only_when_asked_for():
    matcher = get_facts().countries_in_text["et"]
    assert matcher.scan("kas eestil on kaitseatašee Somoes") == []
    assert matcher.scan("kas eestil on kaitseatašee Somoes", typos=True) == ["finland"]
    assert matcher.scan("kas eestil on kaitseatašee", typos=True) == []
    russian = get_facts().countries_in_text["ru"]
    assert russian.scan("есть ли атташе в финлядии") == []
    assert russian.scan("есть ли атташе в финлядии", typos=True) == ["finland"]
