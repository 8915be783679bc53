"""Callback: Rasa's connector, passing the request's `metadata` on (so
`{"metadata": {"language": "et"}}` picks the language, as on REST) and
answering a malformed request with 400: a body nested too deeply or not a JSON
object, a `sender` that is not a short printable string or an integer, a
`message` that is not a string of valid Unicode (no lone surrogates), as on REST.

Messages come in as POST {"sender", "message", "metadata"} to
/webhooks/callback/webhook; each reply is POSTed as JSON to CALLBACK_URL
({"recipient_id", "text", "buttons": [{"title", "payload"}]…}). The receiving
service renders the buttons; a numbered reply ("2") also picks one.
"""

from typing import Any, Awaitable, Callable, Dict, List, Text

from rasa.core.channels import callback as rasa_callback
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.bodies import refuse_deep_bodies
from channels.fields import message_problem, sender_problem
from channels.language import language_metadata
from channels.numbered import NumberedReplies, remember
from channels.refusals import refusal


class CallbackOutput(rasa_callback.CallbackOutput):
    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        remember(self.name(), recipient_id, buttons)
        await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)


class CallbackInput(NumberedReplies, rasa_callback.CallbackInput):
    def get_output_channel(self) -> CollectingOutputChannel:
        return CallbackOutput(self.callback_endpoint)

    def channel_blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = refuse_deep_bodies(Blueprint("callback_webhook", __name__))

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = request.json
            if (
                not isinstance(body, dict)
                or not isinstance(body.get("sender"), (str, int))
                or isinstance(body.get("sender"), bool)
                or not isinstance(body.get("message"), str)
            ):
                return refusal('Expected {"sender": "...", "message": "..."}')
            problem = sender_problem(str(body["sender"])) or message_problem(body["message"])
            if problem:
                return refusal(problem)
            metadata: Dict[Text, Any] = body["metadata"] if isinstance(body.get("metadata"), dict) else {}
            metadata = {**metadata, **language_metadata(metadata.get("language"))}
            await on_new_message(
                UserMessage(
                    body["message"],
                    self.get_output_channel(),
                    str(body["sender"]),
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )
            return response.text("success")

        return webhook
