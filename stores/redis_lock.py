"""Rasa's Redis lock store, made safe for several replicas at once.

Rasa 3.6's RedisLockStore keeps each conversation's ticket queue as one JSON
value and changes it by read-modify-write (GET, change, SET) with no
transaction. One replica is safe, since its Redis calls are synchronous; two
replicas taking messages of the same conversation at the same moment
overwrite each other's tickets, and one of them can delete the queue while
the other's messages still wait in it: those messages then fail with
"Could not acquire lock" or are answered with nothing (seen with 20
concurrent messages of one sender over two replicas). This store makes every
change of the queue an optimistic Redis transaction (WATCH/MULTI/EXEC,
retried on conflict), and removes the queue in the same transaction that
serves its last ticket. Every other behaviour is Rasa's.

endpoints: `lock_store: {type: stores.redis_lock.AtomicRedisLockStore, url: ..., port: ..., ...}`,
the same keys as Rasa's `redis` lock store.
"""

import json
from typing import Callable, Optional, Text, Tuple, TypeVar, Union

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

MAX_ATTEMPTS = 200


class Unchanged:
    """What a lock change returns to leave the stored lock as it is."""


UNCHANGED = Unchanged()
Result = TypeVar("Result")


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs) -> None:
        if endpoint_config is not None:
            kwargs = dict(endpoint_config.kwargs, host=endpoint_config.url or "localhost", **kwargs)
        super().__init__(**kwargs)

    def _transaction(
        self,
        conversation_id: Text,
        change: Callable[[Optional[TicketLock]], Tuple[Union[TicketLock, Unchanged, None], Result]],
    ) -> Result:
        """Applies `change` to the stored lock atomically and returns its result.

        `change(lock)` returns (new lock, result); new lock None deletes the
        key, UNCHANGED writes nothing.
        """
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            for _ in range(MAX_ATTEMPTS):
                try:
                    pipe.watch(key)
                    raw = pipe.get(key)
                    lock = TicketLock.from_dict(json.loads(raw)) if raw else None
                    new_lock, result = change(lock)
                    if isinstance(new_lock, Unchanged):
                        pipe.unwatch()
                        return result
                    pipe.multi()
                    if new_lock is None:
                        pipe.delete(key)
                    else:
                        pipe.set(key, new_lock.dumps())
                    pipe.execute()
                    return result
                except redis.WatchError:
                    continue
        raise LockError(f"Could not update the lock of conversation '{conversation_id}': too much contention.")

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def change(lock):
            lock = lock or TicketLock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._transaction(conversation_id, change)
        except LockError:
            raise
        except Exception as error:  # Rasa's lock stores turn any failure into a LockError
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: Text) -> None:
        def change(lock):
            if lock is None:
                return UNCHANGED, None
            lock.remove_expired_tickets()
            return (lock if lock.is_someone_waiting() else None), None

        self._transaction(conversation_id, change)

    def finish_serving(self, conversation_id: Text, ticket_number: int) -> None:
        def change(lock):
            if lock is None:
                return UNCHANGED, None
            lock.remove_ticket_for(ticket_number)
            return lock, None

        self._transaction(conversation_id, change)

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        def change(lock):
            if lock is None:
                return UNCHANGED, None
            lock.remove_ticket_for(ticket_number)
            lock.remove_expired_tickets()
            return (lock if lock.is_someone_waiting() else None), None

        self._transaction(conversation_id, change)
