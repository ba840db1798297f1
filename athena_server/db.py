"""Engine creation, schema creation and the transaction helper of the Athena store."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from athena_server.schema import metadata
from athena_server.store_meta import store_meta

assert store_meta.metadata is metadata  # imported to register the table with the rest

BUSY_TIMEOUT_MS = 10_000


def make_engine(url: str) -> sa.Engine:
    """An engine for any SQLAlchemy URL; SQLite gets WAL, foreign keys and a busy timeout."""
    sa_url = sa.make_url(url)
    if sa_url.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True, future=True)
    memory = sa_url.database in (None, "", ":memory:")
    if not memory and sa_url.database and not sa_url.database.startswith("file:"):
        private_file(Path(sa_url.database))
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": 10}}
    if memory:
        # one shared connection, or every pooled connection would see its own empty DB
        kwargs["poolclass"] = sa.pool.StaticPool
    else:
        # as many kept connections as the threadpool has threads: with the default 5,
        # requests under load opened and closed their own connections (pragmas each time)
        kwargs.update(pool_size=40, max_overflow=10)
    engine = sa.create_engine(url, **kwargs)

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return engine


def private_file(path: Path) -> None:
    """The store holds citizens' data: its file is the server's alone (0600); SQLite
    gives its -wal and -shm files the same mode. A missing folder is not made: a typo in
    ``--db`` is refused (by SQLite) rather than served from a new empty store."""
    if not path.parent.is_dir():
        return
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
        # a store made before (or under a loose umask) is tightened as well
        os.chmod(path, 0o600)
    except OSError:
        return  # not ours to create or change: SQLite says why it cannot open it


def create_all(engine: sa.Engine) -> None:
    """Bring the store to the newest schema through the migrations (an empty store gets
    every table, the store's own facts included)."""
    from athena_server import migrate

    migrate.upgrade(engine)


def drop_all(engine: sa.Engine) -> None:
    """Drop every table, the migrations' revision included (loses all data)."""
    metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def is_empty(engine: sa.Engine) -> bool:
    """True when the store holds nothing of anyone: no group, agent, session, channel,
    citizen or file (a store with only a channel key is a production store in the
    making, not a blank page for demo data)."""
    from athena_server.schema import agents, channels, citizens, contact_files, groups, sessions

    with engine.connect() as conn:
        return all(
            conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is None
            for table in (groups, agents, sessions, channels, citizens, contact_files)
        )


@contextmanager
def transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One transaction: commits when the block ends, rolls everything back on error."""
    with engine.begin() as conn:
        yield conn


def utcnow() -> dt.datetime:
    """Now, in UTC, timezone-aware."""
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """Stored times come back naive from SQLite; they are always UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def as_utc_opt(value: dt.datetime | None) -> dt.datetime | None:
    """``as_utc`` for nullable columns."""
    return None if value is None else as_utc(value)
