"""Base of the NLU components here that learn something in `train` and read it back at load time.

Rasa builds a component with `create` before training and with `load` from the
trained model. Both are the same here: the config merged over the component's
defaults, and what `train` learned (None before training) handed to `learned`,
which a subclass turns into its own state. A subclass names its file, says how
to read and write what it learned, and calls `persist` at the end of `train`.
"""

from pathlib import Path
from typing import Any, Dict, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


class TrainedComponent(GraphComponent):
    FILE = "learned"

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **config}
        self._storage, self._resource = model_storage, resource

    def learned(self, state: Any) -> None:
        """Takes what `train` learned, as `read` gives it back."""
        raise NotImplementedError

    @staticmethod
    def read(path: Path) -> Any:
        raise NotImplementedError

    @staticmethod
    def write(state: Any, path: Path) -> None:
        raise NotImplementedError

    def persist(self, state: Any) -> Resource:
        """Writes what `train` learned into the model and takes it as its state."""
        with self._storage.write_to(self._resource) as folder:
            self.write(state, folder / self.FILE)
        self.learned(state)
        return self._resource

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> GraphComponent:
        component = cls(config, model_storage, resource)
        with model_storage.read_from(resource) as folder:
            component.learned(cls.read(folder / cls.FILE))
        return component
