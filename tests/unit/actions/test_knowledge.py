"""The knowledge file: every fact of the source page, in every language (English, Estonian
and the Russian translation), and a clear error for each kind of breakage (naming the file, the entry and the problem).

The source page is the seed copy next to the checkout: <checkout>/../shared/seed/
international-cooperation.txt, found from the checkout's root (not the working folder).
The seed tests read the page and check each of its facts against knowledge.yml: every
number and date on it, the names it uses, its sections, the nine attaché countries, the
35 partner countries and their regions, the spheres of cooperation, and every sentence.
"""

import copy
import datetime
import functools
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, NamedTuple, Tuple

import pytest
import yaml

from actions.knowledge import KnowledgeError, load_knowledge
from actions.live import get_facts
from tests.unit.actions.support import ATTACHE_IDS, ATTACHE_IN, KNOWLEDGE, LANGS, country_in


def checkout_root() -> Path:
    """The checkout's root folder: the nearest folder above this file holding knowledge.yml."""
    for folder in Path(__file__).resolve().parents:
        if (folder / "knowledge.yml").is_file() and (folder / "tests" / "unit").is_dir():
            return folder
    raise RuntimeError(f"no checkout (a folder with knowledge.yml and tests/unit) above {__file__}")


ROOT = checkout_root()
KNOWLEDGE_FILE = ROOT / "knowledge.yml"
SEED = ROOT.parent / "shared" / "seed" / "international-cooperation.txt"


@pytest.fixture(scope="module")
def knowledge():
    """The knowledge file the assistant loads (knowledge.yml, or $KNOWLEDGE_FILE)."""
    return load_knowledge()


@pytest.fixture(scope="module")
def page() -> str:
    """The text of the source page (the seed copy)."""
    if not SEED.is_file():
        pytest.fail(
            f"The source page is missing: {SEED} does not exist. The knowledge tests read the seed copy of "
            f"the ministry's page from ../shared/seed/ beside the checkout {ROOT}: put "
            "international-cooperation.txt there.",
            pytrace=False,
        )
    return SEED.read_text(encoding="utf-8")


def test_source_title_and_date(knowledge):
    assert knowledge.source.title == {
        "en": "International Cooperation",
        "et": "Rahvusvaheline koostöö",
        "ru": "Международное сотрудничество",
    }
    assert knowledge.source.publisher == {
        "en": "Estonian Ministry of Defence",
        "et": "Kaitseministeerium",
        "ru": "Министерство обороны Эстонии",
    }
    assert knowledge.source.last_updated == datetime.date(2014, 5, 31)
    assert knowledge.source.date_text == {"en": "31 May 2014", "et": "31. mail 2014", "ru": "31 мая 2014 года"}
    assert knowledge.source.date_as_of == {"en": "31 May 2014", "et": "31. mai 2014", "ru": "31 мая 2014 года"}


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
    assert [c.names["et"].in_form for c in knowledge.attache_countries] == [
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
    assert [c.names["ru"].in_form for c in knowledge.attache_countries] == [
        "в Финляндии",
        "во Франции",
        "в Грузии",
        "в Германии",
        "в Польше",
        "в России",
        "в Швеции",
        "в Великобритании",
        "в США",
    ]


def test_knowledge_file_holds_the_source_pages_facts():
    assert list(KNOWLEDGE.attache_country_ids) == ATTACHE_IDS
    assert len(KNOWLEDGE.attache_country_ids) == 9
    assert [country_in(c, "en") for c in ATTACHE_IDS] == ATTACHE_IN["en"]
    assert [country_in(c, "et") for c in ATTACHE_IDS] == ATTACHE_IN["et"]
    assert [country_in(c, "ru") for c in ATTACHE_IDS] == ATTACHE_IN["ru"]
    assert KNOWLEDGE.bilateral_count == 35
    assert [r["en"] for r in KNOWLEDGE.bilateral_regions] == ["Europe", "North America", "Asia"]
    assert [r["ru"] for r in KNOWLEDGE.bilateral_regions] == ["в Европе", "в Северной Америке", "в Азии"]
    assert str(KNOWLEDGE.source.last_updated) == "2014-05-31"


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
    assert [s.name["ru"] for s in knowledge.spheres] == SPHERES_RU


def test_countries_without_attache_are_known(knowledge):
    others = set(knowledge.countries) - set(knowledge.attache_country_ids)
    assert {"latvia", "lithuania", "norway", "italy", "canada"} <= others


def test_every_topics_more_and_related_topics_exist_in_every_language():
    ids = {t.id for t in KNOWLEDGE.topics}
    assert {t.id for t in KNOWLEDGE.topics if t.more} >= {"bilateral_relations", "operations"}
    for topic in KNOWLEDGE.topics:
        assert set(topic.related) <= ids - {topic.id}
        if topic.more:
            assert set(topic.more) == set(LANGS)


# The Russian column holds regular expressions (matched without case): a Russian phrase
# takes a case ending ("\\w+") from the sentence it stands in.
@pytest.mark.parametrize(
    "phrase_en, phrase_et, phrase_ru",
    [
        ("collective defence", "kollektiivkaitse", r"коллективн\w+ оборон\w+"),
        (
            "aggression against any one member state",
            "agressiooni ükskõik millise liikmesriigi vastu",
            "агрессия против любого государства-члена",
        ),
        ("economic and legislative space", "majandus- ja õigusruumi", r"экономическ\w+ и правов\w+ пространств\w+"),
        (
            "Common Foreign and Security Policy",
            "ühise välis- ja julgeolekupoliitika",
            r"общ\w+ внешн\w+ политик\w+ и политик\w+ безопасности",
        ),
        (
            "European Security and Defence Policy",
            "julgeoleku- ja kaitsepoliitika",
            r"политик\w+ безопасности и обороны",
        ),
        ("Baltic Sea region", "Läänemere piirkonnas", "в регионе Балтийского моря"),
        ("developing countries", "arengumaade", "в развивающихся странах"),
        ("beneficiaries", "abisaajate", "с получателями помощи"),
        ("donor countries", "doonorriikidega", "странами-донорами"),
        ("arms control conventions", "relvastuskontrolli konventsiooniga", "конвенций по контролю над вооружениями"),
        ("2011 Vienna Document", "Viini dokumendi 2011", "Венским документом 2011 года"),
        ("OSCE", "OSCE", "ОБСЕ"),
        ("Open Skies", "avatud taeva", "Договора по открытому небу"),
        ("observation flights", "vaatluslend", r"наблюдательн\w+ полёт"),
        ("international crises", "kriiside", "международных кризисов"),
        (
            "security of Europe and of the world",
            "Euroopa ja kogu maailma julgeolekusse",
            "в безопасность Европы и всего мира",
        ),
    ],
)
def test_every_fact_of_the_page_is_in_every_language(knowledge, phrase_en, phrase_et, phrase_ru):
    english = " ".join(t.answer["en"] for t in knowledge.topics)
    estonian = " ".join(t.answer["et"] for t in knowledge.topics)
    russian = " ".join(t.answer["ru"] for t in knowledge.topics)
    assert phrase_en in english
    assert phrase_et in estonian
    assert re.search(phrase_ru.casefold(), russian.casefold()), phrase_ru


def test_every_section_of_the_source_page_has_topics(knowledge, page):
    sections = {t.section for t in knowledge.topics}
    for heading in [
        "Co-operation with NATO and the European Union",
        "Bi-lateral defence relations",
        "Arms control",
        "Participation in International Operations",
    ]:
        assert heading in sections
        assert heading in page


# --- The seed page, fact by fact ---------------------------------------------------------
#
# Each fact: the page's words, the topics that must state it, and how their English,
# Estonian and Russian texts (answer and `more`, placeholders filled) say it, matched
# without case. The Russian phrases are regular expressions: where topics put the same
# words in different cases, "\w+" stands for the ending.
# Every sentence of the page must hold at least one fact's page words; every number and
# every name on the page must be checked here.


class Fact(NamedTuple):
    page: str
    topics: Tuple[str, ...]
    en: Tuple[str, ...]
    et: Tuple[str, ...]
    ru: Tuple[str, ...]


PAGE_FACTS = [
    # Co-operation with NATO and the European Union
    Fact(
        "Estonia as a NATO member state",
        ("nato",),
        ("as a NATO member state, Estonia",),
        ("NATO liikmesriigina",),
        ("как государство — член НАТО, Эстония",),
    ),
    Fact(
        "the principles of collective defence",
        ("nato",),
        ("the principle of collective defence",),
        ("kollektiivkaitse põhimõttele",),
        ("принцип коллективной обороны",),
    ),
    Fact(
        "aggression against any one of the member states shall be deemed as an aggression against the whole alliance",
        ("nato",),
        ("an aggression against any one member state is deemed an aggression against the whole alliance",),
        ("agressiooni ükskõik millise liikmesriigi vastu käsitatakse agressioonina kogu alliansi vastu",),
        ("агрессия против любого государства-члена рассматривается как агрессия против всего альянса",),
    ),
    Fact(
        "The European Union membership merges Estonia with the European economic and legislative space",
        ("eu",),
        ("European Union membership merges Estonia with the European economic and legislative space",),
        ("Euroopa Liidu liikmesus liidab Eesti Euroopa majandus- ja õigusruumiga",),
        ("членство в Европейском союзе включает Эстонию в европейское экономическое и правовое пространство",),
    ),
    Fact(
        "economic and legislative space",
        ("eu", "eu_security_policy", "baltic_security"),
        ("European economic and legislative space",),
        ("Euroopa majandus- ja õigusruumi",),
        (r"европейск\w+ экономическ\w+ и правов\w+ пространств\w+",),
    ),
    Fact(
        "Common European Foreign and Security Policy",
        ("eu", "eu_security_policy", "baltic_security"),
        ("Common Foreign and Security Policy",),
        ("välis- ja julgeolekupoliitika",),
        (r"общ\w+ внешн\w+ политик\w+ и политик\w+ безопасности",),
    ),
    Fact(
        "European Security and Defence Policy",
        ("eu", "eu_security_policy", "baltic_security"),
        ("European Security and Defence Policy",),
        ("Euroopa julgeoleku- ja kaitsepoliitika",),
        (r"европейск\w+ политик\w+ безопасности и обороны",),
    ),
    Fact(
        "increased the safety in the Baltic Sea region and throughout Europe",
        ("eu", "eu_security_policy", "baltic_security"),
        ("increased security in the Baltic Sea region and throughout Europe",),
        ("suurendanud julgeolekut Läänemere piirkonnas ja kogu Euroopas",),
        ("повысило безопасность в регионе Балтийского моря и во всей Европе",),
    ),
    # Bi-lateral defence relations (the count, the regions, the countries and the spheres: see below)
    Fact(
        "Estonia has bilateral defence relations with approximately 35 countries in Europe, North America and Asia",
        ("bilateral_relations",),
        ("Estonia has bilateral defence relations with approximately 35 countries in Europe, North America and Asia",),
        ("Eestil on kahepoolsed kaitsesuhted ligikaudu 35 riigiga Euroopas, Põhja-Ameerikas ja Aasias",),
        (
            "Эстония поддерживает двусторонние оборонные отношения примерно с 35 странами в Европе, "
            "в Северной Америке и в Азии",
        ),
    ),
    Fact(
        "Estonian Defence Attachés have been appointed to",
        ("defence_attaches",),
        ("Estonian defence attachés have been appointed to",),
        ("Eesti kaitseatašeed on",),
        ("у Эстонии есть военные атташе",),
    ),
    Fact(
        "Spheres of co-operation with strategic partners include",
        ("cooperation_spheres",),
        ("Spheres of cooperation with strategic partners include",),
        ("Koostöö strateegiliste partneritega hõlmab",),
        ("сотрудничество со стратегическими партнёрами охватывает",),
    ),
    Fact(
        "implementation of defence reforms in developing countries",
        ("reform_assistance",),
        ("the implementation of defence reforms in developing countries",),
        ("arengumaade toetamine kaitsereformide elluviimisel",),
        ("поддержка проведения оборонных реформ в развивающихся странах",),
    ),
    Fact(
        "co-ordinating the assistance projects with the beneficiaries and other donor countries",
        ("reform_assistance", "bilateral_relations"),
        ("coordinating the assistance projects with the beneficiaries and with other donor countries",),
        ("abiprojekte kooskõlastatakse abisaajate ja teiste doonorriikidega",),
        ("Эстония координирует проекты помощи с получателями помощи и с другими странами-донорами",),
    ),
    Fact(
        "another important element of Estonia’s international defence co-operation",
        ("reform_assistance", "bilateral_relations"),
        ("important element of Estonia's international defence cooperation",),
        ("Oluline osa Eesti rahvusvahelisest kaitsekoostööst",),
        ("важный элемент международного оборонного сотрудничества Эстонии",),
    ),
    # Arms control
    Fact(
        "Estonia has joined a number of international conventions of arms control",
        ("arms_control",),
        ("Estonia has joined a number of international arms control conventions",),
        ("Eesti on ühinenud mitme rahvusvahelise relvastuskontrolli konventsiooniga",),
        ("Эстония присоединилась к ряду международных конвенций по контролю над вооружениями",),
    ),
    Fact(
        "performs also several arms control obligations",
        ("arms_control",),
        ("fulfils several arms control obligations",),
        ("täidab ka mitmeid relvastuskontrolli kohustusi",),
        ("также выполняет несколько обязательств в этой области",),
    ),
    Fact(
        "rights and responsibilities in the sphere of arms control include practical outputs",
        ("arms_control",),
        ("In practice, its rights and responsibilities in arms control include",),
        ("Praktikas hõlmavad Eesti õigused ja kohustused relvastuskontrolli valdkonnas",),
        ("на практике её права и обязанности в сфере контроля над вооружениями включают",),
    ),
    Fact(
        "organising visits to armed forces of other OSCE countries under the 2011 Vienna document",
        ("arms_control",),
        ("organising visits to the armed forces of other OSCE countries under the 2011 Vienna Document",),
        ("visiitide korraldamist teiste OSCE osalisriikide relvajõududesse Viini dokumendi 2011 alusel",),
        ("организацию визитов в вооружённые силы других стран ОБСЕ в соответствии с Венским документом 2011 года",),
    ),
    Fact(
        "visits to armed forces of other OSCE countries under the 2011 Vienna document",
        ("vienna_document",),
        (
            "Under the 2011 Vienna Document, Estonia organises visits to the armed forces of other countries of the "
            "Organization for Security and Co-operation in Europe (OSCE)",
        ),
        (
            "Viini dokumendi 2011 alusel korraldab Eesti visiite teiste Euroopa Julgeoleku- ja "
            "Koostööorganisatsiooni (OSCE) osalisriikide relvajõududesse",
        ),
        (
            r"в соответствии с Венским документом 2011 года Эстония организует визиты в вооружённые силы других стран "
            r"Организации по безопасности и сотрудничеству в Европе \(ОБСЕ\)",
        ),
    ),
    Fact(
        "receiving similar visits from other counties",
        ("arms_control",),
        ("receiving similar visits from other countries",),
        ("samalaadsete visiitide vastuvõtmist teistest riikidest",),
        ("приём аналогичных визитов из других стран",),
    ),
    Fact(
        "similar visits from other counties",
        ("vienna_document",),
        ("receives similar visits from other countries",),
        ("võtab vastu samalaadseid visiite teistest riikidest",),
        ("принимает аналогичные визиты из других стран",),
    ),
    Fact(
        "organizing and receiving surveillance flights in the framework Open Sky Convention",
        ("arms_control",),
        ("organising and receiving observation flights under the Open Skies Treaty",),
        ("vaatluslendude korraldamist ja vastuvõtmist avatud taeva lepingu raames",),
        ("организацию и приём наблюдательных полётов в рамках Договора по открытому небу",),
    ),
    Fact(
        "surveillance flights in the framework Open Sky Convention",
        ("open_skies",),
        (
            "In the framework of the Open Skies Treaty, Estonia organises observation flights and receives "
            "observation flights from other states",
        ),
        ("Avatud taeva lepingu raames korraldab Eesti vaatluslende ja võtab vastu teiste riikide vaatluslende",),
        (
            "в рамках Договора по открытому небу Эстония организует наблюдательные полёты и принимает "
            "наблюдательные полёты других государств",
        ),
    ),
    # Participation in International Operations
    Fact(
        "Contributing to the solving of international crises serves Estonia’s interests",
        ("operations", "operations_why"),
        ("contributing to resolving international crises serves Estonia's interests",),
        ("rahvusvaheliste kriiside lahendamisele kaasaaitamine on Eesti huvides",),
        ("содействие разрешению международных кризисов отвечает интересам Эстонии",),
    ),
    Fact(
        "By participating in international military operations, Estonia will contribute both immediately and in "
        "general to the security of Europe and the world as whole",
        ("operations", "operations_why"),
        (
            "By taking part in international military operations, Estonia contributes both immediately and in "
            "general to the security of Europe and of the world as a whole",
        ),
        (
            "Rahvusvahelistes sõjalistes operatsioonides osaledes panustab Eesti nii vahetult kui ka üldisemalt "
            "Euroopa ja kogu maailma julgeolekusse",
        ),
        (
            "участвуя в международных военных операциях, Эстония как непосредственно, так и в более общем плане "
            "вносит вклад в безопасность Европы и всего мира",
        ),
    ),
    Fact(
        "This is the reason why Estonia is actively taking part in international military operations",
        ("operations_why",),
        ("That is why Estonia actively takes part in them",),
        ("Seepärast osaleb Eesti neis aktiivselt",),
        ("поэтому Эстония активно в них участвует",),
    ),
    Fact(
        "Estonia is actively taking part in international military operations",
        ("operations",),
        ("Estonia actively takes part in international military operations",),
        ("Eesti osaleb aktiivselt rahvusvahelistes sõjalistes operatsioonides",),
        ("Эстония активно участвует в международных военных операциях",),
    ),
]

# Every number on the page, and where the knowledge file must hold it.
PAGE_NUMBERS = {
    "35": "the approximate count of partner countries (bilateral_relations.approximate_count)",
    "2011": "the year of the Vienna Document (arms_control, vienna_document)",
    "31": "the day the page was last updated (source.last_updated)",
    "2014": "the year the page was last updated (source.last_updated)",
}
# The Estonian for the page's "co-operation" words: the knowledge file writes "cooperation".
SPELLING = {"co-ordination": "coordination", "co-operation": "cooperation"}
# Nine, as the overview says it: "with defence attachés in nine of them" / "üheksas riigis".
NINE = {"en": "in nine of them", "et": "üheksas riigis", "ru": "в девяти из них"}
# "and" between the last two items of a list (phrases.yml list_and).
AND = {"en": " and ", "et": " ja ", "ru": " и "}
SPHERES_ET = [
    "kaitsepoliitiliste seisukohtade aktiivne koordineerimine",
    "operatsioonid",
    "väljaõpe",
    "sõjaline haridus",
    "hanked",
]
SPHERES_RU = [
    "активная координация позиций в оборонной политике",
    "операции",
    "подготовка",
    "военное образование",
    "закупки",
]


# The sentences whose lists the structured tests below check item by item.
PARTNERS = re.compile(r"bilateral defence relations with approximately (\d+) countries in ([^.]+)\.")
ATTACHES = re.compile(r"Defence Attachés have been appointed to ([^.]+)\.")
SPHERES = re.compile(r"include (active co-ordination of [^.]+?) and co-operation in the fields such as ([^.]+)\.")


def page_sections(page: str) -> Tuple[str, Dict[str, List[str]], str]:
    """(title, {heading: [paragraph, ...]}, last-updated line) of the page: its first line is the
    title, its last the date, and a heading is a paragraph of one line without a full stop."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", page) if p.strip()]
    title, *body, updated = paragraphs
    sections: Dict[str, List[str]] = {}
    heading = None
    for paragraph in body:
        if "\n" not in paragraph and not paragraph.endswith("."):
            heading = paragraph
            sections[heading] = []
        else:
            assert heading, f"text before the first heading: {paragraph!r}"
            sections[heading].append(" ".join(paragraph.split()))
    return title, sections, updated


def page_sentences(page: str) -> List[Tuple[str, str]]:
    """(heading, sentence) for every sentence of the page's sections."""
    _, sections, _ = page_sections(page)
    return [
        (heading, sentence)
        for heading, paragraphs in sections.items()
        for paragraph in paragraphs
        for sentence in re.split(r"(?<=\.)\s+", paragraph)
    ]


def listed(text: str) -> List[str]:
    """The items of "a, b, c and d"."""
    *rest, last = text.split(", ")
    return rest + last.split(" and ") if rest else text.split(" and ")


def topic_texts(topic_id: str, language: str) -> str:
    """What the assistant says on a topic: its answer and its `more`, placeholders filled."""
    facts = get_facts()
    topic = facts.knowledge.topic(topic_id)
    texts = [topic.answer[language]] + ([topic.more[language]] if topic.more else [])
    return " ".join(" ".join(text.format(**facts.values(language)).split()) for text in texts)


def test_the_seed_page_is_found_from_the_checkout_not_the_working_folder(page):
    assert ROOT.parent / "shared" / "seed" / "international-cooperation.txt" == SEED
    assert (ROOT / "knowledge.yml").is_file() and SEED.is_absolute()


def test_the_pages_title_and_date_are_the_sources(knowledge, page):
    title, _, updated = page_sections(page)
    assert knowledge.source.title["en"] == title == "International Cooperation"
    day = re.fullmatch(r"Last updated: (\d{1,2} \w+ \d{4})", updated)
    assert day, updated
    assert knowledge.source.last_updated == datetime.datetime.strptime(day.group(1), "%d %B %Y").date()
    assert knowledge.source.date_text["en"] == knowledge.source.date_as_of["en"] == day.group(1) == "31 May 2014"
    assert (knowledge.source.date_text["et"], knowledge.source.date_as_of["et"]) == ("31. mail 2014", "31. mai 2014")
    assert knowledge.source.date_text["ru"] == knowledge.source.date_as_of["ru"] == "31 мая 2014 года"


def test_the_pages_sections_are_the_topics_sections(knowledge, page):
    title, sections, _ = page_sections(page)
    assert list(sections) == [
        "Co-operation with NATO and the European Union",
        "Bi-lateral defence relations",
        "Arms control",
        "Participation in International Operations",
    ]
    # Every section has topics, and every topic comes from a section (or the whole page: the overview, the source).
    assert {t.section for t in knowledge.topics} == set(sections) | {title}
    assert {t.id for t in knowledge.topics if t.section == title} == {"overview", "source"}


def test_every_number_on_the_page_is_checked(page):
    assert set(re.findall(r"\d+", page)) == set(PAGE_NUMBERS)


def test_the_number_of_partner_countries_and_their_regions(knowledge, page):
    found = PARTNERS.search(page)
    assert found, "the page's sentence on bilateral defence relations"
    count, regions = int(found.group(1)), listed(found.group(2))
    assert (count, regions) == (35, ["Europe", "North America", "Asia"])
    assert knowledge.bilateral_count == count
    assert [r["en"] for r in knowledge.bilateral_regions] == regions
    assert [r["et"] for r in knowledge.bilateral_regions] == ["Euroopas", "Põhja-Ameerikas", "Aasias"]
    assert [r["ru"] for r in knowledge.bilateral_regions] == ["в Европе", "в Северной Америке", "в Азии"]
    for language, says in [
        ("en", "approximately 35 countries"),
        ("et", "ligikaudu 35 riigiga"),
        ("ru", "примерно с 35 странами"),
    ]:
        for topic_id in ("overview", "bilateral_relations", "defence_attaches"):
            assert says in topic_texts(topic_id, language), (topic_id, language)


def test_the_nine_attache_countries_in_the_pages_order(knowledge, page):
    found = ATTACHES.search(page)
    assert found, "the page's sentence on defence attachés"
    countries = listed(found.group(1))
    assert len(countries) == 9
    assert [c.name["en"] for c in knowledge.attache_countries] == countries
    assert [c.names["et"].in_form for c in knowledge.attache_countries] == ATTACHE_IN["et"]
    assert [c.names["ru"].in_form for c in knowledge.attache_countries] == ATTACHE_IN["ru"]
    for language, names in [("en", countries), ("et", ATTACHE_IN["et"]), ("ru", ATTACHE_IN["ru"])]:
        joined = ", ".join(names[:-1]) + AND[language] + names[-1]
        for topic_id in ("defence_attaches", "bilateral_relations"):
            assert joined in topic_texts(topic_id, language), (topic_id, language)
        assert NINE[language] in topic_texts("overview", language)


def test_the_spheres_of_cooperation_in_the_pages_order(knowledge, page):
    found = SPHERES.search(" ".join(page.split()))
    assert found, "the page's sentence on the spheres of cooperation"
    spheres = [found.group(1)] + listed(found.group(2))
    for word, spelling in SPELLING.items():
        spheres = [s.replace(word, spelling) for s in spheres]
    assert [s.name["en"] for s in knowledge.spheres] == spheres
    assert [s.name["et"] for s in knowledge.spheres] == SPHERES_ET
    assert [s.name["ru"] for s in knowledge.spheres] == SPHERES_RU
    for language, names in [("en", spheres), ("et", SPHERES_ET), ("ru", SPHERES_RU)]:
        joined = ", ".join(names[:-1]) + AND[language] + names[-1]
        for topic_id in ("cooperation_spheres", "bilateral_relations"):
            assert joined in topic_texts(topic_id, language), (topic_id, language)


@pytest.mark.parametrize("fact", PAGE_FACTS, ids=[f.page[:60] for f in PAGE_FACTS])
def test_each_fact_of_the_page_is_stated_in_every_language(page, fact):
    assert fact.page in " ".join(page.split()), f"not on the page: {fact.page!r}"
    for topic_id in fact.topics:
        for language, phrases in (("en", fact.en), ("et", fact.et)):
            said = topic_texts(topic_id, language).casefold()
            for phrase in phrases:
                assert phrase.casefold() in said, (topic_id, language, phrase)
        said = topic_texts(topic_id, "ru").casefold()
        for pattern in fact.ru:
            assert re.search(pattern.casefold(), said), (topic_id, "ru", pattern)


def test_each_fact_is_stated_in_a_topic_of_its_section(knowledge, page):
    section_of = {}
    for heading, sentence in page_sentences(page):
        for fact in PAGE_FACTS:
            if fact.page in sentence:
                section_of.setdefault(fact.page, heading)
    for fact in PAGE_FACTS:
        assert {knowledge.topic(t).section for t in fact.topics} == {section_of[fact.page]}, fact.page


def test_every_sentence_of_the_page_is_checked(page):
    unchecked = [s for _, s in page_sentences(page) if not any(f.page in s for f in PAGE_FACTS)]
    assert not unchecked, f"sentences of the page no fact checks: {unchecked}"


def test_every_name_on_the_page_is_checked(page):
    """Each capitalised word inside a sentence (a name: NATO, OSCE, Vienna, Asia...) is in a checked fact."""
    one = " ".join(page.split())
    lists = [m.group(0) for m in (PARTNERS.search(one), ATTACHES.search(one), SPHERES.search(one)) if m]
    assert len(lists) == 3
    checked = " ".join([f.page for f in PAGE_FACTS] + lists)
    for _, sentence in page_sentences(page):
        for name in re.findall(r"(?<=\s)[A-Z][\w’-]*", sentence):
            assert re.search(rf"\b{re.escape(name)}\b", checked), f"name {name!r} in {sentence!r} is not checked"


# --- Breakage: each kind gives a message naming the file, the entry and the problem ---


@functools.lru_cache(maxsize=1)
def knowledge_data():
    """knowledge.yml as YAML data, read once (LibYAML's parser when installed: it is ten times faster)."""
    return yaml.load(KNOWLEDGE_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def broken(tmp_path, edit):
    data = copy.deepcopy(knowledge_data())
    edit(data)
    path = tmp_path / "knowledge.yml"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
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
    "missing Russian answer": (
        lambda d: topic(d, "nato")["answer"].pop("ru"),
        r"topics\[\d+\] \(id 'nato'\)\.answer: the Russian text \(ru\) is missing",
    ),
    "empty Russian text": (
        lambda d: topic(d, "eu")["title"].update(ru=" "),
        r"\(id 'eu'\)\.title\.ru: must be a non-empty text",
    ),
    "Russian unstated missing": (
        lambda d: topic(d, "nato")["unstated"]["dates"].pop("ru"),
        r"\(id 'nato'\)\.unstated\.dates: the Russian text \(ru\) is missing",
    ),
    "Russian country names missing": (
        lambda d: d["countries"][0]["names"].pop("ru"),
        r"countries\[0\] \(id 'finland'\)\.names: missing key\(s\): ru",
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
        lambda d: d["countries"][1]["names"]["et"]["forms"].append("Soomes"),
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
