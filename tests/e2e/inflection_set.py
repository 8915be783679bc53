"""Held-out attaché questions with every attaché country in six Estonian cases.

Each attaché question names one country where Estonia has a defence attaché,
in one case form (inessive/adessive, genitive, partitive, illative/allative,
elative/ablative, comitative), typed with and without diacritics, plus a
mistyped form and the English names; a question on bilateral relations with
the same country (comitative, and English) joins them in the NLU test set, so
it measures intents as well. The sentences differ from every
training sentence (tools/nlu_from_knowledge.py writes those). Used by the
end-to-end inflection test and by `make compare` as an NLU test set.
"""

import unicodedata
from dataclasses import dataclass
from typing import List

from actions.knowledge import Country, load_knowledge
from tools.nlu_from_knowledge import case_forms

ESTONIAN_TEMPLATES = (
    ("in", "Kas Eesti kaitseatašee töötab {form}?"),
    ("g", "Kas {form} pealinnas asub Eesti kaitseatašee?"),
    ("p", "Kas Eesti kaitseatašee hõlmab oma töös ka {form}?"),
    ("ill", "Kas Eesti on lähetanud kaitseatašee {form}?"),
    ("el", "Kas {form} võib leida Eesti kaitseatašee?"),
    ("kom", "Kas Eesti kaitseatašee tegeleb {form}?"),
)
TYPO_TEMPLATE = "kas eestil on kaitseatašee {form}"
ENGLISH_TEMPLATE = "Is an Estonian defence attaché posted in {form}?"
# The same countries in another intent, so the NLU test set measures intents too.
RELATIONS_TEMPLATES = {
    "et": "Kas Eesti peab kahepoolseid kaitsesuhteid ka {form}?",
    "en": "Does Estonia have bilateral defence relations with {form}?",
}


@dataclass(frozen=True)
class Question:
    text: str
    country: Country
    form: str  # the country as typed in the text
    language: str
    kind: str  # "case:<case>", "no diacritics", "typo", "english"
    intent: str = "ask_attache_country"


def strip_diacritics(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def mistype(word: str) -> str:
    """A typical slip: two letters in the middle swapped ("Rootsis" → "Rotosis")."""
    i = len(word) // 2
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :] if word[i] != word[i - 1] else word[:i] + word[i + 1 :]


def questions() -> List[Question]:
    knowledge = load_knowledge()
    out: List[Question] = []
    for country in knowledge.attache_countries:
        forms = case_forms(country)
        for case, template in ESTONIAN_TEMPLATES:
            text = template.format(form=forms[case])
            out.append(Question(text, country, forms[case], "et", f"case:{case}"))
            out.append(Question(strip_diacritics(text), country, strip_diacritics(forms[case]), "et", "no diacritics"))
        typo = mistype(country.in_form)
        out.append(Question(TYPO_TEMPLATE.format(form=typo), country, typo, "et", "typo"))
        name = country.name["en"]
        out.append(Question(ENGLISH_TEMPLATE.format(form=name), country, name, "en", "english"))
        relations = RELATIONS_TEMPLATES["et"].format(form=forms["kom"])
        out.append(Question(relations, country, forms["kom"], "et", "case:kom", "ask_bilateral_relations"))
        out.append(
            Question(
                strip_diacritics(relations),
                country,
                strip_diacritics(forms["kom"]),
                "et",
                "no diacritics",
                "ask_bilateral_relations",
            )
        )
        out.append(
            Question(
                RELATIONS_TEMPLATES["en"].format(form=name), country, name, "en", "english", "ask_bilateral_relations"
            )
        )
    return out


def nlu_test_yaml(items: List[Question]) -> str:
    """The questions as a Rasa NLU test file, grouped by intent, the country annotated."""
    lines = ['version: "3.1"', "nlu:"]
    for intent in dict.fromkeys(q.intent for q in items):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += ["    - " + q.text.replace(q.form, f"[{q.form}](country)", 1) for q in items if q.intent == intent]
    return "\n".join(lines) + "\n"
