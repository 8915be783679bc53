"""Rasa's SQL tracker store, with the conversations in progress kept in memory.

For every message, Rasa's SQLTrackerStore reads the whole conversation back
from the database and rebuilds it event by event, then counts the stored
events to find which ones are new: a large share of the Rasa process's time
per message (the measured figure is in README's Speed section). This store
keeps the last `cached_conversations` conversations it has read or saved in
memory: a conversation is read from the database only the first time (or after
a restart), and saving writes just the events added since it was last saved.
Every event is still written to the database before the reply goes out, so
conversations survive a restart as before.

A conversation changed since it was last saved (a message whose handling
failed half-way) is read again from the database rather than from memory.

On SQLite the store keeps its connection open, and the database is in
write-ahead-log mode with `synchronous=NORMAL`: a write no longer opens a
connection and waits for the disk. A crash of Rasa loses nothing committed;
a power cut or an operating system crash can lose the last moments' events.

For **one Rasa process** only (the default `make run`, SQLite): with several
replicas sharing a database, another replica's messages would not be in this
one's memory, so the production profiles keep Rasa's `SQL` store.

endpoints: `tracker_store: {type: stores.cached_sql.CachedSQLTrackerStore, dialect: sqlite,
db: tracker.db, cached_conversations: 1000}`, plus any key of Rasa's `SQL` store.
"""

import itertools
from collections import OrderedDict
from typing import Any, Iterator, Optional, Text, Tuple

import sqlalchemy
import sqlalchemy.orm
import sqlalchemy.pool
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker


def _write_ahead_log(connection: Any, _: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class CachedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Optional[Domain] = None, cached_conversations: int = 1000, **kwargs: Any) -> None:
        super().__init__(domain, **kwargs)
        try:
            self.cached_conversations = int(cached_conversations)
        except (TypeError, ValueError):
            raise ValueError(
                f"tracker_store.cached_conversations must be a whole number, not {cached_conversations!r}"
            ) from None
        if self.cached_conversations < 1:
            raise ValueError("tracker_store.cached_conversations must be at least 1")
        if self.engine.dialect.name == "sqlite":
            # One connection kept open per thread (Rasa calls the store from its event loop's
            # thread), in place of a new one per read or write, whose closing also flushed the log.
            url = self.engine.url
            self.engine.dispose()
            self.engine = sqlalchemy.create_engine(url, poolclass=sqlalchemy.pool.SingletonThreadPool)
            sqlalchemy.event.listen(self.engine, "connect", _write_ahead_log)
            self.sessionmaker = sqlalchemy.orm.sessionmaker(bind=self.engine)
        # sender id -> (the tracker, how many of its events are in the database)
        self._memory: "OrderedDict[Text, Tuple[DialogueStateTracker, int]]" = OrderedDict()

    def _saved_count(self, tracker: DialogueStateTracker) -> Optional[int]:
        """How many events of this very tracker object are in the database, if it is the one in memory."""
        kept = self._memory.get(tracker.sender_id)
        return kept[1] if kept is not None and kept[0] is tracker else None

    def _remember(self, tracker: DialogueStateTracker) -> None:
        if tracker.events.maxlen is not None:  # a capped history cannot tell what is new
            self._memory.pop(tracker.sender_id, None)
            return
        self._memory[tracker.sender_id] = (tracker, len(tracker.events))
        self._memory.move_to_end(tracker.sender_id)
        while len(self._memory) > self.cached_conversations:
            self._memory.popitem(last=False)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        kept = self._memory.get(sender_id)
        if kept is not None and len(kept[0].events) == kept[1]:
            self._memory.move_to_end(sender_id)
            return kept[0]
        self._memory.pop(sender_id, None)  # not in memory, or changed and never saved: read it again
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            self._remember(tracker)
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        """The events not yet in the database: known without a query when the tracker is the one in memory."""
        saved = self._saved_count(tracker)
        if saved is None:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, saved, None)

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        """Publishes the new events to the event broker, when one is configured."""
        saved = self._saved_count(tracker)
        if self.event_broker is None or saved is None:
            return await super().stream_events(tracker)
        await self._stream_new_events(self.event_broker, list(tracker.events)[saved:], tracker.sender_id)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)
        self._remember(tracker)
