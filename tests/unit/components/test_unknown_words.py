"""UnknownWordsClassifier: a message with not one known word is not understood."""

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

from components.unknown_words import UnknownWordsClassifier, words_of

TRAINING = [
    "Kas Eestil on kaitseatašee Soomes?",
    "Is Estonia a member of NATO?",
    "tere",
    "Есть ли у Эстонии военный атташе в Финляндии?",
]


@pytest.fixture()
def classifier(tmp_path: Path):
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    data = TrainingData(
        [Message(data={"text": t, "intent": "x"}) for t in TRAINING],
        lookup_tables=[{"name": "country", "elements": ["Rootsis", "Ameerika Ühendriikides", "Швеции"]}],
    )
    tokenizer.process_training_data(data)
    storage, resource = LocalModelStorage(tmp_path), Resource("unknown_words")
    context = ExecutionContext(graph_schema=None, model_id="test")
    UnknownWordsClassifier.create({}, storage, resource, context).train(data)
    loaded = UnknownWordsClassifier.load({}, storage, resource, context)

    def classify(text: str, entities=()):
        message = Message(
            data={"text": text, "intent": {"name": "ask_nato", "confidence": 0.9}, "entities": list(entities)}
        )
        tokenizer.process([message])
        loaded.process([message])
        return message.get("intent")["name"]

    return classify


@pytest.mark.parametrize("text", ["asdkjh qwpoeiru zxmcnv", "zzzz", "qwerty uiop", "фывапр олдж", "йцукен"])
def test_keyboard_mashing_is_not_understood(classifier, text):
    assert classifier(text) == "nlu_fallback"


@pytest.mark.parametrize(
    "text",
    [
        "kas eestil on atasee?",
        "NATO member?",
        "TERE",
        "kaitseatasee",
        "Rootsis?",
        "Ühendriikides",
        "123 ?!",
        "а атташе?",
        "ЕСТЬ ЛИ",
        "швеции?",
    ],
)
def test_a_message_with_one_known_word_or_no_words_keeps_its_intent(classifier, text):
    assert classifier(text) == "ask_nato"


def test_a_found_country_keeps_the_intent(classifier):
    assert classifier("Lätis?", [{"entity": "country", "value": "latvia", "start": 0, "end": 5}]) == "ask_nato"


def test_a_compound_lemma_counts_each_of_its_parts_as_a_word():
    message = Message(data={"text": "Kaitsekontaktid"})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    message.get(TOKENS_NAMES[TEXT])[0].lemma = "kaitsekontakt kaitse kontakt"  # as morphology/pipeline.py sets it
    assert words_of(message) == ["kaitsekontaktid", "kaitsekontakt", "kaitse", "kontakt"]
