"""`python -m channels.credentials`: channels on only when configured, precise errors, no secret on disk."""

import subprocess
import sys

import pytest
import yaml

from channels.credentials import ROOT, write_credentials

# REST (with request checks) and socket.io (with an origin check): always on.
BASE = ["channels.rest.CheckedRestInput", "channels.socketio.SocketIOInput"]
SLACK = {"SLACK_BOT_TOKEN": "xoxb-secret-value", "SLACK_SIGNING_SECRET": "signing-secret-value"}


def run(tmp_path, env):
    out = tmp_path / "credentials.yml"
    result = subprocess.run(
        [sys.executable, "-m", "channels.credentials", "--out", str(out)],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result, out


def test_without_variables_only_rest_and_socketio_are_on(tmp_path):
    result, out = run(tmp_path, {})
    assert result.returncode == 0, result.stderr
    assert list(yaml.safe_load(out.read_text())) == BASE
    assert "Channels on: rest, socketio" in result.stderr


def test_a_configured_channel_is_on_and_its_secrets_stay_references(tmp_path):
    result, out = run(tmp_path, SLACK)
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    slack = yaml.safe_load(text)["channels.slack.SlackInput"]
    assert slack["slack_token"] == "${SLACK_BOT_TOKEN}" and "slack_channel" not in slack
    assert "secret-value" not in text


@pytest.mark.parametrize(
    "env, missing",
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        (
            {
                "TELEGRAM_TOKEN": "1:a",
                "TELEGRAM_BOT_USERNAME": "b",
                "TELEGRAM_WEBHOOK_URL": "https://x/webhooks/telegram/webhook",
            },
            "TELEGRAM_SECRET_TOKEN",
        ),
        ({"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "t", "TWILIO_NUMBER": "+1"}, "TWILIO_WEBHOOK_URL"),
        ({"SLACK_CHANNEL": "#general"}, "SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"),
    ],
)
def test_a_half_configured_channel_stops_start_up_naming_the_missing_variable(tmp_path, env, missing):
    result, out = run(tmp_path, env)
    assert result.returncode == 2
    assert missing in result.stderr and "half-configured" in result.stderr, result.stderr
    assert not out.exists()


def test_rasa_expands_the_references_from_the_environment(tmp_path, monkeypatch):
    from rasa.shared.utils.io import read_config_file

    out = tmp_path / "credentials.yml"
    write_credentials(out, {**SLACK, "SLACK_CHANNEL": "#defence"})
    for name, value in {**SLACK, "SLACK_CHANNEL": "#defence"}.items():
        monkeypatch.setenv(name, value)
    slack = read_config_file(str(out))["channels.slack.SlackInput"]
    assert slack == {
        "slack_token": "xoxb-secret-value",
        "slack_signing_secret": "signing-secret-value",
        "slack_channel": "#defence",
        "use_threads": False,
    }


def test_plain_credentials_yml_still_loads_without_any_variable(monkeypatch):
    """`rasa run --credentials credentials.yml` (and the web widget's tests) keep working as before."""
    from rasa.shared.utils.io import read_config_file

    for name in list(SLACK) + ["TELEGRAM_TOKEN", "CALLBACK_URL"]:
        monkeypatch.delenv(name, raising=False)
    assert list(read_config_file(str(ROOT / "credentials.yml"))) == BASE
