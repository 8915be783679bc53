"""The action server's wording: loads phrases.yml and fills it in per language.

Facts come from the knowledge file; the sentences around them come from
phrases.yml, so that every user-facing text exists in every language the
assistant speaks (languages/) and a translation can be fixed without touching code.
"""

from pathlib import Path
from typing import Dict, Iterable, Optional

from actions.knowledge import KnowledgeError, clipped, placeholder_names, read_yaml, sendable, shown
from languages import LANGUAGE_NAMES, LANGUAGES

DEFAULT_PATH = Path(__file__).resolve().parent / "phrases.yml"
# "an English (en) and an Estonian (et) text": one text per language.
EXPECTED = " and ".join(f"{LANGUAGE_NAMES[lang]} ({lang})" for lang in LANGUAGES) + " text each"


class Phrases:
    """Named phrases in every language, checked for parity on load."""

    def __init__(self, path: Optional[Path] = None) -> None:
        path = Path(path or DEFAULT_PATH)
        raw = read_yaml(path, "the wording around the facts")  # KnowledgeError naming the file (and line)
        if not isinstance(raw, dict):
            raise KnowledgeError(path, "top level", f"must map phrase names to {{{', '.join(LANGUAGES)}}} texts")
        self._texts: Dict[str, Dict[str, str]] = {}
        for name, texts in raw.items():
            if not isinstance(name, str):
                raise KnowledgeError(path, clipped(str(name), 60), "a phrase name must be a text")
            entry = name if name.strip() and len(name) <= 60 and sendable(name) else shown(name)
            if not isinstance(texts, dict) or set(texts) != set(LANGUAGES):
                raise KnowledgeError(path, entry, f"must have exactly {EXPECTED}")
            fields = {}
            for lang, text in texts.items():
                if not isinstance(text, str) or not text.strip():
                    raise KnowledgeError(path, f"{entry}.{lang}", "must be a non-empty text")
                if not sendable(text):
                    raise KnowledgeError(
                        path,
                        f"{entry}.{lang}",
                        "contains a character no channel can send (a lone surrogate or a control character)",
                    )
                try:
                    fields[lang] = placeholder_names(text)
                except ValueError as error:
                    raise KnowledgeError(path, f"{entry}.{lang}", f"bad placeholder: {error}") from None
            first = LANGUAGES[0]
            for lang in LANGUAGES[1:]:
                if fields[lang] != fields[first]:
                    raise KnowledgeError(
                        path,
                        entry,
                        f"{LANGUAGE_NAMES[first]} uses {sorted(fields[first])}, "
                        f"{LANGUAGE_NAMES[lang]} {sorted(fields[lang])}",
                    )
            self._texts[name] = texts

    def names(self) -> Iterable[str]:
        return self._texts.keys()

    def text(self, name: str, language: str) -> str:
        return self._texts[name][language]

    def say(self, name: str, language: str, **values: object) -> str:
        return self._texts[name][language].format(**values)

    def join(self, items: Iterable[str], language: str) -> str:
        """'A, B and C' / 'A, B ja C'."""
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.text('list_and', language)} {items[-1]}"
