"""The chat widget's own words exist in every language the assistant speaks; the Estonian
ones (widget strings and the demo page's Estonian parts) pass Vabamorf's speller, and
the Russian ones are all words pymorphy3's dictionary knows."""

import re
from html.parser import HTMLParser
from pathlib import Path

from languages import LANGUAGES

WEBCHAT = Path(__file__).resolve().parents[3] / "webchat"
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr"}
ENTRY = re.compile(r'^\s+(\w+): "((?:[^"\\]|\\.)*)",?$')


def widget_strings():
    """{language: {key: text}} read from the STRINGS object in strings.js."""
    strings, language = {}, None
    for line in (WEBCHAT / "widget" / "strings.js").read_text(encoding="utf-8").splitlines():
        block = re.match(r"^  ([a-z]{2}): \{$", line)
        if block:
            language = block.group(1)
            strings[language] = {}
        elif line.startswith("  }"):
            language = None
        elif language and ENTRY.match(line):
            key, text = ENTRY.match(line).groups()
            strings[language][key] = text
    return strings


class LanguageText(HTMLParser):
    """Collects the text inside elements marked lang="<language>" (Estonian by default)."""

    def __init__(self, language="et"):
        super().__init__()
        self.language, self.depth, self.texts = language, 0, []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if self.depth or dict(attrs).get("lang") == self.language:
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.texts.append(data)


def test_every_widget_string_exists_in_every_language():
    strings = widget_strings()
    assert set(strings) == set(LANGUAGES) == {"en", "et", "ru"}
    assert len(strings["en"]) >= 20
    for language in LANGUAGES:
        assert set(strings[language]) == set(strings["en"]), language
    for language in set(LANGUAGES) - {"en"}:
        for key, text in strings[language].items():
            assert text.strip() and text != strings["en"][key], (language, key)


def test_estonian_words_are_spelled_correctly():
    from morphology.vabamorf import vabamorf

    parser = LanguageText("et")
    parser.feed((WEBCHAT / "demo" / "index.html").read_text(encoding="utf-8"))
    assert parser.texts, "the demo page has no Estonian part"
    texts = list(widget_strings()["et"].values()) + parser.texts
    words = sorted({w for text in texts for w in re.findall(r"[^\W\d_]+", text)} - {"NATO"})
    wrong = [c["text"] for c in vabamorf().spellcheck(words, suggestions=False) if not c["spelling"]]
    assert not wrong, f"Misspelled or non-Estonian words: {wrong}"


def test_russian_words_are_known_to_pymorphy3():
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer()
    parser = LanguageText("ru")
    parser.feed((WEBCHAT / "demo" / "index.html").read_text(encoding="utf-8"))
    assert parser.texts, "the demo page has no Russian part"
    texts = list(widget_strings()["ru"].values()) + parser.texts
    words = {w for text in texts for w in re.findall(r"[^\W\d_]+", text)}
    assert all(re.fullmatch(r"[\u0400-\u04ff]+", w) for w in words - {"NATO"}), sorted(words)
    wrong = sorted(w for w in words - {"НАТО"} if not morph.word_is_known(w.lower()))
    assert not wrong, f"Misspelled or unknown Russian words: {wrong}"
