"""patches/rasa_speed.py changes how fast Rasa does six things, not what it does:
the action server's answers pass or fail as with `jsonschema.validate`
(`action_check`), the graph runs the same nodes (`graph_walks`), calls to the action
server get the same answers over one kept connection (`kept_sessions`), events
resolve to the classes Rasa finds (`event_types`), and values are still copied for
debug lines when they are logged (`debug_copies`). That DIET loaded without compiling
a training step (`diet_load`) predicts exactly the same needs the trained model:
tests/e2e/test_patches.py."""

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.engine.graph import GraphSchema, SchemaNode
from rasa.utils.endpoints import EndpointConfig

import patches

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
    assert patches.apply("action_check")
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
    assert patches.apply("graph_walks")
    schema = graph()
    for targets, nodes in expected.items():
        first = schema.minimal_graph_schema(list(targets) if targets else None)
        assert set(first.nodes) == nodes
        assert schema.minimal_graph_schema(list(targets) if targets else None) is first


def test_calls_to_the_action_server_reuse_one_connection_and_survive_its_restart():
    """Two calls in a row go over one connection; after the action server restarts, the next call still works."""
    import asyncio

    from aiohttp import web

    assert patches.apply("kept_sessions")

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

    assert patches.apply("event_types")
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

    assert patches.apply("debug_copies")
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
