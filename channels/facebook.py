"""Facebook Messenger: Rasa's connector with a configurable Graph API URL, a 403
for a bad signature, and buttons as a numbered list with numbered quick replies.

FACEBOOK_GRAPH_URL (default: fbmessenger's https://graph.facebook.com/v<version>)
points the Send API client elsewhere (tests: a local fake). A POST must carry
X-Hub-Signature-256 (HMAC-SHA256 of the body with the app secret) or the older
X-Hub-Signature (HMAC-SHA1); anything else gets 403, where Rasa answered 200.
Messenger allows 3 template buttons and 20-character quick-reply titles, too
few for the topic list: the text lists the options as "1. …", and the quick
replies "1", "2", … carry their payloads (at most 13, Messenger's limit).
Messenger sends no locale with messages: the language comes from the text.
A signed event nested too deeply, or with a field Rasa's connector reads of the
wrong type (an entry, a messaging event, its message, quick reply, attachment or
postback that is not an object, a text or payload that is not a string, a sender
without an id), gets 400 instead of Rasa's 500; an entry without `messaging`
(standby, feed changes) is skipped.
"""

import hashlib
import hmac
import logging
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels import facebook as rasa_facebook
from rasa.core.channels.channel import UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.bodies import refuse_deep_bodies
from channels.env import api_base
from channels.fields import sender_problem, text_problem
from channels.numbered import NumberedReplies, numbered_text, remember
from channels.refusals import refusal
from channels.secrets import matches

logger = logging.getLogger(__name__)
MAX_QUICK_REPLIES = 13
# Attachments whose payload URL Rasa's connector takes as the message text.
URL_ATTACHMENTS = ("audio", "image", "video", "file")


def _message_problem(message: Dict[Text, Any]) -> Optional[str]:
    """What Rasa's connector reads of a message: a quick reply's payload, else the text,
    else the first attachment's type and, for a media attachment, its payload's URL."""
    quick_reply = message.get("quick_reply")
    if quick_reply is not None:
        if not isinstance(quick_reply, dict):
            return "'message.quick_reply' must be an object"
        if quick_reply.get("payload"):
            return text_problem(quick_reply["payload"], "message.quick_reply.payload")
    if "text" in message and not message.get("is_echo"):
        return text_problem(message["text"], "message.text")
    if "attachments" in message:
        attachments = message["attachments"]
        if (
            not isinstance(attachments, list)
            or not attachments
            or not isinstance(attachments[0], dict)
            or "type" not in attachments[0]
        ):
            return "'message.attachments' must be a list of objects with a type"
        if attachments[0]["type"] in URL_ATTACHMENTS:
            payload = attachments[0].get("payload")
            return text_problem(
                payload.get("url") if isinstance(payload, dict) else None, "message.attachments[0].payload.url"
            )
    return None


def event_problem(payload: Dict[Text, Any]) -> Optional[str]:
    """What makes a webhook event (with an `entry` list) unreadable for Rasa's connector, or None."""
    for entry in payload["entry"]:
        if not isinstance(entry, dict):
            return "each entry must be an object"
        events = entry.get("messaging", [])
        if not isinstance(events, list):
            return "'entry[].messaging' must be a list"
        for event in events:
            if not isinstance(event, dict):
                return "each messaging event must be an object"
            message, postback = event.get("message"), event.get("postback")
            if not message and not postback:
                continue  # a delivery or read receipt: not handed on
            sender = event.get("sender")
            problem = sender_problem(sender.get("id") if isinstance(sender, dict) else None, "sender.id")
            if problem:
                return problem
            if message:
                if not isinstance(message, dict):
                    return "'message' must be an object"
                problem = _message_problem(message)
            elif not isinstance(postback, dict):
                return "'postback' must be an object"
            else:
                problem = text_problem(postback.get("payload"), "postback.payload")
            if problem:
                return problem
    return None


def signature_is_valid(secret: Text, body: bytes, sha256_header: Text, sha1_header: Text) -> bool:
    for header, digest, prefix in ((sha256_header, hashlib.sha256, "sha256="), (sha1_header, hashlib.sha1, "sha1=")):
        if header:
            expected = prefix + hmac.new(secret.encode("utf-8"), body, digest).hexdigest()
            return hmac.compare_digest(expected, header)
    return False


class MessengerBot(rasa_facebook.MessengerBot):
    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        remember(self.name(), recipient_id, buttons)
        quick_replies = [
            {"content_type": "text", "title": str(n), "payload": b["payload"]}
            for n, b in enumerate(buttons[:MAX_QUICK_REPLIES], start=1)
        ]
        self.messenger_client.send(
            {"text": numbered_text(text, buttons), "quick_replies": quick_replies}, recipient_id, "RESPONSE"
        )

    async def send_quick_replies(
        self, recipient_id: Text, text: Text, quick_replies: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)


class Messenger(rasa_facebook.Messenger):
    def __init__(self, page_access_token: Text, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        super().__init__(page_access_token, on_new_message)
        self.client.graph_url = api_base("FACEBOOK_GRAPH_URL", self.client.graph_url)

    async def _handle_user_message(self, text: Text, sender_id: Text, metadata: Optional[Dict[Text, Any]]) -> None:
        out_channel = MessengerBot(self.client)
        await out_channel.send_action(sender_id, sender_action="mark_seen")
        await out_channel.send_action(sender_id, sender_action="typing_on")
        try:
            await self.on_new_message(
                UserMessage(text, out_channel, sender_id, input_channel=self.name(), metadata=metadata)
            )
        except Exception:
            logger.exception("Could not handle a Messenger message.")
        finally:
            await out_channel.send_action(sender_id, sender_action="typing_off")


class FacebookInput(NumberedReplies, rasa_facebook.FacebookInput):
    def channel_blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = refuse_deep_bodies(Blueprint("fb_webhook", __name__))

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if matches(request.args.get("hub.verify_token"), self.fb_verify):
                return response.text(request.args.get("hub.challenge", ""))
            return response.text("Wrong verify token.", status=HTTPStatus.FORBIDDEN)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not signature_is_valid(
                self.fb_secret or "",
                request.body,
                request.headers.get("X-Hub-Signature-256", ""),
                request.headers.get("X-Hub-Signature", ""),
            ):
                logger.warning("Refused a Messenger request with a missing or wrong signature.")
                return response.text("Missing or wrong X-Hub-Signature.", status=HTTPStatus.FORBIDDEN)
            payload = request.json
            if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
                return refusal("Expected a Messenger webhook event.", HTTPStatus.BAD_REQUEST)
            problem = event_problem(payload)
            if problem:
                return refusal(f"Not a readable Messenger event: {problem}.", HTTPStatus.BAD_REQUEST)
            # Entries without messaging events (standby, feed changes) are not for this bot.
            payload = {**payload, "entry": [e for e in payload["entry"] if "messaging" in e]}
            await Messenger(self.fb_access_token, on_new_message).handle(payload, self.get_metadata(request))
            return response.text("success")

        return webhook
