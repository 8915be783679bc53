"""The knowledge file's details the page does not give (`details`, topics' `unstated`)
and topic questions: each kind of breakage is refused with a message naming the
file, the entry and the problem, like the rest of the file (tests/test_knowledge.py)."""

import re

import pytest

from actions.knowledge import KnowledgeError, load_knowledge
from tests.test_knowledge import broken, topic


def detail(data, detail_id):
    return next(d for d in data["details"] if d["id"] == detail_id)


BREAKAGES = {
    "unstated detail unknown": (lambda d: topic(d, "nato")["unstated"].update(budget={"en": "x", "et": "y"}),
                                r"\(id 'nato'\)\.unstated\.budget: 'budget' is not the id of an entry in details"),
    "unstated in one language": (lambda d: topic(d, "nato")["unstated"]["dates"].pop("et"),
                                 r"\(id 'nato'\)\.unstated\.dates: the Estonian text \(et\) is missing"),
    "unstated unknown placeholder": (lambda d: topic(d, "nato")["unstated"]["dates"].update(en="{year}"),
                                     r"\(id 'nato'\)\.unstated\.dates\.en: unknown placeholder\(s\) \['year'\]"),
    "detail without cues": (lambda d: detail(d, "names")["cues"].update(et=[]),
                            r"details\[\d+\] \(id 'names'\)\.cues\.et: must list at least one word or phrase"),
    "detail cues in one language": (lambda d: detail(d, "names")["cues"].pop("en"),
                                    r"details\[\d+\] \(id 'names'\)\.cues: missing key\(s\): en"),
    "duplicate detail": (lambda d: d["details"].append(dict(detail(d, "names"))),
                         r"details\[\d+\]: duplicate id 'names'"),
    "needs_country not a boolean": (lambda d: detail(d, "membership").update(needs_country="yes"),
                                    r"\(id 'membership'\)\.needs_country: must be true or false"),
    "question in one language": (lambda d: topic(d, "nato")["question"].pop("en"),
                                 r"\(id 'nato'\)\.question: the English text \(en\) is missing"),
    "missing date_as_of": (lambda d: d["source"].pop("date_as_of"), r"source: missing key\(s\): date_as_of"),
}


@pytest.mark.parametrize("kind", sorted(BREAKAGES))
def test_broken_details_are_refused_with_a_precise_message(tmp_path, kind):
    edit, expected = BREAKAGES[kind]
    path = broken(tmp_path, edit)
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(path)
    message = str(error.value)
    assert message.startswith(str(path))
    assert re.search(expected, message), message


def test_every_topic_has_a_question_for_its_button_in_every_language():
    for topic_ in load_knowledge().topics:
        assert topic_.question, topic_.id
        for language, text in topic_.question.items():
            assert text.rstrip().endswith("?"), (topic_.id, language, text)
