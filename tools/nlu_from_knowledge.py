"""Writes nlu/knowledge_names.yml: country and sphere names from knowledge.yml.

For every spelling the knowledge file knows (names, aliases and case forms in
every language), plus every case form each language's morphology makes of the
country's name (Vabamorf's fourteen Estonian cases; so a newly added country
comes in every case),
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
from typing import Dict, Iterable, List

from actions.knowledge import Country, load_knowledge
from actions.matching import match_key
from languages import LANGUAGES, REGISTRY

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "nlu" / "knowledge_names.yml"


def spellings(names: Iterable[str]) -> List[str]:
    out: List[str] = []
    for name in names:
        for variant in (name.lower(), match_key(name)):
            if variant and variant not in out:
                out.append(variant)
    return out


def country_questions(countries: List[Country]) -> List[str]:
    """Per country and language, the language's `questions_per_country` attaché questions
    (languages/<code>/: its templates in rotation, the third typed without diacritics),
    each with the country in the form the template asks for, annotated."""
    examples: List[str] = []
    for i, country in enumerate(countries):
        for code in LANGUAGES:
            language, names = REGISTRY[code], country.names[code]
            morphology = language.load_morphology()
            forms = morphology.country_forms(names.name, names.in_form, names.about)
            templates, per_country = language.attache_questions, language.questions_per_country
            for k in range(per_country):
                key, template = templates[(per_country * i + k) % len(templates)]
                form = forms.get(key) or names.in_form
                name = language.without_preposition(form)  # "в [Финляндии](country)"
                question = template.format(form=form[: len(form) - len(name)] + f"[{name}](country)")
                examples.append(morphology.plain(question) if k == 2 else question)
    return examples


def country_spellings(country: Country) -> List[str]:
    """The knowledge file's spellings of the country in every language, then every case form
    its morphology makes of its name and aliases (so a newly added country comes in every case)."""
    typed = [s for lang in LANGUAGES for s in country.aliases[lang]]
    for lang in LANGUAGES:
        names = country.names[lang]
        for name in (names.name, *names.aliases):
            typed += REGISTRY[lang].load_morphology().case_forms(name)
    return typed


def render() -> str:
    knowledge = load_knowledge()
    countries = list(knowledge.countries.values())
    groups: Dict[str, Dict[str, List[str]]] = {
        "country": {c.id: spellings(country_spellings(c)) for c in countries},
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
