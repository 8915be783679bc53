"""Telegram: Rasa's connector with a configurable Bot API server, a secret token,
the user's `language_code` as `metadata.language` and one button per row.

TELEGRAM_API_URL (default https://api.telegram.org) points the bot at another
Bot API server: a self-hosted one, or a local fake in tests. At start-up the
webhook is registered with `secret_token`; Telegram then sends it in the
X-Telegram-Bot-Api-Secret-Token header of every update, and an update without
it is refused with 403. It refuses with 400 an update nested too deeply, one that
is not a Telegram update (a field of the wrong type), and a message, edit or button
press without a chat id or with a text that is not a string; an update of another
kind (a user blocking the bot, a channel post, a photo without text) gets 200 and
is not handed on (Rasa's connector answered such updates with 500).
"""

import asyncio
import logging
from typing import Any, Dict, List, Optional, Set, Text

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Update
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels import telegram as rasa_telegram
from rasa.shared.exceptions import RasaException
from sanic import response
from sanic.request import Request

from channels.bodies import refuse_deep_bodies
from channels.env import api_base
from channels.fields import message_problem, text_problem
from channels.language import language_metadata
from channels.numbered import NumberedReplies, remember
from channels.refusals import refusal
from channels.routes import is_path, is_webhook_post
from channels.secrets import matches

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# What deserialising an update with aiogram raises for a field of the wrong type:
# a text field that is not a string, a date that is not a Unix time (or out of range),
# a list field that is not a list, an object with a key aiogram takes as an argument.
PARSE_ERRORS = (TypeError, ValueError, OverflowError, OSError)
MAX_CHAT_ID = 2**63  # a 64-bit integer; Telegram's ids have at most 52 significant bits


def _chat_problem(message: Any, field: str) -> Optional[str]:
    chat = message.get("chat") if isinstance(message, dict) else None
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    if not isinstance(chat_id, int) or isinstance(chat_id, bool) or abs(chat_id) >= MAX_CHAT_ID:
        return f"'{field}.chat.id' must be an integer"
    return None


def _is_location(location: Any) -> bool:
    return isinstance(location, dict) and all(
        isinstance(location.get(key), (int, float)) and not isinstance(location.get(key), bool)
        for key in ("longitude", "latitude")
    )


def update_problem(update: Dict[Text, Any]) -> Optional[str]:
    """What makes a Telegram update (a JSON object) unreadable for Rasa's connector, or None.

    Rasa's handler reads, in this order, a button press (`callback_query`: its
    `data` and `message.chat.id`), an edit (`edited_message`: `text`, `chat.id`) or a
    message (`message`: `text`, or else `location`, and `chat.id`)."""
    try:
        Update(**update)
    except PARSE_ERRORS as error:
        return f"not a Telegram update: {error}"
    query = update.get("callback_query")
    if query is not None:
        if not isinstance(query, dict):
            return "'callback_query' must be an object"
        if query.get("message") is None or "data" not in query:
            return None  # a button of an inline-mode message, or a game's: not handed on
        return _chat_problem(query.get("message"), "callback_query.message") or text_problem(
            query.get("data"), "callback_query.data"
        )
    edited = update.get("edited_message")
    if edited is not None:
        if not isinstance(edited, dict):
            return "'edited_message' must be an object"
        return _chat_problem(edited, "edited_message") or message_problem(edited.get("text"), "edited_message.text")
    message = update.get("message")
    if message is None:
        return None
    if not isinstance(message, dict):
        return "'message' must be an object"
    if message.get("text") is None and not _is_location(message.get("location")):
        return None
    return _chat_problem(message, "message") or message_problem(message.get("text"), "message.text")


def is_handled(update: Dict[Text, Any]) -> bool:
    """Whether Rasa's connector hands the update on: a press of a message's button, an edit,
    or a message with text or a location. Other updates (a member change, a channel post, a
    photo, a button of an inline-mode message, a game's button, which has no `data`) are not."""
    query, message = update.get("callback_query"), update.get("message")
    if query is not None:
        return query.get("message") is not None and "data" in query
    return update.get("edited_message") is not None or (
        isinstance(message, dict) and (message.get("text") is not None or _is_location(message.get("location")))
    )


class TelegramOutput(rasa_telegram.TelegramOutput):
    def __init__(self, access_token: Optional[Text]) -> None:
        server = TelegramAPIServer.from_base(api_base("TELEGRAM_API_URL", "https://api.telegram.org"))
        Bot.__init__(self, access_token, server=server)

    async def send_text_with_buttons(
        self,
        recipient_id: Text,
        text: Text,
        buttons: List[Dict[Text, Any]],
        button_type: Optional[Text] = "vertical",
        **kwargs: Any,
    ) -> None:
        """Inline keyboard, one button per row (topic titles are long)."""
        remember(self.name(), recipient_id, buttons)
        markup = InlineKeyboardMarkup()
        for button in buttons:
            markup.row(InlineKeyboardButton(button["title"], callback_data=button["payload"]))
        await self.send_message(recipient_id, text, reply_markup=markup)


class TelegramInput(NumberedReplies, rasa_telegram.TelegramInput):
    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TelegramInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(
            credentials.get("access_token"),
            credentials.get("verify"),
            credentials.get("webhook_url"),
            secret_token=credentials.get("secret_token"),
        )

    def __init__(
        self,
        access_token: Optional[Text],
        verify: Optional[Text],
        webhook_url: Optional[Text],
        debug_mode: bool = False,
        secret_token: Optional[Text] = None,
    ) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=debug_mode)
        self.secret_token = secret_token or ""
        self._webhook_registered = False
        self._output: Optional[TelegramOutput] = None
        self._tasks: Set[asyncio.Task] = set()

    def get_metadata(self, request: Request) -> Dict[Text, Any]:
        update = request.json if isinstance(request.json, dict) else {}
        for kind in ("message", "edited_message", "callback_query"):
            event = update.get(kind)
            sender = event.get("from") if isinstance(event, dict) else None
            if isinstance(sender, dict) and sender:
                return language_metadata(sender.get("language_code"))
        return {}

    def blueprint(self, on_new_message: Any) -> Any:
        blueprint = refuse_deep_bodies(super().blueprint(on_new_message))

        @blueprint.middleware("request")
        async def check_secret_token(request: Request) -> Any:
            if is_path(request, "set_webhook"):
                # Rasa's route re-registers the webhook without the secret token, after which
                # every update is refused: anyone could switch the channel off. The webhook
                # is registered at start-up (get_output_channel).
                return response.text("Not found.", status=404)
            if is_webhook_post(request):
                if not matches(request.headers.get(SECRET_HEADER), self.secret_token):
                    return response.text("Missing or wrong secret token.", status=403)
                if not isinstance(request.json, dict):
                    return refusal("The body must be a Telegram update (JSON).")
                problem = update_problem(request.json)
                if problem:
                    return refusal(f"Not a readable Telegram update: {problem}.")
                self._acknowledge_button(request.json.get("callback_query"))
                if not is_handled(request.json):
                    return response.text("success")
            return None

        return blueprint

    def _acknowledge_button(self, query: Any) -> None:
        """Tells Telegram the button press arrived, so the client stops its progress indicator."""
        if isinstance(query, dict) and query.get("id") and self._output is not None:
            task = asyncio.create_task(self._output.answer_callback_query(str(query["id"])))
            self._tasks.add(task)
            task.add_done_callback(self._done)

    def _done(self, task: "asyncio.Task[Any]") -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.warning("Telegram did not take the button acknowledgement: %s", task.exception())

    def get_output_channel(self) -> TelegramOutput:
        channel = TelegramOutput(self.access_token)
        self._output = channel
        if not self._webhook_registered:
            # At start-up, outside Sanic's loop: register the webhook with its secret token.
            asyncio.run(self._register_webhook(channel))
            self._webhook_registered = True
        return channel

    async def _register_webhook(self, channel: TelegramOutput) -> None:
        try:
            await channel.request("setWebhook", {"url": self.webhook_url, "secret_token": self.secret_token})
        except TelegramAPIError as error:
            raise RasaException(f"Telegram refused the webhook {self.webhook_url}: {error}") from error
        finally:
            # The session belongs to this short-lived loop; the bot opens a new one in Sanic's.
            await channel.session.close()
