"""action_greet (actions/greet.py): a short greeting with the topics as buttons."""

import pytest

from actions.greet import ActionGreet
from actions.help import topic_buttons
from tests.unit.actions.support import FACTS, KNOWLEDGE, assert_language, reply


@pytest.mark.parametrize("language, opening", [("en", "Hello!"), ("et", "Tere!"), ("ru", "Здравствуйте!")])
def test_greeting_is_short_and_offers_the_topics_as_buttons(language, opening, make_tracker):
    texts, buttons, slots = reply(ActionGreet(), make_tracker(language, "greet", "hi"))
    assert len(texts) == 1 and texts[0].startswith(opening) and len(texts[0]) < 200
    assert_language(texts[0], language)
    assert buttons == topic_buttons(FACTS, language)
    titles = [b["title"] for b in buttons]
    assert KNOWLEDGE.topic("defence_attaches").question[language] in titles
    assert KNOWLEDGE.topic("arms_control").question[language] in titles
    assert all(title.endswith("?") for title in titles), titles
    assert slots == {"knowledge_entry": None}
