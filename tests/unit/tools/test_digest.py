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
    assert result.returncode == 2 and "check|save NAME PATH" in result.stderr


def test_a_name_cannot_leave_the_digest_folder():
    with pytest.raises(SystemExit, match="not a digest name"):
        digest.record("../model")
