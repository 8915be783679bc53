"""Text normalisation: the one way a text loses its diacritics, and the one way its spaces are collapsed.

`fold` keeps case: each caller lowers first as it needs. A match key or a
vocabulary folds `text.casefold()` ("Straße" → "strasse"), morphology's
lexicon and the language identifier fold `text.lower()` (Vabamorf's
forms, the lists of chat words), and a sentence typed without diacritics
keeps its capitals (`fold("Kas Eestil on kaitseatašee Soomes?")`).
"""

import unicodedata


def fold(text: str) -> str:
    """The text without its diacritics: compatibility decomposition (NFKD), combining marks dropped.

    Case and every other character stay: "Ühendkuningriigis" → "Uhendkuningriigis",
    "kaitseatašee" → "kaitseatasee", "ＮＡＴＯ" → "NATO", "Здравствуйте" → "Здравствуите"
    (й is и with a breve)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def collapse_spaces(text: str) -> str:
    """Every run of whitespace (newlines, tabs, no-break spaces) one space, none at either end."""
    return " ".join(text.split())
