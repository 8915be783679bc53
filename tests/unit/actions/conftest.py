"""Fixtures of the action tests: an action run on a tracker built by `make_tracker`
(tests/conftest.py). The helpers they use are in support.py."""

import pytest

from tests.unit.actions.support import messages_and_events, run


@pytest.fixture
def ask(make_tracker):
    """ask(ActionX, language, intent, text, entities) → the texts the user reads (support.run)."""

    def ask(action_class, language, intent, text="", entities=(), **tracker_args):
        return run(action_class(), make_tracker(language, intent, text, entities, **tracker_args))

    return ask


@pytest.fixture
def answer(make_tracker):
    """answer(action, language, intent, text, entities) → (messages, events); entities are
    (entity, value, extractor), as Rasa's NLU or its RegexMessageHandler sends them."""

    def answer(action, language, intent, text, entities=()):
        return messages_and_events(action, make_tracker(language, intent, text, entities, sender_id="limits"))

    return answer
