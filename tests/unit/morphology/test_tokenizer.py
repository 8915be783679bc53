"""The tokenizer (morphology/tokenizer.py): acronyms with case endings and hyphenated names stay whole."""

import spacy

from morphology.tokenizer import keep_hyphenated_words


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
