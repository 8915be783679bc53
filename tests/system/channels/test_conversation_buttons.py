"""The conversation's new buttons through real channels: the greeting's topics and the
follow-up's "which question?" choices, picked by a numbered reply ("2") or a press.

Their payloads are entity-free ("/ask_eu"), so they work wherever a number or a
button stands for a payload; the follow-up's country is remembered by the action.
"""

import json

import pytest
import requests

from actions.knowledge import load_knowledge
from tests.system.channels.support import SOURCE_NOTE, new_id, webhook

pytestmark = pytest.mark.e2e
# The first two topic buttons: their titles are the topics asked as questions.
KNOWLEDGE = load_knowledge()
FIRST_TWO = {lang: [KNOWLEDGE.topic(t).question[lang] for t in ("nato", "eu")] for lang in ("en", "et")}


def test_sms_greeting_numbers_the_topics_and_a_number_picks_one(assistant, platforms):
    twilio, hook, phone = platforms["twilio"], webhook(assistant, "twilio"), f"+372{new_id()}"

    def sms(count):
        return [r.form["Body"] for r in twilio.wait_for(lambda r: r.form.get("To") == phone, count=count)]

    twilio.send_text(hook, phone, "tere")
    greeting = sms(2)  # the greeting, then its numbered options
    assert greeting[0].startswith("Tere!") and greeting[1].startswith(
        f"1. {FIRST_TWO['et'][0]}\n2. {FIRST_TWO['et'][1]}\n"
    ), greeting
    twilio.send_text(hook, phone, "2")
    answer = sms(5)[2:]  # the answer paragraph by paragraph, its source last, then the numbered ratings
    assert "Euroopa Liidu liikmesus" in answer[0] and SOURCE_NOTE["et"] in answer[-2], answer
    assert answer[-1] == "1. Oli abiks\n2. Ei olnud abiks", answer


def test_telegram_greeting_has_a_keyboard_and_a_number_picks_a_topic(assistant, platforms):
    telegram, hook, user = platforms["telegram"], webhook(assistant, "telegram"), new_id()
    telegram.send_text(hook, user, "hello", language_code="en")
    greeting = telegram.wait_for(lambda r: r.form.get("chat_id") == str(user))[-1]
    keyboard = json.loads(greeting.form["reply_markup"])["inline_keyboard"]
    assert [row[0]["text"] for row in keyboard][:2] == FIRST_TWO["en"]
    telegram.send_text(hook, user, "2", language_code="en")
    replies = [
        r.form.get("text", "") for r in telegram.wait_for(lambda r: r.form.get("chat_id") == str(user), count=3)[1:]
    ]
    assert "economic and legislative space" in replies[0] and SOURCE_NOTE["en"] in replies[-1], replies


def test_callback_follow_up_choice_by_number_keeps_the_country(assistant, platforms):
    callback, sender = platforms["callback"], f"cb{new_id()}"

    def send(text):
        requests.post(webhook(assistant, "callback"), json={"sender": sender, "message": text}, timeout=60)

    send("And in Norway?")
    choice = callback.wait_for(lambda r: (r.json or {}).get("recipient_id") == sender)[-1].json
    assert [b["payload"] for b in choice["buttons"]] == ["/ask_attache_country", "/ask_bilateral_relations"]
    send("1")
    replies = [
        r.json["text"] for r in callback.wait_for(lambda r: (r.json or {}).get("recipient_id") == sender, count=3)[1:]
    ]
    assert replies[0].startswith("No. The source lists no Estonian defence attaché in Norway."), replies
