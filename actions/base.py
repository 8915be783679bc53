"""Base class of the assistant's actions: language, facts and failure handling.

rasa_sdk answers an exception with HTTP 500 and the whole tracker in the body,
and Rasa then sends the user nothing. So every action runs inside a guard that
logs the error and apologises in the user's language instead.
"""

import abc
import logging
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import Facts, Tagged
from actions.knowledge import Country
from actions.live import get_facts
from actions.ratings import rating_buttons
from common.names import (
    COUNTRY_ENTITY,
    FALLBACK_REASON,
    FALLBACK_REASONS,
    KNOWLEDGE_ENTRY_SLOT,
    LANGUAGE_SLOT,
    PENDING_COUNTRIES_SLOT,
)
from languages import DEFAULT_LANGUAGE, LANGUAGES

logger = logging.getLogger(__name__)

# Validate the knowledge file when the action server imports its actions, so a
# broken file stops `rasa run actions` at start-up, not at the first question.
get_facts()


def conversation_language(tracker: Tracker) -> str:
    language = tracker.get_slot(LANGUAGE_SLOT)
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def slot_text(tracker: Tracker, slot: str) -> Optional[str]:
    """The value of a slot that holds a text (a knowledge id), or None if it holds anything else:
    Rasa sends whatever the tracker holds, and an `any` slot may hold any JSON value."""
    value = tracker.get_slot(slot)
    return value if isinstance(value, str) else None


def slot_texts(tracker: Tracker, slot: str) -> List[str]:
    """The texts in a slot that holds a list of texts (ids); none if it holds anything else."""
    value = tracker.get_slot(slot)
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def latest_intent(tracker: Tracker) -> Optional[str]:
    """The intent of the latest message, as Rasa's policies acted on it (`intent.name`).

    Not rasa-sdk's `Tracker.get_intent_of_latest_message()`, on purpose: that reads the
    top of the intent ranking, and by default skips `nlu_fallback` for the intent
    ranked next, whereas a message the NLU did not understand must be answered as not
    understood (actions/help.py); it returns None for a message with no ranking, and
    raises on a ranked item without a name, which a call may hold (actions/webhook.py
    checks shapes only)."""
    intent = tracker.latest_message.get("intent")
    return intent.get("name") if isinstance(intent, dict) else None


# Rasa's name for the entities of a typed `/intent{"entity": "value"}` message:
# a user can type one in any channel, so its entities are never trusted.
SLASH_EXTRACTOR = "RegexMessageHandler"


def is_slash_message(tracker: Tracker) -> bool:
    """A `/intent` message: a button payload, or typed to bypass the NLU."""
    return (tracker.latest_message.get("text") or "").lstrip().startswith("/")


def tagged_entities(tracker: Tracker, entity: str) -> List[Tagged]:
    """(value, confidence) of each `entity` the NLU found in the latest message; none from a
    `/intent{...}` message. Confidence is DIET's, None when not given."""
    tagged: List[Tagged] = []
    for item in tracker.latest_message.get("entities") or []:
        value = item.get("value")
        if item.get("extractor") == SLASH_EXTRACTOR or item.get("entity") != entity:
            continue
        if not isinstance(value, str) or not value.strip() or value in [v for v, _ in tagged]:
            continue
        confidence = item.get("confidence_entity", item.get("confidence"))
        tagged.append((value, confidence if isinstance(confidence, (int, float)) else None))
    return tagged


def entity_values(tracker: Tracker, entity: str) -> List[str]:
    """Values of `entity` found by the NLU in the latest message; none from a `/intent{...}` message."""
    return [value for value, _ in tagged_entities(tracker, entity)]


def typed_text(tracker: Tracker) -> str:
    """What the user wrote, for finding names in it; empty for a `/intent` payload."""
    return "" if is_slash_message(tracker) else tracker.latest_message.get("text") or ""


def session_events(tracker: Tracker) -> List[Dict[Text, Any]]:
    """The events of the current conversation session: rasa-sdk's `Tracker.applied_events()`
    (the events that still count: none undone, rewound or before a restart) after the
    last session start. rasa-sdk has no helper that stops at a session start, and a
    conversation resumed another day is a new one: its first miss is not a second."""
    events = tracker.applied_events()
    starts = [i for i, event in enumerate(events) if event.get("event") == "session_started"]
    return events[starts[-1] + 1 :] if starts else events


def fallback_reason(tracker: Tracker) -> Optional[str]:
    """Why a component made the latest message `nlu_fallback` whatever the classifiers said
    (common/names.py FALLBACK_REASONS: an input problem, or not one known word), or None:
    not a forced fallback (a low or ambiguous score, or any other intent). Set only by the NLU
    (components/input_guard.py, components/unknown_words.py), never by a `/intent` message."""
    reason = tracker.latest_message.get(FALLBACK_REASON)
    return reason if reason in FALLBACK_REASONS else None


def asked_countries(facts: Facts, tracker: Tracker, language: str) -> Tuple[List[Country], List[str]]:
    """The countries the latest message names (plus names not recognised), or, when it
    names none (a button's entity-free payload), those the assistant asked back about."""
    tagged = tagged_entities(tracker, COUNTRY_ENTITY)
    countries, unknown = facts.resolve_countries(tagged, typed_text(tracker), language)
    if not countries and not unknown:
        pending = slot_texts(tracker, PENDING_COUNTRIES_SLOT)
        countries = [facts.knowledge.countries[c] for c in pending if c in facts.knowledge.countries]
    return countries, unknown


def with_source(facts: Facts, tracker: Tracker, body: str, language: str) -> str:
    """A factual answer: the body, then the source note with its date, said once."""
    return f"{body}\n\n{facts.source_note(language)}"


def names_a_country(facts: Facts, tracker: Tracker, language: str) -> bool:
    """Whether the latest message names a country, known or not (for details such as
    another country's membership)."""
    tagged = tagged_entities(tracker, COUNTRY_ENTITY)
    countries, unknown = facts.resolve_countries(tagged, typed_text(tracker), language)
    return bool(countries or unknown)


class KnowledgeAction(Action, metaclass=abc.ABCMeta):
    """An action that answers from the knowledge file in the user's language.

    Every run sets the `knowledge_entry` slot to the id of the knowledge entry
    it answered from (None when it answered from none). So a successful run
    always returns an event, which is how ActionServerGuardPolicy tells it from
    a run whose events Rasa dropped because the action server did not answer.
    Abstract, so that rasa_sdk registers only the concrete actions.
    """

    @abc.abstractmethod
    def name(self) -> Text:
        """The action's name in domain.yml."""

    @abc.abstractmethod
    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        """The messages to send, in `language`."""

    def knowledge_entry(self, facts: Facts, tracker: Tracker) -> Optional[str]:
        """The id of the knowledge entry the answer comes from, if any."""
        return None

    def buttons(self, facts: Facts, tracker: Tracker, language: str) -> List[Dict[Text, Text]]:
        """Quick replies sent with the last paragraph: {"title": ..., "payload": "/intent"}.

        Channels send a text without buttons paragraph by paragraph, but a text with
        buttons as one message; so the last message is split into paragraphs first and
        the buttons ride on the last one: every channel shows the same messages
        with and without buttons (as Rasa's socket.io channel does by itself).
        """
        return []

    def extra_events(self, facts: Facts, tracker: Tracker) -> List[Dict]:
        """Events to return besides the `knowledge_entry` slot."""
        return []

    def pending_countries(self, facts: Facts, tracker: Tracker, language: str) -> Optional[List[str]]:
        """Country ids to remember for the next answer (see PENDING_COUNTRIES_SLOT).
        By default an answer uses them up."""
        return None

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
        language = conversation_language(tracker)
        try:
            facts = get_facts()
            messages = self.answer(facts, tracker, language)
            buttons = self.buttons(facts, tracker, language)
            entry = self.knowledge_entry(facts, tracker)
            pending = self.pending_countries(facts, tracker, language)
            events = self.extra_events(facts, tracker)
        except Exception:
            logger.exception("Action %s failed for sender %s", self.name(), tracker.sender_id)
            dispatcher.utter_message(text=get_facts().phrases.text("internal_error", language))
            return [SlotSet(KNOWLEDGE_ENTRY_SLOT, None)]
        if buttons and messages:
            messages = messages[:-1] + messages[-1].split("\n\n")
        for position, message in enumerate(messages, start=1):
            last = position == len(messages)
            dispatcher.utter_message(text=message, buttons=buttons if last and buttons else None)
        events = [SlotSet(KNOWLEDGE_ENTRY_SLOT, entry)] + events
        if pending or tracker.get_slot(PENDING_COUNTRIES_SLOT):
            events.append(SlotSet(PENDING_COUNTRIES_SLOT, pending or None))
        return events


class FactAction(KnowledgeAction):
    """A knowledge answer that ends with a short note of its source and date.

    `topic_id` names the knowledge entry it answers from.
    """

    topic_id: str = ""

    def knowledge_entry(self, facts: Facts, tracker: Tracker) -> Optional[str]:
        return self.topic_id

    def buttons(self, facts: Facts, tracker: Tracker, language: str) -> List[Dict[Text, Text]]:
        """Every factual answer can be rated: helpful / not helpful (actions/feedback.py)."""
        return rating_buttons(facts, language)

    def answer(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        body = self.facts_text(facts, tracker, language)
        gaps = self.unstated(facts, tracker, language)
        if gaps:  # what the page does not say first, then what it does say
            body = f"{' '.join(gaps)} {facts.phrases.text('unstated_but', language)}\n{body}"
        return [with_source(facts, tracker, body, language)]

    def unstated(self, facts: Facts, tracker: Tracker, language: str) -> List[str]:
        """What the question asks for that the page does not give (knowledge.yml `unstated`)."""
        topic = facts.knowledge.find_topic(self.knowledge_entry(facts, tracker))
        text = typed_text(tracker)
        if topic is None or not topic.unstated or not text:
            return []
        return facts.unstated(topic, text, language, names_a_country(facts, tracker, language))

    @abc.abstractmethod
    def facts_text(self, facts: Facts, tracker: Tracker, language: str) -> str:
        """The answer's body, before the source note."""
