"""Slack: Rasa's connector (it checks the v0 HMAC signature of every request),
with a configurable Web API URL and native buttons for any number of options.

SLACK_API_URL (default https://slack.com/api) points the Web API client
elsewhere (tests: a local fake). Rasa's own button rendering gives up above
five buttons; here every button is sent, 25 to an actions block (Block Kit's
limit), and the plain `text` (what notifications show) carries the numbered
list. Rasa sends `as_user: true` with every message, which Slack refuses from
apps created since 2021; it is left out. Slack sends no language with events:
the language comes from the text. A signed request nested too deeply, or one
whose fields Rasa's connector reads are of the wrong type (an event that is not
an object, a user message without a user or channel id, an interactivity form
without a JSON `payload` object), gets 400 (Rasa's connector answered 500); an
interaction it does not handle (a modal, a shortcut, an unsupported element)
gets 200 and is dropped, where Rasa's answered 500.
"""

import json
from http import HTTPStatus
from typing import Any, Dict, List, Optional, Text

from rasa.core.channels import slack as rasa_slack
from rasa.core.channels.channel import OutputChannel
from sanic import response
from sanic.request import Request
from slack_sdk.web.async_client import AsyncWebClient

from channels.bodies import refuse_deep_bodies
from channels.env import api_base
from channels.fields import sender_problem, text_problem
from channels.numbered import NumberedReplies, numbered_text, remember
from channels.refusals import refusal
from channels.routes import is_webhook_post

BUTTONS_PER_BLOCK = 25
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
# Interactive elements whose value Rasa's connector reads, and where it reads it from.
SELECTED_OPTION = ("static_select", "external_select", "overflow")


def _optional_object(parent: Dict[Text, Any], key: str, field: str) -> Optional[str]:
    if key in parent and not isinstance(parent[key], dict):
        return f"'{field}' must be an object"
    return None


def _thread_problem(message: Dict[Text, Any], field: str) -> Optional[str]:
    thread = message.get("thread_ts", message.get("ts"))
    return None if thread is None or isinstance(thread, str) else f"'{field}.ts' must be a string"


def event_problem(body: Any, is_user_message: bool) -> Optional[str]:
    """What makes an Events API request unreadable for Rasa's connector, or None. It reads
    `event` (an object), `authed_users` (a list) or `authorizations` (a list of objects),
    and for a user message `event.text`, `event.user` and `event.channel` (strings)."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    problem = _optional_object(body, "event", "event")
    if problem:
        return problem
    if "authed_users" in body:
        if body["authed_users"] is not None and not isinstance(body["authed_users"], list):
            return "'authed_users' must be a list"
    elif "authorizations" in body:
        authorizations = body["authorizations"]
        if not isinstance(authorizations, list) or (authorizations and not isinstance(authorizations[0], dict)):
            return "'authorizations' must be a list of objects"
    event = body.get("event", {})
    problem = _thread_problem(event, "event")
    if problem or not is_user_message:
        return problem
    return (
        text_problem(event.get("text"), "event.text")
        or sender_problem(event.get("user"), "event.user")
        or sender_problem(event.get("channel"), "event.channel")
    )


def interaction_problem(payload: Any) -> Optional[str]:
    """What makes an interactivity payload unreadable for Rasa's connector, or None. It reads
    `actions` (a list of objects), for a supported element `user.id` and the element's value,
    and `message` and `channel` (objects)."""
    if not isinstance(payload, dict):
        return "'payload' must be a JSON object"
    actions = payload.get("actions")
    if actions and (not isinstance(actions, list) or not isinstance(actions[0], dict)):
        return "'actions' must be a list of objects"
    for key in ("message", "channel", "user"):
        problem = _optional_object(payload, key, key)
        if problem:
            return problem
    problem = _thread_problem(payload.get("message", {}), "message")
    if problem:
        return problem
    channel = payload.get("channel", {}).get("id")
    if channel is not None:
        problem = sender_problem(channel, "channel.id")
    if problem or not actions:
        return problem
    action = actions[0]
    kind = action.get("type")
    if kind == "select":
        options = action.get("selected_options", [{}])
        if not isinstance(options, list) or not options or not isinstance(options[0], dict):
            return "'selected_options' must be a list of objects"
    elif kind in SELECTED_OPTION:
        problem = _optional_object(action, "selected_option", "selected_option")
    return problem or sender_problem(payload.get("user", {}).get("id"), "user.id")


class SlackBot(rasa_slack.SlackBot):
    def __init__(
        self,
        token: Text,
        slack_channel: Optional[Text] = None,
        thread_id: Optional[Text] = None,
        proxy: Optional[Text] = None,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(
            token, proxy=proxy, base_url=api_base("SLACK_API_URL", "https://slack.com/api") + "/"
        )

    async def _post_message(self, channel: Text, **kwargs: Any) -> None:
        """Without `as_user`: Slack refuses it (invalid_arguments) from apps created since 2021."""
        kwargs.pop("as_user", None)
        await super()._post_message(channel=channel, **kwargs)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        remember(self.name(), recipient_id, buttons)
        blocks: List[Dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
        for start in range(0, len(buttons), BUTTONS_PER_BLOCK):
            blocks.append(
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": b["title"][:75]},
                            "value": b["payload"],
                        }
                        for b in buttons[start : start + BUTTONS_PER_BLOCK]
                    ],
                }
            )
        await self._post_message(
            channel=self.slack_channel or recipient_id, text=numbered_text(text, buttons), blocks=blocks
        )


class SlackInput(NumberedReplies, rasa_slack.SlackInput):
    def blueprint(self, on_new_message: Any) -> Any:
        blueprint = refuse_deep_bodies(super().blueprint(on_new_message))

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

        @blueprint.middleware("request")
        async def refuse_unreadable_requests(request: Request) -> Any:
            """A signed request that Rasa's handler would fail on gets 400 (or 200 when it is
            well-formed but not something the bot handles); Rasa's handler checks the signature."""
            if not is_webhook_post(request) or not self.is_request_from_slack_authentic(request):
                return None
            content_type = request.headers.get("content-type")
            if content_type == JSON:
                body = request.json
                problem = event_problem(
                    body,
                    bool(
                        isinstance(body, dict)
                        and isinstance(body.get("event", {}), dict)
                        and self._is_user_message(body)
                    ),
                )
                if problem:
                    return refusal(f"Not a readable Slack event: {problem}.", HTTPStatus.BAD_REQUEST)
            elif content_type == FORM:
                return self._interaction_answer(request)
            return None

        return blueprint

    def _interaction_answer(self, request: Request) -> Optional[Any]:
        """None when Rasa's handler can take the interactivity request, otherwise the answer."""
        try:
            request.body.decode("utf-8")  # Sanic's form parser logs a traceback for anything else
        except UnicodeDecodeError:
            return refusal("The form must be UTF-8.", HTTPStatus.BAD_REQUEST)
        if "payload" not in request.form:
            return refusal("Expected a 'payload' form field.", HTTPStatus.BAD_REQUEST)
        try:
            payload = json.loads(request.form["payload"][0])
        except (ValueError, RecursionError):
            return refusal("The 'payload' must be JSON.", HTTPStatus.BAD_REQUEST)
        problem = interaction_problem(payload)
        if problem:
            return refusal(f"Not a readable Slack interaction: {problem}.", HTTPStatus.BAD_REQUEST)
        if not self._is_interactive_message(payload):
            return response.text("")  # a modal, a shortcut, an unsupported element: acknowledged, dropped
        value = self._get_interactive_response(payload["actions"][0])
        if value is None:
            # Rasa's handler answers a link button itself, and anything else with 500.
            return None if payload["actions"][0].get("type") == "button" else response.text("")
        problem = text_problem(value, "the action's value")
        if problem:
            return refusal(f"Not a readable Slack interaction: {problem}.", HTTPStatus.BAD_REQUEST)
        return None

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> OutputChannel:
        return SlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)
