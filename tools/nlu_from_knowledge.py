"""Writes nlu/knowledge_names.yml: country and sphere names from knowledge.yml.

For every spelling the knowledge file knows (English names and aliases,
Estonian case forms), plus every case form Vabamorf synthesises from each
country's Estonian name (so a newly added country comes in all fourteen cases),
with and without diacritics, it writes
- a synonym, so the `country` / `sphere` entity is normalised to one id,
- a lookup table, which the RegexFeaturizer turns into a feature for DIET, and
- attaché questions for every country in several case forms, so the model
  sees each country, and each case, in a sentence.
So adding a country to the knowledge file needs no change to NLU data by
hand: `make` (or `python -m tools.nlu_from_knowledge`) regenerates this file.
Run with --check to fail when the committed file is out of date.
"""

import argparse
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

from actions.knowledge import Country, load_knowledge
from actions.matching import match_key
from common.languages import LANGUAGES
from common.text import fold
from morphology.estonian import estonian

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "nlu" / "knowledge_names.yml"

# Attaché questions with the country in one Estonian case each (Vabamorf's case
# names; "in" is the country's own "in" form, inessive or adessive). The
# held-out inflection test (tests/nlu/inflection.yml) uses other sentences.
ESTONIAN_QUESTIONS: Tuple[Tuple[str, str], ...] = (
    ("in", "Kas Eestil on kaitseatašee {form}?"),
    ("n", "Kas {form} on nende riikide seas, kus Eestil on kaitseatašee?"),
    ("g", "kas eestil on {form} pealinnas kaitseatašee"),
    ("p", "Kas Eesti kaitseatašee katab ka {form}?"),
    ("ill", "kas eesti on saatnud kaitseatašee {form}"),
    ("el", "Kas {form} leiab Eesti kaitseatašee?"),
    ("all", "Kas Eesti on määranud {form} kaitseatašee?"),
    ("kom", "kas eestil on {form} suhtlemiseks kaitseatašee"),
)
ENGLISH_QUESTIONS = (
    "Is there an Estonian defence attaché in {form}?",
    "does estonia have a defence attache in {form}",
    "Has Estonia posted a defence attaché to {form}?",
)


def spellings(names: Iterable[str]) -> List[str]:
    out: List[str] = []
    for name in names:
        for variant in (name.lower(), match_key(name)):
            if variant and variant not in out:
                out.append(variant)
    return out


def case_forms(country: Country) -> Dict[str, str]:
    """Vabamorf's form of the country's Estonian name in each case, with the knowledge
    file's "in" form and genitive. For a country whose "in" is adessive ("Prantsusmaal"),
    "to" and "from" are the allative and ablative ("Prantsusmaale", "Prantsusmaalt")."""
    forms = {case: names[0] for case, names in estonian().forms_by_case(country.name["et"]).items()}
    forms["n"], forms["in"], forms["g"] = country.name["et"], country.in_form, country.genitive
    if country.in_form == forms.get("ad"):
        forms["ill"], forms["el"] = forms["all"], forms["abl"]
    return forms


def country_questions(countries: List[Country]) -> List[str]:
    """Three Estonian questions (in rotating cases, one typed without diacritics)
    and one English question per country, each with the country annotated."""
    examples: List[str] = []
    for i, country in enumerate(countries):
        forms = case_forms(country)
        for k in range(3):
            case, template = ESTONIAN_QUESTIONS[(3 * i + k) % len(ESTONIAN_QUESTIONS)]
            form = forms.get(case) or country.in_form
            question = template.format(form=f"[{form}](country)")
            examples.append(fold(question) if k == 2 else question)  # typed without diacritics
        english = ENGLISH_QUESTIONS[i % len(ENGLISH_QUESTIONS)]
        examples.append(english.format(form=f"[{country.name['en']}](country)"))
    return examples


def render() -> str:
    knowledge = load_knowledge()
    countries = list(knowledge.countries.values())
    synthesised = {c.id: estonian().case_forms(c.name["et"]) for c in countries}
    groups: Dict[str, Dict[str, List[str]]] = {
        "country": {
            c.id: spellings([s for lang in LANGUAGES for s in c.aliases[lang]] + synthesised[c.id]) for c in countries
        },
        "sphere": {s.id: spellings(a for lang in LANGUAGES for a in s.aliases[lang]) for s in knowledge.spheres},
    }
    lines = [
        'version: "3.1"',
        "# Generated from knowledge.yml by tools/nlu_from_knowledge.py. Do not edit by hand.",
        "nlu:",
    ]
    for entries in groups.values():
        for entry_id, names in entries.items():
            lines += [f"  - synonym: {entry_id}", "    examples: |"] + [f"      - {n}" for n in names if n != entry_id]
    for entity, entries in groups.items():
        lines += [f"  - lookup: {entity}", "    examples: |"]
        lines += [f"      - {n}" for names in entries.values() for n in names]
    lines += ["  - intent: ask_attache_country", "    examples: |"]
    lines += [f"      - {q}" for q in country_questions(countries)]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print(
                f"{TARGET} is out of date with knowledge.yml: run `python -m tools.nlu_from_knowledge`", file=sys.stderr
            )
            return 1
        return 0
    if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
