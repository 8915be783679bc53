"""End to end in Russian: the real servers asked over REST and socket.io, as a Russian-speaking user types.

Each answer must hold the facts of the source page (knowledge.yml's Russian texts are
translations of it) and be in Russian; a yes/no answer starts with «Да»/«Нет»
(tests/e2e/answers.py). Rows of one conversation share a sender.
"""

import uuid

import pytest

from tests.e2e.answers import NO, YES
from tests.e2e.test_questions import check_answer
from tests.servers import Assistant

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with Assistant(tmp_path_factory.mktemp("russian")).running() as server:
        yield server


ALL_ATTACHES_RU = [
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
TRANSLATION = "перевод"  # the source note says the Russian answer is a translation of the page

RUSSIAN = [
    ("Здравствуйте", ["Здравствуйте"]),
    ("привет", ["Здравствуйте"]),
    ("помощь", ["Военные атташе"]),
    ("Вы бот или живой человек?", ["бот"]),
    ("Спасибо!", ["Пожалуйста"]),
    ("До свидания", ["До свидания"]),
    ("Расскажите о международном оборонном сотрудничестве Эстонии", ["НАТО", "35", TRANSLATION]),
    ("Что означает для Эстонии коллективная оборона НАТО?", ["коллективной обороны", TRANSLATION]),
    ("эстония член нато?", ["НАТО", "коллективной обороны"]),
    ("Что даёт Эстонии членство в Европейском союзе?", ["ОВПБ", "ЕПБО"]),
    ("Как Эстония участвует в ОВПБ и ЕПБО?", ["ОВПБ", "ЕПБО"]),
    ("Как членство в ЕС повлияло на безопасность в регионе Балтийского моря?", ["Балтийского моря"]),
    ("Со сколькими странами у Эстонии двусторонние оборонные отношения?", ["35", "двусторонние оборонные отношения"]),
    ("в каких регионах находятся оборонные партнеры эстонии", ["в Европе", "в Северной Америке", "в Азии"]),
    ("Есть ли у Эстонии оборонные отношения с Канадой?", ["35", "с Канадой"]),
    ("Где у Эстонии есть военные атташе?", ALL_ATTACHES_RU),
    ("Сколько у Эстонии военных атташе?", ["девяти странах"] + ALL_ATTACHES_RU),
    ("Есть ли у Эстонии военный атташе в Финляндии?", [YES["ru"], "в Финляндии"]),
    ("есть ли атташе эстонии в германии", [YES["ru"], "в Германии"]),
    ("Эстонский военный атташе в США есть?", [YES["ru"], "в США"]),
    ("Направила ли Эстония военного атташе в Великобританию?", [YES["ru"], "в Великобритании"]),
    ("Есть ли у Эстонии военный атташе по Грузии?", [YES["ru"], "в Грузии"]),
    ("Польша — там есть военный атташе Эстонии?", [YES["ru"], "в Польше"]),
    ("военный атташе эстонии во франции есть?", [YES["ru"], "во Франции"]),
    ("Есть ли у Эстонии военный атташе в Италии?", [NO["ru"], "в Италии"] + ALL_ATTACHES_RU),
    ("Латвия — там есть военный атташе Эстонии?", [NO["ru"], "в Латвии"]),
    ("Есть ли военные атташе Эстонии в Швеции и в Латвии?", [YES["ru"], "в Швеции", NO["ru"], "в Латвии"]),
    ("Кто военный атташе Эстонии в Финляндии?", ["имена", "в Финляндии"]),
    ("В чём Эстония сотрудничает со стратегическими партнёрами?", ["подготовка", "военное образование", "закупки"]),
    ("Входит ли киберзащита в сотрудничество со стратегическими партнёрами?", ["киберзащит", "закупки"]),
    ("Как Эстония поддерживает оборонные реформы в развивающихся странах?", ["оборонных реформ", "донорами"]),
    ("Что Эстония делает в области контроля над вооружениями?", ["Венским документом 2011 года", "открытому небу"]),
    ("Что такое Венский документ?", ["2011", "ОБСЕ"]),
    ("Участвует ли Эстония в наблюдательных полётах по Договору по открытому небу?", ["наблюдательные полёты"]),
    ("Участвует ли Эстония в международных военных операциях?", ["международных военных операциях", "кризисов"]),
    ("Почему Эстония участвует в международных военных операциях?", ["кризисов", "интересам Эстонии"]),
    (
        "Откуда у вас эти сведения и насколько они актуальны?",
        ["Международное сотрудничество", "31 мая 2014", "перевод"],
    ),
    ("Какой у Эстонии оборонный бюджет?", ["нет этих сведений"]),
    ("Где сейчас размещены эстонские подразделения?", ["размещении подразделений"]),
]


@pytest.mark.parametrize("question, expected", RUSSIAN, ids=[q for q, _ in RUSSIAN])
def test_russian_questions(assistant, detector, question, expected):
    check_answer(assistant, detector, question, expected, "ru")


def test_the_budget_question_gets_no_figure(assistant, detector):
    """The page gives no budget: the answer says so and states no number."""
    text = check_answer(assistant, detector, "Какой у Эстонии оборонный бюджет?", [], "ru")
    assert not any(ch.isdigit() for ch in text.replace("31 мая 2014", "")), text


def test_a_follow_up_in_russian_answers_for_the_new_country(assistant, detector):
    sender = f"e2e-{uuid.uuid4().hex}"
    first = "\n".join(assistant.say(sender, "Есть ли у Эстонии военный атташе в Финляндии?"))
    assert first.startswith(YES["ru"]), first
    second = "\n".join(assistant.say(sender, "А в Норвегии?"))
    assert second.startswith(NO["ru"]) and "в Норвегии" in second, second
    assert detector.detect(second) == "ru", second


def test_tell_me_more_and_its_source_in_russian(assistant, detector):
    sender = f"e2e-{uuid.uuid4().hex}"
    assistant.say(sender, "Участвует ли Эстония в международных военных операциях?")
    more = "\n".join(assistant.say(sender, "Расскажите подробнее"))
    assert "безопасность Европы" in more, more
    source = "\n".join(assistant.say(sender, "Откуда эта информация?"))
    assert "Международные военные операции" in source and "31 мая 2014" in source, source
    assert detector.detect(source) == "ru", source


def test_a_neutral_message_keeps_russian(assistant, detector):
    sender = f"e2e-{uuid.uuid4().hex}"
    assistant.say(sender, "Есть ли у Эстонии военный атташе в Швеции?")
    for neutral in ("NATO?", "OSCE?", "ok"):
        reply = "\n".join(assistant.say(sender, neutral))
        assert detector.detect(reply) == "ru", (neutral, reply)


def test_the_telegram_style_hint_ru_picks_russian(assistant, detector):
    replies = assistant.say(f"e2e-{uuid.uuid4().hex}", "NATO?", metadata={"language": "ru"})
    text = "\n".join(replies)
    assert detector.detect(text) == "ru", text
