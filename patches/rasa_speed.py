"""Six of Rasa 3.6.21's costs, removed without changing what Rasa does.

Found by profiling the Rasa process under `make bench` (py-spy); what each one
saved is measured in README.md's "Speed, memory and `make bench`" section. Each
function below applies one patch and returns its undo; patches/__init__.py lists
them (names and switches) and applies them.

- `diet_load` (at start-up): to create the model's weights before reading them
  from the model file, Rasa trains it for one step on one example, and that step
  is first compiled into a TensorFlow graph, with its gradients, for nothing.
  Here that one step runs eagerly (op by op, no graph), which creates the same
  weights, which are then read from the file as before; only prediction is
  compiled, as before.

Per message:

- `action_check`: RemoteAction checks every answer of the action server against
  its JSON schema with `jsonschema.validate`, which first checks the schema itself
  against the JSON Schema meta-schema, every time. Here the same schema is
  compiled once, and each event is checked against the one kind of event it names
  rather than all 23 kinds: the same answers pass, the same ones fail, with Rasa's
  wording.
- `graph_walks`: every run of the NLU graph and of the policy graph works out
  again, by a recursive walk that revisits shared nodes, which nodes the targets
  need. The graph never changes once loaded, so each answer is kept on the graph
  schema after the first walk.
- `kept_sessions`: Rasa opens an HTTP session, and so a TCP connection, for every
  call to the action server, and closes it after the answer. Here each endpoint
  keeps one session per event loop, whose idle connections are reused for up to
  KEEP_ALIVE_S seconds (less than the action server's own 5 s, so that it never
  closes one first).
- `debug_copies`: the message processor deep-copies the message's entities and
  every action's events, six times per message, only to pass them to debug log
  lines. Here the copy is made only when Rasa logs at debug level.
- `event_types`: to turn each event it reads (from the action server, for one)
  into an object, Rasa lists every subclass of Event, recursively, and searches
  the list for the event's type name. Here each type name found is remembered.
"""

import asyncio
import copy
import logging
from typing import Any, Dict, List, Optional, Text

import aiohttp
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.engine.graph import GraphSchema
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.tensorflow.constants import RUN_EAGERLY
from rasa.utils.tensorflow.models import RasaModel

from patches import Undo, replace

# How many models this process loaded with the eager training step (`diet_load`):
# the tests read it to see that the patch was in place before DIET was loaded.
loads_without_compiled_training_step = 0


class ActionResponseCheck:
    """RemoteAction's answer schema, compiled once, checked the quick way first.

    The schema says each event is exactly one of 23 kinds, each told apart by
    the constant value of its `event` key. An answer passes the quick check
    when it passes the schema without that "exactly one of", and each event
    passes the one kind its `event` names: the same answers as the full schema
    pass. Any other answer is checked against the full schema, which raises the
    error Rasa would.
    """

    def __init__(self) -> None:
        schema = RemoteAction.action_response_format_spec()
        validator_class = validator_for(schema)
        validator_class.check_schema(schema)
        self.full = validator_class(schema)
        event_schema = schema["properties"]["events"]["items"]
        kinds = event_schema.get("oneOf", [])
        names = [kind.get("properties", {}).get("event", {}).get("const") for kind in kinds]
        self.kinds: Dict[Any, Any] = {}
        if kinds and None not in names and len(set(names)) == len(names):
            outline = copy.deepcopy(schema)
            del outline["properties"]["events"]["items"]["oneOf"]
            self.outline = validator_class(outline)
            self.kinds = {name: validator_class(kind) for name, kind in zip(names, kinds, strict=True)}

    def quick_pass(self, result: Any) -> bool:
        if not self.kinds or not self.outline.is_valid(result):
            return False
        events = result.get("events", []) if isinstance(result, dict) else []
        return all(
            isinstance(event, dict) and event.get("event") in self.kinds and self.kinds[event["event"]].is_valid(event)
            for event in events
        )

    def validate(self, result: Any) -> None:
        """Returns when `result` fits the schema; raises jsonschema's ValidationError otherwise."""
        if not self.quick_pass(result):
            self.full.validate(result)


def compile_action_response_check() -> Undo:
    check = ActionResponseCheck()

    def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
        try:
            check.validate(result)
            return True
        except ValidationError as e:  # worded as Rasa words it
            e.message += (
                f". Failed to validate Action server response from API, make sure your response "
                f"from the Action endpoint is valid. For more information about the format visit "
                f"{DOCS_BASE_URL}/custom-actions"
            )
            raise e

    return replace(RemoteAction, "_validate_action_result", _validate_action_result)


def remember_minimal_graphs() -> Undo:
    walk = GraphSchema.minimal_graph_schema

    def minimal_graph_schema(self: GraphSchema, targets: Optional[List[Text]] = None) -> GraphSchema:
        known = self.__dict__.setdefault("_minimal_graphs", {})
        key = tuple(targets) if targets else None
        if key not in known:
            known[key] = walk(self, targets)
        return known[key]

    return replace(GraphSchema, "minimal_graph_schema", minimal_graph_schema)


def load_models_without_compiling_a_training_step() -> Undo:
    load = RasaModel.load.__func__  # type: ignore[attr-defined]

    def load_for_prediction(
        cls: Any,
        model_file_name: Text,
        model_data_example: Any,
        predict_data_example: Any = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> RasaModel:
        global loads_without_compiled_training_step
        config = kwargs.get("config") or {}
        if finetune_mode or config.get(RUN_EAGERLY):  # training goes on, or all runs eagerly anyway: as released
            return load(cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs)
        # Rasa's own load, with its one training step run eagerly and no warm-up prediction yet ...
        model = load(
            cls,
            model_file_name,
            model_data_example,
            None,
            finetune_mode,
            *args,
            **dict(kwargs, config=dict(config, **{RUN_EAGERLY: True})),
        )
        # ... then prediction compiled, as Rasa would, and warmed up on the same example.
        if hasattr(model, "config"):
            model.config = config
        model.run_eagerly = bool(config.get(RUN_EAGERLY))
        if predict_data_example:
            model.run_inference(predict_data_example)
        loads_without_compiled_training_step += 1
        return model

    return replace(RasaModel, "load", classmethod(load_for_prediction))


KEEP_ALIVE_S = 3.0


class _OpenSession:
    """`async with` gives the kept session and leaves it open."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *_: Any) -> None:
        return None


def keep_endpoint_sessions() -> Undo:
    new_session = EndpointConfig.session

    def session(self: EndpointConfig) -> _OpenSession:
        loop = asyncio.get_running_loop()
        kept, kept_loop = self.__dict__.get("_kept_session", (None, None))
        if kept is None or kept.closed or kept_loop is not loop:  # the first call, or on another event loop
            fresh = new_session(self)  # Rasa's settings (headers, authentication, timeout) ...
            kept = aiohttp.ClientSession(  # ... with a connector that keeps idle connections
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_S),
                headers=fresh.headers,
                auth=fresh.auth,
                timeout=fresh.timeout,
            )
            loop.create_task(fresh.close())
            self.__dict__["_kept_session"] = (kept, loop)
        return _OpenSession(kept)

    return replace(EndpointConfig, "session", session)


class _CopiesForDebugLines:
    """Stands in for the `copy` module in rasa.core.processor, which uses it only to
    copy values for its debug log lines."""

    @staticmethod
    def deepcopy(value: Any) -> Any:
        return copy.deepcopy(value) if logging.getLogger("rasa").isEnabledFor(logging.DEBUG) else value


def copy_only_for_debug_lines() -> Undo:
    import rasa.core.processor

    return replace(rasa.core.processor, "copy", _CopiesForDebugLines)


def remember_event_types() -> Undo:
    search = Event.resolve_by_type
    found: Dict[Text, Any] = {}

    def resolve_by_type(type_name: Text, default: Optional[Any] = None) -> Optional[Any]:
        event_class = found.get(type_name)
        if event_class is None:
            event_class = search(type_name, default)  # Rasa's search; unknown names fail as in Rasa
            if event_class is not None and getattr(event_class, "type_name", None) == type_name:
                found[type_name] = event_class
        return event_class

    return replace(Event, "resolve_by_type", staticmethod(resolve_by_type))
