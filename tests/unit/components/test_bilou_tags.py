"""BilouTags: the entity tags DIET would set are on the examples before DIET trains, so DIET's
own tagging leaves the examples, and so Rasa's fingerprint of them, as they were."""

from rasa.nlu.constants import BILOU_ENTITIES
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.nlu.utils.bilou_utils import apply_bilou_schema
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.bilou_tags import BilouTags


def training_data() -> TrainingData:
    text = "Does Estonia have a defence attaché in the United Kingdom?"
    start = text.index("United Kingdom")
    entity = {"start": start, "end": start + len("United Kingdom"), "value": "United Kingdom", "entity": "country"}
    data = TrainingData(
        [
            Message(data={TEXT: text, "intent": "ask_attache", ENTITIES: [entity]}),
            Message(data={TEXT: "hello", "intent": "greet"}),
        ]
    )
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process_training_data(data)
    return data


def test_the_tags_are_set_on_the_examples_with_entities() -> None:
    data = BilouTags({}).process_training_data(training_data())
    tagged, untagged = data.training_examples
    tags = tagged.get(BILOU_ENTITIES)
    assert tags[-2:] == ["B-country", "L-country"] and set(tags[:-2]) == {"O"}
    assert untagged.get(BILOU_ENTITIES) is None


def test_diet_tagging_afterwards_leaves_the_fingerprint_as_it_was() -> None:
    data = BilouTags({}).process_training_data(training_data())
    before = data.fingerprint()
    apply_bilou_schema(data)  # what DIETClassifier does to its training data
    assert data.fingerprint() == before


def test_without_it_diet_tagging_changes_the_fingerprint() -> None:
    data = training_data()
    before = data.fingerprint()
    apply_bilou_schema(data)
    assert data.fingerprint() != before


def test_messages_are_passed_through_at_prediction_time() -> None:
    message = Message(data={TEXT: "Kas Eestil on kaitseatašee Soomes?"})
    assert BilouTags({}).process([message]) == [message]
    assert message.get(BILOU_ENTITIES) is None
