"""Tests of every custom action, in English and Estonian, with real rasa_sdk objects.

Each test builds a rasa_sdk Tracker as the action server would receive it,
runs the action with a CollectingDispatcher and checks the texts the user
would read. Expected facts come from the knowledge file where that is
natural; the hard facts of the source page (35 countries in Europe, North
America and Asia, nine attaché countries, 2011, 31 May 2014...) are also
written out literally, so a wrong knowledge file fails these tests too.
"""

import asyncio
import re
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.attaches import ActionAnswerAttache
from actions.base import FactAction, KnowledgeAction
from actions.bilateral import ActionAnswerBilateral
from actions.facts import get_facts
from actions.help import ActionCannotAnswer, ActionHelp, languages_spoken
from actions.knowledge import load_knowledge
from actions.spheres import ActionAnswerSpheres
from actions.topics import ActionAnswerSource, ActionAnswerTopic

ROOT = Path(__file__).resolve().parents[3]
FACTS = get_facts()
KNOWLEDGE = load_knowledge()
LANGS = ("en", "et")

# ------------------------------------------------------------ hard facts
# Written out from the source page, not read from knowledge.yml.

SOURCE_NOTE = {
    "en": "Source: Estonian Ministry of Defence, “International Cooperation”, last updated 31 May 2014 "
    "(it may have changed since).",
    "et": "Allikas: Kaitseministeerium, „Rahvusvaheline koostöö“, viimati uuendatud 31. mail 2014 "
    "(teave võib olla vahepeal muutunud).",
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
}
REGIONS = {"en": "Europe, North America and Asia", "et": "Euroopas, Põhja-Ameerikas ja Aasias"}

ESTONIAN_LETTERS = re.compile("[õäöüÕÄÖÜ]")
ENGLISH_MARKERS = ("Source:", "Estonia ", "Estonia's", " the ", "Yes", "No.", " is ", " and ")
ESTONIAN_MARKERS = ("Allikas", "Eestil", "Eesti ", "Jah", "Vabandust", " ja ", " ning ", " riigi")


# --------------------------------------------------------------- helpers


def tracker(
    language: Optional[str],
    intent: Optional[str],
    text: str = "",
    entities: Sequence[Tuple[str, str]] = (),
    slots: Optional[Dict] = None,
) -> Tracker:
    if slots is None:
        slots = {"language": language}
    return Tracker(
        sender_id="test-user",
        slots=slots,
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "entities": [{"entity": name, "value": value} for name, value in entities],
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


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


def ask(
    action_class,
    language: Optional[str],
    intent: Optional[str],
    text: str = "",
    entities: Sequence[Tuple[str, str]] = (),
) -> List[str]:
    return run(action_class(), tracker(language, intent, text, entities))


def sourced_body(texts: List[str], language: str) -> str:
    """The one message of a fact answer, checked to end with its source note; returns the rest,
    without the closing pointer to the ministry's channel (test_limits.py checks where it is)."""
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
    """English only: no Estonian letters outside country names (or what the user typed)."""
    stripped = text
    for name in list(typed) + country_names_en():
        stripped = stripped.replace(name, "")
    assert not ESTONIAN_LETTERS.search(stripped), f"Estonian letters in an English answer: {text!r}"
    for marker in ESTONIAN_MARKERS:
        assert marker not in text, f"{marker!r} in an English answer: {text!r}"


def assert_estonian(text: str) -> None:
    assert ESTONIAN_LETTERS.search(text), f"no Estonian letters in an Estonian answer: {text!r}"
    for marker in ENGLISH_MARKERS:
        assert marker not in text, f"{marker!r} in an Estonian answer: {text!r}"


def assert_language(text: str, language: str, typed: Iterable[str] = ()) -> None:
    if language == "en":
        assert_english(text, typed)
    else:
        assert_estonian(text)


def country_in(country_id: str, language: str) -> str:
    """How the knowledge file writes "in <country>": English name / Estonian "in" case."""
    country = KNOWLEDGE.countries[country_id]
    return country.name["en"] if language == "en" else country.in_form


def assert_lists_all_attache_countries(line: str, language: str) -> None:
    for country_id in KNOWLEDGE.attache_country_ids:
        assert country_in(country_id, language) in line, (country_id, line)
    for name in ATTACHE_IN[language]:
        assert name in line, (name, line)


YES = {"en": "Yes.", "et": "Jah,"}
NO = {"en": "No.", "et": "Ei,"}


# ------------------------------------------------- the knowledge file itself


def test_knowledge_file_holds_the_source_pages_facts():
    assert list(KNOWLEDGE.attache_country_ids) == ATTACHE_IDS
    assert len(KNOWLEDGE.attache_country_ids) == 9
    assert [country_in(c, "en") for c in ATTACHE_IDS] == ATTACHE_IN["en"]
    assert [country_in(c, "et") for c in ATTACHE_IDS] == ATTACHE_IN["et"]
    assert KNOWLEDGE.bilateral_count == 35
    assert [r["en"] for r in KNOWLEDGE.bilateral_regions] == ["Europe", "North America", "Asia"]
    assert str(KNOWLEDGE.source.last_updated) == "2014-05-31"


# ------------------------------------------------------ action_answer_attache

ATTACHE_YES = {
    "en": [
        ("Finland", "finland"),
        ("france", "france"),  # an id, lowercase
        ("Georgia", "georgia"),
        ("GERMANY", "germany"),
        ("Poland", "poland"),
        ("Russian Federation", "russia"),
        ("Sweden", "sweden"),
        ("the UK", "united_kingdom"),
        ("America", "united_states"),
        ("Soomes", "finland"),  # Estonian spelling in an English conversation
        ("U.S.", "united_states"),
        ("Great Britain", "united_kingdom"),
        ("Finnland", "finland"),  # one typo
    ],
    "et": [
        ("Soomes", "finland"),
        ("soomes", "finland"),
        ("france", "france"),  # an id, in an Estonian conversation
        ("Prantsusmaale", "france"),
        ("gruusias", "georgia"),
        ("Saksamaale", "germany"),
        ("Poolas", "poland"),
        ("Venemaal", "russia"),
        ("Rootssis", "sweden"),  # one typo
        ("uhendkuningriigis", "united_kingdom"),
        ("Suurbritannias", "united_kingdom"),
        ("USA-s", "united_states"),
        ("Ameerika Ühendriikides", "united_states"),
    ],
}


@pytest.mark.parametrize("language", LANGS)
def test_attache_yes_cases_cover_all_nine_countries(language):
    assert {cid for _, cid in ATTACHE_YES[language]} == set(KNOWLEDGE.attache_country_ids) == set(ATTACHE_IDS)


@pytest.mark.parametrize(
    "language, typed, country_id",
    [(lang, typed, cid) for lang in LANGS for typed, cid in ATTACHE_YES[lang]],
)
def test_attache_country_yes(language, typed, country_id):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", f"... {typed}?", [("country", typed)])
    body = sourced_body(texts, language)
    # One line: a yes for the country, named in the conversation's language, no list after it.
    assert "\n" not in body, body
    assert body.startswith(YES[language]), body
    assert body.rstrip(".").endswith(country_in(country_id, language)), body
    assert_language(texts[0], language)


def test_attache_country_yes_literal_wording():
    en = ask(ActionAnswerAttache, "en", "ask_attache_country", "UK?", [("country", "the UK")])
    assert sourced_body(en, "en") == "Yes. Estonia has a defence attaché in the United Kingdom."
    et = ask(ActionAnswerAttache, "et", "ask_attache_country", "Soomes?", [("country", "Soomes")])
    assert sourced_body(et, "et") == "Jah, Eestil on kaitseatašee Soomes."
    et = ask(ActionAnswerAttache, "et", "ask_attache_country", "UK?", [("country", "uhendkuningriigis")])
    assert sourced_body(et, "et") == "Jah, Eestil on kaitseatašee Ühendkuningriigis."


ATTACHE_NO = [
    ("en", "Italy", "italy"),
    ("en", "Norway", "norway"),
    ("en", "Latvia", "latvia"),
    ("en", "the Czech Republic", "czech_republic"),
    ("et", "Itaalias", "italy"),
    ("et", "Norras", "norway"),
    ("et", "Lätis", "latvia"),
    ("et", "latis", "latvia"),
]


@pytest.mark.parametrize("language, typed, country_id", ATTACHE_NO)
def test_attache_country_no_names_it_and_lists_the_nine(language, typed, country_id):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", f"... {typed}?", [("country", typed)])
    body = sourced_body(texts, language)
    lines = body.split("\n")
    assert len(lines) == 2, body
    assert lines[0].startswith(NO[language]), body
    assert country_in(country_id, language) in lines[0]
    assert YES[language] not in body
    assert_lists_all_attache_countries(lines[1], language)
    assert country_in(country_id, language) not in lines[1]
    assert_language(texts[0], language)


def test_attache_country_no_literal_wording():
    en = sourced_body(ask(ActionAnswerAttache, "en", "ask_attache_country", "Italy?", [("country", "Italy")]), "en")
    assert en.split("\n")[0] == "No. The source lists no Estonian defence attaché in Italy."
    et = sourced_body(ask(ActionAnswerAttache, "et", "ask_attache_country", "Lätis?", [("country", "Lätis")]), "et")
    assert et.split("\n")[0] == "Ei, allika järgi ei ole Eestil kaitseatašeed Lätis."


@pytest.mark.parametrize(
    "language, entities, expected",
    [
        ("en", ["Finland", "Italy"], [("yes", "finland"), ("no", "italy")]),
        ("en", ["Norway", "the UK"], [("no", "norway"), ("yes", "united_kingdom")]),
        ("et", ["Soomes", "Norras"], [("yes", "finland"), ("no", "norway")]),
        ("et", ["Lätis", "USA-s"], [("no", "latvia"), ("yes", "united_states")]),
    ],
)
def test_attache_two_countries_answered_one_by_one(language, entities, expected):
    texts = ask(
        ActionAnswerAttache, language, "ask_attache_country", " ja ".join(entities), [("country", e) for e in entities]
    )
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 3, lines
    for line, (answer, country_id) in zip(lines, expected, strict=False):
        assert line.startswith(YES[language] if answer == "yes" else NO[language]), line
        assert country_in(country_id, language) in line
    assert_lists_all_attache_countries(lines[2], language)


def test_attache_two_yes_countries_in_one_entity_and_no_list():
    texts = ask(
        ActionAnswerAttache, "et", "ask_attache_country", "Kas Soomes ja Rootsis?", [("country", "Soomes ja Rootsis")]
    )
    lines = sourced_body(texts, "et").split("\n")
    assert lines == ["Jah, Eestil on kaitseatašee Soomes.", "Jah, Eestil on kaitseatašee Rootsis."]


def test_attache_same_country_twice_answered_once():
    texts = ask(
        ActionAnswerAttache,
        "en",
        "ask_attache_country",
        "Finland (Soomes)?",
        [("country", "Finland"), ("country", "Soomes")],
    )
    assert sourced_body(texts, "en") == "Yes. Estonia has a defence attaché in Finland."


@pytest.mark.parametrize(
    "language, marker",
    [("en", "don't recognise “Narnia”"), ("et", "ei tunne riiki „Narnia“")],
)
def test_attache_unknown_country_answered_honestly(language, marker):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", "... Narnia?", [("country", "Narnia")])
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 2, lines
    assert marker in lines[0]
    # Neither a yes nor a no about a country it does not know.
    assert not lines[0].startswith((YES[language], NO[language]))
    assert_lists_all_attache_countries(lines[1], language)
    assert_language(texts[0], language, typed=["Narnia"])


def test_attache_known_and_unknown_country_together():
    texts = ask(
        ActionAnswerAttache,
        "en",
        "ask_attache_country",
        "Sweden or Narnia?",
        [("country", "Sweden"), ("country", "Narnia")],
    )
    lines = sourced_body(texts, "en").split("\n")
    assert lines[0] == "Yes. Estonia has a defence attaché in Sweden."
    assert "Narnia" in lines[1] and "recognise" in lines[1]
    assert_lists_all_attache_countries(lines[2], "en")


@pytest.mark.parametrize(
    "language, text, answer, country_id",
    [
        ("en", "Does Estonia have a defence attaché in Poland?", "yes", "poland"),
        ("en", "Is there an Estonian defence attaché in the US?", "yes", "united_states"),
        ("en", "Is there an Estonian attaché in Norway?", "no", "norway"),
        ("et", "Kas Eestil on kaitseatašee Soomes?", "yes", "finland"),
        ("et", "Kas Ühendkuningriigis on Eesti kaitseatašee?", "yes", "united_kingdom"),
        ("et", "Kas Itaalias on Eesti kaitseatašee?", "no", "italy"),
    ],
)
def test_attache_country_found_in_the_text_without_entity(language, text, answer, country_id):
    lines = sourced_body(ask(ActionAnswerAttache, language, "ask_attache_country", text), language).split("\n")
    assert lines[0].startswith(YES[language] if answer == "yes" else NO[language]), lines
    assert country_in(country_id, language) in lines[0]
    assert len(lines) == (1 if answer == "yes" else 2)


@pytest.mark.parametrize(
    "language, text",
    [("en", "Can you tell us if there is an attaché there?"), ("et", "Kas seal on Eesti kaitseatašee?")],
)
def test_attache_country_without_any_country_lists_all(language, text):
    texts = ask(ActionAnswerAttache, language, "ask_attache_country", text)
    body = sourced_body(texts, language)
    assert "\n" not in body
    assert not body.startswith((YES[language], NO[language]))
    assert_lists_all_attache_countries(body, language)


@pytest.mark.parametrize("language", LANGS)
def test_attache_list(language):
    texts = ask(ActionAnswerAttache, language, "ask_attache_list", "Where does Estonia have defence attachés?")
    body = sourced_body(texts, language)
    assert_lists_all_attache_countries(body, language)
    assert_language(texts[0], language)


def test_attache_list_literal_wording_in_source_order():
    en = sourced_body(ask(ActionAnswerAttache, "en", "ask_attache_list", "where?"), "en")
    assert en == (
        "Estonia has defence attachés in Finland, France, Georgia, Germany, Poland, Russia, "
        "Sweden, the United Kingdom and the United States of America."
    )
    et = sourced_body(ask(ActionAnswerAttache, "et", "ask_attache_list", "kus?"), "et")
    assert et == (
        "Eestil on kaitseatašeed Soomes, Prantsusmaal, Gruusias, Saksamaal, Poolas, Venemaal, "
        "Rootsis, Ühendkuningriigis ja Ameerika Ühendriikides."
    )


@pytest.mark.parametrize("language, says", [("en", "in nine countries"), ("et", "üheksas riigis")])
def test_attache_count(language, says):
    texts = ask(ActionAnswerAttache, language, "ask_attache_count", "How many defence attachés?")
    body = sourced_body(texts, language)
    assert says in body
    # The number follows the list of countries: "nine countries" / "üheksas riigis" (phrases.yml count_countries_in).
    assert f" {FACTS.count_countries_in(len(KNOWLEDGE.attache_country_ids), language)}: " in body
    assert_lists_all_attache_countries(body, language)
    assert_language(texts[0], language)


# ---------------------------------------------------- action_answer_bilateral


@pytest.mark.parametrize("language", LANGS)
def test_bilateral_without_country(language):
    texts = ask(ActionAnswerBilateral, language, "ask_bilateral_relations", "How many partner countries?")
    body = sourced_body(texts, language)
    assert body == FACTS.answer("bilateral_relations", language)
    assert "35" in body
    assert REGIONS[language] in body
    assert_language(texts[0], language)


def test_bilateral_literal_wording():
    en = sourced_body(ask(ActionAnswerBilateral, "en", "ask_bilateral_relations", "?"), "en")
    assert (
        en
        == "Estonia has bilateral defence relations with approximately 35 countries in Europe, North America and Asia."
    )
    et = sourced_body(ask(ActionAnswerBilateral, "et", "ask_bilateral_relations", "?"), "et")
    assert et == "Eestil on kahepoolsed kaitsesuhted ligikaudu 35 riigiga Euroopas, Põhja-Ameerikas ja Aasias."


@pytest.mark.parametrize(
    "language, typed, about, cannot",
    [
        ("en", "Italy", "Italy", "cannot confirm relations with Italy"),
        ("et", "Itaaliaga", "Itaalia", "ei saa ma Itaalia kohta"),
    ],
)
def test_bilateral_with_a_country_without_attache(language, typed, about, cannot):
    texts = ask(ActionAnswerBilateral, language, "ask_bilateral_relations", f"... {typed}?", [("country", typed)])
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 3, lines
    assert lines[0].startswith(FACTS.unstated_text("bilateral_relations", "countries", language))
    assert lines[1] == FACTS.answer("bilateral_relations", language)
    assert cannot in lines[2]
    assert "attaché" not in lines[2] and "atašee" not in lines[2]
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, typed, attache_line",
    [
        ("en", "Finland", "It does say that Estonia has a defence attaché in Finland."),
        ("en", "the US", "It does say that Estonia has a defence attaché in the United States of America."),
        ("et", "Soomega", "Küll aga on allika järgi Eestil kaitseatašee Soomes."),
        ("et", "Ühendkuningriigiga", "Küll aga on allika järgi Eestil kaitseatašee Ühendkuningriigis."),
    ],
)
def test_bilateral_with_an_attache_country_mentions_the_attache(language, typed, attache_line):
    texts = ask(ActionAnswerBilateral, language, "ask_bilateral_relations", f"... {typed}?", [("country", typed)])
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 4, lines  # the page names no partner; its answer; so no confirmation; the attaché
    assert lines[0].startswith(FACTS.unstated_text("bilateral_relations", "countries", language))
    assert "35" in lines[1]
    assert lines[3] == attache_line
    assert_language(texts[0], language)


def test_bilateral_country_found_in_the_text():
    lines = sourced_body(
        ask(ActionAnswerBilateral, "et", "ask_bilateral_relations", "Kas Eestil on kaitsesuhted Rootsiga?"), "et"
    ).split("\n")
    assert len(lines) == 4
    assert "Rootsi kohta" in lines[2]
    assert lines[3].endswith("kaitseatašee Rootsis.")


# ------------------------------------------------------ action_answer_spheres

SPHERES_LITERAL = {
    "en": [
        "active coordination of defence policy positions",
        "operations",
        "training",
        "military education",
        "procurement",
    ],
    "et": [
        "kaitsepoliitiliste seisukohtade aktiivne koordineerimine",
        "operatsioonid",
        "väljaõpe",
        "sõjaline haridus",
        "hanked",
    ],
}


@pytest.mark.parametrize("language", LANGS)
def test_spheres_list(language):
    texts = ask(ActionAnswerSpheres, language, "ask_cooperation_spheres", "Which spheres?")
    body = sourced_body(texts, language)
    assert body == FACTS.answer("cooperation_spheres", language)
    for sphere in KNOWLEDGE.spheres:
        assert sphere.name[language] in body
    for name in SPHERES_LITERAL[language]:
        assert name in body
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, typed, sphere_name",
    [
        ("en", "training", "training"),
        ("en", "Procurement", "procurement"),
        ("en", "military education", "military education"),
        ("et", "väljaõpe", "väljaõpe"),
        ("et", "valjaope", "väljaõpe"),
        ("et", "hangetes", "hanked"),
        ("en", "trainig", "training"),  # one typo
        ("et", "hangetse", "hanked"),  # one typo
    ],
)
def test_sphere_yes(language, typed, sphere_name):
    texts = ask(ActionAnswerSpheres, language, "ask_cooperation_spheres", f"... {typed}?", [("sphere", typed)])
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 2, lines
    assert lines[0].startswith("Yes," if language == "en" else "Jah,"), lines[0]
    assert sphere_name in lines[0]
    assert lines[1] == FACTS.answer("cooperation_spheres", language)
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, typed, says",
    [
        ("en", "cyber defence", "does not list “cyber defence”"),
        ("et", "küberkaitse", "„küberkaitse“ ei ole allikas"),
    ],
)
def test_sphere_unknown_is_an_honest_no_with_the_list(language, typed, says):
    texts = ask(ActionAnswerSpheres, language, "ask_cooperation_spheres", f"... {typed}?", [("sphere", typed)])
    lines = sourced_body(texts, language).split("\n")
    assert len(lines) == 2, lines
    assert says in lines[0]
    assert not lines[0].startswith(("Yes", "Jah"))
    for name in SPHERES_LITERAL[language]:
        assert name in lines[1]
    assert_language(texts[0], language, typed=[typed])


def test_sphere_two_spheres_in_one_entity():
    texts = ask(
        ActionAnswerSpheres,
        "en",
        "ask_cooperation_spheres",
        "Training and procurement?",
        [("sphere", "training and procurement")],
    )
    body = sourced_body(texts, "en")
    assert "does not list" not in body
    assert "include training and procurement." in body


# -------------------------------------------------------- action_answer_topic


def rule_actions() -> Dict[str, str]:
    """intent → the action data/rules.yml answers it with."""
    rules = yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    answers = {}
    for rule in rules:
        steps = rule["steps"]
        for first, second in zip(steps, steps[1:], strict=False):
            if "intent" in first and "action" in second:
                answers[first["intent"]] = second["action"]
    return answers


TOPIC_INTENTS = [
    (intent, topic.id)
    for topic in KNOWLEDGE.topics
    for intent in topic.intents
    if rule_actions().get(intent) == "action_answer_topic"
]


def test_topic_intents_are_the_expected_ones():
    assert {intent for intent, _ in TOPIC_INTENTS} >= {
        "ask_overview",
        "ask_nato",
        "ask_eu",
        "ask_eu_security_policy",
        "ask_baltic_security",
        "ask_reform_assistance",
        "ask_arms_control",
        "ask_vienna_document",
        "ask_open_skies",
        "ask_operations",
        "ask_operations_why",
    }


@pytest.mark.parametrize("language", LANGS)
@pytest.mark.parametrize("intent, topic_id", TOPIC_INTENTS)
def test_topic_answer(intent, topic_id, language):
    texts = ask(ActionAnswerTopic, language, intent, "...")
    body = sourced_body(texts, language)
    expected = FACTS.answer(topic_id, language)
    assert texts[0].startswith(expected)
    assert body == expected
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, intent, facts",
    [
        ("en", "ask_overview", ["NATO", "35 countries", "nine"]),
        ("et", "ask_overview", ["NATO", "35 riigiga", "üheksas"]),
        ("en", "ask_vienna_document", ["2011 Vienna Document", "OSCE"]),
        ("et", "ask_vienna_document", ["Viini dokumendi 2011", "OSCE"]),
        ("en", "ask_arms_control", ["2011", "Open Skies"]),
        ("et", "ask_arms_control", ["2011", "avatud taeva"]),
        ("en", "ask_nato", ["collective defence"]),
        ("et", "ask_nato", ["kollektiivkaitse"]),
    ],
)
def test_topic_answers_state_the_source_pages_facts(language, intent, facts):
    body = sourced_body(ask(ActionAnswerTopic, language, intent, "..."), language)
    for fact in facts:
        assert fact in body


@pytest.mark.parametrize("language", LANGS)
def test_topic_unknown_intent_falls_back_to_the_overview(language):
    body = sourced_body(ask(ActionAnswerTopic, language, None, "..."), language)
    assert body == FACTS.answer("overview", language)


# ------------------------------------------------------- action_answer_source


@pytest.mark.parametrize(
    "language, parts",
    [
        ("en", ["International Cooperation", "Estonian Ministry of Defence", "31 May 2014", "may have changed"]),
        ("et", ["„Rahvusvaheline koostöö“", "Kaitseministeerium", "31. mail 2014", "muutunud"]),
    ],
)
def test_source(language, parts):
    texts = ask(ActionAnswerSource, language, "ask_source", "Where is this from?")
    assert len(texts) == 1
    assert texts[0] == FACTS.answer("source", language)
    for part in parts:
        assert part in texts[0]
    assert KNOWLEDGE.source.title[language] in texts[0]
    assert KNOWLEDGE.source.date_text[language] in texts[0]
    # It is the source: no second source note under it.
    assert "Source:" not in texts[0] and "Allikas:" not in texts[0]
    assert_language(texts[0], language)


# ---------------------------------------------------------------- action_help

MENU_TOPICS = [t for t in KNOWLEDGE.topics if t.id != "overview"]


@pytest.mark.parametrize("language", LANGS)
def test_help_lists_the_topic_titles(language):
    texts = ask(ActionHelp, language, "help", "What can you do?")
    assert len(texts) == 1
    lines = texts[0].split("\n")
    assert KNOWLEDGE.source.title[language] in lines[0]
    assert KNOWLEDGE.source.date_text[language] in lines[0]
    assert lines[1:] == [f"- {t.title[language]}" for t in MENU_TOPICS]
    other = "et" if language == "en" else "en"
    for topic in KNOWLEDGE.topics:
        if topic.title[other] != topic.title[language]:
            assert topic.title[other] not in texts[0]
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, titles",
    [
        ("en", ["- NATO and collective defence", "- Defence attachés", "- Arms control", "- Open Skies Treaty"]),
        ("et", ["- NATO ja kollektiivkaitse", "- Kaitseatašeed", "- Relvastuskontroll", "- Avatud taeva leping"]),
    ],
)
def test_help_literal_titles(language, titles):
    text = ask(ActionHelp, language, "help")[0]
    for title in titles:
        assert title in text.split("\n")


@pytest.mark.parametrize("language", LANGS)
def test_help_offers_every_topic_as_a_quick_reply(language):
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionHelp().run(dispatcher, tracker(language, "help"), {}))
    buttons = dispatcher.messages[-1]["buttons"]
    topics = {f"/{t.intents[0]}": t for t in KNOWLEDGE.topics}
    assert [b["payload"] for b in buttons] == [f"/{t.intents[0]}" for t in MENU_TOPICS if t.id != "source"]
    for button in buttons:
        assert button["title"] == topics[button["payload"]].button_title[language]
        assert button["title"].endswith("?")
    assert "/ask_attache_list" in [b["payload"] for b in buttons]
    assert all("buttons" not in m or not m["buttons"] for m in dispatcher.messages[:-1])


# ------------------------------------------------------- action_cannot_answer

OFFICIAL = {"en": "kaitseministeerium.ee", "et": "kaitseministeerium.ee"}


def assert_menu_and_channel(text: str, language: str) -> None:
    """A short refusal: at most three lines (why, where to ask the rest, the line the topic
    buttons follow), with no topic list in the text: the topics are buttons."""
    lines = text.replace("\n\n", "\n").split("\n")
    assert len(lines) == 3, lines
    assert KNOWLEDGE.source.official_channel[language] in lines[1]
    assert OFFICIAL[language] in lines[1]
    assert lines[2] == FACTS.phrases.text("topics_offer", language)
    for topic in MENU_TOPICS:
        assert topic.title[language] not in text


def refusal_buttons(language: str, intent: str, text: str, entities=()) -> List[Dict]:
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionCannotAnswer().run(dispatcher, tracker(language, intent, text, entities), {}))
    return dispatcher.messages[-1].get("buttons") or []


@pytest.mark.parametrize("language", ["en", "et"])
@pytest.mark.parametrize("intent", ["out_of_scope", "nlu_fallback", "ask_sensitive"])
def test_cannot_answer_offers_the_topics_as_question_buttons(language, intent):
    buttons = refusal_buttons(language, intent, "What is the defence budget?")
    assert [b["payload"] for b in buttons] == [f"/{t.intents[0]}" for t in MENU_TOPICS if t.id != "source"]
    assert all(b["title"].endswith("?") for b in buttons), buttons


@pytest.mark.parametrize("language", ["en", "et"])
def test_a_message_in_another_script_is_told_the_languages_spoken_in_one_line(language):
    texts = ask(ActionCannotAnswer, language, "nlu_fallback", "Здравствуйте", [("input_problem", "other_script")])
    assert texts == [languages_spoken(FACTS)]
    assert all(FACTS.phrases.text("languages_spoken", lang) in texts[0] for lang in ("en", "et"))
    assert "\n" not in texts[0]
    assert refusal_buttons(language, "nlu_fallback", "Здравствуйте", [("input_problem", "other_script")]) == []


@pytest.mark.parametrize(
    "language, opening",
    [
        ("en", "I'm sorry, I don't have that information"),
        ("et", "Vabandust, seda teavet mul ei ole"),
    ],
)
def test_cannot_answer_out_of_scope(language, opening):
    texts = ask(ActionCannotAnswer, language, "out_of_scope", "What is the defence budget?")
    assert len(texts) == 1
    assert texts[0].startswith(opening)
    assert texts[0].split("\n")[0] == FACTS.phrases.text("out_of_scope", language)
    assert_menu_and_channel(texts[0], language)
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, opening",
    [("en", "I'm sorry, I didn't understand that question."), ("et", "Vabandust, ma ei saanud küsimusest aru.")],
)
def test_cannot_answer_not_understood(language, opening):
    texts = ask(ActionCannotAnswer, language, "nlu_fallback", "asdf qwer")
    assert len(texts) == 1
    assert texts[0].split("\n")[0] == opening
    assert "don't have that information" not in texts[0]
    assert_menu_and_channel(texts[0], language)
    assert_language(texts[0], language)


@pytest.mark.parametrize(
    "language, opening",
    [("en", "Your message was empty."), ("et", "Teie sõnum oli tühi.")],
)
def test_cannot_answer_empty_message(language, opening):
    for intent in ("nlu_fallback", "out_of_scope"):
        texts = ask(ActionCannotAnswer, language, intent, "", [("input_problem", "empty")])
        assert len(texts) == 1
        assert texts[0].startswith(opening)
        assert texts[0].split("\n")[0] == FACTS.phrases.text("empty_message", language)
        assert_menu_and_channel(texts[0], language)
        assert_language(texts[0], language)


@pytest.mark.parametrize("language, says", [("en", "too long"), ("et", "liiga pikk")])
def test_cannot_answer_too_long_message(language, says):
    texts = ask(ActionCannotAnswer, language, "nlu_fallback", "x" * 5000, [("input_problem", "too_long")])
    assert texts == [FACTS.phrases.text("message_too_long", language)]
    assert says in texts[0]
    assert_language(texts[0], language)


# --------------------------------------------------------------- languages


@pytest.mark.parametrize("slots", [{}, {"language": None}, {"language": "de"}])
def test_missing_or_unknown_language_answers_in_english(slots):
    texts = run(
        ActionAnswerAttache(), tracker(None, "ask_attache_country", "Soomes?", [("country", "Soomes")], slots=slots)
    )
    assert sourced_body(texts, "en") == "Yes. Estonia has a defence attaché in Finland."
    help_text = run(ActionHelp(), tracker(None, "help", slots=slots))[0]
    assert_english(help_text)
    assert "- NATO and collective defence" in help_text


@pytest.mark.parametrize(
    "action_class, intent, entities",
    [
        (
            ActionAnswerAttache,
            "ask_attache_country",
            [("country", "Italy"), ("country", "Sweden"), ("country", "Narnia")],
        ),
        (ActionAnswerAttache, "ask_attache_count", []),
        (ActionAnswerBilateral, "ask_bilateral_relations", [("country", "the United States")]),
        (ActionAnswerSpheres, "ask_cooperation_spheres", [("sphere", "operations")]),
        (ActionHelp, "help", []),
        (ActionCannotAnswer, "out_of_scope", []),
        (ActionAnswerSource, "ask_source", []),
    ],
)
@pytest.mark.parametrize("language", LANGS)
def test_every_answer_is_in_the_conversation_language(action_class, intent, entities, language):
    texts = ask(action_class, language, intent, "...", entities)
    for text in texts:
        assert_language(text, language, typed=[value for _, value in entities])


# -------------------------------------------------------- the failure guard


class ActionThatFails(KnowledgeAction):
    def name(self):
        return "action_that_fails"

    def answer(self, facts, tracker, language):
        raise RuntimeError("the knowledge lookup broke")


class FactActionThatFails(FactAction):
    def name(self):
        return "action_fact_that_fails"

    def facts_text(self, facts, tracker, language):
        raise KeyError("missing")


INTERNAL_ERROR = {
    "en": "I'm sorry, something went wrong on my side. Please try again in a moment.",
    "et": "Vabandust, tekkis tehniline tõrge. Palun proovige hetke pärast uuesti.",
}


@pytest.mark.parametrize("action_class", [ActionThatFails, FactActionThatFails])
@pytest.mark.parametrize("language", LANGS)
def test_failing_action_apologises_in_the_users_language(action_class, language, caplog):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action_class().run(dispatcher, tracker(language, "ask_nato", "..."), {}))
    assert [(e["name"], e["value"]) for e in events] == [("knowledge_entry", None)]
    assert [m["text"] for m in dispatcher.messages] == [FACTS.phrases.text("internal_error", language)]
    assert dispatcher.messages[0]["text"] == INTERNAL_ERROR[language]
    # The operator gets the details in the log; the user does not.
    assert action_class().name() in caplog.text
    assert "the knowledge lookup broke" not in dispatcher.messages[0]["text"]


def test_failing_action_without_language_apologises_in_english():
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionThatFails().run(dispatcher, tracker(None, "help", slots={}), {}))
    assert [(e["name"], e["value"]) for e in events] == [("knowledge_entry", None)]
    assert [m["text"] for m in dispatcher.messages] == [INTERNAL_ERROR["en"]]


# ------------------------------------- names that must not match a neighbour


def test_attache_north_korea_is_not_answered_as_south_korea():
    texts = ask(
        ActionAnswerAttache,
        "en",
        "ask_attache_country",
        "Is there an attaché in North Korea?",
        [("country", "North Korea")],
    )
    assert "South Korea" not in texts[0]


def test_attache_iran_in_estonian_is_not_answered_as_iraq():
    texts = ask(
        ActionAnswerAttache,
        "et",
        "ask_attache_country",
        "Kas Eestil on kaitseatašee Iraanis?",
        [("country", "Iraanis")],
    )
    assert "Iraagis" not in texts[0]


def test_attache_south_america_in_text_is_not_a_yes():
    texts = ask(
        ActionAnswerAttache, "en", "ask_attache_country", "Does Estonia have a defence attaché in South America?"
    )
    assert not texts[0].startswith("Yes")


@pytest.mark.parametrize(
    "action_class, intent, entry",
    [
        (ActionAnswerTopic, "ask_nato", "nato"),
        (ActionAnswerTopic, "ask_open_skies", "open_skies"),
        (ActionAnswerAttache, "ask_attache_list", "defence_attaches"),
        (ActionAnswerBilateral, "ask_bilateral_relations", "bilateral_relations"),
        (ActionAnswerSpheres, "ask_cooperation_spheres", "cooperation_spheres"),
        (ActionAnswerSource, "ask_source", "source"),
        (ActionHelp, "help", None),
        (ActionCannotAnswer, "out_of_scope", None),
    ],
)
def test_each_answer_records_the_knowledge_entry_it_came_from(action_class, intent, entry):
    events = asyncio.run(action_class().run(CollectingDispatcher(), tracker("et", intent, "..."), {}))
    assert [(e["name"], e["value"]) for e in events] == [("knowledge_entry", entry)]
