"""What the channel tests share: webhook URLs, fresh user ids, expected wording."""

import itertools
import random

_counter = itertools.count(random.randint(10_000, 90_000) * 1000)

FINLAND = {
    "en": "Is there an Estonian defence attaché in Finland?",
    "et": "Kas Eestil on kaitseatašee Soomes?",
    "ru": "Есть ли у Эстонии военный атташе в Финляндии?",
}
# The answer to FINLAND starts with the first word and names the country.
YES_FINLAND = {"en": ("Yes", "Finland"), "et": ("Jah", "Soomes"), "ru": ("Да", "в Финляндии")}
SOURCE_NOTE = {
    "en": "Source: Estonian Ministry of Defence",
    "et": "Allikas: Kaitseministeerium",
    "ru": "Источник: Министерство обороны Эстонии",
}
HELP_INTRO = {"en": "You can ask about", "et": "Võite küsida", "ru": "Вы можете спросить"}
# Every factual answer ends with the rating buttons Helpful / Not helpful, so a "2"
# typed after an answer picks "Not helpful", and the bot thanks for the rating.
RATED_NOT_HELPFUL = {"en": "I've noted that the answer did not help", "et": "vastus ei olnud abiks"}


def webhook(assistant, channel: str) -> str:
    return f"{assistant.url}/webhooks/{channel}/webhook"


def says_yes_finland(text: str, language: str) -> bool:
    first, country = YES_FINLAND[language]
    return text.startswith(first) and country in text


def new_id() -> int:
    """A user id no other test uses, so each test has its own conversation."""
    return next(_counter)
