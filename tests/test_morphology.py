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
from morphology.tokenizer import keep_hyphenated_words

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    folder = build(tmp_path_factory.mktemp("spacy") / "bilingual")
    return folder, spacy.load(folder)


def test_acronyms_with_case_endings_and_hyphenated_names_stay_whole():
    nlp = spacy.blank("xx")
    keep_hyphenated_words(nlp)
    tokens = [t.text for t in nlp("Kas NATO-s, USA-ga ja EL-i (Põhja-Korea)? teadus- ja arendustegevus!")]
    assert tokens == ["Kas", "NATO-s", ",", "USA-ga", "ja", "EL-i", "(", "Põhja-Korea", ")", "?", "teadus-", "ja",
                      "arendustegevus", "!"]


@pytest.mark.parametrize("word, lemma", [
    ("Soomest", "Soome"), ("Ühendkuningriigis", "ühendkuningriik"), ("USA-s", "USA"), ("NATO-ga", "NATO"),
    ("kaitseatašeesid", "kaitseatašee"), ("relvastuskontrolli", "relvastuskontroll"),
    ("rootsis", "Rootsi"), ("poolas", "Poola"), ("vaatluslendudest", "vaatluslend"),
    ("kaitseatasee", "kaitseatašee"), ("uhendkuningriigis", "ühendkuningriik"), ("voimalik", "võimalik"),
])
def test_estonian_lemmas(word, lemma):
    assert estonian().lemmas([word]) == [lemma]


def test_a_word_vabamorf_does_not_know_keeps_its_form():
    assert estonian().lemmas(["xqzrt", "Narniasse", "operatsoonides"]) == ["xqzrt", "Narniasse", "operatsoonides"]


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
    assert EnglishLemmatizer().lemmas(["attachés", "countries", "relations", "Sweden"]) == \
        ["attaché", "country", "relation", "Sweden"]


def test_the_pipeline_lemmatises_each_message_in_its_language(pipeline):
    _, nlp = pipeline
    estonian_doc = nlp("Kas Eestil on kaitseatašeed Soomes ja USA-s?")
    assert [t.lemma_ for t in estonian_doc] == ["kas", "Eesti", "olema", "kaitseatašee", "Soome", "ja", "USA", "?"]
    english_doc = nlp("Which countries have Estonian defence attachés?")
    assert [t.lemma_ for t in english_doc][:2] == ["Which", "country"] and english_doc[5].lemma_ == "attaché"


def test_the_built_pipeline_loads_in_a_fresh_process_once_components_are_imported(pipeline):
    folder, _ = pipeline
    code = ("import components, spacy; nlp = spacy.load(%r); "
            "print(' '.join(t.lemma_ for t in nlp('Kaitseatašeed Rootsis')))" % str(folder))
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "kaitseatašee Rootsi"
