"""End to end: the real action server and Rasa server, asked over REST and socket.io.

Each question must be answered with the right facts, in the language it was
asked in. The expected facts are those of the source page (see knowledge.yml).
"""

import queue
import uuid

import pytest
import socketio

from languages import LANGUAGES
from tests.e2e.answers import VERDICTS, verdict_problem
from tests.servers import Assistant

pytestmark = pytest.mark.e2e

ALL_ATTACHES_EN = [
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
ALL_ATTACHES_ET = [
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

ENGLISH = [
    ("Where does Estonia have defence attachés?", ALL_ATTACHES_EN),
    ("which countries have an estonian defense attache", ALL_ATTACHES_EN),
    ("Is there an Estonian defence attaché in Finland?", ["Yes", "in Finland"]),
    ("does estonia have an attache in germany", ["Yes", "in Germany"]),
    ("any defence attache in the UK?", ["Yes", "the United Kingdom"]),
    ("is there an estonian attaché in the usa", ["Yes", "the United States of America"]),
    ("do you have a defence attache in georgia", ["Yes", "Georgia"]),
    ("Is there an Estonian defence attaché in Italy?", ["No", "Italy"] + ALL_ATTACHES_EN),
    ("attache in norway?", ["No", "Norway"]),
    ("Does Estonia have defence attachés in Sweden and Latvia?", ["Yes", "in Sweden", "No", "Latvia"]),
    ("How many defence attachés does Estonia have?", ["nine countries"] + ALL_ATTACHES_EN),
    ("With how many countries does Estonia have bilateral defence relations?", ["approximately 35"]),
    ("in which regions are estonia's bilateral defence partners", ["Europe", "North America", "Asia"]),
    ("does estonia have defence relations with canada", ["35", "Canada", "cannot confirm"]),
    (
        "What does Estonia cooperate on with its strategic partners?",
        ["coordination of defence policy positions", "operations", "training", "military education", "procurement"],
    ),
    ("is procurement one of the fields of cooperation with strategic partners", ["Yes", "procurement"]),
    ("is cyber defence part of the cooperation with strategic partners", ["does not list", "procurement"]),
    (
        "Does Estonia help developing countries with defence reforms?",
        ["defence reforms", "developing countries", "beneficiaries", "donor countries"],
    ),
    ("who are the defence reform assistance projects coordinated with", ["beneficiaries", "donor countries"]),
    ("Is Estonia a member of NATO?", ["NATO member", "collective defence"]),
    ("what does collective defence mean for estonia", ["aggression against any one member state"]),
    ("What does EU membership give Estonia?", ["economic and legislative space"]),
    ("tell me about the common foreign and security policy", ["Common Foreign and Security Policy"]),
    ("how has estonia's eu membership affected security in the baltic sea region", ["Baltic Sea region"]),
    ("What does Estonia do in arms control?", ["arms control", "Vienna Document", "Open Skies"]),
    ("what is the vienna document 2011 about", ["2011 Vienna Document", "OSCE", "visits"]),
    ("does estonia take part in open skies flights", ["Open Skies", "observation flights"]),
    ("Does Estonia take part in international military operations?", ["international military operations"]),
    ("why does estonia participate in international operations", ["international crises", "interests"]),
    ("Where does this information come from?", ["International Cooperation", "31 May 2014"]),
    ("how up to date is your information", ["31 May 2014"]),
    ("give me an overview of estonia's international defence cooperation", ["NATO", "35", "arms control"]),
    ("hello", ["Hello"]),
    ("what can you tell me about", ["You can ask about", "Defence attachés"]),
    ("are you a real person", ["bot"]),
    ("thanks!", ["welcome"]),
    ("bye", ["Goodbye"]),
    ("what is the defence budget of estonia", ["don't have that information", "kaitseministeerium.ee"]),
    ("how many soldiers does estonia have", ["don't have that information"]),
    ("what's the weather like in tallinn tomorrow", ["don't have that information"]),
    ("asdkjh qwpoeiru zxmcnv", ["didn't understand", "You can ask about these topics"]),
]

ESTONIAN = [
    ("Kas Eestil on kaitseatašee Soomes?", ["Jah", "Soomes"]),
    ("Kus on Eesti kaitseatašeed?", ALL_ATTACHES_ET),
    ("millistes riikides on eesti kaitseatasee", ALL_ATTACHES_ET),
    ("kas saksamaal on eesti kaitseatašee", ["Jah", "Saksamaal"]),
    ("kas eestil on kaitseatasee USA-s", ["Jah", "Ameerika Ühendriikides"]),
    ("kas Ühendkuningriigis on meie kaitseatašee", ["Jah", "Ühendkuningriigis"]),
    ("kas gruusias on kaitseatašee", ["Jah", "Gruusias"]),
    ("kas prantsusmaal on eesti atašee", ["Jah", "Prantsusmaal"]),
    ("kas eestil on kaitseatašee itaalias", ["Ei", "Itaalias"] + ALL_ATTACHES_ET),
    ("kas norras on eesti kaitseatašee", ["Ei", "Norras"]),
    ("Kas Eestil on kaitseatašeed Soomes ja Lätis?", ["Jah", "Soomes", "Ei", "Lätis"]),
    ("mitu kaitseatašeed eestil on", ["üheksas riigis"] + ALL_ATTACHES_ET),
    ("mitme riigiga on eestil kahepoolsed kaitsesuhted", ["ligikaudu 35"]),
    ("millistes piirkondades on eesti kaitsepartnerid", ["Euroopas", "Põhja-Ameerikas", "Aasias"]),
    ("kas eestil on kaitsesuhted kanadaga", ["35", "Kanada kohta"]),
    (
        "milles teeb eesti strateegiliste partneritega koostööd",
        ["kaitsepoliitiliste seisukohtade", "operatsioonid", "väljaõpe", "sõjaline haridus", "hanked"],
    ),
    ("kas väljaõpe kuulub koostöövaldkondade hulka", ["Jah", "väljaõpe"]),
    ("kas küberkaitse on strateegiliste partneritega koostöö valdkond", ["„küberkaitse“ ei ole allikas", "hanked"]),
    (
        "Kas Eesti toetab arengumaade kaitsereforme?",
        ["kaitsereformide", "arengumaade", "abisaajate", "doonorriikidega"],
    ),
    ("kellega abiprojekte koordineeritakse", ["abisaajate", "doonorriikidega"]),
    ("Kas Eesti on NATO liige?", ["NATO", "kollektiivkaitse"]),
    ("mida tähendab kollektiivkaitse", ["agressiooni ükskõik millise liikmesriigi vastu"]),
    ("Mida annab Eestile Euroopa Liidu liikmesus?", ["majandus- ja õigusruumi"]),
    ("räägi ühisest välis- ja julgeolekupoliitikast", ["ühises välis- ja julgeolekupoliitikas"]),
    ("kuidas on läänemere piirkonna julgeolek muutunud", ["Läänemere piirkonnas"]),
    ("Mida teeb Eesti relvastuskontrolli valdkonnas?", ["relvastuskontrolli", "Viini dokumendi", "avatud taeva"]),
    ("mis on viini dokument 2011", ["Viini dokumendi 2011", "OSCE", "visiite"]),
    ("kas eesti teeb vaatluslende avatud taeva lepingu alusel", ["avatud taeva", "vaatluslende"]),
    ("Kas Eesti osaleb rahvusvahelistes sõjalistes operatsioonides?", ["operatsioonides"]),
    ("miks eesti osaleb rahvusvahelistes operatsioonides", ["kriiside", "huvides"]),
    ("Kust see teave pärineb?", ["Rahvusvaheline koostöö", "31. mail 2014"]),
    ("kui värske see info on", ["31. mail 2014"]),
    ("anna ülevaade eesti rahvusvahelisest kaitsekoostööst", ["NATO", "35", "relvastuskontroll"]),
    ("tere", ["Tere"]),
    ("mida sa oskad", ["Võite küsida", "Kaitseatašeed"]),
    ("kas sa oled robot", ["robot"]),
    ("aitäh", ["Pole tänu väärt"]),
    ("head aega", ["Head aega"]),
    ("kui suur on eesti kaitse-eelarve", ["seda teavet mul ei ole", "kaitseministeerium.ee"]),
    ("mitu sõdurit on eesti kaitseväes", ["seda teavet mul ei ole"]),
    ("milline ilm on homme tallinnas", ["seda teavet mul ei ole"]),
    ("kas saksamaale on eesti kaitseatasee määratud", ["Jah", "Saksamaal"]),
]

SOURCE_NOTE = {"en": "Source: Estonian Ministry of Defence", "et": "Allikas: Kaitseministeerium"}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    with Assistant(tmp_path_factory.mktemp("assistant")).running() as server:
        yield server


def check_answer(assistant, detector, question, expected, language):
    """The answer has every expected fact (case-insensitive). A verdict among them ("Yes", "No",
    "Jah", "Ei") is checked where it belongs, as the first word of a line (tests/e2e/answers.py):
    the answer starts with the first, each names the fact listed after it, and an answer
    expected to have none has no line starting with one."""
    replies = assistant.say(f"e2e-{uuid.uuid4().hex}", question)
    text = "\n".join(replies)
    assert replies, f"no reply to {question!r}"
    for fact in expected:
        if fact not in VERDICTS:
            assert fact.lower() in text.lower(), f"{question!r} -> {text!r} lacks {fact!r}"
    problem = verdict_problem(text, expected)
    assert problem is None, f"{question!r} -> {text!r}: {problem}"
    assert detector.detect(text) == language, f"{question!r} answered in the wrong language: {text!r}"
    return text


@pytest.mark.parametrize("question, expected", ENGLISH, ids=[q for q, _ in ENGLISH])
def test_english_questions(assistant, detector, question, expected):
    check_answer(assistant, detector, question, expected, "en")


@pytest.mark.parametrize("question, expected", ESTONIAN, ids=[q for q, _ in ESTONIAN])
def test_estonian_questions(assistant, detector, question, expected):
    check_answer(assistant, detector, question, expected, "et")


def test_factual_answers_carry_their_source(assistant, detector):
    for language, question in [("en", "Is Estonia a member of NATO?"), ("et", "Kas Eesti on NATO liige?")]:
        text = check_answer(assistant, detector, question, [], language)
        assert SOURCE_NOTE[language] in text


def test_language_neutral_message_keeps_the_conversation_language(assistant, detector):
    sender = f"e2e-{uuid.uuid4().hex}"
    assistant.say(sender, "Kas Eestil on kaitseatašee Rootsis?")
    reply = "\n".join(assistant.say(sender, "NATO?"))
    assert detector.detect(reply) == "et", reply
    assistant.say(sender, "Thank you, and is there one in Poland?")
    reply = "\n".join(assistant.say(sender, "OSCE?"))
    assert detector.detect(reply) == "en", reply


@pytest.mark.parametrize(
    "first, request_text, switched_to, confirmation",
    [
        ("Is Estonia a member of NATO?", "räägi eesti keeles", "et", "vastan nüüdsest eesti keeles"),
        ("Is Estonia a member of NATO?", "could you answer in Estonian please?", "et", "vastan nüüdsest eesti keeles"),
        ("Kas Eesti on NATO liige?", "inglise keeles palun", "en", "answer in English from now on"),
        ("Kas Eesti on NATO liige?", "in English please", "en", "answer in English from now on"),
        ("Is Estonia a member of NATO?", "по-русски, пожалуйста", "ru", "на русском языке"),
        ("Kas Eesti on NATO liige?", "vene keeles palun", "ru", "на русском языке"),
        ("Is Estonia a member of NATO?", "in Russian please", "ru", "на русском языке"),
        ("Эстония член НАТО?", "in English please", "en", "answer in English from now on"),
        ("Эстония член НАТО?", "по-английски, пожалуйста", "en", "answer in English from now on"),
        ("Эстония член НАТО?", "на эстонском, пожалуйста", "et", "vastan nüüdsest eesti keeles"),
    ],
)
def test_an_explicit_request_switches_the_language_and_confirms_it(
    assistant, detector, first, request_text, switched_to, confirmation
):
    sender = f"e2e-{uuid.uuid4().hex}"
    assistant.say(sender, first)
    reply = "\n".join(assistant.say(sender, request_text))
    assert confirmation in reply, reply
    follow_up = "\n".join(assistant.say(sender, "NATO?"))
    assert detector.detect(follow_up) == switched_to, follow_up


def test_channel_metadata_language_wins(assistant):
    replies = assistant.say(
        f"e2e-{uuid.uuid4().hex}", "Is there a defence attaché in Finland?", metadata={"language": "et"}
    )
    assert "Jah, Eestil on kaitseatašee Soomes." in "\n".join(replies)


def test_socketio_channel_answers_in_the_users_language(assistant):
    client = socketio.Client(reconnection=False)
    received = queue.Queue()
    client.on("bot_uttered", lambda data: received.put(data))
    client.connect(assistant.url, transports=["polling"], socketio_path="/socket.io")

    def answer_up_to_source_note(language):
        # The socket.io channel sends each paragraph as its own bot message.
        parts = []
        while not parts or SOURCE_NOTE[language] not in parts[-1]:
            parts.append(received.get(timeout=60)["text"])
        return "\n\n".join(parts)

    try:
        session = uuid.uuid4().hex
        client.emit("session_request", {"session_id": session})
        client.emit("user_uttered", {"message": "Kas Eestil on kaitseatašee Soomes?", "session_id": session})
        assert answer_up_to_source_note("et").startswith("Jah, Eestil on kaitseatašee Soomes.")
        client.emit(
            "user_uttered",
            {
                "message": "Where are Estonia's defence attachés?",
                "session_id": session,
                "customData": {"language": "en"},
            },
        )
        assert answer_up_to_source_note("en").startswith("Estonia has defence attachés in Finland")
    finally:
        client.disconnect()


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("", "en", "Your message was empty"),
        ("   \n\t ", "en", "Your message was empty"),
        ("Kas Eestil on kaitseatašee Soomes? " * 3000, "et", "Teie sõnum on minu jaoks liiga pikk"),
        ("Is there an attaché in Finland? " * 3200, "en", "Your message is too long"),
    ],
    ids=["empty", "whitespace", "100kB-estonian", "100kB-english"],
)
def test_empty_and_huge_messages_get_a_polite_reply(assistant, text, language, expected):
    replies = assistant.say(f"e2e-{uuid.uuid4().hex}", text)
    assert any(expected in r for r in replies), replies
    # ... and the server goes on answering everyone.
    assert "Finland" in "\n".join(assistant.say(f"e2e-{uuid.uuid4().hex}", "Where are Estonia's defence attachés?"))


@pytest.mark.parametrize("text", ["Έχει η Εσθονία στρατιωτικό ακόλουθο στη Φινλανδία;", "爱沙尼亚在芬兰有国防武官吗？"])
def test_a_message_in_another_script_is_told_which_languages_the_assistant_speaks(assistant, text):
    from actions.help import languages_spoken
    from actions.live import get_facts

    replies = assistant.say(f"e2e-{uuid.uuid4().hex}", text)
    assert replies == [languages_spoken(get_facts())]
    assert all(get_facts().phrases.text("languages_spoken", lang) in replies[0] for lang in LANGUAGES)


# The issue's examples of a misleading answer: a word called unknown, or the nearest topic.
@pytest.mark.parametrize(
    "question, must, must_not",
    [
        ("does estonia have a defence attache in the usa", ["Yes", "United States of America"], ["recognise"]),
        ("Does Estonia have defence ties with countries in North America?", ["North America"], ["recognise"]),
        (
            "Do Estonia and its strategic partners coordinate their defence policy positions?",
            ["Yes", "coordination of defence policy positions"],
            ["does not list", "is not listed"],
        ),
        ("Kas Eesti teeb partneritega koostööd kaitsehangetes?", ["Jah", "hanked"], ["ei ole allikas"]),
        (
            "Kas Eesti koordineerib partneritega kaitsepoliitilisi seisukohti?",
            ["Jah", "kaitsepoliitiliste"],
            ["ei ole allikas"],
        ),
        ("Is Estonia involved in international crisis management?", ["international crises"], []),
    ],
)
def test_the_issues_examples_are_answered_without_false_unknowns(assistant, question, must, must_not):
    text = "\n".join(assistant.say(f"e2e-{uuid.uuid4().hex}", question))
    for part in must:
        assert part in text, (question, text)
    problem = verdict_problem(text, must)  # "Yes"/"Jah" as the answer's first word, not anywhere
    assert problem is None, (question, text, problem)
    for part in must_not:
        assert part not in text, (question, text)


@pytest.mark.parametrize(
    "question, topic, detail, language",
    [
        ("What is the name of the Estonian defence attaché in Finland?", "defence_attaches", "names", "en"),
        ("Mis on Eesti Soome kaitseatašee nimi?", "defence_attaches", "names", "et"),
        ("Who exactly are Estonia's strategic partners?", "cooperation_spheres", "countries", "en"),
        ("Which operations is Estonia taking part in right now? Afghanistan? Mali?", "operations", "operations", "en"),
        ("Is Ukraine a member of NATO?", "nato", "membership", "en"),
    ],
)
def test_the_issues_near_misses_say_what_the_page_does_not_say(assistant, question, topic, detail, language):
    from actions.live import get_facts

    facts = get_facts()
    text = "\n".join(assistant.say(f"e2e-{uuid.uuid4().hex}", question))
    gap = facts.knowledge.topic(topic).unstated[detail][language].format(**facts.values(language))
    assert text.startswith(gap), (question, text)
    assert not text.startswith(("Yes", "Jah")), text


def test_malformed_request_gets_a_client_error(assistant):
    import requests

    response = requests.post(
        f"{assistant.url}/webhooks/rest/webhook",
        data=b"{not json",
        timeout=30,
        headers={"Content-Type": "application/json"},
    )
    assert 400 <= response.status_code < 500


def test_conversation_survives_a_restart_of_rasa(assistant, detector):
    sender = f"e2e-{uuid.uuid4().hex}"
    assistant.say(sender, "Kas Eestil on kaitseatašee Poolas?")
    assistant.rasa.stop()
    assistant.start_rasa()
    # The tracker store kept the conversation: a neutral message is still answered in Estonian.
    reply = "\n".join(assistant.say(sender, "NATO?"))
    assert detector.detect(reply) == "et", reply


def test_unreachable_action_server_gets_an_apology_in_the_users_language(assistant):
    assistant.actions.stop()
    try:
        english = assistant.say(f"e2e-{uuid.uuid4().hex}", "Where does Estonia have defence attachés?")
        estonian = assistant.say(f"e2e-{uuid.uuid4().hex}", "Kus on Eesti kaitseatašeed?")
        assert english == [
            "I'm sorry, I can't look that up right now because part of my system is not "
            "responding. Please try again in a few minutes."
        ]
        assert estonian == [
            "Vabandust, ma ei saa seda praegu järele vaadata, sest üks süsteemi osa ei "
            "tööta. Palun proovige mõne minuti pärast uuesti."
        ]
    finally:
        assistant.start_actions()
    assert "Soomes" in "\n".join(assistant.say(f"e2e-{uuid.uuid4().hex}", "Kus on Eesti kaitseatašeed?"))
