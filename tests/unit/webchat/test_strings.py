"""The chat widget's own words exist in English and Estonian, and the Estonian ones
(widget strings and the demo page's Estonian parts) pass Vabamorf's speller."""

import re
from html.parser import HTMLParser
from pathlib import Path

WEBCHAT = Path(__file__).resolve().parents[3] / "webchat"
VOID = {"br", "img", "input", "meta", "link", "hr", "wbr"}
ENTRY = re.compile(r'^\s+(\w+): "((?:[^"\\]|\\.)*)",?$')


def widget_strings():
    """{language: {key: text}} read from the STRINGS object in strings.js."""
    strings, language = {}, None
    for line in (WEBCHAT / "widget" / "strings.js").read_text(encoding="utf-8").splitlines():
        block = re.match(r"^  (en|et): \{$", line)
        if block:
            language = block.group(1)
            strings[language] = {}
        elif line.startswith("  }"):
            language = None
        elif language and ENTRY.match(line):
            key, text = ENTRY.match(line).groups()
            strings[language][key] = text
    return strings


class EstonianText(HTMLParser):
    """Collects the text inside elements marked lang="et"."""

    def __init__(self):
        super().__init__()
        self.depth, self.texts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if self.depth or dict(attrs).get("lang") == "et":
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.texts.append(data)


def test_every_widget_string_exists_in_both_languages():
    strings = widget_strings()
    assert set(strings) == {"en", "et"}
    assert len(strings["en"]) >= 20 and set(strings["en"]) == set(strings["et"])
    for key, text in strings["et"].items():
        assert text.strip() and text != strings["en"][key], key


def test_estonian_words_are_spelled_correctly():
    from morphology.vabamorf import vabamorf

    parser = EstonianText()
    parser.feed((WEBCHAT / "demo" / "index.html").read_text(encoding="utf-8"))
    assert parser.texts, "the demo page has no Estonian part"
    texts = list(widget_strings()["et"].values()) + parser.texts
    words = sorted({w for text in texts for w in re.findall(r"[^\W\d_]+", text)} - {"NATO"})
    wrong = [c["text"] for c in vabamorf().spellcheck(words, suggestions=False) if not c["spelling"]]
    assert not wrong, f"Misspelled or non-Estonian words: {wrong}"
