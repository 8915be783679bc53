"""Rocket.Chat: Rasa's connector plus a check of the outgoing webhook's token.

Rocket.Chat puts the outgoing integration's token in every payload; a request
without the right one gets 403. Buttons are Rocket.Chat's native message
actions (a click posts the payload in the chat, which comes back through the
webhook). ROCKETCHAT_URL is the server's address; the bot logs in there and
posts with chat.postMessage. Rasa logs in again for every message, which
Rocket.Chat's rate limiter soon refuses; here the session is kept for an hour.
Rocket.Chat sends no locale: the language comes from the text. A request nested
too deeply, or one whose fields Rasa's connector reads are of the wrong type (a
`text` or livechat `messages[0].msg` that is not text, a room id `channel_id` or
`_id` that is missing or not an id, `messages` not a list of objects), gets 400;
Rasa's connector answered 500, or filed a message without a room under one
shared conversation.
"""

import logging
import time
from http import HTTPStatus
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels import rocketchat as rasa_rocketchat
from rasa.core.channels.channel import OutputChannel
from sanic import response
from sanic.request import Request

from channels.bodies import refuse_deep_bodies
from channels.fields import message_problem, sender_problem
from channels.numbered import NumberedReplies, remember
from channels.routes import is_path
from channels.secrets import matches

logger = logging.getLogger(__name__)
SESSION_SECONDS = 3600


def payload_problem(payload: Dict[Text, Any]) -> Optional[str]:
    """What makes an outgoing-integration payload unreadable for Rasa's connector, or None.
    A message's `text` comes from `channel_id` (the room, which gets the reply); a livechat
    payload (with `visitor`) has the text in `messages[0].msg` and the room in `_id`."""
    if "visitor" not in payload:
        return message_problem(payload.get("text"), "text") or sender_problem(payload.get("channel_id"), "channel_id")
    messages = payload.get("messages")
    if not isinstance(messages, list) or not messages or not isinstance(messages[0], dict):
        return "'messages' must be a list of objects"
    return message_problem(messages[0].get("msg"), "messages[0].msg") or sender_problem(payload.get("_id"), "_id")


class RocketChatBot(rasa_rocketchat.RocketChatBot):
    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        remember(self.name(), recipient_id, buttons)
        await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)


class RocketChatInput(NumberedReplies, rasa_rocketchat.RocketChatInput):
    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "RocketChatInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("user", ""),
            credentials.get("password", ""),
            credentials.get("server_url", ""),
            webhook_token=credentials.get("webhook_token", ""),
        )

    def __init__(self, user: Text, password: Text, server_url: Text, webhook_token: Text = "") -> None:
        super().__init__(user, password, server_url)
        self.webhook_token = webhook_token
        self._bot: Optional[RocketChatBot] = None
        self._logged_in_at = 0.0

    def get_output_channel(self) -> OutputChannel:
        """One logged-in bot, renewed every SESSION_SECONDS."""
        if self._bot is None or time.monotonic() - self._logged_in_at > SESSION_SECONDS:
            self._bot = RocketChatBot(self.user, self.password, self.server_url)
            self._logged_in_at = time.monotonic()
        return self._bot

    def blueprint(self, on_new_message: Any) -> Any:
        blueprint = refuse_deep_bodies(super().blueprint(on_new_message))

        @blueprint.middleware("request")
        async def check_token(request: Request) -> Any:
            if is_path(request, "webhook"):
                payload = request.json
                given = payload.get("token") if isinstance(payload, dict) else None
                if not matches(given, self.webhook_token):
                    logger.warning("Refused a Rocket.Chat request with a missing or wrong token.")
                    return response.text("Missing or wrong token.", status=HTTPStatus.FORBIDDEN)
                problem = payload_problem(payload)
                if problem:
                    return response.text(
                        f"Not a readable Rocket.Chat message: {problem}.", status=HTTPStatus.BAD_REQUEST
                    )
            return None

        return blueprint
