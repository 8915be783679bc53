"""The reason for a forced fallback, from the NLU components to the action server, explicitly.

InputGuardClassifier and UnknownWordsClassifier set `fallback_reason` as an output
property of the message. These tests follow it the way Rasa carries it, in one
process and without a trained model: Rasa's own MessageProcessor turns the message
into parse data (with a stand-in for the trained graph that runs the components),
logs it as a UserUttered event, the SQL tracker store saves and reads the tracker
back, Rasa's RemoteAction writes the call to the action server, the action server
checks it (actions/webhook.py) and rasa-sdk's executor runs action_clarify on it,
whose `tracker.latest_message` holds the reason.
"""

import asyncio
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Dict, List, Optional

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import SQLTrackerStore
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.graph_components.converters.nlu_message_converter import NLUMessageConverter
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor

from actions.base import fallback_reason
from actions.help import topic_buttons
from actions.live import get_facts
from actions.webhook import check_call
from common.names import (
    ACTION_CLARIFY,
    ACTION_LISTEN,
    EMPTY,
    FALLBACK_REASON,
    INPUT_PROBLEM_ENTITY,
    NLU_FALLBACK,
    OTHER_SCRIPT,
    TOO_LONG,
    UNKNOWN_WORDS,
)
from components.input_guard import InputGuard, InputGuardClassifier
from components.unknown_words import UnknownWordsClassifier

ROOT = Path(__file__).resolve().parents[3]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))
TRAINING = [
    "Is Estonia a member of NATO?",
    "Kas Eestil on kaitseatašee Soomes?",
    "tere",
    "Есть ли у Эстонии военный атташе в Финляндии?",
]
# What the trained classifiers would predict, for the stand-in graph: a confident intent.
PREDICTED = {"name": "ask_nato", "confidence": 0.93}
RANKED = [PREDICTED, {"name": "ask_eu", "confidence": 0.05}]


class Pipeline:
    """Stands in for Rasa's graph runner: the NLU of config.yml as far as forced fallbacks go
    (InputGuard, a tokenizer, the classifiers' prediction, UnknownWordsClassifier,
    InputGuardClassifier), on the message as Rasa's NLUMessageConverter makes it."""

    def __init__(self, tmp_path: Path) -> None:
        self.tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
        data = TrainingData([Message(data={"text": t, "intent": "x"}) for t in TRAINING])
        self.tokenizer.process_training_data(data)
        storage, resource = LocalModelStorage(tmp_path), Resource("unknown_words")
        context = ExecutionContext(graph_schema=None, model_id="test")
        UnknownWordsClassifier.create({}, storage, resource, context).train(data)
        self.unknown_words = UnknownWordsClassifier.load({}, storage, resource, context)
        self.guard = InputGuard({**InputGuard.get_default_config(), "max_characters": 100})
        self.guard_classifier = InputGuardClassifier({})

    def process(self, messages: List[Message]) -> List[Message]:
        self.guard.process(messages)
        self.tokenizer.process(messages)
        for message in messages:
            message.set(INTENT, dict(PREDICTED), add_to_output=True)
            message.set(INTENT_RANKING_KEY, [dict(r) for r in RANKED], add_to_output=True)
            message.set(ENTITIES, [], add_to_output=True)
        self.unknown_words.process(messages)
        return self.guard_classifier.process(messages)

    def run(self, inputs: Dict[str, Any], targets: List[str]) -> Dict[str, List[Message]]:
        [user_message] = inputs["__message__"]
        return {targets[0]: self.process(NLUMessageConverter().convert_user_message([user_message]))}


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory) -> Pipeline:
    return Pipeline(tmp_path_factory.mktemp("unknown_words"))


def processor(pipeline: Pipeline) -> MessageProcessor:
    """Rasa's MessageProcessor with the stand-in graph (no model is loaded)."""
    made = object.__new__(MessageProcessor)
    made.graph_runner = pipeline
    made.model_metadata = SimpleNamespace(nlu_target="nlu")
    made.http_interpreter = None
    made.domain = DOMAIN
    return made


def parsed(pipeline: Pipeline, text: str) -> Dict[str, Any]:
    """The message as Rasa's NLU outputs it (only output properties)."""
    [message] = pipeline.process(NLUMessageConverter().convert_user_message([UserMessage(text)]))
    return message.as_dict(only_output_properties=True)


CASES = [
    ("", EMPTY),
    ("   ", EMPTY),
    ("x" * 500, TOO_LONG),
    # Greek: a script none of the assistant's languages (Latin, Cyrillic) is written in.
    ("Έχει η Εσθονία στρατιωτικό ακόλουθο στη Φινλανδία;", OTHER_SCRIPT),
    ("asdkjh qwpoeiru", UNKNOWN_WORDS),
]


@pytest.mark.parametrize("text, reason", CASES)
def test_the_components_put_the_reason_in_their_output(pipeline, text, reason):
    output = parsed(pipeline, text)
    assert output[INTENT]["name"] == NLU_FALLBACK
    assert output[FALLBACK_REASON] == reason


@pytest.mark.parametrize(
    "text", ["Is Estonia a member of NATO?", "kas eestil on atasee?", "TERE", "123 ?!", "есть ли у эстонии атташе?"]
)
def test_a_message_the_models_may_answer_has_no_reason(pipeline, text):
    output = parsed(pipeline, text)
    assert output[INTENT] == PREDICTED
    assert FALLBACK_REASON not in output


def test_an_input_problem_is_also_an_entity_and_wins_over_unknown_words(pipeline):
    output = parsed(pipeline, "qwpoeiru " * 100)  # over-long and not one known word
    assert output[FALLBACK_REASON] == TOO_LONG
    assert [e["value"] for e in output[ENTITIES] if e["entity"] == INPUT_PROBLEM_ENTITY] == [TOO_LONG]


def test_a_slash_message_carries_no_reason():
    """A typed "/nlu_fallback" is rebuilt by Rasa's RegexMessageHandler from its text alone."""
    message = Message(data={"text": "/nlu_fallback"}, output_properties={"text"})
    message.set(FALLBACK_REASON, UNKNOWN_WORDS, add_to_output=True)
    unpacked = YAMLStoryReader.unpack_regex_message(message, DOMAIN, entity_extractor_name="RegexMessageHandler")
    output = unpacked.as_dict(only_output_properties=True)
    assert output[INTENT]["name"] == NLU_FALLBACK and FALLBACK_REASON not in output


async def through_rasa(pipeline: Pipeline, text: str, store_path: Path) -> Dict[str, Any]:
    """The call Rasa makes to the action server for action_clarify after `text`, the tracker
    having been saved to and read back from an SQL tracker store."""
    sender = f"reason-{abs(hash(text))}"
    rasa = processor(pipeline)
    tracker = DialogueStateTracker.from_events(sender, [ActionExecuted(ACTION_LISTEN)], DOMAIN.slots)
    await rasa._handle_message_with_tracker(UserMessage(text, sender_id=sender), tracker)
    store = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(store_path))
    await store.save(tracker)
    stored = await store.retrieve(sender)
    assert stored is not None
    call = RemoteAction(ACTION_CLARIFY, None)._action_call_format(stored, DOMAIN)
    return json.loads(json.dumps(call))  # as sent over HTTP


@pytest.mark.parametrize("text, reason", CASES + [("Is Estonia a member of NATO?", None)])
def test_the_reason_reaches_the_action_server(pipeline, tmp_path, text, reason):
    call = asyncio.run(through_rasa(pipeline, text, tmp_path / "tracker.db"))
    check_call(call)  # the action server's door lets it through
    latest = call["tracker"]["latest_message"]
    assert latest.get(FALLBACK_REASON) == reason
    user_events = [e for e in call["tracker"]["events"] if e["event"] == "user"]
    assert user_events[-1]["parse_data"].get(FALLBACK_REASON) == reason  # as the tracker store keeps it
    assert fallback_reason(Tracker.from_dict(call["tracker"])) == reason


def test_the_reason_survives_the_event_log_round_trip(pipeline):
    data = dict(parsed(pipeline, "asdkjh qwpoeiru"))
    event = UserUttered("asdkjh qwpoeiru", data[INTENT], data[ENTITIES], data)
    again: Optional[Event] = Event.from_parameters(json.loads(json.dumps(event.as_dict())))
    assert isinstance(again, UserUttered) and again.parse_data[FALLBACK_REASON] == UNKNOWN_WORDS


@pytest.mark.parametrize("text", ["asdkjh qwpoeiru", "Is Estonia a member of NATO?"])
def test_the_action_server_runs_action_clarify_on_it(pipeline, tmp_path, text):
    """rasa-sdk's executor runs the real action on Rasa's call, here as if the NLU had been unsure
    (nlu_fallback at the FallbackClassifier's threshold): gibberish gets the not-understood reply
    and the topics, an unsure question the likeliest readings."""
    call = asyncio.run(through_rasa(pipeline, text, tmp_path / "tracker.db"))
    call["tracker"]["latest_message"][INTENT] = {"name": NLU_FALLBACK, "confidence": 0.45}
    executor = ActionExecutor()
    executor.register_package("actions")
    response = asyncio.run(executor.run(call))
    assert response is not None
    texts = [m["text"] for m in response["responses"]]
    buttons = [b["payload"] for m in response["responses"] for b in m.get("buttons") or []]
    phrases = get_facts().phrases
    if fallback_reason(Tracker.from_dict(call["tracker"])):
        assert texts[0].startswith(phrases.text("not_understood", "en"))
        assert buttons == [b["payload"] for b in topic_buttons(get_facts(), "en")]
    else:
        assert texts == [phrases.text("clarify", "en")]
        assert buttons == ["/ask_nato", "/ask_eu", "/help"]
