"""patches/vabamorf.py, as morphology/vabamorf.py uses it: Vabamorf without running
estnltk's package, or, with the patch off, estnltk's own Vabamorf; the same analyses.

Each case runs in a fresh Python, since which modules a process has loaded is the point."""

import json
import os
import subprocess
import sys

from stack.processes import ROOT

SCRIPT = """
import json, sys
import patches
from morphology.vabamorf import vabamorf
engine = vabamorf()
lemmas = [w["analysis"][0]["lemma"] for w in engine.analyze(["Soomes", "kaitseatašeedest"], guess=False)]
before_undo = sorted(m for m in sys.modules if m.split(".")[0] in ("estnltk", "_vabamorf_of_estnltk"))
patches.undo_all()
print(json.dumps({"module": type(engine).__module__, "lemmas": lemmas, "estnltk_run": "estnltk" in before_undo,
                  "after_undo": "_vabamorf_of_estnltk" in sys.modules}))
"""


def run(**switches: str) -> dict:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("RASA_PATCH")}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env=dict(environ, **switches),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.splitlines()[-1])


def test_vabamorf_is_loaded_without_running_estnltk_and_undo_forgets_it():
    loaded = run()
    assert loaded["module"] == "_vabamorf_of_estnltk.morf"
    assert not loaded["estnltk_run"]
    assert loaded["lemmas"] == ["Soome", "kaitseatašee"]
    assert not loaded["after_undo"]


def test_with_the_patch_off_it_is_estnltks_own_vabamorf():
    loaded = run(RASA_PATCH_VABAMORF="off")  # RASA_PATCHES=off: tests/unit/patches/test_registry.py
    assert loaded["module"] == "estnltk.vabamorf.morf"
    assert loaded["estnltk_run"]
    assert loaded["lemmas"] == ["Soome", "kaitseatašee"]
