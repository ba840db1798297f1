"""Citizen search (by NISS or by name) and a citizen's contact files."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from athena_server.errors import invalid, not_found
from athena_server.keys import search_key
from athena_server.schema import citizens, contact_files
from athena_server.summaries import summary_select, to_summary
from backend_client.models import Citizen, FileSummary
from backend_client.niss import NissError, normalize_niss

SEARCH_LIMIT = 200


def parse_niss(raw: str) -> str:
    """Bare NISS digits, or 422 naming the field ``niss`` and the problem."""
    try:
        return normalize_niss(raw)
    except NissError as exc:
        raise invalid("niss", str(exc)) from None


def _citizen(row: sa.Row[tuple[object, ...]]) -> Citizen:
    m = row._mapping
    return Citizen(
        niss=m["niss"],
        last_name=m["last_name"],
        first_name=m["first_name"],
        birth_date=m["birth_date"],
        language=m["language"],
    )


def get_citizen(conn: sa.Connection, niss: str) -> Citizen:
    row = conn.execute(sa.select(citizens).where(citizens.c.niss == niss)).first()
    if row is None:
        raise not_found(f"no citizen with NISS {niss}", field="niss")
    return _citizen(row)


def search(
    conn: sa.Connection,
    *,
    niss: str | None,
    last_name: str | None,
    first_name: str | None,
    birth_date: dt.date | None,
) -> list[Citizen]:
    """By NISS, or by last name (prefix, accent- and case-blind) with optional first
    name (prefix) and birth date."""
    if niss:
        found = conn.execute(sa.select(citizens).where(citizens.c.niss == parse_niss(niss))).first()
        return [] if found is None else [_citizen(found)]
    if not last_name or not search_key(last_name):
        raise invalid("last_name", "give a NISS, or a last name")
    query = sa.select(citizens).where(
        citizens.c.last_name_key.startswith(search_key(last_name), autoescape=True)
    )
    if first_name and search_key(first_name):
        query = query.where(
            citizens.c.first_name_key.startswith(search_key(first_name), autoescape=True)
        )
    if birth_date is not None:
        query = query.where(citizens.c.birth_date == birth_date)
    query = query.order_by(
        citizens.c.last_name_key, citizens.c.first_name_key, citizens.c.birth_date
    ).limit(SEARCH_LIMIT)
    return [_citizen(r) for r in conn.execute(query)]


def files_of(conn: sa.Connection, niss: str, viewer_id: int) -> list[FileSummary]:
    """All the citizen's files, closed ones included, newest first (F9, F12)."""
    get_citizen(conn, niss)
    rows = conn.execute(
        summary_select(viewer_id)
        .where(contact_files.c.niss == niss)
        .order_by(contact_files.c.created_at.desc(), contact_files.c.id.desc())
    )
    return [to_summary(r) for r in rows]
