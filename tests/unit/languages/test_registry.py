"""common/languages.py: the one list of the languages the assistant speaks."""

import ast
from pathlib import Path

import yaml

from common.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES

ROOT = Path(__file__).resolve().parents[3]
PACKAGES = ("actions", "bench", "channels", "components", "languages", "morphology", "report", "stores", "tools")


def test_the_assistant_speaks_english_and_estonian_english_first():
    assert LANGUAGES == ("en", "et")
    assert DEFAULT_LANGUAGE == "en"
    assert set(LANGUAGE_NAMES) == set(LANGUAGES)


def test_every_module_reads_the_one_list():
    import actions.knowledge
    import channels.language
    import languages.identification

    for module in (actions.knowledge, channels.language, languages.identification):
        assert module.LANGUAGES is LANGUAGES, module.__name__


def test_no_other_module_defines_a_list_of_languages():
    defined = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
                if isinstance(node, (ast.Assign, ast.AnnAssign)) and any(
                    isinstance(t, ast.Name) and t.id == "LANGUAGES" for t in targets
                ):
                    defined.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert defined == []


def test_the_phrases_are_written_in_exactly_these_languages():
    phrases = yaml.safe_load((ROOT / "actions" / "phrases.yml").read_text(encoding="utf-8"))
    assert all(set(texts) == set(LANGUAGES) for texts in phrases.values())
