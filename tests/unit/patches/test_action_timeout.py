"""patches/action_timeout.py: Rasa waits ACTION_SERVER_TIMEOUT seconds for the action server
(1.5 by default) instead of 5 minutes, whether the pipeline's first component or the guard
policy applies it; with the patch off, or undone, Rasa's 300 s again."""

import logging
from unittest.mock import MagicMock

import pytest
import rasa.core.actions.action as rasa_action

import patches
from components.action_server_guard import ActionServerGuardPolicy


@pytest.mark.parametrize("value, seconds", [("", 1.5), ("4", 4.0), (" 0.5 ", 0.5), ("300", 300.0)])
def test_rasa_waits_for_the_action_server_as_long_as_it_is_told(value, seconds, monkeypatch):
    monkeypatch.setenv("ACTION_SERVER_TIMEOUT", value)
    assert rasa_action.DEFAULT_REQUEST_TIMEOUT == 300
    assert patches.apply("action_timeout")
    assert seconds == rasa_action.DEFAULT_REQUEST_TIMEOUT
    patches.undo("action_timeout")
    assert rasa_action.DEFAULT_REQUEST_TIMEOUT == 300


@pytest.mark.parametrize("value", ["soon", "0", "-1", "301", "nan"])
def test_a_wait_that_is_not_a_number_of_seconds_is_the_default_with_a_warning(value, monkeypatch, caplog):
    monkeypatch.setenv("ACTION_SERVER_TIMEOUT", value)
    with caplog.at_level(logging.WARNING, logger="patches.action_timeout"):
        assert patches.apply("action_timeout")
    assert rasa_action.DEFAULT_REQUEST_TIMEOUT == 1.5
    assert "ACTION_SERVER_TIMEOUT" in caplog.text


def load_policy() -> ActionServerGuardPolicy:
    config = ActionServerGuardPolicy.get_default_config()
    return ActionServerGuardPolicy.load(config, MagicMock(), MagicMock(), MagicMock())


def test_the_guard_policy_applies_it_when_it_loads():
    load_policy()
    assert patches.is_applied("action_timeout") and rasa_action.DEFAULT_REQUEST_TIMEOUT == 1.5


@pytest.mark.parametrize("switch", ["RASA_PATCH_ACTION_TIMEOUT", "RASA_PATCHES"])
def test_switched_off_rasa_waits_as_released(switch, monkeypatch):
    monkeypatch.setenv(switch, "off")
    load_policy()
    assert not patches.is_applied("action_timeout") and rasa_action.DEFAULT_REQUEST_TIMEOUT == 300
