"""Citizens' data behind a purpose: search (paged, rate-limited), identity, their files."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata

import sqlalchemy as sa

from athena_server import rules
from athena_server.access_log import (
    AccessKind,
    Grounds,
    PurposeKind,
    log_access,
    new_request_id,
    reason_reads_since,
    searches_since,
)
from athena_server.auth import CurrentAgent
from athena_server.db import utcnow
from athena_server.errors import DomainError, invalid, not_found
from athena_server.keys import search_key
from athena_server.schema import citizens, contact_files
from athena_server.summaries import file_state, summary_select, to_summary
from backend_client.models import (
    REASON_MIN,
    SEARCH_MIN_CHARS,
    Citizen,
    CitizenPage,
    CitizenSearch,
    FileSummary,
    Purpose,
)
from backend_client.niss import NissError, normalize_niss

SEARCHES_PER_MINUTE = 30
"""Searches one agent may run in any 60 seconds, across every server process."""
RATE_WINDOW = dt.timedelta(minutes=1)
REASON_READS_PER_MINUTE = SEARCHES_PER_MINUTE
"""Citizens one agent may look up on a typed reason in any 60 seconds (each counted once
however many of their data are read), across every server process: a reason must not
enumerate citizens faster than search does."""

_PURPOSE_HINT = (
    "name a contact file of this citizen that you may read (purpose.file_id), "
    f"or type the reason of the read (purpose.reason, at least {REASON_MIN} characters)"
)


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


def _find(conn: sa.Connection, niss: str) -> Citizen:
    row = conn.execute(sa.select(citizens).where(citizens.c.niss == niss)).first()
    if row is None:
        # the caller's own input is not repeated: the answer carries no citizen data
        raise not_found("no citizen with this NISS", field="niss")
    return _citizen(row)


# --------------------------------------------------------------------------- purpose


def clean_reason(raw: str) -> str:
    """The reason as stored: one line, no control characters, ``REASON_MIN``+ long."""
    text = "".join(c for c in raw if unicodedata.category(c)[0] != "C" or c in "\t\n")
    text = " ".join(text.split())
    if len(text) < REASON_MIN:
        raise DomainError(
            "validation",
            f"the reason is too short: at least {REASON_MIN} characters",
            field="purpose.reason",
            details={"reason": "reason_too_short", "min": REASON_MIN},
        )
    return text


def check_purpose(
    conn: sa.Connection, me: CurrentAgent, niss: str, purpose: Purpose | None
) -> Grounds:
    """The read's grounds, or a refusal that carries no citizen data: no purpose → 403
    ``purpose_required``; a file that is not this citizen's or not readable by the agent
    → 403 ``purpose_refused``; a short reason → 422."""
    if purpose is None or (purpose.file_id is None and purpose.reason is None):
        raise DomainError(
            "forbidden",
            f"reading a citizen's data needs a purpose: {_PURPOSE_HINT}",
            field="purpose",
            details={"reason": "purpose_required", "reason_min": REASON_MIN},
        )
    if purpose.file_id is not None and purpose.reason is not None:
        raise invalid("purpose", "give a contact file or a reason, not both")
    if purpose.reason is not None:
        grounds = Grounds(PurposeKind.REASON, reason=clean_reason(purpose.reason))
        check_reason_rate(conn, me, niss, utcnow())
        return grounds
    assert purpose.file_id is not None
    refused = DomainError(
        "forbidden",
        f"contact file {purpose.file_id} is not a file of this citizen that you may read",
        field="purpose.file_id",
        details={"reason": "purpose_refused", "reason_min": REASON_MIN},
    )
    try:
        file = file_state(conn, purpose.file_id)
    except DomainError:
        raise refused from None
    if file.niss != niss or not rules.can_read(me.actor, file):
        raise refused
    return Grounds(PurposeKind.FILE, file_id=file.id)


# --------------------------------------------------------------------------- reads


def read_identity(
    conn: sa.Connection, me: CurrentAgent, niss: str, purpose: Purpose | None
) -> Citizen:
    """Who the citizen is, for a purpose; logged in the caller's transaction."""
    grounds = check_purpose(conn, me, niss, purpose)
    found = _find(conn, niss)
    log_access(conn, me, niss=niss, what=AccessKind.IDENTITY, grounds=grounds)
    return found


def read_files(
    conn: sa.Connection, me: CurrentAgent, niss: str, purpose: Purpose | None
) -> list[FileSummary]:
    """All the citizen's files, closed ones included, newest first (F9, F12)."""
    grounds = check_purpose(conn, me, niss, purpose)
    _find(conn, niss)
    rows = conn.execute(
        summary_select(me.id)
        .where(contact_files.c.niss == niss)
        .order_by(contact_files.c.created_at.desc(), contact_files.c.id.desc())
    )
    found = [to_summary(r) for r in rows]
    log_access(conn, me, niss=niss, what=AccessKind.FILES, grounds=grounds)
    return found


# --------------------------------------------------------------------------- search


def check_rate(conn: sa.Connection, me: CurrentAgent, now: dt.datetime) -> None:
    """429 ``rate_limited`` once the agent ran ``SEARCHES_PER_MINUTE`` searches in the
    last minute; ``retry_after`` = seconds until the oldest of them leaves the window."""
    recent = searches_since(conn, me.id, now - RATE_WINDOW)
    if len(recent) < SEARCHES_PER_MINUTE:
        return
    frees_at = recent[len(recent) - SEARCHES_PER_MINUTE] + RATE_WINDOW
    wait = max(1, math.ceil((frees_at - now).total_seconds()))
    raise DomainError(
        "rate_limited",
        f"too many citizen searches: at most {SEARCHES_PER_MINUTE} a minute; try again in {wait} s",
        details={"reason": "search_rate", "retry_after": wait, "limit": SEARCHES_PER_MINUTE},
    )


def check_reason_rate(conn: sa.Connection, me: CurrentAgent, niss: str, now: dt.datetime) -> None:
    """429 ``rate_limited`` once the agent looked up ``REASON_READS_PER_MINUTE`` other
    citizens on a typed reason in the last minute (a citizen already among them is
    free); ``retry_after`` = seconds until the oldest of them leaves the window."""
    recent = reason_reads_since(conn, me.id, now - RATE_WINDOW)
    if niss in recent or len(recent) < REASON_READS_PER_MINUTE:
        return
    firsts = sorted(recent.values())
    frees_at = firsts[len(firsts) - REASON_READS_PER_MINUTE] + RATE_WINDOW
    wait = max(1, math.ceil((frees_at - now).total_seconds()))
    limit = REASON_READS_PER_MINUTE
    raise DomainError(
        "rate_limited",
        f"too many citizens read on a typed reason: at most {limit} a minute; "
        f"try again in {wait} s",
        details={"reason": "reason_rate", "retry_after": wait, "limit": limit},
    )


def log_refused(
    engine: sa.Engine,
    me: CurrentAgent,
    niss: str,
    purpose: Purpose | None,
    refusal: DomainError,
) -> None:
    """Write who tried which NISS when a look-up with a purpose was refused as unknown,
    not this citizen's file or over the rate (in a transaction of its own: the read's
    was rolled back). A read without purpose is refused before anything is looked up
    and tells nothing; it is not logged."""
    if purpose is None:
        return
    counted = refusal.code in ("not_found", "rate_limited")
    if not counted and refusal.details.get("reason") != "purpose_refused":
        return
    if purpose.reason is not None:
        grounds = Grounds(PurposeKind.REASON, reason=clean_reason(purpose.reason))
    elif purpose.file_id is not None:
        grounds = Grounds(PurposeKind.FILE, file_id=purpose.file_id)
    else:
        return
    with engine.begin() as conn:
        log_access(conn, me, niss=niss, what=AccessKind.REFUSED, grounds=grounds)


def _name_query(query: CitizenSearch) -> sa.Select[tuple[object, ...]]:
    last = search_key(query.last_name or "")
    letters = sum(1 for c in last if c.isalnum())
    if letters < SEARCH_MIN_CHARS:
        raise DomainError(
            "validation",
            f"give a full NISS, or at least {SEARCH_MIN_CHARS} letters of the last name",
            field="last_name",
            details={"reason": "query_too_short", "min": SEARCH_MIN_CHARS},
        )
    select = sa.select(citizens).where(citizens.c.last_name_key.startswith(last, autoescape=True))
    if query.first_name and search_key(query.first_name):
        select = select.where(
            citizens.c.first_name_key.startswith(search_key(query.first_name), autoescape=True)
        )
    if query.birth_date is not None:
        select = select.where(citizens.c.birth_date == query.birth_date)
    return select.order_by(
        citizens.c.last_name_key, citizens.c.first_name_key, citizens.c.birth_date, citizens.c.niss
    )


def search(conn: sa.Connection, me: CurrentAgent, query: CitizenSearch) -> CitizenPage:
    """By a full NISS, or by the start of the last name (accent- and case-blind) with
    optional first name and birth date: one page, every hit logged."""
    if query.niss:
        select = sa.select(citizens).where(citizens.c.niss == parse_niss(query.niss))
        offset, limit = 0, 1
    else:
        select = _name_query(query)
        offset, limit = query.offset, query.limit
    now = utcnow()
    check_rate(conn, me, now)
    rows = list(conn.execute(select.offset(offset).limit(limit + 1)))
    found = [_citizen(r) for r in rows[:limit]]
    request_id = new_request_id()
    grounds = Grounds(PurposeKind.SEARCH)
    seen: list[str | None] = [c.niss for c in found] or [None]
    for niss in seen:
        log_access(
            conn,
            me,
            niss=niss,
            what=AccessKind.SEARCH,
            grounds=grounds,
            request_id=request_id,
            at=now,
        )
    return CitizenPage(citizens=found, offset=offset, more=len(rows) > limit)


def require_known(conn: sa.Connection, niss: str) -> None:
    """404 (without citizen data) for a NISS no citizen has."""
    _find(conn, niss)
