"""Counters, the audit trail and the change feed: what every write leaves behind."""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Any

import sqlalchemy as sa

from athena_server.schema import audit, changes, contact_files, counters, metadata

CHANGE_SEQ = "change_seq"
CHANGES_CHANNEL = "athena_changes"
"""PostgreSQL NOTIFY channel of committed changes: other processes' long-polls wake."""
TICKET = "ticket"


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: _jsonable(v) for k, v in values.items()}


def ensure_counters(conn: sa.Connection) -> None:
    """Create the counters, or raise them to what the data already holds (after a seed)."""
    top_seq = conn.execute(sa.select(sa.func.max(changes.c.seq))).scalar() or 0
    top_ticket_raw = conn.execute(sa.select(sa.func.max(contact_files.c.ticket))).scalar()
    top_ticket = int(top_ticket_raw[2:]) if top_ticket_raw else 0
    for name, floor in ((CHANGE_SEQ, top_seq), (TICKET, top_ticket)):
        current = conn.execute(sa.select(counters.c.value).where(counters.c.name == name)).scalar()
        if current is None:
            conn.execute(counters.insert().values(name=name, value=floor))
        elif current < floor:
            conn.execute(counters.update().where(counters.c.name == name).values(value=floor))


def sync_sequences(conn: sa.Connection) -> None:
    """On PostgreSQL, move each serial id sequence past the ids already stored: seeds and
    test data insert explicit ids, which PostgreSQL sequences do not notice (SQLite does)."""
    if conn.dialect.name != "postgresql":
        return
    for table in metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, sa.Integer):
            continue
        column = pk[0]
        conn.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
            ),
            {"table": table.name, "column": column.name},
        )


def serialize_writers(conn: sa.Connection) -> None:
    """Take the change-feed counter's row lock first, before any file row.

    Every write ends by taking that lock (``record_change``); a write that locked file
    rows first could wait on it while the holder waits on one of those files — a
    deadlock PostgreSQL breaks by failing one side (seen with dispatch racing take).
    Taking it first orders all writers on one lock. SQLite already has one writer."""
    if conn.dialect.name != "postgresql":
        return
    locked = conn.execute(
        sa.select(counters.c.value).where(counters.c.name == CHANGE_SEQ).with_for_update()
    ).first()
    if locked is None:
        ensure_counters(conn)


_writer_locks: weakref.WeakKeyDictionary[sa.Engine, threading.Lock] = weakref.WeakKeyDictionary()
_locks_lock = threading.Lock()


@contextmanager
def one_writer(engine: sa.Engine) -> Iterator[None]:
    """On SQLite, this process's write transactions take turns on a lock.

    SQLite has one writer anyway; without the lock the others wait in its busy handler,
    which sleeps up to 100 ms between tries, so under load a write waited far longer
    than the writes before it took (seen at 200 agents: take p50 0.6 s). PostgreSQL
    orders writers itself (``serialize_writers``)."""
    if engine.dialect.name != "sqlite":
        yield
        return
    with _locks_lock:
        lock = _writer_locks.setdefault(engine, threading.Lock())
    with lock:
        yield


def next_value(conn: sa.Connection, name: str) -> int:
    """Increment a counter. The row stays locked until commit, which on PostgreSQL also
    makes change-feed sequence numbers commit in order (a reader never skips one)."""
    updated = conn.execute(
        counters.update().where(counters.c.name == name).values(value=counters.c.value + 1)
    )
    if updated.rowcount == 0:
        ensure_counters(conn)
        conn.execute(
            counters.update().where(counters.c.name == name).values(value=counters.c.value + 1)
        )
    return int(
        conn.execute(sa.select(counters.c.value).where(counters.c.name == name)).scalar_one()
    )


def write_audit(
    conn: sa.Connection,
    *,
    at: dt.datetime,
    agent_id: int | None,
    action: str,
    file_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    conn.execute(
        audit.insert().values(
            at=at,
            agent_id=agent_id,
            actor=f"agent:{agent_id}" if agent_id is not None else "system",
            action=action,
            file_id=file_id,
            before=jsonable(before) if before is not None else None,
            after=jsonable(after) if after is not None else None,
        )
    )


def record_change(
    conn: sa.Connection,
    *,
    at: dt.datetime,
    file_id: int,
    old_group_id: str | None,
    new_group_id: str | None,
    old_assignee_id: int | None,
    new_assignee_id: int | None,
    closed_by: int | None,
) -> int:
    """One change-feed row naming every scope the change touched; returns its seq."""
    seq = next_value(conn, CHANGE_SEQ)
    conn.execute(
        changes.insert().values(
            seq=seq,
            file_id=file_id,
            old_group_id=old_group_id,
            new_group_id=new_group_id,
            old_assignee_id=old_assignee_id,
            new_assignee_id=new_assignee_id,
            closed_by=closed_by,
            at=at,
        )
    )
    if conn.dialect.name == "postgresql":
        # delivered at commit to every server process listening (``pg_listen``)
        conn.execute(sa.select(sa.func.pg_notify(CHANGES_CHANNEL, "")))
    return seq


def current_seq(conn: sa.Connection) -> int:
    """The newest committed change-feed position."""
    return int(conn.execute(sa.select(sa.func.max(changes.c.seq))).scalar() or 0)
