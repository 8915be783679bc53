"""Local stand-ins for each messaging platform.

Each fake plays both sides of the platform: it sends user messages to Rasa's
webhook shaped (and signed) exactly as the platform does, and it serves the
part of the platform's API the connector calls to reply, recording those
calls so the tests can check what reached the user.
"""

import base64
import hashlib
import hmac
import json
import time
import uuid
from itertools import count
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, urlencode

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.system.channels.fake_server import FakePlatform, Recorded

_ids = count(1000)


class FakeTelegram(FakePlatform):
    """Bot API server (getMe, setWebhook, sendMessage, answerCallbackQuery) and update sender."""

    name = "telegram"
    token = "123456789:AAFakeTokenForLoopbackTests_abcdefghij"
    username = "estdefence_test_bot"
    secret = "telegram-secret-token-for-tests"

    def answer(self, request: Recorded) -> Tuple[int, Any]:
        method = request.path.rsplit("/", 1)[-1]
        if not request.path.startswith(f"/bot{self.token}/"):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        if method == "getMe":
            return 200, {
                "ok": True,
                "result": {"id": 123456789, "is_bot": True, "first_name": "Assistant", "username": self.username},
            }
        if method in ("setWebhook", "answerCallbackQuery"):
            return 200, {"ok": True, "result": True}
        if method == "sendMessage":
            chat_id = int(request.form.get("chat_id", "0"))
            return 200, {
                "ok": True,
                "result": {
                    "message_id": next(_ids),
                    "date": int(time.time()),
                    "chat": {"id": chat_id, "type": "private"},
                    "text": request.form.get("text", ""),
                },
            }
        return 404, {"ok": False, "error_code": 404, "description": "Not Found"}

    def replies_to(self, chat_id: int) -> List[Recorded]:
        return self.recorded(lambda r: r.path.endswith("/sendMessage") and r.form.get("chat_id") == str(chat_id))

    def user(self, user_id: int, language_code: Optional[str]) -> Dict[str, Any]:
        sender = {"id": user_id, "is_bot": False, "first_name": "Mari"}
        if language_code:
            sender["language_code"] = language_code
        return sender

    def send_text(
        self, webhook: str, user_id: int, text: str, language_code: Optional[str] = None, secret: Optional[str] = None
    ) -> requests.Response:
        update = {
            "update_id": next(_ids),
            "message": {
                "message_id": next(_ids),
                "from": self.user(user_id, language_code),
                "chat": {"id": user_id, "first_name": "Mari", "type": "private"},
                "date": int(time.time()),
                "text": text,
            },
        }
        return self._send(webhook, update, secret)

    def press_button(
        self, webhook: str, user_id: int, data: str, language_code: Optional[str] = None
    ) -> requests.Response:
        update = {
            "update_id": next(_ids),
            "callback_query": {
                "id": str(next(_ids)),
                "from": self.user(user_id, language_code),
                "chat_instance": "42",
                "data": data,
                "message": {
                    "message_id": next(_ids),
                    "date": int(time.time()),
                    "text": "…",
                    "chat": {"id": user_id, "first_name": "Mari", "type": "private"},
                    "from": {"id": 123456789, "is_bot": True, "first_name": "Assistant"},
                },
            },
        }
        return self._send(webhook, update, None)

    def _send(self, webhook: str, update: Dict[str, Any], secret: Optional[str]) -> requests.Response:
        return self.send_to_rasa(
            webhook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret or self.secret}
        )


class FakeSlack(FakePlatform):
    """Web API (chat.postMessage) and Events API / interactivity sender, signed with v0 HMAC-SHA256."""

    name = "slack"
    token = "xoxb-fake-token-for-tests"
    signing_secret = "8f742231b10e8888abcd99yyyzzz85a5"

    def answer(self, request: Recorded) -> Tuple[int, Any]:
        if request.path == "/api/chat.postMessage":
            if request.headers.get("authorization") != f"Bearer {self.token}":
                return 200, {"ok": False, "error": "invalid_auth"}
            body = request.json or request.form
            if "as_user" in body:  # what Slack answers apps created since 2021
                return 200, {"ok": False, "error": "invalid_arguments", "deprecated_argument": "as_user"}
            return 200, {
                "ok": True,
                "channel": body.get("channel"),
                "ts": f"{time.time():.6f}",
                "message": {"text": body.get("text", "")},
            }
        return 200, {"ok": False, "error": "unknown_method"}

    def replies_to(self, channel: str) -> List[Recorded]:
        return self.recorded(
            lambda r: r.path == "/api/chat.postMessage" and (r.json or r.form).get("channel") == channel
        )

    def signed_headers(
        self, body: bytes, content_type: str, secret: Optional[str] = None, timestamp: Optional[int] = None
    ) -> Dict[str, str]:
        stamp = str(timestamp or int(time.time()))
        digest = hmac.new(
            (secret or self.signing_secret).encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256
        ).hexdigest()
        return {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}

    def send_text(
        self,
        webhook: str,
        user: str,
        channel: str,
        text: str,
        secret: Optional[str] = None,
        timestamp: Optional[int] = None,
    ) -> requests.Response:
        now = time.time()
        event = {
            "token": "unused-legacy-token",
            "team_id": "T0TEST",
            "api_app_id": "A0TEST",
            "event": {
                "type": "message",
                "channel": channel,
                "user": user,
                "text": text,
                "ts": f"{now:.6f}",
                "event_ts": f"{now:.6f}",
                "channel_type": "im",
                "client_msg_id": str(uuid.uuid4()),
            },
            "type": "event_callback",
            "event_id": f"Ev{next(_ids)}",
            "event_time": int(now),
            "authorizations": [{"team_id": "T0TEST", "user_id": "U0BOT", "is_bot": True}],
        }
        body = json.dumps(event).encode()
        return self.send_to_rasa(
            webhook, data=body, headers=self.signed_headers(body, "application/json", secret, timestamp)
        )

    def press_button(self, webhook: str, user: str, channel: str, value: str) -> requests.Response:
        payload = {
            "type": "block_actions",
            "user": {"id": user, "username": "mari", "team_id": "T0TEST"},
            "api_app_id": "A0TEST",
            "team": {"id": "T0TEST"},
            "channel": {"id": channel, "name": "directmessage"},
            "message": {"type": "message", "ts": f"{time.time():.6f}", "text": "…"},
            "actions": [
                {
                    "type": "button",
                    "action_id": "a1",
                    "block_id": "b1",
                    "value": value,
                    "text": {"type": "plain_text", "text": "…"},
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.send_to_rasa(
            webhook, data=body, headers=self.signed_headers(body, "application/x-www-form-urlencoded")
        )


class FakeFacebook(FakePlatform):
    """Graph API Send API (/me/messages) and webhook sender, signed with X-Hub-Signature(-256)."""

    name = "facebook"
    page_token = "EAAfakePageAccessTokenForTests"
    app_secret = "fake-app-secret-for-tests"
    verify_token = "fake-verify-token"
    graph_path = "/v18.0"

    @property
    def graph_url(self) -> str:
        return self.url + self.graph_path

    def answer(self, request: Recorded) -> Tuple[int, Any]:
        if request.path == f"{self.graph_path}/me/messages":
            if request.query.get("access_token") != self.page_token:
                return 400, {"error": {"message": "Invalid OAuth access token.", "code": 190}}
            recipient = (request.json or {}).get("recipient", {}).get("id")
            return 200, {"recipient_id": recipient, "message_id": f"m_{next(_ids)}"}
        return 404, {"error": {"message": "Unknown path", "code": 803}}

    def replies_to(self, psid: str) -> List[Recorded]:
        return self.recorded(
            lambda r: (
                r.path.endswith("/me/messages")
                and r.json
                and r.json.get("recipient", {}).get("id") == psid
                and "message" in r.json
            )
        )

    def signed_headers(
        self, body: bytes, content_type: str = "application/json", secret: Optional[str] = None
    ) -> Dict[str, str]:
        """Headers of a webhook POST of `body` (any bytes), signed as Messenger signs it."""
        key = (secret or self.app_secret).encode()
        headers = {
            "X-Hub-Signature": "sha1=" + hmac.new(key, body, hashlib.sha1).hexdigest(),
            "X-Hub-Signature-256": "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest(),
        }
        if content_type:
            headers["Content-Type"] = content_type
        return headers

    def send(self, webhook: str, psid: str, message: Dict[str, Any], secret: Optional[str] = None) -> requests.Response:
        event = {
            "object": "page",
            "entry": [
                {
                    "id": "PAGE1",
                    "time": int(time.time() * 1000),
                    "messaging": [
                        {
                            "sender": {"id": psid},
                            "recipient": {"id": "PAGE1"},
                            "timestamp": int(time.time() * 1000),
                            "message": {"mid": f"m_{next(_ids)}", **message},
                        }
                    ],
                }
            ],
        }
        body = json.dumps(event).encode()
        key = (secret or self.app_secret).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Hub-Signature": "sha1=" + hmac.new(key, body, hashlib.sha1).hexdigest(),
            "X-Hub-Signature-256": "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest(),
        }
        return self.send_to_rasa(webhook, data=body, headers=headers)


class FakeBotFramework(FakePlatform):
    """OpenID metadata, JWKS with a local RSA key, token endpoint, Connector API; signs activities' JWTs."""

    name = "botframework"
    app_id = "00000000-0000-4000-8000-000000000001"
    app_password = "fake-app-password"
    issuer = "https://api.botframework.com"
    key_id = "local-test-key"

    def __init__(self) -> None:
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.forger_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        super().__init__()

    def answer(self, request: Recorded) -> Tuple[int, Any]:
        if request.path == "/v1/.well-known/openidconfiguration":
            return 200, {
                "issuer": self.issuer,
                "jwks_uri": f"{self.url}/v1/.well-known/keys",
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        if request.path == "/v1/.well-known/keys":
            key = json.loads(RSAAlgorithm.to_jwk(self.private_key.public_key()))
            return 200, {"keys": [{**key, "kid": self.key_id, "use": "sig", "endorsements": ["msteams"]}]}
        if request.path == "/oauth2/v2.0/token":
            if request.form.get("client_id") != self.app_id or request.form.get("client_secret") != self.app_password:
                return 401, {"error": "invalid_client"}
            return 200, {"token_type": "Bearer", "expires_in": 3599, "access_token": "bot-access-token"}
        if request.path.startswith("/v3/conversations/") and request.path.endswith("/activities"):
            if request.headers.get("authorization") != "Bearer bot-access-token":
                return 401, {"error": {"code": "Unauthorized"}}
            return 200, {"id": f"reply-{next(_ids)}"}
        return 404, {"error": "not found"}

    def replies_to(self, conversation: str) -> List[Recorded]:
        return self.recorded(lambda r: r.path == f"/v3/conversations/{conversation}/activities")

    def token(self, forged: bool = False, audience: Optional[str] = None, service_url: Optional[str] = None) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": audience or self.app_id,
            "nbf": now - 5,
            "exp": now + 600,
            "serviceUrl": service_url or self.url,
        }
        key = self.forger_key if forged else self.private_key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.key_id})

    def send(
        self,
        webhook: str,
        user: str,
        conversation: str,
        text: str,
        locale: Optional[str] = None,
        token: Optional[str] = None,
    ) -> requests.Response:
        activity = {
            "type": "message",
            "id": f"a{next(_ids)}",
            "timestamp": "2026-11-27T12:00:00.000Z",
            "serviceUrl": self.url,
            "channelId": "msteams",
            "from": {"id": user, "name": "Mari"},
            "conversation": {"id": conversation},
            "recipient": {"id": f"28:{self.app_id}", "name": "Assistant"},
            "text": text,
            "textFormat": "plain",
        }
        if locale:
            activity["locale"] = locale
        return self.send_to_rasa(webhook, json=activity, headers={"Authorization": f"Bearer {token or self.token()}"})


class FakeMattermost(FakePlatform):
    """REST API v4 (POST /posts) and outgoing-webhook / button-integration sender."""

    name = "mattermost"
    bot_token = "fake-mattermost-bot-token"
    webhook_token = "fake-mattermost-outgoing-token"

    @property
    def api_url(self) -> str:
        return self.url + "/api/v4"

    def answer(self, request: Recorded) -> Tuple[int, Any]:
        if request.path == "/api/v4/posts" and request.method == "POST":
            if request.headers.get("authorization") != f"Bearer {self.bot_token}":
                return 401, {"id": "api.context.session_expired.app_error", "status_code": 401}
            return 201, {"id": f"post{next(_ids)}", **(request.json or {})}
        return 404, {"status_code": 404}

    def replies_to(self, channel: str) -> List[Recorded]:
        return self.recorded(lambda r: r.path == "/api/v4/posts" and (r.json or {}).get("channel_id") == channel)

    def send_text(
        self, webhook: str, user: str, channel: str, text: str, token: Optional[str] = None
    ) -> requests.Response:
        payload = {
            "token": token or self.webhook_token,
            "team_id": "team1",
            "team_domain": "defence",
            "channel_id": channel,
            "channel_name": "assistant",
            "timestamp": int(time.time() * 1000),
            "user_id": user,
            "user_name": "mari",
            "post_id": f"p{next(_ids)}",
            "text": f"@assistant {text}",
            "trigger_word": "@assistant",
            "file_ids": "",
        }
        return self.send_to_rasa(webhook, json=payload)

    def press_button(self, integration_url: str, user: str, channel: str, context: Dict[str, Any]) -> requests.Response:
        payload = {
            "user_id": user,
            "user_name": "mari",
            "channel_id": channel,
            "channel_name": "assistant",
            "team_id": "team1",
            "team_domain": "defence",
            "post_id": f"p{next(_ids)}",
            "trigger_id": "t1",
            "type": "",
            "data_source": "",
            "context": context,
        }
        return self.send_to_rasa(integration_url, json=payload)


class FakeRocketChat(FakePlatform):
    """REST API (login, chat.postMessage) and outgoing-integration sender."""

    name = "rocketchat"
    user = "assistant-bot"
    password = "fake-rocket-password"
    webhook_token = "fake-rocket-outgoing-token"

    def answer(self, request: Recorded) -> Tuple[int, Any]:
        if request.path == "/api/v1/login":
            if request.form.get("username") != self.user or request.form.get("password") != self.password:
                return 401, {"status": "error", "message": "Unauthorized"}
            return 200, {"status": "success", "data": {"authToken": "rocket-auth", "userId": "bot-user-id"}}
        if request.path == "/api/v1/chat.postMessage":
            if request.headers.get("x-auth-token") != "rocket-auth":
                return 401, {"success": False, "error": "You must be logged in to do this."}
            return 200, {
                "success": True,
                "channel": (request.json or {}).get("roomId"),
                "message": {"_id": f"m{next(_ids)}", "msg": (request.json or {}).get("text", "")},
            }
        return 404, {"success": False}

    def replies_to(self, room: str) -> List[Recorded]:
        return self.recorded(lambda r: r.path == "/api/v1/chat.postMessage" and (r.json or {}).get("roomId") == room)

    def send_text(self, webhook: str, room: str, text: str, token: Optional[str] = None) -> requests.Response:
        payload = {
            "token": token or self.webhook_token,
            "bot": False,
            "channel_id": room,
            "channel_name": "assistant",
            "message_id": f"m{next(_ids)}",
            "timestamp": "2026-11-27T12:00:00.000Z",
            "user_id": "user1",
            "user_name": "mari",
            "text": text,
            "siteUrl": self.url,
        }
        return self.send_to_rasa(webhook, json=payload)


class FakeTwilio(FakePlatform):
    """Messages API and SMS webhook sender, signed with X-Twilio-Signature."""

    name = "twilio"
    account_sid = "AC00000000000000000000000000000001"
    auth_token = "fake-twilio-auth-token"
    number = "+3725550000"

    def answer(self, request: Recorded) -> Tuple[int, Any]:
        if request.path == f"/2010-04-01/Accounts/{self.account_sid}/Messages.json":
            expected = "Basic " + base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
            if request.headers.get("authorization") != expected:
                return 401, {"code": 20003, "message": "Authenticate", "status": 401}
            return 201, {
                "sid": f"SM{next(_ids):032d}",
                "account_sid": self.account_sid,
                "to": request.form.get("To"),
                "from": request.form.get("From"),
                "body": request.form.get("Body"),
                "status": "queued",
                "num_segments": "1",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
            }
        return 404, {"code": 20404, "message": "Not found", "status": 404}

    def replies_to(self, phone: str) -> List[Recorded]:
        return self.recorded(lambda r: r.path.endswith("/Messages.json") and r.form.get("To") == phone)

    def signature(self, url: str, fields: Dict[str, str], token: Optional[str] = None) -> str:
        data = url + "".join(name + fields[name] for name in sorted(fields))
        digest = hmac.new((token or self.auth_token).encode(), data.encode("utf-8"), hashlib.sha1).digest()
        return base64.b64encode(digest).decode()

    def body_signature(self, url: str, body: bytes, token: Optional[str] = None) -> str:
        """The X-Twilio-Signature of a POST of `body` (any bytes): the signature of the form
        fields in it, read as the connector reads them (UTF-8 with replacement, blank values kept)."""
        return self.signature(url, dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)), token)

    def send_text(self, webhook: str, phone: str, text: str, token: Optional[str] = None) -> requests.Response:
        sid = f"SM{next(_ids):032d}"
        fields = {
            "ToCountry": "EE",
            "ToState": "",
            "SmsMessageSid": sid,
            "NumMedia": "0",
            "ToCity": "",
            "FromZip": "",
            "SmsSid": sid,
            "FromState": "",
            "SmsStatus": "received",
            "FromCity": "",
            "Body": text,
            "FromCountry": "EE",
            "To": self.number,
            "ToZip": "",
            "NumSegments": "1",
            "MessageSid": sid,
            "AccountSid": self.account_sid,
            "From": phone,
            "ApiVersion": "2010-04-01",
        }
        headers = {
            "X-Twilio-Signature": self.signature(webhook, fields, token),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        return self.send_to_rasa(webhook, data=urlencode(fields).encode(), headers=headers)


class FakeCallbackReceiver(FakePlatform):
    """The service behind CALLBACK_URL, receiving each reply as JSON."""

    name = "callback"

    def answer(self, request: Recorded) -> Tuple[int, Any]:
        return (200, {"ok": True}) if request.path == "/bot-replies" else (404, {})

    @property
    def callback_url(self) -> str:
        return self.url + "/bot-replies"

    def replies_to(self, sender: str) -> List[Recorded]:
        return self.recorded(lambda r: (r.json or {}).get("recipient_id") == sender)


PLATFORMS = (
    FakeTelegram,
    FakeSlack,
    FakeFacebook,
    FakeBotFramework,
    FakeMattermost,
    FakeRocketChat,
    FakeTwilio,
    FakeCallbackReceiver,
)


def channel_environment(platforms, rasa_url):
    telegram, slack, facebook, botframework, mattermost, rocketchat, twilio, callback = (
        platforms[name]
        for name in ("telegram", "slack", "facebook", "botframework", "mattermost", "rocketchat", "twilio", "callback")
    )
    return {
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        "TELEGRAM_TOKEN": telegram.token,
        "TELEGRAM_BOT_USERNAME": telegram.username,
        "TELEGRAM_WEBHOOK_URL": f"{rasa_url}/webhooks/telegram/webhook",
        "TELEGRAM_SECRET_TOKEN": telegram.secret,
        "TELEGRAM_API_URL": telegram.url,
        "SLACK_BOT_TOKEN": slack.token,
        "SLACK_SIGNING_SECRET": slack.signing_secret,
        "SLACK_API_URL": f"{slack.url}/api",
        "FACEBOOK_VERIFY_TOKEN": facebook.verify_token,
        "FACEBOOK_APP_SECRET": facebook.app_secret,
        "FACEBOOK_PAGE_ACCESS_TOKEN": facebook.page_token,
        "FACEBOOK_GRAPH_URL": facebook.graph_url,
        "BOTFRAMEWORK_APP_ID": botframework.app_id,
        "BOTFRAMEWORK_APP_PASSWORD": botframework.app_password,
        "BOTFRAMEWORK_OPENID_URL": f"{botframework.url}/v1/.well-known/openidconfiguration",
        "BOTFRAMEWORK_TOKEN_URL": f"{botframework.url}/oauth2/v2.0/token",
        "MATTERMOST_URL": mattermost.api_url,
        "MATTERMOST_BOT_TOKEN": mattermost.bot_token,
        "MATTERMOST_WEBHOOK_URL": f"{rasa_url}/webhooks/mattermost/webhook",
        "MATTERMOST_WEBHOOK_TOKEN": mattermost.webhook_token,
        "ROCKETCHAT_USER": rocketchat.user,
        "ROCKETCHAT_PASSWORD": rocketchat.password,
        "ROCKETCHAT_URL": rocketchat.url,
        "ROCKETCHAT_WEBHOOK_TOKEN": rocketchat.webhook_token,
        "TWILIO_ACCOUNT_SID": twilio.account_sid,
        "TWILIO_AUTH_TOKEN": twilio.auth_token,
        "TWILIO_NUMBER": twilio.number,
        "TWILIO_WEBHOOK_URL": f"{rasa_url}/webhooks/twilio/webhook",
        "TWILIO_API_URL": twilio.url,
        "CALLBACK_URL": callback.callback_url,
    }
