"""Slack: Rasa's connector (it checks the v0 HMAC signature of every request),
with a configurable Web API URL and native buttons for any number of options.

SLACK_API_URL (default https://slack.com/api) points the Web API client
elsewhere (tests: a local fake). Rasa's own button rendering gives up above
five buttons; here every button is sent, 25 to an actions block (Block Kit's
limit), and the plain `text` (what notifications show) carries the numbered
list. Rasa sends `as_user: true` with every message, which Slack refuses from
apps created since 2021; it is left out. Slack sends no language with events:
the language comes from the text.
"""

from typing import Any, Dict, List, Optional, Text

from http import HTTPStatus

from rasa.core.channels import slack as rasa_slack
from rasa.core.channels.channel import OutputChannel
from sanic import response
from sanic.request import Request
from slack_sdk.web.async_client import AsyncWebClient

from channels.env import api_base
from channels.numbered import NumberedReplies, numbered_text, remember

BUTTONS_PER_BLOCK = 25


class SlackBot(rasa_slack.SlackBot):
    def __init__(self, token: Text, slack_channel: Optional[Text] = None, thread_id: Optional[Text] = None,
                 proxy: Optional[Text] = None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, proxy=proxy, base_url=api_base("SLACK_API_URL", "https://slack.com/api") + "/")

    async def _post_message(self, channel: Text, **kwargs: Any) -> None:
        """Without `as_user`: Slack refuses it (invalid_arguments) from apps created since 2021."""
        kwargs.pop("as_user", None)
        await super()._post_message(channel=channel, **kwargs)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     **kwargs: Any) -> None:
        remember(self.name(), recipient_id, buttons)
        blocks: List[Dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
        for start in range(0, len(buttons), BUTTONS_PER_BLOCK):
            blocks.append({"type": "actions", "elements": [
                {"type": "button", "text": {"type": "plain_text", "text": b["title"][:75]}, "value": b["payload"]}
                for b in buttons[start:start + BUTTONS_PER_BLOCK]]})
        await self._post_message(channel=self.slack_channel or recipient_id, text=numbered_text(text, buttons),
                                 blocks=blocks)


class SlackInput(NumberedReplies, rasa_slack.SlackInput):
    def blueprint(self, on_new_message: Any) -> Any:
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def answer_url_verification(request: Request) -> Any:
            """Slack's check of a new Request URL, answered as {"challenge": ...} once the signature is right."""
            if request.method == "POST" and request.headers.get("content-type") == "application/json":
                body = request.json
                if isinstance(body, dict) and body.get("type") == "url_verification":
                    if not self.is_request_from_slack_authentic(request):
                        return response.text("Wrong signature.", status=HTTPStatus.BAD_REQUEST)
                    return response.json({"challenge": str(body.get("challenge", ""))})
            return None

        return blueprint

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> OutputChannel:
        return SlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)
