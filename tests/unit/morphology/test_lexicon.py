"""The lexicon of Estonian forms (morphology/lexicon.py): the spelling meant, restored from words
typed without capitals or diacritics."""

from morphology.lexicon import Lexicon


def test_the_lexicon_holds_unseen_case_forms_and_picks_the_lower_case_or_more_frequent_spelling():
    lexicon = Lexicon.from_texts(["Aitäh! aitäh, aitäh. Kas Rootsis on kaitseatašee? Tema töötab, töötab; tõotab."])
    assert lexicon.restore("rootsist") == "Rootsist"  # a case form the text does not have
    assert lexicon.restore("kaitseataseedega") == "kaitseatašeedega"
    assert lexicon.restore("AITAH") == "aitäh" and lexicon.restore("tootab") == "töötab"
    assert lexicon.restore("aitäh") is None  # already right
    assert Lexicon.from_bytes(lexicon.to_bytes()).forms == lexicon.forms
