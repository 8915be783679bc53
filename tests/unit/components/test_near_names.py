"""NearNames: a lookup-table name typed with one letter wrong is still marked as a name."""

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.near_names import NearNames, one_edit_apart


@pytest.fixture()
def marked(tmp_path: Path):
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    data = TrainingData(
        [Message(data={"text": "Kas Eestil on kaitseatašee Saksamaal?", "intent": "x"})],
        lookup_tables=[{"name": "country", "elements": ["Saksamaal", "Ühendkuningriigis", "Германии", "Eli"]}],
    )
    tokenizer.process_training_data(data)
    storage, resource = LocalModelStorage(tmp_path), Resource("near_names")
    context = ExecutionContext(graph_schema=None, model_id="test")
    NearNames.create({}, storage, resource, context).train(data)
    loaded = NearNames.load({}, storage, resource, context)

    def words(text: str):
        message = Message(data={"text": text})
        tokenizer.process([message])
        loaded.process([message])
        return [t.text for t in message.get(TOKENS_NAMES[TEXT]) if t.get("pattern")["near_country"]]

    return words


@pytest.mark.parametrize(
    "text, name",
    [
        ("kas saksmaal on atašee", "saksmaal"),  # a letter dropped
        ("kas Saksamaal on atašee", "Saksamaal"),  # exact
        ("kas uhendkuningrigis on atašee", "uhendkuningrigis"),  # no diacritics, and a letter dropped
        ("атташе в гнрмании есть?", "гнрмании"),  # a letter changed
        ("атташе в геримании есть?", "геримании"),  # a letter added
        ("kas sakasmaal on atašee", "sakasmaal"),  # two letters swapped
    ],
)
def test_a_name_one_typo_away_is_marked(marked, text, name):
    assert marked(text) == [name]


def test_other_words_and_short_words_with_a_typo_are_not_marked(marked):
    assert marked("kas eestil on kaitseatašee") == []
    assert marked("Eri vastus") == []  # "Eli" is in the table, but short words must match exactly
    assert marked("eli") == ["eli"]


def test_one_edit_apart_counts_one_edit_only():
    assert one_edit_apart("rootsis", "rotsis")
    assert one_edit_apart("rootsis", "rootssi")
    assert not one_edit_apart("rootsis", "rtosis")
    assert not one_edit_apart("saksamaal", "saksmal")
