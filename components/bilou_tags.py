"""NLU component: the training examples' BILOU entity tags set once, before DIET, so that
a second `rasa train` with nothing changed trains nothing.

DIET (and CRFEntityExtractor) set the BILOU tags on the training examples they are given,
in place, while they train. Rasa's cache keys a component by the fingerprint of its input
taken just before it runs, and DIET shares its input with EntitySynonymMapper and
UnknownWordsClassifier. After a full training those two were keyed by the examples with
DIET's tags already on them, the next run by examples without: a cache miss, so the whole
featurization of every example ran again (about 35 s of a 71 s retraining here) for two
components that train in milliseconds. With the tags set here, DIET sets the same values again and the examples'
fingerprint does not change. Nothing happens at prediction time.
"""

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.utils.bilou_utils import apply_bilou_schema
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.stateless import StatelessComponent


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class BilouTags(StatelessComponent):
    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        apply_bilou_schema(training_data)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        return messages
