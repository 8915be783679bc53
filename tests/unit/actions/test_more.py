"""action_tell_more (actions/more.py): "tell me more" gives the next level of detail of the
topic answered last, once, or says there is no more and offers related topics.
"""

import pytest

from actions.help import topic_buttons
from actions.more import ActionTellMore
from actions.topics import ActionAnswerTopic
from tests.unit.actions.support import FACTS, KNOWLEDGE, LANGS, RATINGS, SOURCE_NOTE, reply, user


@pytest.mark.parametrize(
    "language, entry, facts",
    [
        ("en", "operations", ["security of Europe and of the world"]),
        ("et", "operations", ["Euroopa ja kogu maailma julgeolekusse"]),
        ("en", "bilateral_relations", ["Finland", "the United States of America", "procurement", "donor countries"]),
        ("et", "bilateral_relations", ["Soomes", "Ameerika Ühendriikides", "hanked", "doonorriikidega"]),
        ("en", "defence_attaches", ["approximately 35 countries", "North America"]),
        ("et", "defence_attaches", ["ligikaudu 35 riigiga", "Põhja-Ameerikas"]),
        ("ru", "operations", ["в безопасность Европы и всего мира"]),
        ("ru", "bilateral_relations", ["в Финляндии", "в США", "закупки", "странами-донорами"]),
        ("ru", "defence_attaches", ["примерно с 35 странами", "в Северной Америке"]),
    ],
)
def test_tell_me_more_gives_the_next_level_of_detail(language, entry, facts, make_tracker):
    texts, buttons, slots = reply(
        ActionTellMore(), make_tracker(language, "tell_me_more", "tell me more", slots={"knowledge_entry": entry})
    )
    for fact in facts:
        assert fact in texts[0]
    assert SOURCE_NOTE[language] in texts[0]
    assert (
        texts[0]
        != ActionAnswerTopic().answer(FACTS, make_tracker(language, KNOWLEDGE.topic(entry).intents[0]), language)[0]
    )
    assert [b["payload"] for b in buttons] == [
        f"/{KNOWLEDGE.topic(t).intents[0]}" for t in KNOWLEDGE.topic(entry).related
    ] + RATINGS
    assert slots == {"knowledge_entry": entry}


@pytest.mark.parametrize(
    "language, expected",
    [
        ("en", "That is all my source says about “NATO and collective defence”"),
        ("et", "Minu allikas ei ütle teema „NATO ja kollektiivkaitse“ kohta rohkem"),
        ("ru", "Больше ничего на тему «НАТО и коллективная оборона» в моём источнике нет"),
    ],
)
def test_tell_me_more_without_more_detail_says_so_and_offers_related_topics(language, expected, make_tracker):
    titles = [KNOWLEDGE.topic(t).question[language] for t in ("eu", "baltic_security")]
    texts, buttons, slots = reply(
        ActionTellMore(), make_tracker(language, "tell_me_more", "...", slots={"knowledge_entry": "nato"})
    )
    assert texts[0].startswith(expected)
    assert "Source:" not in texts[0] and "Allikas:" not in texts[0] and "Источник:" not in texts[0]
    assert [b["title"] for b in buttons] == titles
    assert slots == {"knowledge_entry": "nato"}


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("en", "more", "That is all my source says about “International military operations”"),
        ("ru", "а еще?", "Больше ничего на тему «Международные военные операции» в моём источнике нет"),
    ],
)
def test_tell_me_more_twice_does_not_repeat_the_detail(language, text, expected, make_tracker):
    events = [
        {"event": "action", "name": "action_tell_more"},
        {"event": "action", "name": "action_listen"},
        user("tell_me_more"),
    ]
    texts, buttons, _ = reply(
        ActionTellMore(),
        make_tracker(language, "tell_me_more", text, events=events, slots={"knowledge_entry": "operations"}),
    )
    assert texts[0].startswith(expected)
    assert [b["payload"] for b in buttons] == ["/ask_operations_why"]


@pytest.mark.parametrize("language", LANGS)
def test_tell_me_more_before_any_answer_asks_which_topic(language, make_tracker):
    texts, buttons, slots = reply(ActionTellMore(), make_tracker(language, "tell_me_more", "..."))
    assert texts == [FACTS.phrases.text("more_without_topic", language)]
    assert buttons == topic_buttons(FACTS, language) and slots == {"knowledge_entry": None}
