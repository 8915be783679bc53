"""Twilio SMS through the real Rasa server: webhooks signed with X-Twilio-Signature,
replies at a fake Messages API."""

import time

import pytest

from tests.system.channels.support import FINLAND, HELP_INTRO, SOURCE_NOTE, new_id, says_yes_finland, webhook

pytestmark = pytest.mark.e2e


def sms(twilio, phone, count):
    return [r.form["Body"] for r in twilio.wait_for(lambda r: r.form.get("To") == phone, count=count)]


def test_answers_in_the_language_of_the_message(assistant, platforms):
    twilio = platforms["twilio"]
    for language in ("en", "et"):
        phone = f"+372{new_id()}"
        assert twilio.send_text(webhook(assistant, "twilio"), phone, FINLAND[language]).status_code == 204
        replies = sms(twilio, phone, 3)  # the answer, its source note, the numbered rating options
        assert says_yes_finland(replies[0], language), replies
        assert SOURCE_NOTE[language] in replies[1] and replies[2].startswith("1. "), replies
        assert all(r.form["From"] == twilio.number for r in twilio.replies_to(phone))


def test_help_lists_numbered_options_and_a_number_picks_one(assistant, platforms):
    twilio, hook, phone = platforms["twilio"], webhook(assistant, "twilio"), f"+372{new_id()}"
    twilio.send_text(hook, phone, "tere")  # "abi" alone does not tell the language; the greeting does
    greeting = len(sms(twilio, phone, 1))
    twilio.send_text(hook, phone, "abi")
    menu = sms(twilio, phone, greeting + 2)[greeting:]
    assert HELP_INTRO["et"] in menu[0] and menu[-1].startswith("1. ") and "\n2. " in menu[-1], menu
    twilio.send_text(hook, phone, "2")
    replies = sms(twilio, phone, greeting + 5)[greeting + 2 :]
    assert SOURCE_NOTE["et"] in replies[1] and HELP_INTRO["et"] not in replies[0], replies
    assert replies[2] == "1. Oli abiks\n2. Ei olnud abiks", replies  # the answer can be rated by number


@pytest.mark.parametrize("slash", ["", "/"], ids=["webhook", "webhook-with-a-trailing-slash"])
def test_a_request_with_a_wrong_signature_is_refused(assistant, platforms, slash):
    twilio, phone = platforms["twilio"], f"+372{new_id()}"
    response = twilio.send_text(webhook(assistant, "twilio") + slash, phone, FINLAND["en"], token="not-the-auth-token")
    assert response.status_code == 403
    time.sleep(1)
    assert twilio.replies_to(phone) == []
