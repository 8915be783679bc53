"""Custom Rasa graph components of the assistant (NLU and dialogue).

Importing the package registers the spaCy factory of morphology/pipeline.py,
which SpacyNLP needs to load the pipeline built by `python -m morphology.build`
(Rasa imports every component's module before it loads SpacyNLP), and applies
components/hot_paths.py (faster model loading and message handling, same
results) before Rasa loads any component, unless RASA_HOT_PATHS=off.
"""

import morphology.pipeline  # noqa: F401  (registers the "bilingual_lemmatizer" factory)
from components import hot_paths

if hot_paths.wanted():
    hot_paths.install()
