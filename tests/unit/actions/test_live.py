"""The running server's facts follow edits of knowledge.yml and phrases.yml (actions/live.py):
a valid edit answers, a broken one is logged and the last good version keeps answering."""

import asyncio
import logging
import os
import shutil

import pytest

from actions import knowledge, phrasing
from actions.live import LiveFacts, watch
from languages import LANGUAGES

OVERVIEW = "Estonia's international defence cooperation covers"
EDITED = "Edited today: Estonia's international defence cooperation covers"


def overview_answer(live: LiveFacts) -> str:
    return next(t for t in live.get().knowledge.topics if t.id == "overview").answer["en"]


@pytest.fixture
def live(tmp_path):
    """LiveFacts on copies of the project's two files."""
    shutil.copy(knowledge.DEFAULT_PATH, tmp_path / "knowledge.yml")
    shutil.copy(phrasing.DEFAULT_PATH, tmp_path / "phrases.yml")
    facts = LiveFacts(tmp_path / "knowledge.yml", tmp_path / "phrases.yml")
    assert overview_answer(facts).startswith(OVERVIEW)
    return facts


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_file_is_not_loaded_again(live):
    before = live.get()
    assert live.refresh() is False
    assert live.get() is before


def test_an_edited_answer_text_answers_after_a_refresh(live):
    edit(live.knowledge_path, OVERVIEW, EDITED)
    assert live.refresh() is True
    assert overview_answer(live).startswith(EDITED)


def test_an_edited_phrase_answers_after_a_refresh(live):
    old = live.get().phrases.text("internal_error", "et")
    edit(live.phrases_path, old, old + " (muudetud)")
    assert live.refresh() is True
    assert live.get().phrases.text("internal_error", "et") == old + " (muudetud)"


def test_a_broken_edit_is_logged_and_the_last_good_version_keeps_answering(live, caplog):
    good = live.get()
    edit(live.knowledge_path, "schema_version: ", "schema_version: 99 # ")
    with caplog.at_level(logging.ERROR, logger="actions.live"):
        assert live.refresh() is False
    assert live.get() is good
    [record] = [r for r in caplog.records if r.name == "actions.live"]
    # The start-up message: file, entry, problem.
    assert f"{live.knowledge_path}: schema_version: is 99" in record.getMessage()
    # Reported once, not on every look; the fixed file answers again.
    caplog.clear()
    assert live.refresh() is False
    assert not caplog.records
    edit(live.knowledge_path, "schema_version: 99 # ", "schema_version: ")
    edit(live.knowledge_path, OVERVIEW, EDITED)
    assert live.refresh() is True
    assert overview_answer(live).startswith(EDITED)


def test_a_deleted_file_is_a_broken_edit(live, caplog):
    good = live.get()
    live.phrases_path.unlink()
    with caplog.at_level(logging.ERROR, logger="actions.live"):
        assert live.refresh() is False
    assert live.get() is good
    assert str(live.phrases_path) in caplog.text


def test_a_broken_file_at_start_up_is_an_error(tmp_path):
    (tmp_path / "knowledge.yml").write_text("schema_version: [\n", encoding="utf-8")
    with pytest.raises(knowledge.KnowledgeError, match="knowledge.yml"):
        LiveFacts(tmp_path / "knowledge.yml", phrasing.DEFAULT_PATH).get()


def test_the_watcher_swaps_in_an_edit_by_itself(live):
    async def edit_and_wait() -> str:
        task = asyncio.create_task(watch(live, every=0.05))
        try:
            edit(live.knowledge_path, OVERVIEW, EDITED)
            for _ in range(200):
                await asyncio.sleep(0.05)
                if overview_answer(live).startswith(EDITED):
                    break
            return overview_answer(live)
        finally:
            task.cancel()

    assert asyncio.run(edit_and_wait()).startswith(EDITED)


def test_an_edit_of_the_same_size_and_time_is_seen(live):
    """Compared by content: a same-length edit saved within one tick of the clock."""
    path = live.knowledge_path
    stat = path.stat()
    edit(path, "covers NATO", "covers nato")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert live.refresh() is True
    assert "covers nato" in overview_answer(live)


def test_a_phrase_removed_while_the_server_runs_is_not_taken(live, caplog):
    good = live.get()
    text = live.phrases_path.read_text(encoding="utf-8")
    start = text.index("\ninternal_error:")
    end = text.index("\n", text.index("  ru:", start))
    live.phrases_path.write_text(text[:start] + text[end:], encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="actions.live"):
        assert live.refresh() is False
    assert live.get() is good
    assert "internal_error: is gone; the code uses it" in caplog.text


def test_a_phrase_whose_placeholders_change_is_not_taken(live, caplog):
    good = live.get()
    name = next(n for n in good.phrases.names() if "{" in good.phrases.text(n, "en"))
    texts = {lang: good.phrases.text(name, lang) for lang in LANGUAGES}
    renamed = live.phrases_path.read_text(encoding="utf-8")
    for text in texts.values():
        renamed = renamed.replace(text.replace('"', '\\"'), text.replace("{", "{x_").replace('"', '\\"'))
    live.phrases_path.write_text(renamed, encoding="utf-8")
    with caplog.at_level(logging.ERROR, logger="actions.live"):
        assert live.refresh() is False
    assert live.get() is good
    assert f"{name}.{LANGUAGES[0]}: placeholders" in caplog.text
