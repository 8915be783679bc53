"""What the action tests share: the hard facts of the source page written out, running an
action as the action server would, and checks of the language of an answer.

Expected facts come from the knowledge file where that is natural; the hard facts of
the source page (35 countries in Europe, North America and Asia, nine attaché
countries, 2011, 31 May 2014...) are also written out literally here, so a wrong
knowledge file fails the tests too. Trackers come from the `make_tracker` fixture
(tests/conftest.py).
"""

import asyncio
import re
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import load_knowledge
from actions.live import get_facts
from actions.ratings import RATINGS as RATING_INTENTS
from languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[3]
FACTS = get_facts()
KNOWLEDGE = load_knowledge()
LANGS = LANGUAGES

# ------------------------------------------------------------ hard facts
# Written out from the source page, not read from knowledge.yml.

SOURCE_NOTE = {
    "en": "Source: Estonian Ministry of Defence, “International Cooperation”, last updated 31 May 2014 "
    "(it may have changed since).",
    "et": "Allikas: Kaitseministeerium, „Rahvusvaheline koostöö“, viimati uuendatud 31. mail 2014 "
    "(teave võib olla vahepeal muutunud).",
    "ru": "Источник: Министерство обороны Эстонии, «Международное сотрудничество», последнее обновление 31 мая "
    "2014 года (страница опубликована на эстонском и английском языках, ответ — её перевод; с тех пор сведения "
    "могли измениться).",
}
ATTACHE_IDS = [
    "finland",
    "france",
    "georgia",
    "germany",
    "poland",
    "russia",
    "sweden",
    "united_kingdom",
    "united_states",
]
ATTACHE_IN = {
    "en": [
        "Finland",
        "France",
        "Georgia",
        "Germany",
        "Poland",
        "Russia",
        "Sweden",
        "the United Kingdom",
        "the United States of America",
    ],
    "et": [
        "Soomes",
        "Prantsusmaal",
        "Gruusias",
        "Saksamaal",
        "Poolas",
        "Venemaal",
        "Rootsis",
        "Ühendkuningriigis",
        "Ameerika Ühendriikides",
    ],
    "ru": [
        "в Финляндии",
        "во Франции",
        "в Грузии",
        "в Германии",
        "в Польше",
        "в России",
        "в Швеции",
        "в Великобритании",
        "в США",
    ],
}
REGIONS = {
    "en": "Europe, North America and Asia",
    "et": "Euroopas, Põhja-Ameerikas ja Aasias",
    "ru": "в Европе, в Северной Америке и в Азии",
}
# The closing pointer to the ministry's public channel.
POINTER = {
    "en": "For anything else, please see the Ministry of Defence's website, kaitseministeerium.ee.",
    "et": "Muude küsimuste korral vaadake palun Kaitseministeeriumi veebilehte kaitseministeerium.ee.",
    "ru": "Ответы на другие вопросы ищите, пожалуйста, на сайте Министерства обороны Эстонии kaitseministeerium.ee.",
}

YES = {"en": "Yes.", "et": "Jah,", "ru": "Да."}
NO = {"en": "No.", "et": "Ei,", "ru": "Нет."}

MENU_TOPICS = [t for t in KNOWLEDGE.topics if t.id != "overview"]
ENTITY_FREE = re.compile(r"^/[a-z_]+$")
RATINGS = [f"/{intent}" for intent in RATING_INTENTS]  # under every factual answer
# Rasa's extractor name for the entities of a typed `/intent{...}` message.
SLASH = "RegexMessageHandler"

ESTONIAN_LETTERS = re.compile("[õäöüÕÄÖÜ]")
ENGLISH_MARKERS = ("Source:", "Estonia ", "Estonia's", " the ", "Yes", "No.", " is ", " and ")
ESTONIAN_MARKERS = ("Allikas", "Eestil", "Eesti ", "Jah", "Vabandust", " ja ", " ning ", " riigi")
CYRILLIC = re.compile("[\u0400-\u04ff]")
# The only Latin words of a Russian answer: the ministry's web address.
RUSSIAN_LATIN_WORDS = {"kaitseministeerium", "ee"}


# ------------------------------------------------------- running actions


def run(action, track: Tracker) -> List[str]:
    """Run the action as the action server would; return the texts sent to the user."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, {}))
    assert len(events) == 1 and events[0]["event"] == "slot" and events[0]["name"] == "knowledge_entry"
    texts = [message["text"] for message in dispatcher.messages]
    if dispatcher.messages and dispatcher.messages[-1].get("buttons"):
        # An answer with buttons comes paragraph by paragraph (KnowledgeAction.run); join them again.
        texts = ["\n\n".join(texts)]
    for text in texts:
        assert text and text.strip()
        assert "{" not in text and "}" not in text, f"unfilled placeholder in {text!r}"
    return texts


def reply(action, track: Tracker) -> Tuple[List[str], List[Dict], Dict[str, object]]:
    """The reply (its paragraphs joined: a reply with buttons is sent paragraph by paragraph),
    buttons of the last message, and slots set, as the user and Rasa would see them."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, {}))
    for message in dispatcher.messages:
        assert message["text"].strip() and "{" not in message["text"] and "}" not in message["text"], message
    texts = ["\n\n".join(m["text"] for m in dispatcher.messages)] if dispatcher.messages else []
    buttons = dispatcher.messages[-1].get("buttons") or [] if dispatcher.messages else []
    for button in buttons:
        assert ENTITY_FREE.match(button["payload"]), button
        assert button["title"].strip()
    return texts, buttons, {e["name"]: e["value"] for e in events}


def messages_and_events(action, track: Tracker) -> Tuple[List[Dict], List]:
    """Runs `action`; returns the messages sent (with their buttons) and the events."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, track, {}))
    return dispatcher.messages, events


def text_of(messages: List[Dict]) -> str:
    return "\n\n".join(m["text"] for m in messages)


def user(intent: str) -> Dict:
    """A user event of the conversation so far, as Rasa sends it."""
    return {"event": "user", "text": "...", "parse_data": {"intent": {"name": intent, "confidence": 0.4}}}


# ---------------------------------------------------------------- checks


def sourced_body(texts: List[str], language: str) -> str:
    """The one message of a fact answer, checked to end with its source note; returns the rest,
    without the closing pointer to the ministry's channel (test_attaches.py and
    test_bilateral.py check where it is)."""
    assert len(texts) == 1, texts
    text = texts[0]
    assert text.endswith("\n\n" + SOURCE_NOTE[language]), text
    body = text[: -len("\n\n" + SOURCE_NOTE[language])]
    body = body.removesuffix("\n" + FACTS.official_channel(language))
    assert body.strip()
    return body


def country_names_en() -> List[str]:
    names = {s for c in KNOWLEDGE.countries.values() for s in c.aliases["en"]}
    return sorted(names, key=len, reverse=True)


def assert_english(text: str, typed: Iterable[str] = ()) -> None:
    """English only: no Estonian or Cyrillic letters outside country names (or what the user typed)."""
    stripped = text
    for name in list(typed) + country_names_en():
        stripped = stripped.replace(name, "")
    assert not ESTONIAN_LETTERS.search(stripped), f"Estonian letters in an English answer: {text!r}"
    assert not CYRILLIC.search(stripped), f"Cyrillic letters in an English answer: {text!r}"
    for marker in ESTONIAN_MARKERS:
        assert marker not in text, f"{marker!r} in an English answer: {text!r}"


def assert_estonian(text: str) -> None:
    assert ESTONIAN_LETTERS.search(text), f"no Estonian letters in an Estonian answer: {text!r}"
    assert not CYRILLIC.search(text), f"Cyrillic letters in an Estonian answer: {text!r}"
    for marker in ENGLISH_MARKERS:
        assert marker not in text, f"{marker!r} in an Estonian answer: {text!r}"


def assert_russian(text: str, typed: Iterable[str] = ()) -> None:
    """Russian only: Cyrillic, and no Latin word but the ministry's address (or what the user typed)."""
    assert CYRILLIC.search(text), f"no Cyrillic letters in a Russian answer: {text!r}"
    stripped = text
    for name in typed:
        stripped = stripped.replace(name, "")
    latin = set(re.findall(r"[^\W\d_\u0400-\u04ff]+", stripped)) - RUSSIAN_LATIN_WORDS
    assert not latin, f"Latin words {sorted(latin)} in a Russian answer: {text!r}"


def assert_language(text: str, language: str, typed: Iterable[str] = ()) -> None:
    if language == "en":
        assert_english(text, typed)
    elif language == "ru":
        assert_russian(text, typed)
    else:
        assert_estonian(text)


def country_in(country_id: str, language: str) -> str:
    """How the knowledge file writes "in <country>": English name / Estonian "in" case /
    Russian "в"/"во" with the prepositional ("во Франции")."""
    country = KNOWLEDGE.countries[country_id]
    return country.names[language].in_form


def assert_lists_all_attache_countries(line: str, language: str) -> None:
    for country_id in KNOWLEDGE.attache_country_ids:
        assert country_in(country_id, language) in line, (country_id, line)
    for name in ATTACHE_IN[language]:
        assert name in line, (name, line)
