"""The facts the running action server answers with, kept current without a restart.

The person who keeps knowledge.yml and actions/phrases.yml up to date should
see an edited answer at once: no retraining (the model never learns from an
answer text) and no restart. `LiveFacts` notes each file's identity, size and
modification time; when one changes, it loads and validates the new version
and swaps it in whole. A broken edit is logged with the file, the entry and the
problem, as at start-up, and the last good version keeps answering until the
file is fixed. `watch` checks every second in a worker thread, so a valid edit
answers within about two seconds (loading takes about one).

The files are $KNOWLEDGE_FILE and $PHRASES_FILE when set, else the project's own.
"""

import asyncio
import logging
import os
import threading
from pathlib import Path
from typing import List, Optional, Tuple

from actions import knowledge, phrasing
from actions.facts import Facts
from actions.knowledge import KnowledgeError, load_knowledge
from actions.phrasing import Phrases

logger = logging.getLogger(__name__)

CHECK_EVERY_SECONDS = 1.0
FileState = Optional[Tuple[int, int, int]]  # inode, size, modification time; None when missing
Signature = Tuple[FileState, ...]


class LiveFacts:
    """The current, valid Facts of two files; `refresh` swaps in a changed version once it validates."""

    def __init__(self, knowledge_path: Optional[Path] = None, phrases_path: Optional[Path] = None) -> None:
        self.knowledge_path = Path(knowledge_path or os.environ.get("KNOWLEDGE_FILE") or knowledge.DEFAULT_PATH)
        self.phrases_path = Path(phrases_path or os.environ.get("PHRASES_FILE") or phrasing.DEFAULT_PATH)
        self._facts: Optional[Facts] = None
        self._seen: Signature = ()
        self._lock = threading.Lock()

    def _signature(self) -> Signature:
        found: List[FileState] = []
        for path in (self.knowledge_path, self.phrases_path):
            try:
                stat = path.stat()
            except OSError:
                found.append(None)
            else:
                found.append((stat.st_ino, stat.st_size, stat.st_mtime_ns))
        return tuple(found)

    def _load(self) -> Facts:
        return Facts(load_knowledge(self.knowledge_path), Phrases(self.phrases_path))

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
            except KnowledgeError as error:
                if self._facts is None:
                    raise
                logger.error("Not reloaded, the last good version keeps answering: %s", error)
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
