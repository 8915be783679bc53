"""components/rasa_patches.py: the pipeline's first component applies the Rasa patches when
the model loads, before any other component is loaded (DIETClassifier among them, whose
loading `diet_load` changes). Shown on config.yml's own prediction graph, as Rasa's recipe
builds it and Rasa's DaskGraphRunner instantiates it; no trained model is needed."""

import copy
import dataclasses
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import rasa.engine.validation
import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema
from rasa.engine.recipes.recipe import Recipe
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.data import TrainingType
from rasa.shared.nlu.training_data.message import Message

import patches
from components.rasa_patches import RasaPatches
from stack.processes import ROOT

NODE = "run_components.rasa_patches.RasaPatches0"


GROUPS = ("rasa", "http_api")  # what RasaPatches applies


@pytest.fixture(autouse=True)
def rasa_as_released(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for variable in ("RASA_PATCHES", "RASA_HOT_PATHS", *(p.switch for p in patches.PATCHES)):
        monkeypatch.delenv(variable, raising=False)
    # Rasa as released for the test (an earlier test may have applied some of the
    # Rasa patches: the guard policy's load applies the action timeout), then as it was.
    before = [name for name in patches.applied() if patches.BY_NAME[name].group in GROUPS]
    for name in reversed(before):
        patches.undo(name)
    yield
    for name in reversed(patches.applied()):
        if patches.BY_NAME[name].group in GROUPS:
            patches.undo(name)
    for name in before:
        patches.apply(name)


def model_configuration() -> Any:
    """What `rasa train` makes of config.yml (and validates) before it trains anything."""
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    recipe = Recipe.recipe_for_name(config.get("recipe"))
    configuration = recipe.graph_config_for_recipe(copy.deepcopy(config), {}, training_type=TrainingType.BOTH)
    rasa.engine.validation.validate(configuration)
    return configuration


def test_the_prediction_graph_starts_with_it_and_the_training_graph_leaves_it_out():
    configuration = model_configuration()
    nodes = list(configuration.predict_schema.nodes)
    assert nodes[:2] == ["nlu_message_converter", NODE]
    diet = next(name for name in nodes if name.startswith("run_DIETClassifier"))
    assert nodes.index(NODE) < nodes.index(diet)
    node = configuration.predict_schema.nodes[NODE]
    assert node.uses is RasaPatches and node.eager and node.constructor_name == "load"
    assert not any(n.uses is RasaPatches for n in configuration.train_schema.nodes.values())


def recording(schema: GraphSchema, seen: Dict[str, bool]) -> GraphSchema:
    """`schema` with every node but RasaPatches replaced by one that notes, when Rasa loads it,
    whether the `diet_load` patch is in place."""

    class Recorder(GraphComponent):
        @classmethod
        def create(cls, config: Dict[str, Any], model_storage: Any, resource: Any, execution_context: Any) -> Any:
            seen[execution_context.node_name] = patches.is_applied("diet_load")
            return cls()

        load = create

    for fn in {node.fn for node in schema.nodes.values()}:
        setattr(Recorder, fn, lambda self, *args, **kwargs: None)
    return GraphSchema(
        {
            name: node if node.uses is RasaPatches else dataclasses.replace(node, uses=Recorder, config={})
            for name, node in schema.nodes.items()
        }
    )


def test_rasa_loads_every_component_after_it_with_the_patches_in_place(tmp_path: Path):
    seen: Dict[str, bool] = {}
    schema = recording(model_configuration().predict_schema, seen)
    DaskGraphRunner.create(schema, LocalModelStorage(tmp_path), ExecutionContext(schema, "model"))
    names = list(schema.nodes)
    assert list(seen) == [name for name in names if name != NODE]  # loaded in the schema's order
    assert seen["nlu_message_converter"] is False
    after = names[names.index(NODE) + 1 :]
    assert len(after) > 10 and all(seen[name] for name in after)
    assert seen[next(name for name in after if name.startswith("run_DIETClassifier"))]


def test_in_another_place_it_would_come_too_late(tmp_path: Path):
    """The same check, with RasaPatches moved after DIET: DIET loads as released."""
    seen: Dict[str, bool] = {}
    schema = recording(model_configuration().predict_schema, seen)
    nodes = dict(schema.nodes)
    moved = {name: node for name, node in nodes.items() if name != NODE}
    moved[NODE] = nodes[NODE]
    late = GraphSchema(moved)
    DaskGraphRunner.create(late, LocalModelStorage(tmp_path), ExecutionContext(late, "model"))
    assert seen[next(name for name in seen if name.startswith("run_DIETClassifier"))] is False


@pytest.mark.parametrize("constructor", ["create", "load"])
def test_creating_or_loading_it_applies_the_rasa_patches_and_messages_pass_unchanged(constructor, tmp_path):
    component = getattr(RasaPatches, constructor)({}, LocalModelStorage(tmp_path), None, None)
    rasa_applied = [name for name in patches.applied() if patches.BY_NAME[name].group == "rasa"]
    assert rasa_applied == [p.name for p in patches.PATCHES if p.group == "rasa"]
    messages: List[Message] = [Message(data={"text": "tere"})]
    assert component.process(messages) is messages


def test_with_rasa_patches_off_it_applies_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("RASA_PATCHES", "off")
    RasaPatches.create({}, LocalModelStorage(tmp_path), None, None)
    assert [name for name in patches.applied() if patches.BY_NAME[name].group == "rasa"] == []
