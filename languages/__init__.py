"""The assistant's languages at run time: which one a message is written in (identification.py).

The list of languages itself is common/languages.py, which the action server
reads too; this package may load language models (lingua), so only the Rasa
process (the NLU components and the spaCy pipeline) imports it.
"""
