"""Mattermost: Rasa's connector plus a check of the outgoing webhook's token, and
native message buttons that carry the same token back.

Mattermost puts the outgoing webhook's token in every payload it sends
(set the webhook's content type to application/json). A button click is a
POST from Mattermost to the button's integration URL with the button's
`context`; the context carries the payload and the token. A request without
the right token gets 403. Mattermost sends no locale: the language comes from
the text. MATTERMOST_URL is the server's API base (https://host/api/v4). A request
nested too deeply, or a post or click whose fields Rasa's connector reads are of
the wrong type (`text`, `trigger_word` or the button's `action` not a string,
`user_id` or `channel_id` not an id), gets 400 instead of Rasa's 500 or a
traceback.
"""

import json
import logging
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

import requests
from rasa.core.channels import mattermost as rasa_mattermost
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.bodies import refuse_deep_bodies
from channels.fields import sender_problem, text_problem
from channels.numbered import NumberedReplies, remember
from channels.secrets import matches

logger = logging.getLogger(__name__)


def post_problem(payload: Dict[Text, Any], is_click: bool) -> Optional[str]:
    """What makes an outgoing-webhook post or a button click unreadable, or None: the
    message (the post's `text` after its `trigger_word`, or the click's `context.action`)
    goes to Rasa from `user_id`, and the reply to `channel_id`."""
    if is_click:
        problem = text_problem(payload["context"]["action"], "context.action")
    else:
        trigger = payload.get("trigger_word")
        problem = text_problem(payload.get("text"), "text") or (
            None if trigger is None or isinstance(trigger, str) else "'trigger_word' must be a string"
        )
    return (
        problem
        or sender_problem(payload.get("user_id"), "user_id")
        or sender_problem(payload.get("channel_id"), "channel_id")
    )


class MattermostBot(rasa_mattermost.MattermostBot):
    def __init__(
        self, url: Text, token: Text, bot_channel: Text, webhook_url: Optional[Text], webhook_token: Text = ""
    ) -> None:
        super().__init__(url, token, bot_channel, webhook_url)
        self.webhook_token = webhook_token

    def _post_data_to_channel(self, data: Dict[Text, Any]) -> requests.Response:
        """POST /posts; Mattermost answers 201 Created, which Rasa's version logs as a failure."""
        reply = requests.post(
            self.url + "/posts", headers={"Authorization": "Bearer " + self.token}, data=json.dumps(data), timeout=30
        )
        if not reply.ok:
            logger.error("Mattermost refused a post to channel %s: HTTP %s", data.get("channel_id"), reply.status_code)
        return reply

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        remember(self.name(), recipient_id, buttons)
        actions = [
            {
                "name": b["title"],
                "integration": {
                    "url": self.webhook_url,
                    "context": {"action": b["payload"], "token": self.webhook_token},
                },
            }
            for b in buttons
        ]
        self._post_data_to_channel(
            {"channel_id": self.bot_channel, "message": text, "props": {"attachments": [{"actions": actions}]}}
        )


class MattermostInput(NumberedReplies, rasa_mattermost.MattermostInput):
    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "MattermostInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("url", ""),
            credentials.get("token", ""),
            credentials.get("webhook_url", ""),
            webhook_token=credentials.get("webhook_token", ""),
        )

    def __init__(self, url: Text, token: Text, webhook_url: Text, webhook_token: Text = "") -> None:
        super().__init__(url, token, webhook_url)
        self.webhook_token = webhook_token

    async def message_with_trigger_word(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[None]],
        output: Dict[Text, Any],
        metadata: Optional[Dict],
    ) -> None:
        """Drops the trigger word (e.g. "@assistant") only when the message starts with it."""
        text, trigger = output["text"].strip(), (output.get("trigger_word") or "").strip()
        if trigger and text.startswith(trigger):
            text = text[len(trigger) :].strip()
        await self._handle_message(text, output["user_id"], output["channel_id"], metadata, on_new_message)

    async def _handle_message(
        self,
        message: Text,
        sender_id: Text,
        bot_channel: Text,
        metadata: Optional[Dict],
        on_new_message: Callable[[UserMessage], Awaitable[None]],
    ) -> None:
        output = MattermostBot(self.url, self.token, bot_channel, self.webhook_url, self.webhook_token)
        try:
            await on_new_message(UserMessage(message, output, sender_id, input_channel=self.name(), metadata=metadata))
        except Exception:
            logger.exception("Could not handle a Mattermost message.")

    def channel_blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = refuse_deep_bodies(Blueprint("mattermost_webhook", __name__))

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            payload = request.json
            if not isinstance(payload, dict):
                return response.text(
                    "Expected a JSON payload (set the webhook's content type to application/json).",
                    status=HTTPStatus.BAD_REQUEST,
                )
            context = payload.get("context") if isinstance(payload.get("context"), dict) else None
            token = context.get("token") if context is not None else payload.get("token")
            if not matches(token, self.webhook_token):
                logger.warning("Refused a Mattermost request with a missing or wrong token.")
                return response.text("Missing or wrong token.", status=HTTPStatus.FORBIDDEN)
            metadata = self.get_metadata(request)
            is_click = context is not None and "action" in context
            if is_click or ("trigger_word" in payload and payload.get("text")):
                problem = post_problem(payload, is_click)
                if problem:
                    return response.text(
                        f"Not a readable Mattermost request: {problem}.", status=HTTPStatus.BAD_REQUEST
                    )
            if is_click:
                await self.action_from_button(on_new_message, payload, metadata)
                return response.json({})  # Mattermost expects JSON from a button's integration
            if "trigger_word" in payload and payload.get("text"):
                await self.message_with_trigger_word(on_new_message, payload, metadata)
            return response.text("")

        return webhook
