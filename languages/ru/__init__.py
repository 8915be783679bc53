"""Russian: pymorphy3's lemmas and case forms; Cyrillic letters tell a Russian message."""

from languages.spec import Language

LANGUAGE = Language(
    code="ru",
    name="Russian",
    native_name="Русский",
    script="CYRILLIC",
    lingua="RUSSIAN",
    morphology="languages.ru.morphology:russian",
    names=("russian", "vene", r"русск\w*"),
    # "in Russian (please)", "vene keeles", "по-русски", "по русски", "на русском (языке)".
    requests=(
        r"\b(?:in|speak|to|into|use)\s+russian\b(?!\s+(?!please\b)[^\W\d_])",
        r"\brussian,?\s+please\b",
        r"\bvene\s*keel(?:es|t|ele|de)\b",
        r"\bпо[-\s]?русски\b",
        r"\bна\s+русск(?:ом|ий)\b",
    ),
    letters="\u0400-\u04ff",
    neutral_words=frozenset(),
    conjunctions=("и", "или"),
    prepositions=("в", "во", "на", "с", "со"),
    region_qualifiers=(
        "южная",
        "южной",
        "южную",
        "северная",
        "северной",
        "северную",
        "латинская",
        "латинской",
        "латинскую",
        "центральная",
        "центральной",
        "центральную",
        "восточная",
        "восточной",
        "восточную",
        "западная",
        "западной",
        "западную",
    ),
    # pymorphy3's case names (nomn gent datv accs); "in" and "about" are the knowledge
    # file's forms with their prepositions ("во Франции", "со Швецией"), which stand for
    # the prepositional and the instrumental (в/во, с/со depend on the name).
    # The held-out inflection set (tests/nlu/inflection.yml) uses other sentences.
    attache_questions=(
        ("in", "Есть ли у Эстонии военный атташе {form}?"),
        ("nomn", "{form} входит в число стран, где у Эстонии есть военный атташе?"),
        ("gent", "есть ли у эстонии военный атташе для {form}"),
        ("datv", "Есть ли у Эстонии атташе по {form}?"),
        ("accs", "военный атташе эстонии охватывает ли {form}"),
        ("about", "есть ли у эстонии атташе для связей {form}"),
    ),
    questions_per_country=3,
)
