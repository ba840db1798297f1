"""Deterministic demo data: fills an empty Athena store for ``athena-server --demo``."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from operator import methodcaller

import sqlalchemy as sa

from backend_client.models import SANCTION_KINDS, CareerKind

from . import schema
from .demo_data.attachments import blob_pool
from .demo_data.careers import CareerBuilder, PeriodRow
from .demo_data.files import (
    ATTACHMENT_COLUMNS,
    FILE_COLUMNS,
    MESSAGE_COLUMNS,
    READ_MARK_COLUMNS,
    FileFactory,
)
from .demo_data.organisations import GROUPS
from .demo_data.people import (
    DEMO_AGENT_ID,
    DEMO_AGENT_NAME,
    SECOND_AGENT_ID,
    SECOND_AGENT_NAME,
    build_agents,
    build_citizens,
)

__all__ = [
    "DEMO_AGENT_ID",
    "DEMO_AGENT_NAME",
    "SECOND_AGENT_ID",
    "SECOND_AGENT_NAME",
    "seed_demo",
]

_CHUNK_FILES = 5_000
# how SQLAlchemy's SQLite types store dates and (UTC, zone-less) datetimes as text
_SQLITE_TEXT = {
    "date": methodcaller("isoformat"),
    "datetime": methodcaller("isoformat", " ", "microseconds"),
}
_FACT_KINDS = frozenset(CareerKind) - SANCTION_KINDS - {CareerKind.NOTICE_PERIOD}
_PERIOD_COLUMNS = (
    "id", "niss", "kind", "start", "end", "days", "employer", "remuneration", "attestation_date",
)  # fmt: skip


def seed_demo(
    engine: sa.Engine,
    *,
    seed: int = 42,
    files: int = 10_000,
    citizens: int = 3_000,
    today: dt.date | None = None,
) -> None:
    """Fill an empty store (made by ``schema.metadata.create_all``) with demo data.

    The same ``seed`` and ``today`` give the same rows. Dates are relative to ``today``
    (default: the real date) so that notice periods stay in the future. Writes no
    changes, audit or sessions rows.
    """
    today = today or dt.date.today()
    rng = random.Random(seed)
    # naive UTC internally; the writer adds the zone where the database needs it
    now = dt.datetime.combine(today, dt.time())
    used_niss: set[str] = set()
    agent_rows, membership_rows, agent_specs = build_agents(rng, used_niss)
    citizen_rows, citizen_specs = build_citizens(rng, citizens, used_niss)

    counter = [0]

    def next_period_id() -> int:
        counter[0] += 1
        return counter[0]

    builder = CareerBuilder(rng, today, next_period_id)
    period_rows: list[PeriodRow] = []
    facts: list[list[tuple[str, int, str | None]]] = []
    for spec in citizen_specs:
        rows = builder.build(spec.niss, spec.birth, spec.male, spec.language)
        period_rows.extend(rows)
        facts.append([(r[2], r[3].year, r[6]) for r in rows if r[2] in _FACT_KINDS])

    blobs = blob_pool(rng)
    factory = FileFactory(rng, now, citizen_specs, facts, agent_specs, blobs)
    factory.plan(files)

    with engine.begin() as conn:
        writer = _Writer(conn)
        writer.insert(
            schema.groups,
            ("id", "name", "language", "partner"),
            [(g.id, g.name, g.language, g.partner) for g in GROUPS],
        )
        writer.insert(
            schema.agents,
            ("id", "national_number", "name", "language", "roles", "active"),
            agent_rows,
        )
        writer.insert(schema.memberships, ("agent_id", "group_id"), membership_rows)
        writer.insert(
            schema.citizens,
            (
                "niss",
                "last_name",
                "first_name",
                "last_name_key",
                "first_name_key",
                "birth_date",
                "language",
            ),  # fmt: skip
            citizen_rows,
        )
        writer.insert(schema.career_periods, _PERIOD_COLUMNS, period_rows)
        writer.insert(
            schema.blobs,
            ("sha256", "size", "content"),
            list({b.sha256: (b.sha256, b.size, b.content) for b in blobs}.values()),
        )
        for chunk in factory.chunks(_CHUNK_FILES):
            writer.insert(schema.contact_files, FILE_COLUMNS, chunk.files)
            writer.insert(schema.messages, MESSAGE_COLUMNS, chunk.messages)
            writer.insert(schema.attachments, ATTACHMENT_COLUMNS, chunk.attachments)
            writer.insert(schema.read_marks, READ_MARK_COLUMNS, chunk.read_marks)


class _Writer:
    """Bulk inserts: straight to the driver on SQLite (5× faster), Core elsewhere.

    The SQLite path stores values exactly as SQLAlchemy's SQLite types do (ISO dates,
    ``YYYY-MM-DD HH:MM:SS.ffffff`` UTC datetimes, 0/1 booleans), so the server reads
    them back through Core unchanged.
    """

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"

    def insert(
        self, table: sa.Table, columns: Sequence[str], rows: Sequence[tuple[object, ...]]
    ) -> None:
        if not rows:
            return
        kinds = [_kind(table.c[name].type) for name in columns]
        if self.sqlite:
            self._insert_sqlite(table, columns, kinds, rows)
            return
        if "datetime" in kinds:
            cols = list(zip(*rows, strict=True))
            for i, kind in enumerate(kinds):
                if kind == "datetime":
                    cols[i] = tuple(
                        None if v is None else v.replace(tzinfo=dt.UTC) for v in cols[i]
                    )
            rows = list(zip(*cols, strict=True))
        self.conn.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])

    def _insert_sqlite(
        self,
        table: sa.Table,
        columns: Sequence[str],
        kinds: list[str],
        rows: Sequence[tuple[object, ...]],
    ) -> None:
        if any(kind in _SQLITE_TEXT for kind in kinds):
            cols = list(zip(*rows, strict=True))
            for i, kind in enumerate(kinds):
                to_text = _SQLITE_TEXT.get(kind)
                if to_text is None:
                    continue  # booleans and numbers go through the driver as they are
                values = cols[i]
                if None in values:
                    cols[i] = tuple(None if v is None else to_text(v) for v in values)
                else:
                    cols[i] = tuple(map(to_text, values))
            rows = list(zip(*cols, strict=True))
        names = ", ".join(f'"{name}"' for name in columns)
        marks = ", ".join("?" for _ in columns)
        self.conn.exec_driver_sql(
            f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', list(rows)
        )


def _kind(column_type: sa.types.TypeEngine[object]) -> str:
    if isinstance(column_type, sa.DateTime):
        return "datetime"
    if isinstance(column_type, sa.Date):
        return "date"
    if isinstance(column_type, sa.Boolean):
        return "bool"
    return "plain"
