"""LinearIntentClassifier: learns intents from the featurizers' sentence features, is sure of a clear
question, unsure between two intents it cannot tell apart, and trains the same way every time."""

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.linear_intent_classifier import LinearIntentClassifier

TRAINING = {
    "ask_nato": ["what does nato do", "tell me about nato", "estonia in nato", "nato collective defence"],
    "ask_eu": ["what does the eu do", "tell me about the eu", "estonia in the eu", "eu foreign policy"],
    "greet": ["hello", "hi there", "good morning", "hey"],
}


def trained(tmp_path: Path, name: str):
    context = ExecutionContext(graph_schema=None, model_id="test")
    (tmp_path / name).mkdir()
    storage = LocalModelStorage(tmp_path / name)
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("cv"), context
    )
    data = TrainingData([Message(data={"text": t, "intent": i}) for i, texts in TRAINING.items() for t in texts])
    tokenizer.process_training_data(data)
    featurizer.train(data)
    featurizer.process_training_data(data)
    LinearIntentClassifier.create({}, storage, Resource("intents"), context).train(data)
    classifier = LinearIntentClassifier.load({}, storage, Resource("intents"), context)

    def classify(text: str) -> list:
        message = Message(data={"text": text})
        tokenizer.process([message])
        featurizer.process([message])
        classifier.process([message])
        return message.get("intent_ranking")

    return classify


@pytest.fixture()
def classify(tmp_path: Path):
    return trained(tmp_path, "one")


def test_a_clear_question_gets_its_intent_with_high_confidence(classify):
    ranking = classify("what is nato")
    assert ranking[0]["name"] == "ask_nato"
    assert ranking[0]["confidence"] > 0.6
    assert classify("hello hello")[0]["name"] == "greet"


def test_the_ranking_is_every_intent_by_confidence_summing_to_one(classify):
    ranking = classify("tell me about the eu")
    assert [r["name"] for r in ranking][0] == "ask_eu"
    assert sorted(r["name"] for r in ranking) == sorted(TRAINING)
    assert [r["confidence"] for r in ranking] == sorted((r["confidence"] for r in ranking), reverse=True)
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_a_question_between_two_intents_is_less_sure_than_a_clear_one(classify):
    vague, clear = classify("estonia"), classify("what does nato do")
    assert {r["name"] for r in vague[:2]} == {"ask_nato", "ask_eu"}
    assert vague[0]["confidence"] < clear[0]["confidence"] - 0.1


def test_training_twice_gives_the_same_confidences(tmp_path: Path):
    one, two = trained(tmp_path, "a"), trained(tmp_path, "b")
    for text in ("what is nato", "tell me about", "hey"):
        first, second = one(text), two(text)
        assert [r["name"] for r in first] == [r["name"] for r in second]
        assert first == second


def test_training_without_features_is_refused_with_the_fix(tmp_path: Path):
    context = ExecutionContext(graph_schema=None, model_id="test")
    classifier = LinearIntentClassifier.create({}, LocalModelStorage(tmp_path), Resource("intents"), context)
    with pytest.raises(ValueError, match="put a featurizer"):
        classifier.train(TrainingData([Message(data={"text": "hello", "intent": "greet"})]))
