"""Every user-facing text exists in English and in Estonian, and the Estonian is
spelled correctly (Vabamorf's speller) and uses the standard terms."""

import re
from pathlib import Path

import pytest
import yaml

from actions.knowledge import load_knowledge
from actions.phrasing import Phrases

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
KNOWLEDGE = load_knowledge()
PHRASES = Phrases()
# Abbreviations and the first half of hyphenated pairs ("välis- ja julgeolekupoliitika").
ESTONIAN_ALLOWED = {"NATO", "OSCE", "ÜVJP", "EJKP", "EL", "kaitseministeerium", "ee", "välis", "majandus", "julgeoleku"}
ESTONIAN_ONLY_LETTERS = re.compile(r"[õäöüšž]", re.IGNORECASE)


def is_estonian_variant(variant):
    return any(c.get("name") == "language" and c.get("value") == "et" for c in variant.get("condition") or [])


def texts(language):
    """(where, text) of every user-facing text in one language."""
    out = []
    for name, variants in DOMAIN["responses"].items():
        for v in variants:
            if is_estonian_variant(v) == (language == "et"):
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
def test_every_response_has_one_english_and_one_estonian_variant(name):
    variants = DOMAIN["responses"][name]
    estonian = [v for v in variants if is_estonian_variant(v)]
    english = [v for v in variants if not v.get("condition")]
    assert len(english) == len(estonian) >= 1, f"{name}: {len(english)} English, {len(estonian)} Estonian"
    assert len(english) + len(estonian) == len(variants), f"{name} has variants for other conditions"


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


def test_english_texts_have_no_estonian_words():
    leaks = [f"{where}: {text}" for where, text in texts("en") if ESTONIAN_ONLY_LETTERS.search(text)]
    assert not leaks, leaks


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
