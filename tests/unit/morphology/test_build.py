"""Building the spaCy pipeline (morphology/build.py)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_building_without_training_data_names_the_folder(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "morphology.build", str(tmp_path / "out"), "--data", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and f"{tmp_path}: no NLU training files" in result.stderr
    assert "Traceback" not in result.stderr
