"""The topics with a role (knowledge.yml `role:`): the loader's checks, and the actions finding
them by their role, never by their id."""

import re
from pathlib import Path
from typing import Any, Callable, Dict

import pytest
import yaml

from actions.facts import Facts
from actions.help import topic_buttons, topic_menu
from actions.knowledge import OVERVIEW_ROLE, ROLES, SOURCE_ROLE, KnowledgeError, load_knowledge
from actions.phrasing import Phrases
from actions.topics import ActionAnswerSource, ActionAnswerTopic
from common.names import KNOWLEDGE_ENTRY_SLOT
from languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[3]
LANGS = LANGUAGES


def document() -> Dict[str, Any]:
    return yaml.safe_load((ROOT / "knowledge.yml").read_text(encoding="utf-8"))


def topic(data: Dict[str, Any], topic_id: str) -> Dict[str, Any]:
    return next(t for t in data["topics"] if t["id"] == topic_id)


def position(data: Dict[str, Any], topic_id: str) -> int:
    return next(i for i, t in enumerate(data["topics"]) if t["id"] == topic_id)


def load_edited(tmp_path: Path, edit: Callable[[Dict[str, Any]], Any]):
    data = document()
    edit(data)
    path = tmp_path / "knowledge.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_knowledge(path), path


def test_the_file_flags_the_overview_and_the_source():
    knowledge = load_knowledge()
    assert knowledge.topic_with_role(OVERVIEW_ROLE).id == "overview"
    assert knowledge.topic_with_role(SOURCE_ROLE).id == "source"
    assert [t.id for t in knowledge.topics if t.role] == ["overview", "source"]
    assert ROLES == (OVERVIEW_ROLE, SOURCE_ROLE) == ("overview", "source")


def renumbered(data: Dict[str, Any], topic_id: str) -> str:
    return rf"topics\[{position(data, topic_id)}\] \(id '{topic_id}'\)"


BREAKAGES = {
    "no overview": (
        lambda d: topic(d, "overview").pop("role"),
        lambda d: "topics",
        "no topic has role 'overview': exactly one must \\(role: overview\\)",
    ),
    "no source": (
        lambda d: topic(d, "source").pop("role"),
        lambda d: "topics",
        "no topic has role 'source': exactly one must \\(role: source\\)",
    ),
    "a role of null": (
        lambda d: topic(d, "source").update(role=None),
        lambda d: "topics",
        "no topic has role 'source'",
    ),
    "two overviews": (
        lambda d: topic(d, "nato").update(role="overview"),
        lambda d: renumbered(d, "nato") + r"\.role",
        "role 'overview' is taken by topic 'overview': exactly one topic has each role",
    ),
    "an unknown role": (
        lambda d: topic(d, "nato").update(role="menu"),
        lambda d: renumbered(d, "nato") + r"\.role",
        "'menu' is not a role; the roles are overview, source",
    ),
    "a role that is no text": (
        lambda d: topic(d, "eu").update(role=["overview"]),
        lambda d: renumbered(d, "eu") + r"\.role",
        r"\['overview'\] is not a role; the roles are overview, source",
    ),
    "a misspelt key": (
        lambda d: topic(d, "source").update(rol="source"),
        lambda d: renumbered(d, "source"),
        r"unknown key\(s\) rol; allowed: .*\brole\b",
    ),
}


@pytest.mark.parametrize("case", sorted(BREAKAGES))
def test_a_broken_role_is_explained(tmp_path, case):
    edit, entry_of, problem = BREAKAGES[case]
    data = document()
    with pytest.raises(KnowledgeError) as raised:
        load_edited(tmp_path, edit)
    edit(data)
    error = raised.value
    assert error.path == tmp_path / "knowledge.yml"
    assert re.fullmatch(entry_of(data), error.entry), error
    assert re.search(problem, error.problem), error
    assert str(error) == f"{error.path}: {error.entry}: {error.problem}"


def test_a_role_moves_with_its_flag(tmp_path):
    """Renamed topics keep their parts: the actions find the overview and the source by role."""

    def rename(data: Dict[str, Any]) -> None:
        topic(data, "overview")["id"] = "summary"
        topic(data, "source")["id"] = "provenance"

    knowledge, _ = load_edited(tmp_path, rename)
    facts = Facts(knowledge, Phrases())
    summary, provenance = knowledge.topic("summary"), knowledge.topic("provenance")
    for language in LANGS:
        menu = topic_menu(facts, language)
        assert summary.title[language] not in menu and provenance.title[language] in menu
        payloads = [b["payload"] for b in topic_buttons(facts, language)]
        assert f"/{summary.intents[0]}" not in payloads and f"/{provenance.intents[0]}" not in payloads
        assert len(payloads) == len(knowledge.topics) - 2


def test_the_overview_and_the_source_answer_by_role(tmp_path, make_tracker):
    def rename(data: Dict[str, Any]) -> None:
        topic(data, "overview")["id"] = "summary"
        topic(data, "source")["id"] = "provenance"

    knowledge, _ = load_edited(tmp_path, rename)
    facts = Facts(knowledge, Phrases())
    for language in LANGS:
        unknown_intent = make_tracker(language, "ask_something_else", "?")
        assert ActionAnswerTopic().knowledge_entry(facts, unknown_intent) == "summary"
        first = make_tracker(language, "ask_source", "Source?")
        assert ActionAnswerSource().answer(facts, first, language) == [facts.answer("provenance", language)]
        assert ActionAnswerSource().knowledge_entry(facts, first) == "provenance"
        # After the source itself, "source?" is asked again about the source, not about a topic of it.
        again = make_tracker(language, "ask_source", "Source?", slots={KNOWLEDGE_ENTRY_SLOT: "provenance"})
        assert ActionAnswerSource().answer(facts, again, language) == [facts.answer("provenance", language)]
        after_nato = make_tracker(language, "ask_source", "Source?", slots={KNOWLEDGE_ENTRY_SLOT: "nato"})
        assert ActionAnswerSource().knowledge_entry(facts, after_nato) == "nato"
