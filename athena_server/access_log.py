"""The access log of citizens' data: who read which citizen's what, when and why (GDPR)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa

from athena_server.auth import CurrentAgent
from athena_server.db import as_utc, utcnow
from athena_server.schema import agents, citizen_access


class AccessKind(StrEnum):
    """What of a citizen was read."""

    SEARCH = "search"
    IDENTITY = "identity"
    FILES = "files"
    CAREER_AGENT = "career_agent"
    CAREER_CITIZEN = "career_citizen"
    FILE = "file"
    ATTACHMENT = "attachment"
    NEW_FILE = "new_file"
    REFUSED = "refused"
    """A look-up of this NISS that was refused (unknown citizen, a file that is not
    theirs, over the rate): who tried which NISS, on what ground."""


class PurposeKind(StrEnum):
    """On what ground: a contact file the agent may read, a typed reason, a search."""

    FILE = "file"
    REASON = "reason"
    SEARCH = "search"


@dataclass(frozen=True)
class Grounds:
    """The checked purpose of one read."""

    kind: PurposeKind
    file_id: int | None = None
    reason: str | None = None


def new_request_id() -> str:
    return uuid.uuid4().hex


def log_access(
    conn: sa.Connection,
    me: CurrentAgent,
    *,
    niss: str | None,
    what: AccessKind,
    grounds: Grounds,
    file_id: int | None = None,
    attachment_id: int | None = None,
    request_id: str | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Write one access-log row in the caller's transaction (the read's own, so the
    read and its trace commit or fail together). ``file_id`` defaults to the file the
    purpose names."""
    conn.execute(
        citizen_access.insert().values(
            at=at or utcnow(),
            agent_id=me.id,
            role=me.role.value,
            niss=niss,
            what=what.value,
            purpose=grounds.kind.value,
            file_id=file_id if file_id is not None else grounds.file_id,
            attachment_id=attachment_id,
            reason=grounds.reason,
            request_id=request_id or new_request_id(),
        )
    )


def log_file_read(
    conn: sa.Connection,
    me: CurrentAgent,
    *,
    niss: str,
    file_id: int,
    attachment_id: int | None = None,
) -> None:
    """A file or one of its attachments was read: the file itself is the purpose (the
    caller has checked the agent may read it)."""
    log_access(
        conn,
        me,
        niss=niss,
        what=AccessKind.FILE if attachment_id is None else AccessKind.ATTACHMENT,
        grounds=Grounds(PurposeKind.FILE, file_id=file_id),
        attachment_id=attachment_id,
    )


def searches_since(conn: sa.Connection, agent_id: int, since: dt.datetime) -> list[dt.datetime]:
    """When the agent's searches since ``since`` ran, oldest first (one per request)."""
    rows = conn.execute(
        sa.select(sa.func.min(citizen_access.c.at))
        .where(
            citizen_access.c.agent_id == agent_id,
            citizen_access.c.what == AccessKind.SEARCH.value,
            citizen_access.c.at > since,
        )
        .group_by(citizen_access.c.request_id)
    ).scalars()
    return sorted(as_utc(at) for at in rows)


def reason_reads_since(
    conn: sa.Connection, agent_id: int, since: dt.datetime
) -> dict[str, dt.datetime]:
    """The citizens the agent looked up on a typed reason since ``since`` (refused
    look-ups too), each with the first time in the window."""
    a = citizen_access
    rows = conn.execute(
        sa.select(a.c.niss, sa.func.min(a.c.at))
        .where(
            a.c.agent_id == agent_id,
            a.c.purpose == PurposeKind.REASON.value,
            a.c.niss.is_not(None),
            a.c.at > since,
        )
        .group_by(a.c.niss)
    ).all()
    return {niss: as_utc(at) for niss, at in rows}


@dataclass(frozen=True)
class AccessRow:
    """One line of the access log as a data-protection request prints it."""

    at: dt.datetime
    agent_id: int
    agent_name: str
    role: str
    niss: str | None
    what: str
    purpose: str
    file_id: int | None
    attachment_id: int | None
    reason: str | None


def read_log(
    conn: sa.Connection,
    *,
    niss: str | None = None,
    agent_id: int | None = None,
    since: dt.datetime | None = None,
) -> list[AccessRow]:
    """The access log filtered by citizen, agent and start time, oldest first."""
    a = citizen_access
    query = sa.select(a, agents.c.name.label("agent_name")).join(
        agents, agents.c.id == a.c.agent_id
    )
    if niss is not None:
        query = query.where(a.c.niss == niss)
    if agent_id is not None:
        query = query.where(a.c.agent_id == agent_id)
    if since is not None:
        query = query.where(a.c.at >= since)
    rows = conn.execute(query.order_by(a.c.at, a.c.id))
    return [
        AccessRow(
            at=as_utc(r.at),
            agent_id=r.agent_id,
            agent_name=r.agent_name,
            role=r.role,
            niss=r.niss,
            what=r.what,
            purpose=r.purpose,
            file_id=r.file_id,
            attachment_id=r.attachment_id,
            reason=r.reason,
        )
        for r in rows
    ]


COLUMNS = ("when (UTC)", "agent", "role", "NISS", "what", "purpose", "file", "reason")


def as_table(rows: Sequence[AccessRow]) -> str:
    """Aligned plain-text columns; the reason is flattened to one line."""
    lines = [
        (
            f"{r.at:%Y-%m-%d %H:%M:%S}",
            f"{r.agent_name} ({r.agent_id})",
            r.role,
            r.niss or "-",
            r.what if r.attachment_id is None else f"{r.what} {r.attachment_id}",
            r.purpose,
            str(r.file_id) if r.file_id is not None else "-",
            " ".join((r.reason or "-").split()),
        )
        for r in rows
    ]
    widths = [max(len(c) for c in col) for col in zip(COLUMNS, *lines, strict=True)]
    out = []
    for line in (COLUMNS, *lines):
        out.append("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    return "\n".join(out)
