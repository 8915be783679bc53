"""spaCy tokenisation that keeps an acronym and its Estonian case ending together.

spaCy's default infix rules split "NATO-s", "USA-ga" and "EL-i" at the hyphen
into three tokens, and "Põhja-Korea" into three as well. Estonian writes case
endings of acronyms after a hyphen, so the letter-hyphen-letter rule goes;
every other rule (punctuation, numbers, quotes) stays.
"""

from typing import cast

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

# The default rule's text contains this alternation of hyphen characters.
_HYPHEN_BETWEEN_LETTERS = "-|–|—|--|---|——|~"


def keep_hyphenated_words(nlp: Language) -> None:
    infixes = [
        rule for rule in nlp.Defaults.infixes or () if not (isinstance(rule, str) and _HYPHEN_BETWEEN_LETTERS in rule)
    ]
    cast(Tokenizer, nlp.tokenizer).infix_finditer = compile_infix_regex(infixes).finditer
