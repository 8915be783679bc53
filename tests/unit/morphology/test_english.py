"""English lemmas (morphology/english.py)."""

from morphology.english import EnglishLemmatizer


def test_english_lemmas():
    assert EnglishLemmatizer().lemmas(["attachés", "countries", "relations", "Sweden"]) == [
        "attaché",
        "country",
        "relation",
        "Sweden",
    ]
