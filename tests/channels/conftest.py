"""One action server and one Rasa server for all channel tests, with every channel on.

The fake platforms start first (Rasa calls some of them at start-up: Telegram's
setWebhook, Bot Framework's signing keys), then the credentials file is built
from the environment exactly as `make run` builds it, then the servers start.
"""

import pytest

from channels.credentials import write_credentials
from tests.channels import fakes
from tests.servers import Assistant


def channel_environment(platforms, rasa_url):
    telegram, slack, facebook, botframework, mattermost, rocketchat, twilio, callback = (
        platforms[name] for name in ("telegram", "slack", "facebook", "botframework", "mattermost",
                                     "rocketchat", "twilio", "callback"))
    return {
        "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
        "TELEGRAM_TOKEN": telegram.token, "TELEGRAM_BOT_USERNAME": telegram.username,
        "TELEGRAM_WEBHOOK_URL": f"{rasa_url}/webhooks/telegram/webhook", "TELEGRAM_SECRET_TOKEN": telegram.secret,
        "TELEGRAM_API_URL": telegram.url,
        "SLACK_BOT_TOKEN": slack.token, "SLACK_SIGNING_SECRET": slack.signing_secret,
        "SLACK_API_URL": f"{slack.url}/api",
        "FACEBOOK_VERIFY_TOKEN": facebook.verify_token, "FACEBOOK_APP_SECRET": facebook.app_secret,
        "FACEBOOK_PAGE_ACCESS_TOKEN": facebook.page_token, "FACEBOOK_GRAPH_URL": facebook.graph_url,
        "BOTFRAMEWORK_APP_ID": botframework.app_id, "BOTFRAMEWORK_APP_PASSWORD": botframework.app_password,
        "BOTFRAMEWORK_OPENID_URL": f"{botframework.url}/v1/.well-known/openidconfiguration",
        "BOTFRAMEWORK_TOKEN_URL": f"{botframework.url}/oauth2/v2.0/token",
        "MATTERMOST_URL": mattermost.api_url, "MATTERMOST_BOT_TOKEN": mattermost.bot_token,
        "MATTERMOST_WEBHOOK_URL": f"{rasa_url}/webhooks/mattermost/webhook",
        "MATTERMOST_WEBHOOK_TOKEN": mattermost.webhook_token,
        "ROCKETCHAT_USER": rocketchat.user, "ROCKETCHAT_PASSWORD": rocketchat.password,
        "ROCKETCHAT_URL": rocketchat.url, "ROCKETCHAT_WEBHOOK_TOKEN": rocketchat.webhook_token,
        "TWILIO_ACCOUNT_SID": twilio.account_sid, "TWILIO_AUTH_TOKEN": twilio.auth_token,
        "TWILIO_NUMBER": twilio.number, "TWILIO_WEBHOOK_URL": f"{rasa_url}/webhooks/twilio/webhook",
        "TWILIO_API_URL": twilio.url,
        "CALLBACK_URL": callback.callback_url,
    }


@pytest.fixture(scope="package")
def platforms():
    started = {}
    try:
        for fake in (fakes.FakeTelegram, fakes.FakeSlack, fakes.FakeFacebook, fakes.FakeBotFramework,
                     fakes.FakeMattermost, fakes.FakeRocketChat, fakes.FakeTwilio, fakes.FakeCallbackReceiver):
            started[fake.name] = fake()
        yield started
    finally:
        for fake in started.values():
            fake.stop()


@pytest.fixture(scope="package")
def assistant(tmp_path_factory, platforms):
    workdir = tmp_path_factory.mktemp("channels")
    server = Assistant(workdir)
    # The webhook URLs need Rasa's port, known once the Assistant has picked it.
    env = channel_environment(platforms, server.url)
    server.credentials = workdir / "channels-credentials.yml"
    assert len(write_credentials(server.credentials, env)) == 10
    server.env.update(env)
    with server.running():
        yield server


def webhook(assistant, channel):
    return f"{assistant.url}/webhooks/{channel}/webhook"
