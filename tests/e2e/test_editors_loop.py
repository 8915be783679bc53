"""The editor's loop: an edited answer text in knowledge.yml retrains nothing and reaches the
running assistant within seconds; nor does a comment or a docstring retrain, while every change
to what the model learns from still does.

The make tests run in a copy of the project with the files' times kept (the trained
model and build/ included), so an edit never touches the checkout that other tests read. Rasa's
own training is replaced there by a stand-in that says it ran and writes a model (`make
RASA=...`): what is tested is whether make trains, not training. The spaCy pipeline is built for
real. The running test talks to the real servers over REST, with the action server reading a
copy of knowledge.yml ($KNOWLEDGE_FILE).
"""

import hashlib
import os
import shutil
import subprocess
import time
import uuid
from pathlib import Path
from typing import Callable, Dict

import pytest

from tests.servers import MODEL, ROOT, Assistant

pytestmark = pytest.mark.e2e

QUESTION = "What does Estonia's international defence cooperation cover?"
OVERVIEW = "Estonia's international defence cooperation covers"
EDITED = "As edited a moment ago, Estonia's international defence cooperation covers"
# The watcher looks every second and loading takes about one, so an edit answers within
# about two seconds (the issue asks for five); the limit allows for a busy CI machine.
VISIBLE_WITHIN_SECONDS = 10
TRAINED = "STAND-IN RASA TRAINED"
STAND_IN = f"""#!/bin/sh
# Stands in for `rasa train`: says so and writes a model.
echo "{TRAINED} $*"
mkdir -p models && echo "a model trained by the stand-in" > models/assistant.tar.gz
"""


def replace_text(path: Path, old: str, new: str) -> None:
    """Edits a file as an editor saves it: written beside it, then moved over it (never half-read)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds {old!r}, which this test edits"
    temporary = path.with_name(path.name + ".saving")
    temporary.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.replace(temporary, path)


def edit_answer(path: Path) -> None:
    replace_text(path, OVERVIEW, EDITED)


def project_copy(target: Path) -> Path:
    """The checkout's files (tracked and new), build/ and the model, their times kept; the
    virtualenv linked; Rasa's training replaced by the stand-in."""
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
    stand_in = target.parent / "rasa-stand-in"
    stand_in.write_text(STAND_IN, encoding="utf-8")
    stand_in.chmod(0o755)
    return target


def make(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    command = ["make", f"RASA={folder.parent / 'rasa-stand-in'}", *args]
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=600)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the project whose model is up to date."""
    folder = project_copy(tmp_path / "project")
    up_to_date = make(folder, "-q", "train")
    assert up_to_date.returncode == 0, f"the copy's model is not up to date to begin with:\n{up_to_date.stdout}"
    return folder


def edit_docstring(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith('"""'), f"{path} no longer starts with a docstring"
    path.write_text('"""Edited: ' + text[3:], encoding="utf-8")


def add_comment(path: Path) -> None:
    path.write_text(
        "# A comment added by the editor's-loop test.\n" + path.read_text(encoding="utf-8"), encoding="utf-8"
    )


NO_RETRAINING: Dict[str, Callable[[Path], None]] = {
    "an answer text in knowledge.yml": lambda copy: edit_answer(copy / "knowledge.yml"),
    "a phrase": lambda copy: replace_text(
        copy / "actions" / "phrases.yml", "Please try again in a moment.", "Please try again shortly."
    ),
    "a comment in config.yml": lambda copy: add_comment(copy / "config.yml"),
    "a docstring of a pipeline component": lambda copy: edit_docstring(copy / "components" / "input_guard.py"),
    "the generated NLU file removed": lambda copy: (copy / "nlu" / "knowledge_names.yml").unlink(),
}


@pytest.mark.parametrize("edit", list(NO_RETRAINING))
def test_an_edit_the_model_does_not_learn_from_retrains_nothing(copy, edit):
    model = copy / MODEL.relative_to(ROOT)
    names = copy / "nlu" / "knowledge_names.yml"
    names_time, model_digest = names.stat().st_mtime_ns, sha256(model)

    NO_RETRAINING[edit](copy)
    run = make(copy, "train")
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert TRAINED not in output, output
    assert "not retrained" in output or "Nothing to be done" in output, output
    if "knowledge.yml" in edit:
        assert "not rebuilt" in output, output  # the spaCy pipeline either: Rasa's cache is kept
        assert names.stat().st_mtime_ns == names_time, "the generated NLU file was rewritten with the same content"
    assert names.is_file()
    assert sha256(model) == model_digest
    assert make(copy, "-q", "train").returncode == 0, "make still sees work to do after the edit was taken in"


def add_code(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\nEDITED_BY_A_TEST = True\n", encoding="utf-8")


def add_example(copy: Path) -> None:
    with (copy / "nlu" / "en.yml").open("a", encoding="utf-8") as data:
        data.write("- intent: greet\n  examples: |\n    - good day to you, assistant\n")


RETRAINING: Dict[str, Callable[[Path], None]] = {
    "a training example added": add_example,
    "a training file removed": lambda copy: (copy / "nlu" / "ru.yml").unlink(),
    "the lemmatizer's code": lambda copy: add_code(copy / "morphology" / "estonian.py"),
    "a setting of the pipeline": lambda copy: replace_text(copy / "config.yml", "epochs: 60", "epochs: 61"),
}


@pytest.mark.parametrize("change", list(RETRAINING))
def test_a_change_the_model_learns_from_retrains(copy, change):
    RETRAINING[change](copy)
    run = make(copy, "train")
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert TRAINED in output, output
    assert make(copy, "-q", "train").returncode == 0


def test_the_running_assistant_answers_with_the_edited_text(tmp_path):
    knowledge = tmp_path / "knowledge.yml"
    shutil.copy(ROOT / "knowledge.yml", knowledge)
    log = tmp_path / "actions.log"
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
        print(f"\nthe edited answer was given {time.monotonic() - edited_at:.1f} s after the edit")
        assert "Not reloaded" not in log.read_text(encoding="utf-8")

        # A broken edit: logged with the file, the entry and the problem; the last good version answers.
        replace_text(knowledge, "schema_version: ", "schema_version: 99 # ")
        deadline = time.monotonic() + VISIBLE_WITHIN_SECONDS
        while "Not reloaded" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.25)
        logged = [line for line in log.read_text(encoding="utf-8").splitlines() if "Not reloaded" in line]
        assert logged and f"{knowledge}: schema_version: is 99" in logged[0], logged
        assert EDITED in " ".join(assistant.say(f"editor-{uuid.uuid4().hex[:8]}", QUESTION))
