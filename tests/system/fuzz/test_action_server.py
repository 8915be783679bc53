"""Fuzz of the action server's `/webhook`: generated action calls, as Rasa sends them and not.

The calls start from real ones: conversations in English and Estonian, built
with Rasa's own tracker (`DialogueStateTracker.current_state`, what Rasa's
RemoteAction posts), one for each custom action of domain.yml. From them:

- mutated calls: one field at any depth given a wrong JSON type, odd text, an
  `/intent{...}` injection, a huge value, removed, or a stray field added
  (tests/system/fuzz/strategies.py `mutations_of`);
- odd-valued calls: every field keeps its JSON type, but texts, numbers, slot
  values, entities and events are odd (lone surrogates, NUL, RTL overrides,
  zero-width characters, markup, injections, 20 kB texts, huge numbers);
- raw bodies: random bytes, broken UTF-8, truncated or deeply nested JSON, a
  deflate bomb, with random Content-Types and Content-Encodings and methods.

Every answer is below 500 and arrives (no dropped connection), and the action
server's log shows no traceback after any example. An odd-valued call is a
call Rasa could make: it gets 200 with events and a reply for the user. A
malformed call gets a 4xx with a short JSON error that echoes nothing of it.

Only the action server runs here (on a free loopback port, its log in a
temporary folder); Rasa is not needed.
"""

import copy
import json
import os
import zlib
from typing import Any, Dict, Iterator, List, Optional

import pytest
import rasa
import requests
from hypothesis import given
from hypothesis import strategies as st
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from tests.servers import ROOT, VENV_BIN, Process, free_port, wait_http
from tests.system.fuzz.conftest import LogWatch, examples
from tests.system.fuzz.strategies import (
    CONTENT_TYPES,
    INTENT_NAMES,
    MARKUP,
    WORDS,
    deep_json_text,
    huge_text,
    intent_injection,
    json_values,
    mutations_of,
    odd_text,
    paths,
    raw_bodies,
    to_json,
)

pytestmark = pytest.mark.e2e

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
DOMAIN_DICT = DOMAIN.as_dict()
CUSTOM_ACTIONS = list(DOMAIN_DICT["actions"])
# An answer to a malformed call is at most this long: an error, not the call echoed.
SHORT = 300
TIMEOUT = 60
T0 = 1_700_000_000.0  # fixed timestamps: derandomized examples must be the same on every run

# ------------------------------------------------------------------ real calls


def diet(entity: str, value: str, text: str, confidence: float = 0.97) -> Dict[str, Any]:
    """An entity as DIET tags it, at the position of `value` in `text`."""
    start = max(text.find(value), 0)
    return {
        "entity": entity,
        "value": value,
        "start": start,
        "end": start + len(value),
        "confidence_entity": confidence,
        "extractor": "DIETClassifier",
    }


def detected(language: str, text: str) -> Dict[str, Any]:
    """The LanguageDetector's entity (components/language_detector.py)."""
    return {
        "entity": "language",
        "role": "detected",
        "value": language,
        "start": 0,
        "end": len(text),
        "confidence": 1.0,
        "extractor": "LanguageDetector",
    }


def message(text: str, intent: str, language: str, entities=(), confidence: float = 0.93, ranking=()) -> UserUttered:
    entities = list(entities) + [detected(language, text)]
    ranking = [{"name": intent, "confidence": confidence}] + [{"name": n, "confidence": c} for n, c in ranking]
    return UserUttered(
        text,
        {"name": intent, "confidence": confidence},
        entities,
        parse_data={"intent_ranking": ranking},
        input_channel="rest",
        metadata={"language": language},
    )


def turn(user: UserUttered, action: str, reply: str, entry: Optional[str]) -> list:
    """One earlier exchange: the message, the action that answered it, its reply and slot."""
    buttons = {"buttons": [{"title": "Jah", "payload": "/rate_helpful"}]}
    return [
        user,
        ActionExecuted(action),
        BotUttered(reply, buttons),
        SlotSet("knowledge_entry", entry),
        ActionExecuted("action_listen"),
    ]


def call(action: str, language: str, latest: UserUttered, history=(), slots=None, domain: bool = False) -> dict:
    """The body Rasa's RemoteAction posts to run `action` after `latest`, with `history` before it."""
    sender = f"fuzz-{action}-{language}"
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    events += [event for exchange in history for event in exchange]
    events += [latest, SlotSet("language", language)]
    events += [SlotSet(name, value) for name, value in (slots or {}).items()]
    for number, event in enumerate(events):
        event.timestamp = T0 + number
    tracker = DialogueStateTracker.from_events(sender, events, slots=DOMAIN.slots)
    body = {
        "next_action": action,
        "sender_id": sender,
        "tracker": tracker.current_state(EventVerbosity.ALL),
        "version": rasa.__version__,
    }
    if domain:
        body["domain"] = DOMAIN_DICT
    return json.loads(json.dumps(body))


def real_calls() -> List[dict]:
    """Realistic calls for every custom action of the domain, in both languages."""
    en_attache = "Is there a defence attaché in Finland?"
    et_attache = "Kas Eestil on kaitseatašee Soomes?"
    en_bilateral = "Does Estonia have relations with Latvia and Narnia?"
    et_spheres = "Kas teete koostööd küberkaitses ja kaitsehangetes?"
    en_nato = "Is Estonia a member of NATO?"
    et_nato = "Kas Eesti on NATO liige?"
    previous_en = turn(
        message(en_attache, "ask_attache_country", "en", [diet("country", "Finland", en_attache)]),
        "action_answer_attache",
        "Yes. Estonia has a defence attaché in Finland.",
        "defence_attaches",
    )
    previous_et = turn(message(et_nato, "ask_nato", "et"), "action_answer_topic", "Jah, Eesti on NATO liige.", "nato")
    unsure = [("ask_attache_country", 0.31), ("ask_bilateral_relations", 0.2), ("ask_nato", 0.04)]
    calls = [
        call("action_greet", "en", message("hello", "greet", "en", confidence=0.99)),
        call("action_greet", "et", message("tere", "greet", "et"), domain=True),
        call(
            "action_answer_attache",
            "en",
            message(en_attache, "ask_attache_country", "en", [diet("country", "Finland", en_attache)]),
        ),
        call(
            "action_answer_attache",
            "et",
            message(et_attache, "ask_attache_country", "et", [diet("country", "Soomes", et_attache)]),
            [previous_et],
        ),
        call(
            "action_answer_attache",
            "et",
            message("Mitmes riigis on Eestil kaitseatašee?", "ask_attache_count", "et"),
            domain=True,
        ),
        call(
            "action_answer_bilateral",
            "en",
            message(
                en_bilateral,
                "ask_bilateral_relations",
                "en",
                [diet("country", "Latvia", en_bilateral), diet("country", "Narnia", en_bilateral, 0.55)],
            ),
        ),
        call(
            "action_answer_spheres",
            "et",
            message(et_spheres, "ask_cooperation_spheres", "et", [diet("sphere", "küberkaitses", et_spheres, 0.8)]),
        ),
        call(
            "action_answer_spheres",
            "en",
            message(
                "Do you cooperate on cyber defence?",
                "ask_cooperation_spheres",
                "en",
                [diet("sphere", "cyber defence", "Do you cooperate on cyber defence?")],
            ),
        ),
        call("action_answer_topic", "en", message(en_nato, "ask_nato", "en"), [previous_en]),
        call("action_answer_topic", "et", message("Mis on Viini dokument?", "ask_vienna_document", "et")),
        call(
            "action_answer_source",
            "en",
            message("What is your source?", "ask_source", "en"),
            [previous_en],
            {"knowledge_entry": "defence_attaches"},
        ),
        call("action_answer_source", "et", message("Mis on allikas?", "ask_source", "et")),
        call("action_help", "en", message("what can you do", "help", "en")),
        call("action_help", "et", message("mida sa oskad", "help", "et"), domain=True),
        call("action_cannot_answer", "en", message("What is the weather like?", "out_of_scope", "en")),
        call(
            "action_cannot_answer",
            "et",
            message(
                "a" * 1000,
                "nlu_fallback",
                "et",
                [
                    {
                        "entity": "input_problem",
                        "value": "too_long",
                        "start": 0,
                        "end": 0,
                        "confidence": 1.0,
                        "extractor": "InputGuardClassifier",
                    }
                ],
                confidence=1.0,
            ),
        ),
        call(
            "action_clarify",
            "en",
            message(
                "attache finland maybe",
                "nlu_fallback",
                "en",
                [diet("country", "finland", "attache finland maybe", 0.6)],
                0.3,
                unsure,
            ),
        ),
        call(
            "action_clarify",
            "et",
            message("atašee", "nlu_fallback", "et", confidence=0.3, ranking=unsure),
            [turn(message("zzz", "nlu_fallback", "et", confidence=0.3), "action_clarify", "Kas mõtlesite?", None)],
            {"pending_countries": ["finland"]},
        ),
        call(
            "action_answer_follow_up",
            "et",
            message("Aga Norras?", "follow_up_country", "et", [diet("country", "Norras", "Aga Norras?")]),
            [previous_et],
            {"knowledge_entry": "defence_attaches"},
        ),
        call(
            "action_answer_follow_up",
            "en",
            message("And Italy?", "follow_up_country", "en", [diet("country", "Italy", "And Italy?")]),
        ),
        call(
            "action_tell_more",
            "en",
            message("tell me more", "tell_me_more", "en"),
            [previous_en],
            {"knowledge_entry": "operations"},
        ),
        call(
            "action_tell_more",
            "et",
            message("räägi lähemalt", "tell_me_more", "et"),
            [previous_et],
            {"knowledge_entry": "nato"},
        ),
        call(
            "action_record_rating",
            "et",
            message("/rate_helpful", "rate_helpful", "et", confidence=1.0),
            [previous_et],
            {"knowledge_entry": "nato"},
        ),
        call(
            "action_record_rating",
            "en",
            message("/rate_not_helpful", "rate_not_helpful", "en", confidence=1.0),
            [previous_en],
        ),
        call(
            "action_answer_attache",
            "en",
            message(
                '/ask_attache_country{"country": "Finland"}',
                "ask_attache_country",
                "en",
                [{"entity": "country", "value": "Finland", "extractor": "RegexMessageHandler"}],
                1.0,
            ),
        ),
    ]
    assert {c["next_action"] for c in calls} == set(CUSTOM_ACTIONS), "every custom action has a real call"
    return calls


CALLS = real_calls()

# -------------------------------------------------------------- the server


class ActionServer:
    def __init__(self, url: str, process: Process, logs: LogWatch) -> None:
        self.url, self.process, self.logs = url, process, logs

    def post(
        self, body: bytes, headers: Optional[Dict[str, str]] = None, method: str = "POST", path: str = "/webhook"
    ) -> requests.Response:
        """One request on a new connection; a dropped connection fails the test."""
        try:
            return requests.request(method, f"{self.url}{path}", data=body, headers=headers or {}, timeout=TIMEOUT)
        except requests.RequestException as error:
            pytest.fail(
                f"The action server dropped the connection ({error!r}); alive: {self.process.alive()}\n"
                f"{self.process.tail()}"
            )


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[ActionServer]:
    """The action server alone, as `python -m actions` runs it, on a free port. Module-scoped
    (Hypothesis runs every example of a test with the same fixtures); each example checks
    the log written since the previous one."""
    workdir = tmp_path_factory.mktemp("fuzz-actions")
    port = free_port()
    # SANIC_REQUEST_MAX_SIZE as the production profile sets it for Rasa: it reaches this process too.
    env = dict(
        os.environ,
        PYTHONUNBUFFERED="1",
        SANIC_HOST="127.0.0.1",
        RASA_TELEMETRY_ENABLED="false",
        SANIC_REQUEST_MAX_SIZE="262144",
    )
    process = Process(
        "action server", [str(VENV_BIN / "python"), "-m", "actions", "--port", str(port)], workdir / "actions.log", env
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/health", process, 120)
        logs = LogWatch([workdir / "actions.log"])
        logs.offsets[workdir / "actions.log"] = 0
        logs.assert_no_crash("start-up")
        yield ActionServer(f"http://127.0.0.1:{port}", process, logs)
    finally:
        process.stop()


def test_every_real_call_is_answered(server):
    """The starting points are good calls: each gets events and a reply."""
    for body in CALLS:
        response = server.post(to_json(body), {"Content-Type": "application/json"})
        assert_answered(response, body)
    server.logs.assert_no_crash("the real calls")


def test_a_long_conversation_is_answered(server):
    """Rasa sends the whole history with every call: a long conversation's call passes the
    256 kB the public server accepts (the soak found its calls refused, "the body is empty")."""
    body = json.loads(json.dumps(CALLS[0]))
    earlier = [e for e in body["tracker"]["events"] if e.get("event") == "user"][:1] or [
        {"event": "user", "text": "hello", "parse_data": {}}
    ]
    while len(to_json(body)) < 600_000:
        body["tracker"]["events"][:0] = [dict(earlier[0], text="Is Estonia a member of NATO? " * 40)]
    assert_answered(server.post(to_json(body), {"Content-Type": "application/json"}), body)
    server.logs.assert_no_crash("a long conversation")


# -------------------------------------------------------------- assertions


def strings(value: Any) -> Iterator[str]:
    """Every text in a JSON value, keys included."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def keys(value: Any) -> Iterator[str]:
    """Every key of the objects in a JSON value."""
    for path in paths(value):
        if path and isinstance(path[-1], str):
            yield path[-1]


# Texts a short error may contain although the call has them too: the names of the
# fields it reports and of the actions.
VOCABULARY = {key for body in CALLS for key in keys(body)} | set(CUSTOM_ACTIONS)


def assert_answered(response: requests.Response, body: Any) -> None:
    """200, with events and at least one text for the user."""
    assert response.status_code == 200, f"{response.status_code}: {response.text[:500]}"
    result = response.json()
    assert isinstance(result, dict) and isinstance(result.get("events"), list), result
    assert isinstance(result.get("responses"), list), result
    texts = [r.get("text") for r in result["responses"] if isinstance(r, dict)]
    assert any(isinstance(t, str) and t.strip() for t in texts), f"no reply for the user: {result}"


def assert_refused(response: requests.Response, sent: Any) -> None:
    """A 4xx with a short JSON error, echoing nothing of what was sent."""
    assert 400 <= response.status_code < 500, f"{response.status_code}: {response.text[:500]}"
    assert len(response.content) <= SHORT, f"a long error: {response.text[:500]}"
    error = response.json()
    assert isinstance(error, dict) and isinstance(error.get("error"), str), error
    for text in strings(sent):
        if len(text) >= 8 and text not in VOCABULARY:
            escaped = json.dumps(text)[1:-1]
            assert text not in response.text and escaped not in response.text, f"echoed {text!r}: {response.text}"


def assert_no_server_error(response: requests.Response) -> None:
    assert response.status_code < 500, f"{response.status_code}: {response.text[:500]}"


# ---------------------------------------------------------- odd-valued calls


def odd_string() -> st.SearchStrategy[str]:
    return st.one_of(
        odd_text(), intent_injection(), st.sampled_from(MARKUP + WORDS + [""]), huge_text().map(lambda s: s[:20_000])
    )


def odd_number() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.integers(),
        st.integers(min_value=2**63, max_value=2**80),
        st.sampled_from([0, -1, 1.0, 1e308, -0.0]),
    )


def get(document: Any, path: tuple) -> Any:
    for key in path:
        document = document[key]
    return document


def put(document: Any, path: tuple, value: Any) -> None:
    get(document, path[:-1])[path[-1]] = value


def maybe_null(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly `strategy`, sometimes JSON null (which Rasa's optional fields may hold)."""
    return st.one_of(strategy, strategy, strategy, st.none())


def odd_entity() -> st.SearchStrategy[Dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "entity": maybe_null(
                st.one_of(st.sampled_from(["country", "sphere", "language", "input_problem"]), odd_string())
            ),
            "value": st.one_of(
                odd_string(),
                json_values(),
                st.sampled_from(["too_long", "empty", "other_script", "Finland", "Soomes", "et"]),
            ),
        },
        optional={
            "start": maybe_null(odd_number()),
            "end": maybe_null(odd_number()),
            "confidence_entity": maybe_null(odd_number()),
            "confidence": maybe_null(odd_number()),
            "role": maybe_null(st.one_of(st.just("detected"), odd_string())),
            "extractor": maybe_null(
                st.one_of(
                    st.sampled_from(
                        ["DIETClassifier", "RegexMessageHandler", "LanguageDetector", "InputGuardClassifier"]
                    ),
                    odd_string(),
                )
            ),
        },
    )


def odd_intent() -> st.SearchStrategy[Optional[Dict[str, Any]]]:
    return maybe_null(
        st.fixed_dictionaries(
            {},
            optional={
                "name": maybe_null(st.one_of(st.sampled_from(INTENT_NAMES), odd_string())),
                "confidence": maybe_null(odd_number()),
            },
        )
    )


def odd_parse_data() -> st.SearchStrategy[Dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={
            "intent": odd_intent(),
            "entities": maybe_null(st.lists(odd_entity(), max_size=3)),
            "text": maybe_null(odd_string()),
            "intent_ranking": maybe_null(st.lists(odd_intent().filter(bool), max_size=3)),
            "metadata": maybe_null(st.dictionaries(odd_text(10), json_values(), max_size=3)),
        },
    )


def odd_event() -> st.SearchStrategy[Dict[str, Any]]:
    """An event of a kind Rasa stores, with odd values in its fields."""
    return st.one_of(
        st.builds(
            lambda p, t: {
                "event": "user",
                "timestamp": t,
                "text": (p or {}).get("text"),
                "parse_data": p,
                "input_channel": "rest",
            },
            maybe_null(odd_parse_data()),
            maybe_null(odd_number()),
        ),
        st.builds(
            lambda n: {"event": "action", "name": n, "policy": None, "confidence": None},
            maybe_null(st.one_of(st.sampled_from(CUSTOM_ACTIONS + ["action_listen"]), odd_string())),
        ),
        st.builds(lambda t: {"event": "bot", "text": t, "data": {}, "metadata": {}}, maybe_null(odd_string())),
        st.builds(
            lambda n, v: {"event": "slot", "name": n, "value": v},
            st.one_of(st.sampled_from(["knowledge_entry", "language", "pending_countries"]), odd_string()),
            json_values(),
        ),
        st.just({"event": "session_started"}),
        st.just({"event": "restart"}),
        st.just({"event": "x" * 100}),
    )


# Slot values of any JSON type (the slots are `any` or categorical: Rasa stores what it is given).
ODD_JSON = st.one_of(
    json_values(),
    st.lists(json_values(4), min_size=1, max_size=3),
    st.dictionaries(odd_text(8), json_values(4), min_size=1, max_size=3),
    odd_number(),
)
SLOT_VALUES = {
    "language": st.one_of(st.sampled_from(["en", "et", None, "fi", "EN", ""]), ODD_JSON),
    "knowledge_entry": st.one_of(
        st.sampled_from(["nato", "defence_attaches", "bilateral_relations", "source", "operations", None]), ODD_JSON
    ),
    "pending_countries": st.one_of(st.lists(st.sampled_from(["finland", "narnia", "norway"]), max_size=3), ODD_JSON),
    "feedback": ODD_JSON,
}


@st.composite
def odd_valued_calls(draw, action: str) -> dict:
    """A real call of `action` whose fields keep their JSON types (JSON null where Rasa's
    may be null) but hold odd values."""
    body = copy.deepcopy(draw(st.sampled_from([c for c in CALLS if c["next_action"] == action])))
    tracker = body["tracker"]
    message = tracker["latest_message"]
    leaves = [p for p in paths(tracker) if p and p[-1] != "event"]
    texts = [p for p in leaves if isinstance(get(tracker, p), str)]
    numbers = [p for p in leaves if isinstance(get(tracker, p), (int, float)) and not isinstance(get(tracker, p), bool)]
    # The message itself is the likeliest place for odd input: odd most of the time.
    if draw(st.integers(0, 3)):
        message["text"] = draw(maybe_null(odd_string()))
    for path in draw(st.lists(st.sampled_from(texts), max_size=3, unique=True)):
        put(tracker, path, draw(odd_string()))
    for path in draw(st.lists(st.sampled_from(numbers), max_size=3, unique=True)):
        put(tracker, path, draw(maybe_null(odd_number())))
    for name in sorted(SLOT_VALUES):  # each slot odd half of the time, several at once
        if draw(st.booleans()):
            tracker["slots"][name] = draw(SLOT_VALUES[name], label=f"slot {name}")
    message["entities"] += draw(st.lists(odd_entity(), max_size=3))
    if draw(st.booleans()):
        message["intent"] = draw(odd_intent())
    if draw(st.integers(0, 2)) == 0:
        message["intent_ranking"] = draw(maybe_null(st.lists(odd_intent().filter(bool), max_size=4)))
    if draw(st.integers(0, 2)) == 0:
        message["metadata"] = draw(maybe_null(st.dictionaries(odd_text(10), json_values(), max_size=3)))
    for event in draw(st.lists(odd_event(), max_size=3)):
        tracker["events"].insert(draw(st.integers(0, len(tracker["events"]))), event)
    if draw(st.integers(0, 4)) == 0:
        tracker["slots"][draw(odd_text(12))] = draw(json_values())
    return body


# Each action gets its share of the examples (Hypothesis does not spread sampled_from evenly).
@pytest.mark.parametrize("action", CUSTOM_ACTIONS)
@examples(108 // len(CUSTOM_ACTIONS))
@given(data=st.data(), deflate=st.integers(0, 4))
def test_odd_values_of_the_right_types_get_an_answer(server, action, data, deflate):
    body = data.draw(odd_valued_calls(action), label="call")
    data, headers = to_json(body), {"Content-Type": "application/json"}
    if deflate == 0:  # Rasa compresses calls with COMPRESS_ACTION_SERVER_REQUEST=true
        data, headers["Content-Encoding"] = zlib.compress(data), "deflate"
    response = server.post(data, headers)
    server.logs.assert_no_crash(f"an odd-valued call to {body['next_action']}")
    assert_answered(response, body)


def first_call(action: str, language: Optional[str] = None, edit=None) -> dict:
    body = copy.deepcopy(
        next(
            c
            for c in CALLS
            if c["next_action"] == action and (language is None or c["tracker"]["slots"]["language"] == language)
        )
    )
    edit(body["tracker"])
    return body


# Odd values that crashed an action before (each got the apology and a traceback in the log).
CRASHED = {
    "pending countries not a list": first_call(
        "action_answer_attache",
        "en",
        lambda t: (
            t["slots"].update(pending_countries=1.0),
            t["latest_message"].update(entities=[], text="/ask_attache_country"),
        ),
    ),
    "pending countries of lists": first_call(
        "action_answer_attache",
        "en",
        lambda t: (
            t["slots"].update(pending_countries=[["finland"]]),
            t["latest_message"].update(entities=[], text="/x"),
        ),
    ),
    "knowledge entry a list": first_call(
        "action_answer_follow_up", "et", lambda t: t["slots"].update(knowledge_entry=[])
    ),
    "intent confidence null": first_call(
        "action_clarify", "en", lambda t: t["latest_message"]["intent"].update(confidence=None)
    ),
    "earlier intent null": first_call(
        "action_clarify",
        "et",
        lambda t: t["events"].insert(-2, {"event": "user", "text": "x", "parse_data": {"intent": None}}),
    ),
}


@pytest.mark.parametrize("case", sorted(CRASHED))
def test_odd_values_that_crashed_an_action_get_an_answer(server, case):
    assert_answered(server.post(to_json(CRASHED[case]), {"Content-Type": "application/json"}), CRASHED[case])
    server.logs.assert_no_crash(case)


# -------------------------------------------------------------- mutated calls

MUTATED = {
    action: st.one_of([mutations_of(c) for c in CALLS if c["next_action"] == action]) for action in CUSTOM_ACTIONS
}


# The webhook's route answers at other spellings of its path too.
PATHS = ["/webhook"] * 5 + ["/webhook/", "/./webhook", "/webhook?next_action=action_greet"]


@pytest.mark.parametrize("action", CUSTOM_ACTIONS)
@examples(132 // len(CUSTOM_ACTIONS))
@given(data=st.data(), path=st.sampled_from(PATHS))
def test_mutated_calls_are_answered_or_refused(server, action, data, path):
    body = data.draw(MUTATED[action], label="call")
    sent = to_json(body)
    response = server.post(sent, {"Content-Type": "application/json"}, path=path)
    server.logs.assert_no_crash("a mutated call")
    if response.status_code == 200:
        assert_answered(response, body)
    else:
        assert_refused(response, body)


# ----------------------------------------------------------------- raw bodies


def deep_call() -> st.SearchStrategy[bytes]:
    """A real call with its message metadata nested tens to thousands of levels deep."""

    def build(depth: int) -> bytes:
        text = to_json(CALLS[2]).decode()
        return text.replace('"metadata": {"language": "en"}', '"metadata": ' + "[" * depth + "]" * depth, 1).encode()

    return st.integers(min_value=10, max_value=8000).map(build)


def bomb() -> bytes:
    """40 MB of JSON whitespace, deflated to 40 kB."""
    return zlib.compress(b" " * 40_000_000 + b"{}", 9)


BOMB = bomb()


@examples(60)
@given(
    body=st.one_of(raw_bodies(), deep_call(), deep_json_text().map(str.encode)),
    content_type=st.sampled_from(CONTENT_TYPES),
    encoding=st.sampled_from(["", "", "deflate", "deflate-raw", "gzip", "bomb"]),
    method=st.sampled_from(["POST"] * 6 + ["PUT", "GET", "PATCH", "DELETE"]),
    path=st.sampled_from(PATHS),
)
def test_raw_bodies_are_refused(server, body, content_type, encoding, method, path):
    headers = {"Content-Type": content_type} if content_type else {}
    data = body
    if encoding == "deflate":
        data, headers["Content-Encoding"] = zlib.compress(body), "deflate"
    elif encoding == "deflate-raw":  # said to be deflated, but is not
        headers["Content-Encoding"] = "deflate"
    elif encoding == "gzip":
        headers["Content-Encoding"] = "gzip"
    elif encoding == "bomb":
        data, headers["Content-Encoding"] = BOMB, "deflate"
    response = server.post(data, headers, method=method, path=path)
    server.logs.assert_no_crash("a raw body")
    assert_no_server_error(response)
    if method != "POST":
        return
    if response.status_code == 200:  # only a real call nested shallowly enough may be run
        assert encoding in ("", "deflate", "gzip") and body.startswith(b'{"next_action"'), response.text[:300]
        assert_answered(response, None)
    else:
        assert_refused(response, None)


def test_the_door_names_the_problem_and_echoes_nothing(server):
    """What each kind of malformed call gets, written out."""
    good = CALLS[0]
    secret = "secret-conversation-text"
    cases = [
        ({**good, "tracker": {**good["tracker"], "slots": [secret]}}, 400, "tracker.slots must be an object"),
        ({k: v for k, v in good.items() if k != "next_action"}, 400, "body.next_action is missing"),
        ({**good, "next_action": f"action_{secret}"}, 404, "no such action"),
        ({**good, "version": [secret]}, 400, "body.version must be a text or null"),
        ([good], 400, "the body must be an object"),
    ]
    for body, status, error in cases:
        response = server.post(to_json(body), {"Content-Type": "application/json"})
        assert response.status_code == status and error in response.json()["error"], response.text
        assert "action_name" in response.json() and secret not in response.text  # Rasa reads action_name
        assert_refused(response, body)
    deep = b'{"next_action": "action_greet", "tracker": {"sender_id": "x", "slots": ' + b"[" * 5000 + b"]" * 5000
    deep += b"}}"
    for data, headers, status in [
        (deep, {}, 400),
        (BOMB, {"Content-Encoding": "deflate"}, 413),
        (b"not deflate", {"Content-Encoding": "deflate"}, 400),
        (b"", {}, 400),
    ]:
        response = server.post(data, headers)
        assert response.status_code == status, response.text
        assert_refused(response, None)
    server.logs.assert_no_crash("the written-out malformed calls")


def test_the_server_still_answers_after_the_fuzz(server):
    for body in (CALLS[0], CALLS[3]):
        assert_answered(server.post(to_json(body), {"Content-Type": "application/json"}), body)
    server.logs.assert_no_crash("the closing calls")
