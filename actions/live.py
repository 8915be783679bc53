"""The facts the running action server answers with, kept current without a restart.

The person who keeps knowledge.yml and actions/phrases.yml up to date should
see an edited answer at once: no retraining (the model never learns from an
answer text) and no restart. `LiveFacts` notes a digest of each file; when one
changes, it loads and validates the new version and swaps it in whole. A broken
edit is logged with the file, the entry and the problem, as at start-up, and the
last good version keeps answering until the file is fixed. So is a version that
drops a phrase the answering one has, or changes a phrase's placeholders: the
code asks for them by name, so such an edit needs the code that goes with it
and a restart. `watch` checks every second in a worker thread, so a valid edit
answers within about two seconds (loading takes about one).

The files are $KNOWLEDGE_FILE and $PHRASES_FILE when set, else the project's own.
Only `python -m actions` watches; `rasa run actions` reads them once.
"""

import asyncio
import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import List, Optional, Tuple

from actions import knowledge, phrasing
from actions.facts import Facts
from actions.knowledge import KnowledgeError, load_knowledge, placeholder_names
from actions.phrasing import Phrases
from languages import LANGUAGES

logger = logging.getLogger(__name__)

CHECK_EVERY_SECONDS = 1.0
Signature = Tuple[Optional[str], ...]  # each file's SHA-256, None when it cannot be read


class LiveFacts:
    """The current, valid Facts of two files; `refresh` swaps in a changed version once it validates."""

    def __init__(self, knowledge_path: Optional[Path] = None, phrases_path: Optional[Path] = None) -> None:
        self.knowledge_path = Path(knowledge_path or os.environ.get("KNOWLEDGE_FILE") or knowledge.DEFAULT_PATH)
        self.phrases_path = Path(phrases_path or os.environ.get("PHRASES_FILE") or phrasing.DEFAULT_PATH)
        self._facts: Optional[Facts] = None
        self._seen: Signature = ()
        self._lock = threading.Lock()

    def _signature(self) -> Signature:
        found: List[Optional[str]] = []
        for path in (self.knowledge_path, self.phrases_path):
            try:
                found.append(hashlib.sha256(path.read_bytes()).hexdigest())
            except OSError:
                found.append(None)
        return tuple(found)

    def _load(self) -> Facts:
        return Facts(load_knowledge(self.knowledge_path), Phrases(self.phrases_path))

    def _check_phrases_kept(self, new: Phrases, old: Phrases) -> None:
        """Every phrase the answering version has, with the same placeholders: the code asks for them."""
        kept = set(new.names())
        for name in old.names():
            if name not in kept:
                raise KnowledgeError(self.phrases_path, name, "is gone; the code uses it (restart after such a change)")
            for language in LANGUAGES:
                before = placeholder_names(old.text(name, language))
                after = placeholder_names(new.text(name, language))
                if before != after:
                    raise KnowledgeError(
                        self.phrases_path,
                        f"{name}.{language}",
                        f"placeholders {sorted(after)} instead of {sorted(before)}; the code fills these in "
                        "(restart after such a change)",
                    )

    def get(self) -> Facts:
        """The facts now answering; the first call loads them (KnowledgeError if a file is broken)."""
        if self._facts is None:
            with self._lock:
                if self._facts is None:
                    seen = self._signature()
                    self._facts = self._load()
                    self._seen = seen
        return self._facts

    def refresh(self) -> bool:
        """Loads the files again if either changed since the last look; True when a new version answers now."""
        with self._lock:
            seen = self._signature()
            if seen == self._seen and self._facts is not None:
                return False
            # Noted before loading: a file that changes while it is read is read again next time,
            # and a broken version is reported once, not every second.
            self._seen = seen
            try:
                facts = self._load()
                if self._facts is not None:
                    self._check_phrases_kept(facts.phrases, self._facts.phrases)
            except KnowledgeError as error:
                if self._facts is None:
                    raise
                logger.error("Not reloaded, the last good version keeps answering: %s", error)
                return False
            except Exception as error:
                if self._facts is None:
                    raise
                logger.exception(
                    "Not reloaded, the last good version keeps answering: %s or %s cannot be used: %s",
                    self.knowledge_path,
                    self.phrases_path,
                    error,
                )
                return False
            self._facts = facts
        logger.info("Reloaded %s and %s", self.knowledge_path.name, self.phrases_path.name)
        return True


LIVE = LiveFacts()


def get_facts() -> Facts:
    """The facts every action answers with (see LiveFacts)."""
    return LIVE.get()


async def watch(live: LiveFacts = LIVE, every: float = CHECK_EVERY_SECONDS) -> None:
    """Runs until cancelled: looks for an edit every `every` seconds, loading in a worker thread."""
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(every)
        try:
            await loop.run_in_executor(None, live.refresh)
        except Exception:  # a bug in loading must not stop the watching, nor the server
            logger.exception("Looking for an edit of the knowledge or phrases failed")
