"""The spaCy pipeline's pieces: tokens, Estonian and English lemmas, case forms, the built pipeline."""

import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from actions.knowledge import load_knowledge
from actions.matching import fold
from morphology.build import build
from morphology.english import EnglishLemmatizer
from morphology.estonian import estonian
from morphology.lexicon import Lexicon
from morphology.pipeline import FACTORY
from morphology.tokenizer import keep_hyphenated_words

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    folder = build(tmp_path_factory.mktemp("spacy") / "bilingual")
    return folder, spacy.load(folder)


def test_acronyms_with_case_endings_and_hyphenated_names_stay_whole():
    nlp = spacy.blank("xx")
    keep_hyphenated_words(nlp)
    tokens = [t.text for t in nlp("Kas NATO-s, USA-ga ja EL-i (Põhja-Korea)? teadus- ja arendustegevus!")]
    assert tokens == [
        "Kas",
        "NATO-s",
        ",",
        "USA-ga",
        "ja",
        "EL-i",
        "(",
        "Põhja-Korea",
        ")",
        "?",
        "teadus-",
        "ja",
        "arendustegevus",
        "!",
    ]


@pytest.fixture(scope="module")
def lexicon(pipeline):
    _, nlp = pipeline
    return nlp.get_pipe(FACTORY).lexicon


@pytest.mark.parametrize(
    "word, lemma",
    [
        ("Soomest", "Soome"),
        ("Ühendkuningriigis", "ühendkuningriik"),
        ("USA-s", "USA"),
        ("NATO-ga", "NATO"),
        ("kaitseatašeesid", "kaitseatašee"),
        ("relvastuskontrolli", "relvastuskontroll"),
        ("vaatluslendudest", "vaatluslend"),
    ],
)
def test_estonian_lemmas(word, lemma):
    assert estonian().lemmas([word]) == [lemma]


@pytest.mark.parametrize(
    "word, lemma",
    [
        ("rootsis", "Rootsi"),
        ("poolas", "Poola"),
        ("nato-s", "NATO"),
        ("kaitseatasee", "kaitseatašee"),
        ("kaitseataseedest", "kaitseatašee"),
        ("uhendkuningriigis", "ühendkuningriik"),
        ("kaitsekoostoo", "kaitsekoostöö"),
        ("vaatluslennud", "vaatluslend"),
        ("tootab", "töötama"),
        ("aitah", "aitäh"),
    ],
)
def test_words_typed_without_capitals_or_diacritics_get_the_lemma_of_the_word_meant(lexicon, word, lemma):
    assert estonian().lemmas([word], lexicon) == [lemma]


@pytest.mark.parametrize(
    "word, analysis",
    [
        ("kaitseatašeedest", ("kaitseatašee", ("kaitse", "atašee"))),
        ("välisoperatsioonides", ("välisoperatsioon", ("välis", "operatsioon"))),
        ("kaitsekontaktid", ("kaitsekontakt", ("kaitse", "kontakt"))),  # a compound the training data lacks
        ("Soomes", ("Soome", ())),
    ],
)
def test_a_compound_comes_with_its_parts(word, analysis):
    assert estonian().analyse([word]) == [analysis]


def test_a_compound_typed_without_diacritics_still_gets_its_parts(lexicon):
    assert estonian().analyse(["kaitseataseedega"], lexicon) == [("kaitseatašee", ("kaitse", "atašee"))]


def test_a_word_vabamorf_does_not_know_keeps_its_form(lexicon):
    assert estonian().lemmas(["xqzrt", "Narniasse", "operatsoonides"], lexicon) == [
        "xqzrt",
        "Narniasse",
        "operatsoonides",
    ]


def test_the_lexicon_holds_unseen_case_forms_and_picks_the_lower_case_or_more_frequent_spelling():
    lexicon = Lexicon.from_texts(["Aitäh! aitäh, aitäh. Kas Rootsis on kaitseatašee? Tema töötab, töötab; tõotab."])
    assert lexicon.restore("rootsist") == "Rootsist"  # a case form the text does not have
    assert lexicon.restore("kaitseataseedega") == "kaitseatašeedega"
    assert lexicon.restore("AITAH") == "aitäh" and lexicon.restore("tootab") == "töötab"
    assert lexicon.restore("aitäh") is None  # already right
    assert Lexicon.from_bytes(lexicon.to_bytes()).forms == lexicon.forms


def test_building_without_training_data_names_the_folder(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "morphology.build", str(tmp_path / "out"), "--data", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and f"{tmp_path}: no NLU training files" in result.stderr
    assert "Traceback" not in result.stderr


def test_case_forms_are_synthesised_for_simple_and_compound_names():
    soome = estonian().forms_by_case("Soome")
    assert soome["in"] == ["Soomes"] and soome["el"] == ["Soomest"] and soome["kom"] == ["Soomega"]
    assert soome["ter"] == ["Soomeni"] and soome["p"] == ["Soomet"]
    usa = estonian().forms_by_case("Ameerika Ühendriigid")
    assert usa["in"] == ["Ameerika Ühendriikides"] and usa["kom"] == ["Ameerika Ühendriikidega"]
    assert estonian().forms_by_case("Põhja-Korea")["in"] == ["Põhja-Koreas"]
    assert estonian().forms_by_case("Ühendkuningriik")["in"] == ["Ühendkuningriigis"]


def test_every_country_is_known_in_at_least_ten_case_forms():
    for country in load_knowledge().countries.values():
        forms = {fold(f) for f in estonian().case_forms(country.name["et"])} | {fold(a) for a in country.aliases["et"]}
        assert len(forms) >= 10, (country.id, sorted(forms))
        assert fold(country.in_form) in forms and fold(country.genitive) in forms


def test_english_lemmas():
    assert EnglishLemmatizer().lemmas(["attachés", "countries", "relations", "Sweden"]) == [
        "attaché",
        "country",
        "relation",
        "Sweden",
    ]


def test_the_pipeline_lemmatises_each_message_in_its_language(pipeline):
    _, nlp = pipeline
    estonian_doc = nlp("Kas Eestil on kaitseatašeed Soomes ja USA-s?")
    assert [t.lemma_ for t in estonian_doc] == [
        "kas",
        "Eesti",
        "olema",
        "kaitseatašee kaitse atašee",
        "Soome",
        "ja",
        "USA",
        "?",
    ]
    english_doc = nlp("Which countries have Estonian defence attachés?")
    assert [t.lemma_ for t in english_doc][:2] == ["Which", "country"] and english_doc[5].lemma_ == "attaché"


def test_the_built_pipeline_loads_in_a_fresh_process_with_its_lexicon(pipeline):
    folder, _ = pipeline
    code = (
        "import components, spacy; nlp = spacy.load(%r); "
        "print(' '.join(t.lemma_ for t in nlp('Kaitseatašeed rootsis')))" % str(folder)
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "kaitseatašee kaitse atašee Rootsi"
