"""The pipeline's first component: applies the Rasa patches (patches/) when Rasa loads the model.

Rasa 3.6's plugin hooks load only `rasa_plus`, so the patches are applied from the
graph itself. The default recipe lays out the prediction graph's nodes in
config.yml's order (after its message converter), and Rasa's DaskGraphRunner
builds, and so loads, every node in the graph schema's order when the model is
loaded. Listed first in the pipeline, this component is therefore created
before any other component, DIETClassifier among them, whose loading one patch
(`diet_load`) changes. It learns nothing and is not part of the training graph;
at prediction it passes the messages on unchanged.

Each patch has its switch (`RASA_PATCH_<NAME>=off`, or `RASA_PATCHES=off` for all)
and is applied only on the Rasa version it was written for: see patches/__init__.py.
"""

from typing import Any, Dict, List, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.training_data.message import Message

import patches
from components.stateless import StatelessComponent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class RasaPatches(StatelessComponent):
    def __init__(self, config: Dict[Text, Any]) -> None:
        # StatelessComponent's create() and load() both come here.
        patches.apply_rasa_patches()
        patches.apply_http_api_patches()
        super().__init__(config)

    def process(self, messages: List[Message]) -> List[Message]:
        return messages
