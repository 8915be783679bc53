"""Every user-facing text exists in every language the assistant speaks; the Estonian
is spelled correctly (Vabamorf's speller), the Russian too (every word known to
pymorphy3, or a listed name or acronym), and both use the standard terms and quotes."""

import re
from pathlib import Path

import pytest
import yaml

from actions.knowledge import load_knowledge
from actions.phrasing import Phrases
from languages import DEFAULT_LANGUAGE, LANGUAGES

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
KNOWLEDGE = load_knowledge()
PHRASES = Phrases()
# Abbreviations and the first half of hyphenated pairs ("välis- ja julgeolekupoliitika").
ESTONIAN_ALLOWED = {"NATO", "OSCE", "ÜVJP", "EJKP", "EL", "kaitseministeerium", "ee", "välis", "majandus", "julgeoleku"}
ESTONIAN_ONLY_LETTERS = re.compile(r"[õäöüšž]", re.IGNORECASE)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Names and acronyms pymorphy3 does not know, and the first half of hyphenated pairs.
RUSSIAN_ALLOWED = {"ОВПБ", "ЕПБО", "ОБСЕ", "НАТО", "ЕС", "США", "kaitseministeerium", "ee"}


def variant_language(variant):
    """The language a response variation is for: its `language` condition, else the default."""
    for condition in variant.get("condition") or []:
        if condition.get("name") == "language":
            return condition.get("value")
    return DEFAULT_LANGUAGE


def texts(language):
    """(where, text) of every user-facing text in one language."""
    out = []
    for name, variants in DOMAIN["responses"].items():
        for v in variants:
            if variant_language(v) == language:
                out.append((f"domain.yml {name}", v["text"]))
    out += [(f"phrases.yml {n}", PHRASES.text(n, language)) for n in PHRASES.names()]
    for t in KNOWLEDGE.topics:
        out += [
            (f"knowledge.yml {t.id}.answer", t.answer[language]),
            (f"knowledge.yml {t.id}.title", t.title[language]),
        ]
        out += [(f"knowledge.yml {t.id}.question", t.button_title[language])]
        out += [(f"knowledge.yml {t.id}.more", t.more[language])] if t.more else []
        out += [(f"knowledge.yml {t.id}.unstated.{d}", texts[language]) for d, texts in (t.unstated or {}).items()]
    out += [(f"knowledge.yml sphere {s.id}", s.name[language]) for s in KNOWLEDGE.spheres]
    return out


@pytest.mark.parametrize("name", sorted(DOMAIN["responses"]))
def test_every_response_has_one_variant_per_language(name):
    variants = DOMAIN["responses"][name]
    assert sorted(variant_language(v) for v in variants) == sorted(LANGUAGES), name
    assert len([v for v in variants if not v.get("condition")]) == 1, f"{name}: one default variation"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_as_many_texts_as_the_default(language):
    assert [where for where, _ in texts(language)] == [where for where, _ in texts(DEFAULT_LANGUAGE)]


def test_estonian_texts_are_spelled_correctly():
    from morphology.vabamorf import vabamorf

    words = {}
    for where, text in texts("et"):
        text = re.sub(r"\{\w+\}", " ", text)
        for word in re.findall(r"[^\W\d_]+", text):
            words.setdefault(word, where)
    checked = vabamorf().spellcheck(sorted(words), suggestions=True)
    wrong = [
        f"{c['text']} ({words[c['text']]}; maybe {c['suggestions'][:3]})"
        for c in checked
        if not c["spelling"] and c["text"] not in ESTONIAN_ALLOWED
    ]
    assert not wrong, "Misspelled or non-Estonian words: " + ", ".join(wrong)


def test_english_texts_have_no_estonian_or_russian_words():
    leaks = [
        f"{where}: {text}" for where, text in texts("en") if ESTONIAN_ONLY_LETTERS.search(text) or CYRILLIC.search(text)
    ]
    assert not leaks, leaks


def test_russian_texts_are_spelled_correctly():
    """Every Cyrillic word is one pymorphy3's dictionary knows (a typo is not), or a listed acronym."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()

    def known(word):
        """A known word, or a hyphenated one whose parts are ("что-нибудь", "страны-доноры")."""
        parts = [word] if morph.word_is_known(word.lower()) else word.split("-")
        return all(p in RUSSIAN_ALLOWED or morph.word_is_known(p.lower()) for p in parts)

    wrong = sorted(
        {
            f"{word} ({where})"
            for where, text in texts("ru")
            for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.sub(r"\{\w+\}", " ", text))
            if CYRILLIC.search(word) and not known(word)
        }
    )
    assert not wrong, "Misspelled or unknown Russian words: " + ", ".join(wrong)


def test_russian_texts_have_no_latin_words_but_names_and_addresses():
    allowed = {"kaitseministeerium", "ee", "NATO", "OSCE"}
    leaks = [
        f"{where}: {word}"
        for where, text in texts("ru")
        for word in re.findall(r"[A-Za-zÕÄÖÜõäöü]+", re.sub(r"\{\w+\}", " ", text))
        if word not in allowed
    ]
    assert not leaks, leaks


@pytest.mark.parametrize("language, opening, closing", [("et", "„", "“"), ("ru", "«", "»")])
def test_quotes_follow_the_languages_convention(language, opening, closing):
    wrong = [f"{where}: {text}" for where, text in texts(language) if re.search(r"[\"“”]", text.replace(closing, ""))]
    assert not wrong, wrong
    assert any(opening in text for _, text in texts(language))


@pytest.mark.parametrize(
    "term",
    [
        "kaitseatašee",
        "kahepoolsed kaitsesuhted",
        "strateegiliste partneritega",
        "relvastuskontroll",
        "Viini dokument",
        "avatud taeva",
        "vaatluslend",
        "kollektiivkaitse",
        "Euroopa Liit",
        "Läänemere piirkonna",
        "rahvusvahelistes sõjalistes operatsioonides",
        "doonorriikidega",
        "abisaajate",
    ],
)
def test_estonian_uses_the_standard_terms(term):
    assert any(term.lower() in text.lower() for _, text in texts("et")), term


@pytest.mark.parametrize(
    "term",
    [
        "военный атташе",
        "двусторонние оборонные отношения",
        "стратегическими партнёрами",
        "коллективной обороны",
        "Общую внешнюю политику и политику безопасности (ОВПБ)",
        "Европейскую политику безопасности и обороны (ЕПБО)",
        "контролю над вооружениями",
        "Венским документом 2011 года",
        "ОБСЕ",
        "Договора по открытому небу",
        "наблюдательные полёты",
        "международных военных операциях",
        "Министерства обороны Эстонии",
        "регионе Балтийского моря",
    ],
)
def test_russian_uses_the_standard_terms(term):
    assert any(term.lower() in text.lower() for _, text in texts("ru")), term
