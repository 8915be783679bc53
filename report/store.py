"""Reads the events of every conversation from the tracker store an endpoints file names.

Only Rasa's SQL tracker store is supported (SQLite by default, PostgreSQL in the
production profile), and stores/cached_sql.py, which writes the same table: it
keeps every event as a row of the `events` table. The
report never writes: a missing SQLite file or database is an error, not
something to create.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, Optional, Tuple

from common.text import collapse_spaces

SQL_STORES = ("sql", "stores.cached_sql.cachedsqltrackerstore")  # `type` values, lower case


class ReportError(Exception):
    """A problem the user can fix, said in one sentence (no traceback)."""


@dataclass
class Store:
    url: Any  # an SQLAlchemy URL (or URL text)
    description: str  # where it is, without the password


def store_from_endpoints(path: Path) -> Store:
    """The SQL tracker store `path` (an endpoints.yml) configures."""
    config = read_tracker_store_config(path)
    kind = str(config.get("type") or "").lower()
    if kind not in SQL_STORES:
        raise ReportError(
            f"{path}: the report reads an SQL tracker store (type: SQL), "
            f"but the tracker_store has type {config.get('type')!r}."
        )
    dialect = str(config.get("dialect") or "sqlite")
    db = str(config.get("db") or "rasa.db")
    if dialect == "sqlite":
        file = Path(db)
        if not file.is_file():
            raise ReportError(
                f"There is no tracker store at {file}: no conversation has been stored there yet "
                f"(the SQLite file named by {path} does not exist)."
            )
        return Store(f"sqlite:///{file}", f"SQLite {file}")
    return Store(sql_url(config, dialect, db), f"{dialect} database {db!r} on {config.get('url') or 'localhost'}")


def sql_url(config: Dict[str, Any], dialect: str, db: str) -> Any:
    """The SQLAlchemy URL of a server database, read as Rasa's SQL tracker store reads its
    settings: `url` is a host (optionally host:port) or a whole database URL."""
    import sqlalchemy as sa

    host = config.get("url")
    if host and "://" in str(host):
        return str(host)
    port = config.get("port")
    if host and ":" in str(host):
        host, _, port = str(host).rpartition(":")
    try:
        port = int(port) if port not in (None, "") else None
    except ValueError:
        raise ReportError(f"The tracker store's port {port!r} is not a number.") from None
    return sa.engine.url.URL.create(
        dialect,
        config.get("username") or None,
        config.get("password") or None,
        host or None,
        port,
        db,
        query=config.get("query") or {},
    )


def read_tracker_store_config(path: Path) -> Dict[str, Any]:
    from rasa.shared.utils.io import read_config_file

    if not path.is_file():
        raise ReportError(f"The endpoints file {path} does not exist.")
    try:
        content = read_config_file(str(path))
    except Exception as error:  # noqa: BLE001 - YAML errors, unset ${VARIABLES}: say which
        raise ReportError(f"The endpoints file {path} cannot be read: {one_line(error)}") from None
    config = content.get("tracker_store") if isinstance(content, dict) else None
    if not isinstance(config, dict):
        raise ReportError(
            f"The endpoints file {path} names no tracker_store (Rasa then keeps conversations "
            f"in memory only, so there is nothing to report)."
        )
    return config


def events(store: Store) -> Iterator[Tuple[str, Dict[str, Any]]]:
    """(sender id, event) for every stored event, in the order they were stored."""
    import sqlalchemy as sa

    try:
        engine = sa.create_engine(store.url)
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("events"):
                raise ReportError(
                    f"The tracker store ({store.description}) holds no conversations: it has no events table."
                )
            rows = connection.execute(sa.text("SELECT sender_id, data FROM events ORDER BY id")).fetchall()
    except sa.exc.SQLAlchemyError as error:
        raise ReportError(
            f"Cannot read the tracker store ({store.description}): {one_line(getattr(error, 'orig', None) or error)}"
        ) from None
    for sender_id, data in rows:
        event = parse_event(data)
        if event is not None:
            yield sender_id, event


def parse_event(data: Optional[str]) -> Optional[Dict[str, Any]]:
    try:
        event = json.loads(data or "")
    except ValueError:
        return None
    return event if isinstance(event, dict) else None


def one_line(error: BaseException) -> str:
    text = collapse_spaces(str(error))
    return text[:300] or error.__class__.__name__
