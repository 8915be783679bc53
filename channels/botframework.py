"""Microsoft Bot Framework (Teams, Web Chat, …): Rasa's connector with full token
checks, configurable Microsoft endpoints, `locale` as `metadata.language`, and
buttons as a hero card whose buttons send their payload without showing it.

Every POST must carry a Bearer JWT signed with a key from the OpenID metadata's
JWKS (BOTFRAMEWORK_OPENID_URL, default Microsoft's), for audience = the app id,
issuer BOTFRAMEWORK_ISSUER (default https://api.botframework.com), not
expired, and whose `serviceUrl` claim, when present, is the activity's: the
reply goes to that URL with the bot's own token, so it must be Microsoft's.
Otherwise 401. The bot's token comes from BOTFRAMEWORK_TOKEN_URL (default
Microsoft's login endpoint). Tests point both URLs at a local fake. An activity
nested too deeply, or a message activity whose fields Rasa's connector reads are
of the wrong type (`serviceUrl` not an http(s) URL, `conversation` without an id,
`recipient` or `from` not an object, `from.id` not a sender id, `text` not a
string), gets 400 instead of Rasa's 500 or a lost reply.
"""

import datetime
import logging
import re
import time
import unicodedata
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text
from urllib.parse import quote, urlsplit

import aiohttp
import jwt
import requests
from jwt.algorithms import RSAAlgorithm
from rasa.core.channels import botframework as rasa_botframework
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.bodies import refuse_deep_bodies
from channels.env import api_base
from channels.fields import INVISIBLE, message_problem, sender_problem
from channels.language import language_metadata
from channels.numbered import NumberedReplies, remember
from channels.refusals import refusal

logger = logging.getLogger(__name__)
BEARER = re.compile(r"^Bearer\s+(\S+)$")
KEY_REFRESH_SECONDS = 24 * 3600
UNKNOWN_KEY_RETRY_SECONDS = 300
MAX_CONVERSATION_ID_LENGTH = 1024  # Teams' personal conversation ids run past 128 characters


def service_url_problem(service_url: Any) -> Optional[str]:
    if not isinstance(service_url, str):
        return "'serviceUrl' must be a string"
    try:
        parts = urlsplit(service_url)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(unicodedata.category(c) in INVISIBLE or c.isspace() for c in service_url)
    ):
        return "'serviceUrl' must be an http(s) URL"
    return None


def activity_problem(activity: Dict[Text, Any]) -> Optional[str]:
    """What makes a message activity unreadable for Rasa's connector, or None: the reply
    goes to `serviceUrl` + the conversation's id, from `recipient`, to `from.id`."""
    conversation = activity.get("conversation")
    conversation_id = conversation.get("id") if isinstance(conversation, dict) else None
    if (
        not isinstance(conversation_id, str)
        or not conversation_id.strip()
        or len(conversation_id) > MAX_CONVERSATION_ID_LENGTH
        or any(unicodedata.category(c) in INVISIBLE for c in conversation_id)
    ):
        return "'conversation.id' must be a printable string"
    if not isinstance(activity.get("recipient"), dict):
        return "'recipient' must be an object"
    return sender_problem(activity["from"].get("id"), "from.id") or message_problem(activity.get("text", ""), "text")


def openid_url() -> str:
    return api_base("BOTFRAMEWORK_OPENID_URL", rasa_botframework.MICROSOFT_OPEN_ID_URI)


def token_url() -> str:
    default = f"{rasa_botframework.MICROSOFT_OAUTH2_URL}/{rasa_botframework.MICROSOFT_OAUTH2_PATH}"
    return api_base("BOTFRAMEWORK_TOKEN_URL", default)


class BotFramework(rasa_botframework.BotFramework):
    _token: Optional[str] = None
    _token_expires = 0.0

    async def _get_headers(self) -> Optional[Dict[Text, Any]]:
        cls = BotFramework
        if cls._token is None or cls._token_expires < time.time() + 60:
            form = {
                "client_id": self.app_id,
                "client_secret": self.app_password,
                "grant_type": "client_credentials",
                "scope": "https://api.botframework.com/.default",
            }
            async with (
                aiohttp.ClientSession() as session,
                session.post(token_url(), data=form, timeout=aiohttp.ClientTimeout(total=30)) as reply,
            ):
                if reply.status != 200:
                    logger.error("Could not get a Bot Framework token: HTTP %s", reply.status)
                    return None
                data = await reply.json(content_type=None)
            cls._token, cls._token_expires = data["access_token"], time.time() + int(data.get("expires_in", 3600))
        return {"content-type": "application/json", "Authorization": f"Bearer {cls._token}"}

    async def send(self, message_data: Dict[Text, Any]) -> None:
        headers = await self._get_headers()
        if headers is None:
            return
        url = f"{self.global_uri}conversations/{quote(str(self.conversation['id']), safe='')}/activities"
        async with (
            aiohttp.ClientSession() as session,
            session.post(url, json=message_data, headers=headers, timeout=aiohttp.ClientTimeout(total=30)) as reply,
        ):
            if reply.status >= 300:
                logger.error("Bot Framework refused a reply: HTTP %s %s", reply.status, await reply.text())

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        remember(self.name(), recipient_id, buttons)
        actions = [
            {"type": "messageBack", "title": b["title"], "text": b["payload"], "displayText": b["title"]}
            for b in buttons
        ]
        card = {"contentType": "application/vnd.microsoft.card.hero", "content": {"text": text, "buttons": actions}}
        await self.send(self.prepare_message(recipient_id, {"attachments": [card]}))


class BotFrameworkInput(NumberedReplies, rasa_botframework.BotFrameworkInput):
    def _update_cached_jwk_keys(self) -> None:
        metadata = requests.get(openid_url(), timeout=30)
        metadata.raise_for_status()
        keys = requests.get(metadata.json()["jwks_uri"], timeout=30)
        keys.raise_for_status()
        self.jwt_keys = {key["kid"]: key for key in keys.json()["keys"]}
        self.jwt_update_time = datetime.datetime.now()

    def _key_for(self, key_id: Text) -> Any:
        age = (datetime.datetime.now() - self.jwt_update_time).total_seconds()
        if age > KEY_REFRESH_SECONDS or (key_id not in self.jwt_keys and age > UNKNOWN_KEY_RETRY_SECONDS):
            try:
                self._update_cached_jwk_keys()
            except (requests.RequestException, KeyError, ValueError):
                logger.exception("Could not refresh the Bot Framework signing keys from %s", openid_url())
        if key_id not in self.jwt_keys:
            raise jwt.InvalidKeyError(f"Unknown signing key {key_id!r}")
        return RSAAlgorithm.from_jwk(self.jwt_keys[key_id])

    def claims(self, auth_header: Optional[Text]) -> Dict[Text, Any]:
        """The verified claims of the request's token; raises jwt.PyJWTError when it is not valid."""
        match = BEARER.match(auth_header or "")
        if not match:
            raise jwt.InvalidTokenError("No Bearer token")
        token = match.group(1)
        key = self._key_for(jwt.get_unverified_header(token).get("kid", ""))
        issuer = api_base("BOTFRAMEWORK_ISSUER", "https://api.botframework.com")
        return jwt.decode(
            token,
            key=key,
            algorithms=["RS256"],
            audience=self.app_id,
            issuer=issuer,
            options={"require": ["exp", "iss", "aud"]},
        )

    def channel_blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = refuse_deep_bodies(Blueprint("botframework_webhook", __name__))

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                claims = self.claims(request.headers.get("Authorization"))
            except jwt.PyJWTError as error:
                logger.warning("Refused a Bot Framework request: %s", error)
                return response.text("Missing or invalid token.", status=HTTPStatus.UNAUTHORIZED)
            activity = request.json
            if not isinstance(activity, dict) or not isinstance(activity.get("from"), dict):
                return refusal("Expected a Bot Framework activity.", HTTPStatus.BAD_REQUEST)
            service_url = activity.get("serviceUrl", "")
            problem = service_url_problem(service_url)
            if problem:
                return refusal(f"Not a readable activity: {problem}.", HTTPStatus.BAD_REQUEST)
            if claims.get("serviceUrl") and str(claims["serviceUrl"]).rstrip("/") != service_url.rstrip("/"):
                logger.warning("Refused a Bot Framework activity for a serviceUrl its token is not for.")
                return response.text("The token is not for this serviceUrl.", status=HTTPStatus.UNAUTHORIZED)
            if activity.get("type") != "message":
                return response.text("", status=HTTPStatus.OK)
            problem = activity_problem(activity)
            if problem:
                return refusal(f"Not a readable activity: {problem}.", HTTPStatus.BAD_REQUEST)
            output = BotFramework(
                self.app_id, self.app_password, activity["conversation"], activity["recipient"], service_url
            )
            metadata = dict(language_metadata(activity.get("locale")))
            if activity.get("attachments"):
                metadata["attachments"] = activity["attachments"]
            try:
                await on_new_message(
                    UserMessage(
                        activity.get("text", ""),
                        output,
                        activity["from"]["id"],
                        input_channel=self.name(),
                        metadata=metadata,
                    )
                )
            except Exception:
                logger.exception("Could not handle a Bot Framework message.")
            return response.text("success")

        return webhook
