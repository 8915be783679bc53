"""common/names.py: every name is the one domain.yml (or Rasa) spells, and the code uses them."""

import ast
from pathlib import Path
from typing import Dict, List, Set

import pytest
import yaml
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.core.constants import ACTION_EXTRACT_SLOTS, ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa_sdk.interfaces import NLU_FALLBACK_INTENT_NAME

from common import names

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
RULES = yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))


def domain_names(key: str) -> Set[str]:
    items = DOMAIN[key]
    return set(items) if isinstance(items, dict) else {next(iter(i)) if isinstance(i, dict) else i for i in items}


def constants(prefix: str = "", suffix: str = "") -> Dict[str, str]:
    return {
        name: value
        for name, value in vars(names).items()
        if name.isupper() and isinstance(value, str) and name.startswith(prefix) and name.endswith(suffix)
    }


RASA_ACTIONS = {"ACTION_LISTEN", "ACTION_SESSION_START", "ACTION_EXTRACT_SLOTS"}
INTENTS = {
    name: value
    for name, value in constants().items()
    if value in domain_names("intents") or name in ("NLU_FALLBACK", "HELP", "OUT_OF_SCOPE")
}


def test_rasa_names_are_rasas():
    assert names.NLU_FALLBACK == DEFAULT_NLU_FALLBACK_INTENT_NAME == NLU_FALLBACK_INTENT_NAME
    assert names.ACTION_LISTEN == ACTION_LISTEN_NAME
    assert names.ACTION_SESSION_START == ACTION_SESSION_START_NAME
    assert names.ACTION_EXTRACT_SLOTS == ACTION_EXTRACT_SLOTS


def test_every_intent_name_is_an_intent_of_the_domain():
    intents = {value for name, value in INTENTS.items() if name != "NLU_FALLBACK"}
    assert intents >= {names.HELP, names.OUT_OF_SCOPE, names.ASK_SENSITIVE, names.FOLLOW_UP_COUNTRY}
    assert intents <= domain_names("intents")
    assert set(names.RATINGS) <= domain_names("intents")


def test_every_custom_action_name_is_an_action_of_the_domain_with_a_rule_or_a_policy():
    custom = {value for name, value in constants("ACTION_").items() if name not in RASA_ACTIONS}
    assert len(custom) == 12
    assert custom == set(DOMAIN["actions"])
    ruled = {step["action"] for rule in RULES["rules"] for step in rule["steps"] if "action" in step}
    assert custom <= ruled


def test_every_entity_and_slot_name_is_the_domains():
    assert set(constants(suffix="_ENTITY").values()) == domain_names("entities")
    assert set(constants(suffix="_SLOT").values()) == domain_names("slots")


def test_the_fallback_reasons_are_distinct_and_the_input_problems_among_them():
    assert len(set(names.FALLBACK_REASONS)) == len(names.FALLBACK_REASONS) == 4
    assert set(names.INPUT_PROBLEMS) < set(names.FALLBACK_REASONS)
    assert names.UNKNOWN_WORDS in names.FALLBACK_REASONS
    # The key of the parse data is none of Rasa's own keys of a parsed message.
    assert names.FALLBACK_REASON not in {"text", "intent", "entities", "intent_ranking", "response_selector"}


def test_ratings_name_the_two_rating_intents_and_values():
    assert names.RATINGS == {names.RATE_HELPFUL: names.HELPFUL, names.RATE_NOT_HELPFUL: names.NOT_HELPFUL}


def test_each_custom_actions_name_comes_from_common_names():
    import actions.attaches
    import actions.bilateral
    import actions.clarify
    import actions.feedback
    import actions.follow_up
    import actions.greet
    import actions.help
    import actions.more
    import actions.spheres
    import actions.topics  # noqa: F401
    from actions.webhook import registered_actions

    custom = {value for name, value in constants("ACTION_").items() if name not in RASA_ACTIONS}
    assert registered_actions("actions") == custom


def string_constants(package: str) -> List[str]:
    """Names of common/names.py written out as text in a package's code (docstrings aside). Only
    names with an underscore count ("nlu_fallback", not "help"), and not those that are also the
    name of a phrase of phrases.yml ("out_of_scope" is an intent and a phrase)."""
    phrases = set(yaml.safe_load((ROOT / "actions" / "phrases.yml").read_text(encoding="utf-8")))
    spelled = {value for value in constants().values() if "_" in value and value not in phrases}
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in spelled and id(node) not in docstrings:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    return found


@pytest.mark.parametrize("package", ["actions", "report"])
def test_the_code_names_intents_actions_slots_and_reasons_only_through_common_names(package):
    assert string_constants(package) == []


@pytest.mark.parametrize("module", ["input_guard.py", "unknown_words.py", "language_detector.py"])
def test_the_fallback_components_name_them_through_common_names(module):
    found = [f for f in string_constants("components") if f.startswith(f"components/{module}:")]
    assert found == []
