"""languages/: the one registry of the languages the assistant speaks, and the recipe
of README's "Adding a language": every registered language provides all it lists."""

import ast
import importlib
import re
from pathlib import Path

import pytest
import yaml

from languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, REGISTERED, REGISTRY
from languages.spec import Language

ROOT = Path(__file__).resolve().parents[3]
# Shared code: it reads the registry and never names a language.
SHARED = ("actions", "bench", "channels", "common", "compare", "components", "morphology", "report", "stack", "stores")
SHARED_FILES = ("languages/__init__.py", "languages/identification.py", "languages/morphology.py", "languages/spec.py")
# The engines a language's morphology wraps (languages/<code>/morphology.py), named for their language.
ENGINES = ("morphology/english.py", "morphology/estonian.py", "morphology/vabamorf.py", "morphology/lexicon.py")


def test_english_first_then_estonian():
    assert LANGUAGES[:2] == ("en", "et")
    assert DEFAULT_LANGUAGE == "en"
    assert set(LANGUAGE_NAMES) == set(LANGUAGES) == set(REGISTERED)


def test_every_module_reads_the_one_list():
    import actions.knowledge
    import channels.language
    import languages.identification

    for module in (actions.knowledge, channels.language, languages.identification):
        assert module.LANGUAGES is LANGUAGES, module.__name__


def _python_files():
    for package in SHARED:
        yield from sorted((ROOT / package).rglob("*.py"))
    for name in SHARED_FILES:
        yield ROOT / name


def test_no_other_module_defines_a_list_of_languages():
    defined = []
    for path in _python_files():
        if path == ROOT / "languages" / "__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and any(
                isinstance(t, ast.Name) and t.id in ("LANGUAGES", "REGISTERED") for t in targets
            ):
                defined.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert defined == []


def test_shared_code_never_names_a_language():
    """No string in shared code is a language code ("en", "et"): what differs is in languages/<code>/."""
    named = []
    for path in _python_files():
        if str(path.relative_to(ROOT)) in ENGINES or path == ROOT / "languages" / "__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in REGISTRY:
                named.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert named == []


def test_the_widget_never_names_a_language_in_code():
    source = (ROOT / "webchat" / "widget" / "chat-widget.js").read_text(encoding="utf-8")
    source = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)  # the code, not its comments
    assert not re.findall(r"""["'](?:%s)["']""" % "|".join(LANGUAGES), source)


# --- The recipe, per registered language -------------------------------------------------


@pytest.fixture(params=LANGUAGES)
def language(request) -> Language:
    return REGISTRY[request.param]


def test_a_language_is_a_package_named_by_its_code(language):
    module = importlib.import_module(f"languages.{language.code}")
    assert module.LANGUAGE is language
    assert re.fullmatch(r"[a-z]{2}", language.code)
    assert language.name and language.native_name


def test_a_language_is_known_to_lingua_and_unicode(language):
    import unicodedata

    from lingua import Language as Lingua

    assert hasattr(Lingua, language.lingua)
    assert unicodedata.lookup(f"{language.script} SMALL LETTER A")


def test_a_language_can_be_requested_and_named(language):
    for pattern in language.requests + language.names:
        re.compile(pattern)
    assert language.requests and language.names
    assert language.conjunctions


def test_a_languages_morphology_does_all_the_assistant_asks(language):
    morphology = language.load_morphology()
    assert morphology is language.load_morphology()  # once per process
    lemmas = morphology.lemmas(["NATO", "NATO"])
    assert len(lemmas) == 2 and all(len(pair) == 2 for pair in lemmas)
    assert morphology.case_forms("NATO")[0] == "NATO"
    assert isinstance(morphology.is_common_word("NATO"), bool)
    assert morphology.plain("NATO") == "NATO"
    lemmatizer = morphology.nlu_lemmatizer(["NATO"])
    again = morphology.load_nlu_lemmatizer(lemmatizer.to_bytes())
    assert again.lemmas(["NATO"]) == lemmatizer.lemmas(["NATO"])


def test_a_languages_generated_questions_use_forms_its_morphology_makes(language):
    morphology = language.load_morphology()
    forms = morphology.country_forms("Kanada", "Kanadas", "Kanada")
    assert language.attache_questions and language.questions_per_country >= 1
    for key, template in language.attache_questions:
        assert key in forms, key
        assert template.count("{form}") == 1


def test_a_language_has_its_nlu_data_test_set_and_gates(language):
    assert (ROOT / "nlu" / f"{language.code}.yml").exists()
    assert (ROOT / "tests" / "nlu" / f"{language.code}.yml").exists()
    thresholds = yaml.safe_load((ROOT / "tests" / "nlu" / "thresholds.yml").read_text(encoding="utf-8"))
    assert set(thresholds[language.code]) == {"intent_accuracy", "entity_f1"}


def test_a_language_has_every_domain_response(language):
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert language.code in domain["slots"]["language"]["values"]
    for name, variations in domain["responses"].items():
        conditioned = {c["value"] for v in variations for c in v.get("condition", []) if c.get("name") == "language"}
        unconditioned = [v for v in variations if not v.get("condition")]
        assert len(unconditioned) == 1, name  # the default language's
        if language.code != DEFAULT_LANGUAGE:
            assert language.code in conditioned, name


def test_a_language_has_its_widget_strings(language):
    strings = (ROOT / "webchat" / "widget" / "strings.js").read_text(encoding="utf-8")
    assert re.search(
        rf"^  {language.code}: {{\n    languageName: \"{re.escape(language.native_name)}\",", strings, re.M
    )


def test_the_phrases_are_written_in_exactly_these_languages():
    phrases = yaml.safe_load((ROOT / "actions" / "phrases.yml").read_text(encoding="utf-8"))
    assert all(set(texts) == set(LANGUAGES) for texts in phrases.values())
