"""Custom Rasa graph components of the assistant (NLU and dialogue).

Importing the package registers the spaCy factory of morphology/pipeline.py,
which SpacyNLP needs to load the pipeline built by `python -m morphology.build`
(Rasa imports every component's module before it loads SpacyNLP). It changes
nothing in Rasa: the Rasa patches (patches/) are applied by
components/rasa_patches.py, the pipeline's first component, when the model loads.
"""

import morphology.pipeline  # noqa: F401  (registers the "language_lemmatizer" factory)
