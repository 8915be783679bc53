"""Writes nlu/knowledge_names.yml: country and sphere names from knowledge.yml.

For every spelling the knowledge file knows (English names and aliases,
Estonian case forms, with and without diacritics) it writes
- a synonym, so the `country` / `sphere` entity is normalised to one id, and
- a lookup table, which the RegexFeaturizer turns into a feature for DIET.
So adding a country to the knowledge file needs no change to NLU data by
hand: `make` (or `python -m tools.nlu_from_knowledge`) regenerates this file.
Run with --check to fail when the committed file is out of date.
"""

import argparse
import sys
from pathlib import Path
from typing import Dict, Iterable, List

from actions.knowledge import LANGUAGES, load_knowledge
from actions.matching import fold

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "nlu" / "knowledge_names.yml"


def spellings(names: Iterable[str]) -> List[str]:
    out: List[str] = []
    for name in names:
        for variant in (name.lower(), fold(name)):
            if variant and variant not in out:
                out.append(variant)
    return out


def render() -> str:
    knowledge = load_knowledge()
    groups: Dict[str, Dict[str, List[str]]] = {
        "country": {c.id: spellings(s for lang in LANGUAGES for s in c.aliases[lang]) for c in knowledge.countries.values()},
        "sphere": {s.id: spellings(a for lang in LANGUAGES for a in s.aliases[lang]) for s in knowledge.spheres},
    }
    lines = ['version: "3.1"', "# Generated from knowledge.yml by tools/nlu_from_knowledge.py. Do not edit by hand.", "nlu:"]
    for entity, entries in groups.items():
        for entry_id, names in entries.items():
            lines += [f"  - synonym: {entry_id}", "    examples: |"] + [f"      - {n}" for n in names if n != entry_id]
    for entity, entries in groups.items():
        lines += [f"  - lookup: {entity}", "    examples: |"]
        lines += [f"      - {n}" for names in entries.values() for n in names]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date with knowledge.yml: run `python -m tools.nlu_from_knowledge`", file=sys.stderr)
            return 1
        return 0
    if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
