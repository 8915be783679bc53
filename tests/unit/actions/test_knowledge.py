"""The knowledge file: every fact of the source page, in both languages, and a
clear error for each kind of breakage (naming the file, the entry and the problem)."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from actions.knowledge import KnowledgeError, load_knowledge

ROOT = Path(__file__).resolve().parents[3]
KNOWLEDGE = ROOT / "knowledge.yml"
SEED = ROOT.parent / "shared" / "seed" / "international-cooperation.txt"


@pytest.fixture(scope="module")
def knowledge():
    return load_knowledge(KNOWLEDGE)


def test_source_title_and_date(knowledge):
    assert knowledge.source.title == {"en": "International Cooperation", "et": "Rahvusvaheline koostöö"}
    assert knowledge.source.last_updated == datetime.date(2014, 5, 31)
    assert knowledge.source.date_text == {"en": "31 May 2014", "et": "31. mail 2014"}
    assert knowledge.source.date_as_of == {"en": "31 May 2014", "et": "31. mai 2014"}


def test_attache_countries_match_the_source_in_its_order(knowledge):
    names = [c.name["en"] for c in knowledge.attache_countries]
    assert names == [
        "Finland",
        "France",
        "Georgia",
        "Germany",
        "Poland",
        "Russia",
        "Sweden",
        "the United Kingdom",
        "the United States of America",
    ]
    assert [c.in_form for c in knowledge.attache_countries] == [
        "Soomes",
        "Prantsusmaal",
        "Gruusias",
        "Saksamaal",
        "Poolas",
        "Venemaal",
        "Rootsis",
        "Ühendkuningriigis",
        "Ameerika Ühendriikides",
    ]


def test_bilateral_relations_and_spheres(knowledge):
    assert knowledge.bilateral_count == 35
    assert [r["en"] for r in knowledge.bilateral_regions] == ["Europe", "North America", "Asia"]
    assert [s.name["en"] for s in knowledge.spheres] == [
        "active coordination of defence policy positions",
        "operations",
        "training",
        "military education",
        "procurement",
    ]


def test_countries_without_attache_are_known(knowledge):
    others = set(knowledge.countries) - set(knowledge.attache_country_ids)
    assert {"latvia", "lithuania", "norway", "italy", "canada"} <= others


@pytest.mark.parametrize(
    "phrase_en, phrase_et",
    [
        ("collective defence", "kollektiivkaitse"),
        ("aggression against any one member state", "agressiooni ükskõik millise liikmesriigi vastu"),
        ("economic and legislative space", "majandus- ja õigusruumi"),
        ("Common Foreign and Security Policy", "ühise välis- ja julgeolekupoliitika"),
        ("European Security and Defence Policy", "julgeoleku- ja kaitsepoliitika"),
        ("Baltic Sea region", "Läänemere piirkonnas"),
        ("developing countries", "arengumaade"),
        ("beneficiaries", "abisaajate"),
        ("donor countries", "doonorriikidega"),
        ("arms control conventions", "relvastuskontrolli konventsiooniga"),
        ("2011 Vienna Document", "Viini dokumendi 2011"),
        ("OSCE", "OSCE"),
        ("Open Skies", "avatud taeva"),
        ("observation flights", "vaatluslend"),
        ("international crises", "kriiside"),
        ("security of Europe and of the world", "Euroopa ja kogu maailma julgeolekusse"),
    ],
)
def test_every_fact_of_the_page_is_in_both_languages(knowledge, phrase_en, phrase_et):
    english = " ".join(t.answer["en"] for t in knowledge.topics)
    estonian = " ".join(t.answer["et"] for t in knowledge.topics)
    assert phrase_en in english
    assert phrase_et in estonian


def test_every_section_of_the_source_page_has_topics(knowledge):
    page = SEED.read_text(encoding="utf-8")
    sections = {t.section for t in knowledge.topics}
    for heading in [
        "Co-operation with NATO and the European Union",
        "Bi-lateral defence relations",
        "Arms control",
        "Participation in International Operations",
    ]:
        assert heading in sections
        assert heading in page


# --- Breakage: each kind gives a message naming the file, the entry and the problem ---


def broken(tmp_path, edit):
    data = yaml.safe_load(KNOWLEDGE.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "knowledge.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def topic(data, topic_id):
    return next(t for t in data["topics"] if t["id"] == topic_id)


def detail(data, detail_id):
    return next(d for d in data["details"] if d["id"] == detail_id)


BREAKAGES = {
    "missing Estonian answer": (
        lambda d: topic(d, "nato")["answer"].pop("et"),
        r"topics\[\d+\] \(id 'nato'\)\.answer: the Estonian text \(et\) is missing",
    ),
    "missing English title": (
        lambda d: topic(d, "eu")["title"].pop("en"),
        r"\(id 'eu'\)\.title: the English text \(en\) is missing",
    ),
    "empty text": (
        lambda d: topic(d, "open_skies")["answer"].update(et="  "),
        r"\(id 'open_skies'\)\.answer\.et: must be a non-empty text",
    ),
    "unknown language": (
        lambda d: topic(d, "nato")["answer"].update(de="NATO"),
        r"\(id 'nato'\)\.answer: unknown language key\(s\) \['de'\]",
    ),
    "duplicate topic id": (
        lambda d: d["topics"].append(dict(topic(d, "nato"), intents=["ask_x"])),
        r"topics\[\d+\]: duplicate id 'nato'",
    ),
    "bad id": (lambda d: topic(d, "nato").update(id="NATO Topic"), r"topics\[\d+\]: id 'NATO Topic' must be lowercase"),
    "intent in two topics": (
        lambda d: topic(d, "eu")["intents"].append("ask_nato"),
        r"intent 'ask_nato' is already answered by topic",
    ),
    "missing key": (lambda d: topic(d, "nato").pop("section"), r"\(id|topics\[\d+\]: missing key\(s\): section"),
    "unknown placeholder": (
        lambda d: topic(d, "nato")["answer"].update(en="Members: {members}"),
        r"\(id 'nato'\)\.answer\.en: unknown placeholder\(s\) \['members'\]",
    ),
    "placeholder mismatch": (
        lambda d: topic(d, "bilateral_relations")["answer"].update(et="Umbes 35 riiki."),
        r"\(id 'bilateral_relations'\)\.answer: English uses placeholders",
    ),
    "bad date": (
        lambda d: d["source"].update(last_updated="last spring"),
        r"source\.last_updated: must be a date written as YYYY-MM-DD",
    ),
    "count not a number": (
        lambda d: d["bilateral_relations"].update(approximate_count="about 35"),
        r"bilateral_relations\.approximate_count: must be a positive whole number",
    ),
    "attaché in unknown country": (
        lambda d: d["defence_attaches"].append("narnia"),
        r"defence_attaches\[9\]: 'narnia' is not the id of an entry in countries",
    ),
    "attaché listed twice": (
        lambda d: d["defence_attaches"].append("finland"),
        r"defence_attaches\[9\]: 'finland' is listed twice",
    ),
    "spelling of two countries": (
        lambda d: d["countries"][1]["et"]["forms"].append("Soomes"),
        r"countries\[1\] \(id 'france'\): spelling 'Soomes' also belongs to country 'finland'",
    ),
    "wrong type": (lambda d: d.update(topics={"nato": "NATO"}), r"topics: must be a non-empty list"),
    "missing section": (lambda d: d.pop("countries"), r"top level: missing key\(s\): countries"),
    "wrong schema version": (lambda d: d.update(schema_version=2), r"schema_version: is 2; this code reads version 1"),
    "more detail in one language": (
        lambda d: topic(d, "operations")["more"].pop("et"),
        r"\(id 'operations'\)\.more: the Estonian text \(et\) is missing",
    ),
    "related topic unknown": (
        lambda d: topic(d, "nato")["related"].append("cyber"),
        r"\(id 'nato'\)\.related: 'cyber' is not the id of another topic",
    ),
    "unstated detail unknown": (
        lambda d: topic(d, "nato")["unstated"].update(budget={"en": "x", "et": "y"}),
        r"\(id 'nato'\)\.unstated\.budget: 'budget' is not the id of an entry in details",
    ),
    "unstated in one language": (
        lambda d: topic(d, "nato")["unstated"]["dates"].pop("et"),
        r"\(id 'nato'\)\.unstated\.dates: the Estonian text \(et\) is missing",
    ),
    "unstated unknown placeholder": (
        lambda d: topic(d, "nato")["unstated"]["dates"].update(en="{year}"),
        r"\(id 'nato'\)\.unstated\.dates\.en: unknown placeholder\(s\) \['year'\]",
    ),
    "detail without cues": (
        lambda d: detail(d, "names")["cues"].update(et=[]),
        r"details\[\d+\] \(id 'names'\)\.cues\.et: must list at least one word or phrase",
    ),
    "detail cues in one language": (
        lambda d: detail(d, "names")["cues"].pop("en"),
        r"details\[\d+\] \(id 'names'\)\.cues: missing key\(s\): en",
    ),
    "duplicate detail": (
        lambda d: d["details"].append(dict(detail(d, "names"))),
        r"details\[\d+\]: duplicate id 'names'",
    ),
    "needs_country not a boolean": (
        lambda d: detail(d, "membership").update(needs_country="yes"),
        r"\(id 'membership'\)\.needs_country: must be true or false",
    ),
    "question in one language": (
        lambda d: topic(d, "nato")["question"].pop("en"),
        r"\(id 'nato'\)\.question: the English text \(en\) is missing",
    ),
    "misspelt topic key": (
        lambda d: topic(d, "nato").update(unstatd={}),
        r"\(id 'nato'\): unknown key\(s\) unstatd; allowed:",
    ),
    "misspelt detail key": (
        lambda d: detail(d, "membership").update(needs_contry=True),
        r"\(id 'membership'\): unknown key\(s\) needs_contry; allowed:",
    ),
    "regions in one language": (lambda d: d["regions"].pop("et"), r"regions: missing key\(s\): et"),
    "missing date_as_of": (lambda d: d["source"].pop("date_as_of"), r"source: missing key\(s\): date_as_of"),
}


@pytest.mark.parametrize("kind", sorted(BREAKAGES))
def test_broken_file_is_refused_with_a_precise_message(tmp_path, kind):
    edit, expected = BREAKAGES[kind]
    path = broken(tmp_path, edit)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(path)
    message = str(error.value)
    assert message.startswith(str(path))
    assert re.search(expected, message), message


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "knowledge.yml"
    path.write_text("schema_version: 1\nsource: {title: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"line \d+, column \d+: is not valid YAML"):
        load_knowledge(path)


def test_missing_file(tmp_path):
    with pytest.raises(KnowledgeError, match="file: not found"):
        load_knowledge(tmp_path / "nowhere.yml")


def test_not_utf8(tmp_path):
    path = tmp_path / "knowledge.yml"
    path.write_bytes("schema_version: 1\ntitle: Rahvusvaheline koostöö\n".encode("latin-1"))
    with pytest.raises(KnowledgeError, match="is not UTF-8 text"):
        load_knowledge(path)


def test_action_server_refuses_to_start_on_a_broken_file(tmp_path):
    path = broken(tmp_path, lambda d: topic(d, "nato")["answer"].pop("et"))
    env = dict(os.environ, KNOWLEDGE_FILE=str(path))
    result = subprocess.run(
        [sys.executable, "-m", "actions", "--port", "1"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert "knowledge file is broken" in result.stderr
    assert str(path) in result.stderr and "(id 'nato').answer" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_topic_has_a_question_for_its_button_in_every_language():
    for topic_ in load_knowledge().topics:
        assert topic_.question, topic_.id
        for language, text in topic_.question.items():
            assert text.rstrip().endswith("?"), (topic_.id, language, text)
