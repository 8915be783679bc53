"""Twilio (SMS, WhatsApp): Rasa's connector with a configurable API URL, a check
of X-Twilio-Signature, and buttons as a numbered list.

TWILIO_API_URL (default https://api.twilio.com) points the REST client
elsewhere (tests: a local fake). Twilio signs each webhook with HMAC-SHA1 of
the URL it called plus the sorted form fields, keyed with the auth token;
TWILIO_WEBHOOK_URL must be that URL exactly as registered in the Twilio
console (behind a proxy Rasa cannot know it). A request with a missing or
wrong signature gets 403. SMS has no buttons: options arrive as "1. …" lines
and the user answers with the number. Twilio sends no language. A signed request
nested too deeply, not URL-encoded UTF-8 form data (415/400: Sanic's form parser
logs a traceback for anything else), or without a `From` sender id and a `Body`,
gets 400; a message with an empty Body and no location (a picture only) gets 204
and is not handed on (Rasa's handler failed on it).
"""

import logging
from http import HTTPStatus
from typing import Any, Dict, List, Optional, Text
from urllib.parse import parse_qsl

from rasa.core.channels import twilio as rasa_twilio
from rasa.core.channels.channel import OutputChannel
from sanic import response
from sanic.headers import parse_content_header
from sanic.request import Request
from twilio.request_validator import RequestValidator

from channels.bodies import refuse_deep_bodies
from channels.env import api_base
from channels.fields import sender_problem
from channels.numbered import NumberedReplies, numbered_text, remember
from channels.refusals import refusal
from channels.routes import is_webhook_post

FORM = "application/x-www-form-urlencoded"

logger = logging.getLogger(__name__)


class TwilioOutput(rasa_twilio.TwilioOutput):
    def __init__(self, account_sid: Optional[Text], auth_token: Optional[Text], twilio_number: Optional[Text]) -> None:
        super().__init__(account_sid, auth_token, twilio_number)
        self.api.base_url = api_base("TWILIO_API_URL", self.api.base_url)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        remember(self.name(), recipient_id, buttons)
        await self.send_text_message(recipient_id, numbered_text(text, buttons))


class TwilioInput(NumberedReplies, rasa_twilio.TwilioInput):
    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TwilioInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("account_sid"),
            credentials.get("auth_token"),
            credentials.get("twilio_number"),
            debug_mode=False,
            webhook_url=credentials.get("webhook_url", ""),
        )

    def __init__(
        self,
        account_sid: Optional[Text],
        auth_token: Optional[Text],
        twilio_number: Optional[Text],
        debug_mode: bool = False,
        webhook_url: Text = "",
    ) -> None:
        super().__init__(account_sid, auth_token, twilio_number, debug_mode)
        self.webhook_url = webhook_url

    def get_output_channel(self) -> OutputChannel:
        return TwilioOutput(self.account_sid, self.auth_token, self.twilio_number)

    def blueprint(self, on_new_message: Any) -> Any:
        blueprint = refuse_deep_bodies(super().blueprint(on_new_message))
        validator = RequestValidator(self.auth_token or "")

        @blueprint.middleware("request")
        async def check_signature(request: Request) -> Any:
            if is_webhook_post(request):
                # Twilio signs empty fields too, which Sanic's form parser drops.
                fields = dict(parse_qsl(request.body.decode("utf-8", "replace"), keep_blank_values=True))
                if not validator.validate(self.webhook_url, fields, request.headers.get("X-Twilio-Signature", "")):
                    logger.warning("Refused a Twilio request with a missing or wrong signature.")
                    return response.text("Missing or wrong X-Twilio-Signature.", status=HTTPStatus.FORBIDDEN)
                if parse_content_header(request.headers.get("content-type", ""))[0] != FORM:
                    return refusal(f"Expected {FORM}.", HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
                try:
                    request.body.decode("utf-8")
                except UnicodeDecodeError:
                    return refusal("The form must be UTF-8.", HTTPStatus.BAD_REQUEST)
                # Rasa's handler reads Sanic's form, which keeps the first of repeated fields and drops blank ones.
                form = request.form
                if sender_problem(form.get("From"), "From") or fields.get("Body") is None:
                    return refusal("Expected From (a sender id) and Body.", HTTPStatus.BAD_REQUEST)
                if form.get("Body") is None and not (form.get("Latitude") and form.get("Longitude")):
                    return response.text("", status=HTTPStatus.NO_CONTENT)  # no text (a picture only): not handed on
            return None

        return blueprint
