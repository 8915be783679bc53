"""Messaging-platform connectors: Rasa's built-in channels, adapted where needed.

One file per platform. The adaptations are small: the platform's API base URL
can come from an environment variable (so tests point it at a local fake), a
language hint from the platform becomes `metadata.language`, buttons render
natively or as a numbered list, a numbered reply picks that option, and every
signed request is checked the platform's way before it reaches Rasa.
`python -m channels.credentials` builds the credentials file Rasa runs with.
"""
