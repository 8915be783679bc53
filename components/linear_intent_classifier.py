"""NLU component: intents from a linear support-vector machine on the message's sparse features.

A fast alternative to DIET for intents (compare/candidates.yml): the sentence
features every featurizer gives (lookup-table patterns, lemma words, character
n-grams) are weighted by TF-IDF (sublinear counts), and scikit-learn's
LinearSVC (liblinear, its shuffling seeded: the same model on every run)
learns one margin per intent in under a second. The margins are turned
into confidences with a softmax of `confidence_scale` times the margins, so that
FallbackClassifier's threshold and ambiguity threshold mean what they do for
DIET: a clear margin is a confidence near 1, two close ones are two close
confidences. Rasa's own LogisticRegressionClassifier spreads its probabilities
over the 29 intents, so that the fallback turns about 3 % of plain questions
into "not understood". The price: with the scale at 8 a vague message ("estonia",
between two intents) still gets about 0.8 for its first, so fewer messages reach
the clarification question than with DIET.
"""

from pathlib import Path
from typing import Any, Dict, List, Optional, Text

import joblib
import numpy as np
import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.svm import LinearSVC

from components.trained import TrainedComponent


def sentence_features(message: Message) -> Optional[scipy.sparse.csr_matrix]:
    """The message's sentence-level sparse features of its text, every featurizer's together."""
    _, sentence = message.get_sparse_features(TEXT)
    return None if sentence is None else scipy.sparse.csr_matrix(sentence.features)


def softmax(margins: np.ndarray, scale: float) -> np.ndarray:
    z = margins * scale
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(TrainedComponent):
    FILE = "linear_intent_classifier.joblib"

    @classmethod
    def required_components(cls) -> List[type]:
        return [Featurizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"C": 1.0, "confidence_scale": 8.0, "ranking_length": 10}

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        super().__init__(config, model_storage, resource)
        self.model: Optional[Dict[str, Any]] = None  # {"tfidf": TfidfTransformer, "svm": LinearSVC}

    def learned(self, state: Dict[str, Any]) -> None:
        self.model = state

    @staticmethod
    def read(path: Path) -> Dict[str, Any]:
        return joblib.load(path)

    @staticmethod
    def write(state: Dict[str, Any], path: Path) -> None:
        joblib.dump(state, path)

    def train(self, training_data: TrainingData) -> Resource:
        rows, intents = [], []
        for example in training_data.intent_examples:
            features = sentence_features(example)
            if features is not None:
                rows.append(features)
                intents.append(example.get(INTENT))
        if len(set(intents)) < 2:
            raise ValueError(
                f"{type(self).__name__}: needs training examples of at least two intents with text features, "
                f"found {sorted(set(intents))}; put a featurizer (CountVectorsFeaturizer) before it in config.yml"
            )
        tfidf = TfidfTransformer(sublinear_tf=True)
        svm = LinearSVC(C=float(self.config["C"]), random_state=0)
        svm.fit(tfidf.fit_transform(scipy.sparse.vstack(rows).tocsr()), intents)
        return self.persist({"tfidf": tfidf, "svm": svm})

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            features = sentence_features(message)
            if self.model is None or features is None:
                continue
            margins = np.atleast_1d(self.model["svm"].decision_function(self.model["tfidf"].transform(features))[0])
            if margins.size == 1:  # two intents: one margin, for the second
                margins = np.array([-margins[0], margins[0]])
            confidences = softmax(margins, float(self.config["confidence_scale"]))
            order = np.argsort(-confidences)[: int(self.config["ranking_length"])]
            ranking = [{"name": str(self.model["svm"].classes_[i]), "confidence": float(confidences[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
