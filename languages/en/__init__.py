"""English: the default language, a conversation's until it shows another."""

from languages.spec import Language

LANGUAGE = Language(
    code="en",
    name="English",
    native_name="English",
    script="LATIN",
    lingua="ENGLISH",
    morphology="languages.en.morphology:english",
    names=("english", "inglise", r"английск\w*"),
    # "… in English (please)", "speak English", "English, please", "inglise keeles", "inglise keelt",
    # "по-английски", "на английском"; "the English version of …" asks for nothing.
    requests=(
        r"\b(?:in|speak|to|into|use)\s+english\b(?!\s+(?!please\b)[^\W\d_])",
        r"\benglish,?\s+please\b",
        r"\binglise\s*keel(?:es|t|ele|de)\b",
        r"\bпо[-\s]?английски\b",
        r"\bна\s+английск(?:ом|ий)\b",
    ),
    chat_words=frozenset(
        [
            "hi",
            "hello",
            "hey",
            "thanks",
            "thank",
            "you",
            "bye",
            "goodbye",
            "yes",
            "please",
            "what",
            "where",
            "which",
            "is",
            "are",
            "the",
            "does",
            "do",
            "how",
            "why",
            "who",
            "when",
            "can",
            "tell",
            "about",
            "there",
            "any",
            "have",
            "has",
            "estonia",
            "estonian",
            "of",
            "and",
            "or",
            "with",
        ]
    ),
    neutral_words=frozenset(
        ["ok", "okay", "nato", "osce", "usa", "us", "uk", "eu", "cfsp", "esdp", "hmm", "hm", "ah", "oh", "lol", "xd"]
    ),
    conjunctions=("and", "or"),
    region_qualifiers=("south", "north", "latin", "central", "east", "west"),
    attache_questions=(
        ("name", "Is there an Estonian defence attaché in {form}?"),
        ("name", "does estonia have a defence attache in {form}"),
        ("name", "Has Estonia posted a defence attaché to {form}?"),
    ),
    questions_per_country=1,
)
