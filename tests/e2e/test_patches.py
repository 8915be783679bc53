"""The patches (patches/) change how fast Rasa and its libraries work, not what the assistant
says: the trained model predicts exactly the same with every patch off and on, and the real
servers give the same replies to the same conversations, in both languages.

Both tests also check that the patches were really on (or off): the model's first component
(components/rasa_patches.py) must have applied them before DIET was loaded. A model trained
before that component was added fails here: retrain it (`make train`)."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from tests.servers import MODEL, ROOT, Assistant

pytestmark = pytest.mark.e2e

SWITCHES = ("RASA_PATCHES", "RASA_HOT_PATHS")
RETRAIN = "the model was trained without components.rasa_patches.RasaPatches first in its pipeline: `make train`"

PARSE_SCRIPT = """
import asyncio, json, sys
from rasa.core.agent import Agent
agent = Agent.load(sys.argv[1])
import patches, patches.rasa_speed
print("PATCHED", json.dumps([patches.applied(), patches.rasa_speed.loads_without_compiled_training_step]))
for text in json.load(sys.stdin):
    parsed = asyncio.run(agent.parse_message(text))
    print("PARSED", json.dumps([parsed["intent"]["name"], round(parsed["intent"]["confidence"], 5),
                      [(e["entity"], e["value"]) for e in parsed["entities"]]]))
"""


def environment(switch: str) -> Dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("RASA_PATCH") and k not in SWITCHES}
    return dict(environ, RASA_PATCHES=switch, TF_CPP_MIN_LOG_LEVEL="2")


def test_the_model_loaded_without_compiling_a_training_step_predicts_exactly_the_same():
    """The same model, loaded as released (RASA_PATCHES=off) and as this project loads it."""
    from bench.nlu_cost import test_messages

    messages = test_messages()[::4]
    predictions, patched = {}, {}
    for switch in ("off", "on"):
        result = subprocess.run(
            [sys.executable, "-c", PARSE_SCRIPT, str(MODEL)],
            input=json.dumps(messages),
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=600,
            env=environment(switch),
        )
        assert result.returncode == 0, result.stderr[-2000:]
        lines = result.stdout.splitlines()
        patched[switch] = json.loads(next(line for line in lines if line.startswith("PATCHED "))[len("PATCHED ") :])
        predictions[switch] = [line for line in lines if line.startswith("PARSED ")]
    assert patched["off"] == [[], 0]
    # DIET (the model's one TensorFlow model) was loaded through the patch: it was in place first.
    assert patched["on"][1] == 1 and "diet_load" in patched["on"][0], RETRAIN
    assert len(predictions["on"]) == len(messages) >= 50
    assert predictions["on"] == predictions["off"]


# Conversations (one sender each): follow-ups, the action server, a fallback, both languages.
CONVERSATIONS: List[List[str]] = [
    ["Is there an Estonian defence attaché in Finland?", "And in Italy?", "Where does this information come from?"],
    ["What does Estonia do in arms control?", "what is the defence budget", "asdkjh qwpoeiru"],
    ["Kas Eestil on kaitseatašee Soomes ja Lätis?", "Mida tähendab kollektiivkaitse?", "räägi lähemalt"],
    ["tere", "Mitme riigiga on Eestil kaitsesuhted?", "Kust see teave pärineb?"],
]


def conversations(workdir: Path, switch: str) -> Tuple[List[List[List[str]]], str]:
    """Every conversation's replies, and Rasa's log, with the patches `switch`ed on or off."""
    assistant = Assistant(workdir, extra_env={"RASA_PATCHES": switch})
    for variable in list(assistant.env):
        if variable.startswith("RASA_PATCH_") or variable == "RASA_HOT_PATHS":
            del assistant.env[variable]
    with assistant.running():
        replies = [
            [assistant.say(f"patches-{number}", text) for text in conversation]
            for number, conversation in enumerate(CONVERSATIONS)
        ]
    return replies, (workdir / "rasa.log").read_text(encoding="utf-8", errors="replace")


def test_the_assistant_answers_the_same_with_every_patch_off_and_on(tmp_path_factory):
    released, released_log = conversations(tmp_path_factory.mktemp("patches-off"), "off")
    patched, patched_log = conversations(tmp_path_factory.mktemp("patches-on"), "on")
    assert "Not patching rasa 3.6.21: switched off (RASA_PATCHES=off)" in released_log
    assert "Patched rasa" not in released_log
    assert "Patched rasa 3.6.21: diet_load, action_check," in patched_log, RETRAIN
    assert patched == released
    first = released[0]
    assert first[0][0].startswith("Yes") and "Finland" in first[0][0]
    assert first[1][0].startswith("No") and "Italy" in first[1][0]
    assert released[2][0][0].startswith("Jah") and "Soomes" in released[2][0][0]
    assert all(reply for conversation in released for replies in conversation for reply in replies)
