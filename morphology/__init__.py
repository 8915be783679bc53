"""Estonian and English morphology for the NLU: tokens that keep "NATO-s" whole, and lemmas.

Built into a small spaCy pipeline (`python -m morphology.build`) that Rasa's
SpacyNLP loads by path, so every token reaches the featurizers with its lemma:
Vabamorf's for Estonian, a lookup table's for English.
"""
