"""Custom actions of the assistant: answers looked up in knowledge.yml.

Start the server with `python -m actions` (binds 127.0.0.1:5055, checks the
knowledge file first) or the usual `rasa run actions`.
"""
