"""tools/digest.py: the Makefile's content check, so that a touch or an identical regeneration rebuilds nothing."""

import subprocess
import sys

import pytest

from tools import digest


@pytest.fixture
def inputs(tmp_path, monkeypatch):
    monkeypatch.setattr(digest, "FOLDER", tmp_path / "digests")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yml").write_text("a: 1\n")
    (tmp_path / "config.yml").write_text("pipeline: []\n")
    return [str(tmp_path / "config.yml"), str(tmp_path / "data")]


def test_nothing_recorded_is_a_change(inputs):
    assert digest.main(["check", "model", *inputs]) == 1


def test_the_same_contents_are_no_change_even_when_touched(inputs, tmp_path):
    assert digest.main(["save", "model", *inputs]) == 0
    (tmp_path / "config.yml").write_text("pipeline: []\n")  # rewritten, same content, newer time
    assert digest.main(["check", "model", *inputs]) == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "config.yml").write_text("pipeline: [x]\n"),  # an input's content
        lambda root: (root / "data" / "b.yml").write_text("b: 2\n"),  # a file added to a folder
        lambda root: (root / "data" / "a.yml").unlink(),  # a file removed
    ],
    ids=["content", "added", "removed"],
)
def test_a_content_change_is_a_change(inputs, tmp_path, change):
    digest.main(["save", "model", *inputs])
    change(tmp_path)
    assert digest.main(["check", "model", *inputs]) == 1


def test_digests_are_kept_apart_by_name(inputs, tmp_path):
    digest.main(["save", "model", *inputs])
    assert digest.main(["check", "spacy-pipeline", *inputs]) == 1


def test_a_wrong_call_says_how_to_call_it():
    result = subprocess.run(
        [sys.executable, "-m", "tools.digest", "verify"], cwd=digest.ROOT, capture_output=True, text=True
    )
    assert result.returncode == 2 and "check|stage|save NAME PATH" in result.stderr


def test_a_name_cannot_leave_the_digest_folder():
    with pytest.raises(SystemExit, match="not a digest name"):
        digest.record("../model")


def same_meaning(folder, name: str, before: str, after: str) -> bool:
    """Whether `before` and `after`, saved in turn as the file `name`, say the same to the digest."""
    path = folder / name
    path.write_text(before)
    first = digest.meaning(path)
    path.write_text(after)
    return digest.meaning(path) == first


@pytest.mark.parametrize(
    "before, after, same",
    [
        ('"""Doc."""\nX = 1  # one\n', '"""A better doc."""\n\nX = 1  # the number one\n', True),
        ("def f():\n    '''Doc.'''\n    return 1\n", "def f():\n    return 1\n", True),
        ("X = 1\n", "X = 2\n", False),
        ("def f():\n    '''Doc.'''\n", "def f():\n    pass\n", True),
    ],
    ids=["comment and module docstring", "function docstring", "code", "docstring-only body"],
)
def test_python_is_compared_by_what_it_does(tmp_path, before, after, same):
    assert same_meaning(tmp_path, "component.py", before, after) is same


@pytest.mark.parametrize(
    "before, after, same",
    [
        ("# pipeline\nepochs: 60\n", "epochs: 60  # as measured\n", True),
        (
            "nlu:\n- intent: greet\n  examples: |\n    - hi\n",
            "nlu:\n  - intent: greet\n    examples: |\n      - hi\n",
            True,
        ),
        ("epochs: 60\n", "epochs: 30\n", False),
        ("examples: |\n  - hi\n", "examples: |\n  - hi there\n", False),
        ("answer: yes\n", "answer: true\n", False),  # "yes" is a text in YAML 1.2, as Rasa reads it
        ("port: 010\n", "port: 8\n", False),  # 010 is ten, not eight
        ("a: 1\nb: 2\n", "b: 2\na: 1\n", False),  # key order is kept
    ],
    ids=["comment", "indentation", "value", "an example", "yes is a text", "010 is ten", "key order"],
)
def test_yaml_is_compared_by_the_data_it_holds_as_rasa_reads_it(tmp_path, before, after, same):
    assert same_meaning(tmp_path, "config.yml", before, after) is same


def test_a_file_that_does_not_parse_is_compared_byte_for_byte(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("key: [\n")
    assert digest.meaning(path) == b"key: [\n"


def test_a_staged_digest_counts_only_once_committed(inputs, tmp_path):
    """Staged before a build, committed after it: an edit made during the build is seen next time."""
    assert digest.main(["stage", "model", *inputs]) == 0
    assert digest.main(["check", "model", *inputs]) == 1  # the build has not finished
    (tmp_path / "config.yml").write_text("pipeline: [edited during the build]\n")
    assert digest.main(["commit", "model"]) == 0
    assert digest.main(["check", "model", *inputs]) == 1  # what the build saw is not what is there now


def test_commit_without_a_stage_is_an_error(inputs):
    assert digest.main(["commit", "model"]) == 2


def test_yaml_keys_of_any_type_are_fine(tmp_path):
    path = tmp_path / "rules.yml"
    path.write_text("no: 1\n1: a\non: [x]\n")
    assert digest.meaning(path) != path.read_bytes()  # read, not compared as bytes
