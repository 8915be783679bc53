"""Unit tests of the details the page does not give (knowledge.yml `details`, topics' `unstated`).

A question asking for such a detail ("What is the name of the attaché in
Finland?") must be told exactly what the page does not say; an answerable
question on the same topic ("Is there an attaché in Finland?") must not be.
"""

import pytest

from actions.live import get_facts
from tests.unit.actions.support import LANGS, POINTER

FACTS = get_facts()


def gaps(topic_id, text, language, names_country=False):
    return FACTS.unstated(FACTS.knowledge.topic(topic_id), text, language, names_country)


def unstated_text(topic_id, detail_id, language):
    return FACTS.knowledge.topic(topic_id).unstated[detail_id][language].format(**FACTS.values(language))


@pytest.mark.parametrize(
    "language, topic, detail, text, names_country",
    [
        ("en", "defence_attaches", "names", "What is the name of the Estonian defence attaché in Finland?", True),
        ("et", "defence_attaches", "names", "Mis on Eesti Soome kaitseatašee nimi?", True),
        ("et", "defence_attaches", "names", "mis on kaitseatašeede nimed", False),
        ("en", "cooperation_spheres", "countries", "Who exactly are Estonia's strategic partners?", False),
        ("et", "cooperation_spheres", "countries", "millised riigid on Eesti strateegilised partnerid", False),
        (
            "en",
            "operations",
            "operations",
            "Which operations is Estonia taking part in right now? Afghanistan? Mali?",
            True,
        ),
        ("en", "nato", "membership", "Is Ukraine a member of NATO?", True),
        ("et", "nato", "membership", "Kas Ukraina on NATO liige?", True),
        ("en", "nato", "dates", "When did Estonia join NATO?", False),
        ("et", "eu", "dates", "Millal Eesti Euroopa Liiduga ühines?", False),
        ("en", "open_skies", "numbers", "how many observation flights has estonia made", False),
        ("et", "vienna_document", "numbers", "mitu visiiti Eesti Viini dokumendi alusel korraldas", False),
        ("ru", "defence_attaches", "names", "Как зовут военного атташе Эстонии в Финляндии?", True),
        ("ru", "defence_attaches", "names", "какие имена у эстонских атташе", False),
        ("ru", "defence_attaches", "numbers", "сколько у эстонии военных атташе", False),
        ("ru", "cooperation_spheres", "countries", "Кто именно стратегические партнёры Эстонии?", False),
        ("ru", "cooperation_spheres", "countries", "какие страны являются стратегическими партнерами эстонии", False),
        ("ru", "operations", "operations", "В каких операциях сейчас участвует Эстония? В Афганистане? В Мали?", True),
        ("ru", "nato", "membership", "Является ли Украина членом НАТО?", True),
        ("ru", "nato", "membership", "входит ли украина в нато", True),
        ("ru", "nato", "dates", "Когда Эстония вступила в НАТО?", False),
        ("ru", "eu", "dates", "с какого года эстония в ес", False),
        ("ru", "open_skies", "numbers", "сколько наблюдательных полетов совершила эстония", False),
        ("ru", "vienna_document", "numbers", "сколько визитов эстония организовала по венскому документу", False),
        ("ru", "arms_control", "treaties", "к каким конвенциям присоединилась эстония", False),
    ],
)
def test_a_question_for_an_unstated_detail_is_told_so(language, topic, detail, text, names_country):
    assert unstated_text(topic, detail, language) in gaps(topic, text, language, names_country)


@pytest.mark.parametrize(
    "language, topic, text",
    [
        ("en", "defence_attaches", "Is there an Estonian defence attaché in Finland?"),
        ("en", "defence_attaches", "In which countries does Estonia have defence attachés?"),
        ("et", "defence_attaches", "Millistes riikides on Eesti kaitseatašeed?"),
        ("en", "nato", "Is Estonia a member of NATO?"),
        ("et", "nato", "Kas Eesti on NATO liige?"),
        ("en", "bilateral_relations", "With how many countries does Estonia have bilateral defence relations?"),
        ("et", "bilateral_relations", "mitme riigiga on eestil kahepoolsed kaitsesuhted"),
        ("en", "cooperation_spheres", "What does Estonia cooperate on with its strategic partners?"),
        ("en", "operations", "Does Estonia take part in international military operations?"),
        ("ru", "defence_attaches", "Есть ли у Эстонии военный атташе в Финляндии?"),
        ("ru", "defence_attaches", "В каких странах у Эстонии есть военные атташе?"),
        ("ru", "nato", "Является ли Эстония членом НАТО?"),
        ("ru", "bilateral_relations", "со сколькими странами у эстонии двусторонние оборонные отношения"),
        ("ru", "cooperation_spheres", "В каких сферах Эстония сотрудничает со стратегическими партнёрами?"),
        ("ru", "operations", "Участвует ли Эстония в международных военных операциях?"),
    ],
)
def test_an_answerable_question_is_not_told_the_page_lacks_something(language, topic, text):
    assert gaps(topic, text, language) == []


def test_membership_counts_only_when_another_country_is_named():
    text = "Is Ukraine a member of NATO?"
    assert gaps("nato", text, "en", names_country=True)
    assert not gaps("nato", "Is Estonia a member of NATO?", "en", names_country=False)


@pytest.mark.parametrize(
    "language, text, gap",
    [
        ("en", "Is Ukraine a member of NATO?", True),
        ("et", "Kas Ukraina on NATO liige?", True),
        ("en", "Is Estonia a member of NATO?", False),
        ("et", "Kas Eesti on NATO liige?", False),
        ("ru", "Является ли Украина членом НАТО?", True),
        ("ru", "входит ли украина в нато", True),
        ("ru", "Является ли Эстония членом НАТО?", False),
        ("ru", "эстония член нато?", False),
    ],
)
def test_the_nato_answer_says_the_page_lacks_other_countries_membership(language, text, gap, ask):
    """Through the action: the country is found in the text itself, without an NLU entity."""
    from actions.topics import ActionAnswerTopic

    [reply] = ask(ActionAnswerTopic, language, "ask_nato", text)
    sentence = unstated_text("nato", "membership", language)
    assert reply.startswith(sentence) == gap, reply
    assert FACTS.knowledge.topic("nato").answer[language].split(":")[0] in reply


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "What is the name of the Estonian defence attaché in Italy?"),
        ("et", "Mis on Eesti kaitseatašee nimi Itaalias?"),
        ("ru", "Как зовут военного атташе Эстонии в Италии?"),
    ],
)
def test_no_name_is_missing_where_there_is_no_attache(language, text, ask):
    from actions.attaches import ActionAnswerAttache

    [reply] = ask(ActionAnswerAttache, language, "ask_attache_country", text)
    assert unstated_text("defence_attaches", "names", language) not in reply
    assert reply.startswith(
        FACTS.phrases.say("attache_no", language, **FACTS.country_words(FACTS.knowledge.countries["italy"], language))
    )


# ------------------------------------------- the ministry's public channel


def test_pointer_wording_is_the_knowledge_files_channel():
    for language in LANGS:
        assert FACTS.official_channel(language) == POINTER[language]
