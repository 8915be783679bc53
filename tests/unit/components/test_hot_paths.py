"""components/hot_paths.py changes how fast Rasa does two things, not what it does:
the action server's answers pass or fail as with `jsonschema.validate`, and the
graph runs the same nodes."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.engine.graph import GraphSchema, SchemaNode
from rasa.utils.endpoints import EndpointConfig

from components import hot_paths
from stack.processes import ROOT

ANSWERS = [
    {
        "events": [{"event": "slot", "name": "knowledge_entry", "value": "nato"}],
        "responses": [{"text": "NATO on Eesti julgeoleku alus."}],
    },
    {"events": [], "responses": []},
    {},
    {"events": "not a list"},
    {"events": [{"name": "knowledge_entry"}]},  # an event without its type
    {"events": [{"event": "no_such_event"}]},
    {"responses": ["not an object"]},
    {
        "events": [
            {"event": "slot", "name": "knowledge_entry", "value": "nato"},
            {"event": "bot", "text": "x"},
            {"event": "action", "name": "action_listen"},
            {"event": "followup", "name": "action_help"},
        ]
    },
    {"events": [{"event": "slot", "name": 5}]},  # a slot event whose name is not text
    {"events": [{"event": "slot", "timestamp": "yesterday"}]},
    {"events": ["slot"]},
    {"events": [{"event": 7}]},
    {"events": [{"event": "user", "text": "tere", "parse_data": "not an object"}]},
    {"events": [{"event": "restart"}, {"event": "reset_slots"}, {"event": "session_started", "metadata": None}]},
    [],
]


@pytest.mark.parametrize("answer", ANSWERS)
def test_an_action_server_answer_passes_or_fails_as_rasa_would_judge_it(answer):
    hot_paths.install()
    action = RemoteAction("action_answer_topic", EndpointConfig("http://127.0.0.1:1/webhook"))
    try:
        jsonschema.validate(answer, RemoteAction.action_response_format_spec())
        expected_valid = True
    except jsonschema.ValidationError:
        expected_valid = False
    if expected_valid:
        assert action._validate_action_result(answer) is True
    else:
        with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
            action._validate_action_result(answer)


def node(*needs: str, target: bool = False) -> SchemaNode:
    return SchemaNode(
        needs={f"i{n}": name for n, name in enumerate(needs)},
        uses=GraphSchema,
        constructor_name="load",
        fn="run",
        config={},
        is_target=target,
    )


def graph() -> GraphSchema:
    return GraphSchema(
        {
            "tokens": node(),
            "words": node("tokens"),
            "chars": node("tokens"),
            "classifier": node("words", "chars", target=True),
            "unused": node("tokens"),
            "policy": node("classifier", target=True),
        }
    )


def test_the_graph_runs_the_same_nodes_and_works_them_out_once():
    expected = {
        targets: set(graph().minimal_graph_schema(list(targets) if targets else None).nodes)
        for targets in (("classifier",), ("policy",), None)
    }
    assert expected[("classifier",)] == {"tokens", "words", "chars", "classifier"}
    hot_paths.install()
    schema = graph()
    for targets, nodes in expected.items():
        first = schema.minimal_graph_schema(list(targets) if targets else None)
        assert set(first.nodes) == nodes
        assert schema.minimal_graph_schema(list(targets) if targets else None) is first


PARSE_SCRIPT = """
import asyncio, json, sys
from rasa.core.agent import Agent
agent = Agent.load(sys.argv[1])
for text in json.load(sys.stdin):
    parsed = asyncio.run(agent.parse_message(text))
    print("PARSED", json.dumps([parsed["intent"]["name"], round(parsed["intent"]["confidence"], 5),
                      [(e["entity"], e["value"]) for e in parsed["entities"]]]))
"""


def test_the_model_loaded_without_compiling_a_training_step_predicts_exactly_the_same():
    """The same model, loaded as released (RASA_HOT_PATHS=off) and as this project loads it."""
    import json
    import os
    import subprocess
    import sys

    from bench.nlu_cost import test_messages
    from stack.processes import MODEL

    messages = test_messages()[::4]
    predictions = {}
    for switch in ("off", "on"):
        result = subprocess.run(
            [sys.executable, "-c", PARSE_SCRIPT, str(MODEL)],
            input=json.dumps(messages),
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=600,
            env=dict(os.environ, RASA_HOT_PATHS=switch, TF_CPP_MIN_LOG_LEVEL="2"),
        )
        assert result.returncode == 0, result.stderr[-2000:]
        predictions[switch] = [line for line in result.stdout.splitlines() if line.startswith("PARSED ")]
    assert len(predictions["on"]) == len(messages) >= 50
    assert predictions["on"] == predictions["off"]


def test_calls_to_the_action_server_reuse_one_connection_and_survive_its_restart():
    """Two calls in a row go over one connection; after the action server restarts, the next call still works."""
    import asyncio

    from aiohttp import web

    hot_paths.install()

    async def scenario():
        peers = []

        async def webhook(request):
            peers.append(request.transport.get_extra_info("peername")[1])
            return web.json_response({"events": [], "responses": [{"text": "ok"}]})

        async def serve(port=0):
            app = web.Application()
            app.router.add_post("/webhook", webhook)
            runner = web.AppRunner(app)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", port)
            await site.start()
            return runner, site._server.sockets[0].getsockname()[1]

        runner, port = await serve()
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
        answers = [await endpoint.request(json={"next_action": "action_answer_topic"}) for _ in range(2)]
        await runner.cleanup()  # the action server restarts
        runner, _ = await serve(port)
        answers.append(await endpoint.request(json={"next_action": "action_answer_topic"}))
        await runner.cleanup()
        return answers, peers

    answers, peers = asyncio.run(scenario())
    assert answers == [{"events": [], "responses": [{"text": "ok"}]}] * 3
    assert peers[0] == peers[1] != peers[2]


def test_every_event_type_resolves_to_the_class_rasa_finds():
    from rasa.shared.core.events import Event, UserUttered
    from rasa.shared.utils.common import all_subclasses

    hot_paths.install()
    for event_class in all_subclasses(Event):
        expected = next(c for c in all_subclasses(Event) if c.type_name == event_class.type_name)
        assert Event.resolve_by_type(event_class.type_name) is expected
        assert Event.resolve_by_type(event_class.type_name) is expected  # remembered: the same answer
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.from_parameters({"event": "slot", "name": "knowledge_entry", "value": "nato"}).value == "nato"


def test_values_for_debug_lines_are_copied_only_when_rasa_logs_at_debug_level():
    import logging

    import rasa.core.processor

    hot_paths.install()
    events = [{"event": "slot", "name": "knowledge_entry", "value": "nato"}]
    rasa_logger = logging.getLogger("rasa")
    level = rasa_logger.level
    try:
        rasa_logger.setLevel(logging.INFO)
        assert rasa.core.processor.copy.deepcopy(events) is events
        rasa_logger.setLevel(logging.DEBUG)
        copied = rasa.core.processor.copy.deepcopy(events)
        assert copied == events and copied is not events and copied[0] is not events[0]
    finally:
        rasa_logger.setLevel(level)
