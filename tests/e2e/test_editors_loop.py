"""The editor's loop: an edited answer text in knowledge.yml retrains nothing and
reaches the running assistant within seconds; nor does a comment or a docstring.

The make test runs in a copy of the project with the files' times kept (the
trained model and build/ included), so the edit never touches the checkout that
other tests read. The running test talks to the real servers over REST, with the
action server reading a copy of knowledge.yml ($KNOWLEDGE_FILE).
"""

import hashlib
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest

from tests.servers import MODEL, ROOT, Assistant

pytestmark = pytest.mark.e2e

QUESTION = "What does Estonia's international defence cooperation cover?"
OVERVIEW = "Estonia's international defence cooperation covers"
EDITED = "As edited a moment ago, Estonia's international defence cooperation covers"
# The watcher looks every second and loading takes about one, so an edit answers within
# about two seconds (the issue asks for five); the limit allows for a busy CI machine.
VISIBLE_WITHIN_SECONDS = 10


def edit_answer(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(OVERVIEW) >= 1, f"{path} no longer holds the overview answer this test edits"
    path.write_text(text.replace(OVERVIEW, EDITED, 1), encoding="utf-8")


def project_copy(target: Path) -> Path:
    """The checkout's files (tracked and new), build/ and the model, their times kept; the virtualenv linked."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in listed + [str(MODEL.relative_to(ROOT))]:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    shutil.copytree(ROOT / "build", target / "build", copy_function=shutil.copy2)
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


def make(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    return subprocess.run(["make", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=600)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edit_docstring(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith('"""'), f"{path} no longer starts with a docstring"
    path.write_text('"""Edited: ' + text[3:], encoding="utf-8")


def edit_comment(path: Path) -> None:
    path.write_text(
        "# A comment added by the editor's-loop test.\n" + path.read_text(encoding="utf-8"), encoding="utf-8"
    )


EDITS = {
    "an answer text in knowledge.yml": lambda copy: edit_answer(copy / "knowledge.yml"),
    "a comment in config.yml": lambda copy: edit_comment(copy / "config.yml"),
    "a docstring of a pipeline component": lambda copy: edit_docstring(copy / "components" / "input_guard.py"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_the_model_does_not_learn_from_retrains_nothing(tmp_path, edit):
    copy = project_copy(tmp_path / "project")
    model = copy / MODEL.relative_to(ROOT)
    up_to_date = make(copy, "-q", "train")
    assert up_to_date.returncode == 0, f"the copy's model is not up to date before the edit:\n{up_to_date.stdout}"
    names = copy / "nlu" / "knowledge_names.yml"
    names_time, model_digest = names.stat().st_mtime_ns, sha256(model)

    EDITS[edit](copy)
    run = make(copy, "train")
    assert run.returncode == 0, run.stdout + run.stderr
    output = run.stdout + run.stderr
    assert "rasa train" not in output and "not retrained" in output, output
    if "knowledge.yml" in edit:
        assert "not rebuilt" in output, output  # the spaCy pipeline either: Rasa's cache is kept
        assert names.stat().st_mtime_ns == names_time, "the generated NLU file was rewritten with the same content"
    assert sha256(model) == model_digest
    assert make(copy, "-q", "train").returncode == 0, "make still sees work to do after the edit was taken in"


def test_the_running_assistant_answers_with_the_edited_text(tmp_path):
    knowledge = tmp_path / "knowledge.yml"
    shutil.copy(ROOT / "knowledge.yml", knowledge)
    with Assistant(tmp_path, extra_env={"KNOWLEDGE_FILE": str(knowledge)}).running() as assistant:
        before = " ".join(assistant.say(f"editor-{uuid.uuid4().hex[:8]}", QUESTION))
        assert OVERVIEW in before and EDITED not in before
        edit_answer(knowledge)
        edited_at = time.monotonic()
        seen = ""
        while time.monotonic() - edited_at < VISIBLE_WITHIN_SECONDS:
            seen = " ".join(assistant.say(f"editor-{uuid.uuid4().hex[:8]}", QUESTION))
            if EDITED in seen:
                break
            time.sleep(0.25)
        assert EDITED in seen, f"not answered within {VISIBLE_WITHIN_SECONDS} s of the edit: {seen}"
        # A broken edit afterwards: the last good version keeps answering.
        knowledge.write_text("schema_version: [\n", encoding="utf-8")
        time.sleep(2.5)
        assert EDITED in " ".join(assistant.say(f"editor-{uuid.uuid4().hex[:8]}", QUESTION))
    assert "Not reloaded, the last good version keeps answering" in (tmp_path / "actions.log").read_text()
