"""Telegram: Rasa's connector with a configurable Bot API server, a secret token,
the user's `language_code` as `metadata.language` and one button per row.

TELEGRAM_API_URL (default https://api.telegram.org) points the bot at another
Bot API server: a self-hosted one, or a local fake in tests. At start-up the
webhook is registered with `secret_token`; Telegram then sends it in the
X-Telegram-Bot-Api-Secret-Token header of every update, and an update without
it is refused with 403.
"""

import asyncio
import logging
from typing import Any, Dict, List, Optional, Set, Text

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels import telegram as rasa_telegram
from rasa.shared.exceptions import RasaException
from sanic import response
from sanic.request import Request

from channels.env import api_base
from channels.language import language_metadata
from channels.numbered import NumberedReplies, remember
from channels.secrets import matches

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class TelegramOutput(rasa_telegram.TelegramOutput):
    def __init__(self, access_token: Optional[Text]) -> None:
        server = TelegramAPIServer.from_base(api_base("TELEGRAM_API_URL", "https://api.telegram.org"))
        Bot.__init__(self, access_token, server=server)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]],
                                     button_type: Optional[Text] = "vertical", **kwargs: Any) -> None:
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
        return cls(credentials.get("access_token"), credentials.get("verify"), credentials.get("webhook_url"),
                   secret_token=credentials.get("secret_token"))

    def __init__(self, access_token: Optional[Text], verify: Optional[Text], webhook_url: Optional[Text],
                 debug_mode: bool = False, secret_token: Optional[Text] = None) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode=debug_mode)
        self.secret_token = secret_token or ""
        self._webhook_registered = False
        self._output: Optional[TelegramOutput] = None
        self._tasks: Set[asyncio.Task] = set()

    def get_metadata(self, request: Request) -> Dict[Text, Any]:
        update = request.json if isinstance(request.json, dict) else {}
        for kind in ("message", "edited_message", "callback_query"):
            sender = (update.get(kind) or {}).get("from") or {}
            if sender:
                return language_metadata(sender.get("language_code"))
        return {}

    def blueprint(self, on_new_message: Any) -> Any:
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def check_secret_token(request: Request) -> Any:
            if request.method == "POST" and request.path.endswith("/webhook"):
                if not matches(request.headers.get(SECRET_HEADER), self.secret_token):
                    return response.text("Missing or wrong secret token.", status=403)
                if not isinstance(request.json, dict):
                    return response.text("The body must be a Telegram update (JSON).", status=400)
                self._acknowledge_button(request.json.get("callback_query"))
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
