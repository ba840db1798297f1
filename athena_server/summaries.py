"""Reading contact files from the store: summaries (per viewer), threads, states."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from athena_server.db import as_utc, as_utc_opt
from athena_server.errors import not_found
from athena_server.rules import FileState
from athena_server.schema import (
    agents,
    attachments,
    citizens,
    contact_files,
    messages,
    read_marks,
)
from backend_client.models import (
    AgentRef,
    AttachmentMeta,
    ChannelKind,
    ContactFile,
    FileSummary,
    Message,
    Priority,
    Side,
    Status,
)

f = contact_files
assignee = agents.alias("assignee")
closer = agents.alias("closer")
changer = agents.alias("changer")


def summary_select(viewer_id: int) -> sa.Select[Any]:
    """Every column a FileSummary needs, with the viewer's read mark for ``unread``."""
    marks = read_marks.alias("mark")
    return (
        sa.select(
            f,
            citizens.c.first_name,
            citizens.c.last_name,
            assignee.c.name.label("assignee_name"),
            closer.c.name.label("closer_name"),
            marks.c.read_at,
        )
        .join(citizens, citizens.c.niss == f.c.niss)
        .outerjoin(assignee, assignee.c.id == f.c.assignee_id)
        .outerjoin(closer, closer.c.id == f.c.closed_by)
        .outerjoin(marks, sa.and_(marks.c.file_id == f.c.id, marks.c.agent_id == viewer_id))
    )


def to_summary(row: sa.Row[Any]) -> FileSummary:
    m = row._mapping
    news_at = as_utc_opt(m["news_at"])
    read_at = as_utc_opt(m["read_at"])
    return FileSummary(
        id=m["id"],
        ticket=m["ticket"],
        citizen_niss=m["niss"],
        citizen_name=f"{m['first_name']} {m['last_name']}",
        subject=m["subject"],
        channel=ChannelKind(m["channel"]),
        channel_name=m["channel_name"],
        group_id=m["group_id"],
        assignee=(
            AgentRef(id=m["assignee_id"], name=m["assignee_name"])
            if m["assignee_id"] is not None
            else None
        ),
        status=Status(m["status"]),
        priority=Priority(m["priority"]),
        language=m["language"],
        created_at=as_utc(m["created_at"]),
        updated_at=as_utc(m["updated_at"]),
        closed_at=as_utc_opt(m["closed_at"]),
        closed_by=(
            AgentRef(id=m["closed_by"], name=m["closer_name"])
            if m["closed_by"] is not None
            else None
        ),
        version=m["version"],
        message_count=m["message_count"],
        last_message_at=as_utc(m["last_message_at"]),
        unread=news_at is not None and (read_at is None or read_at < news_at),
    )


def summary(conn: sa.Connection, file_id: int, viewer_id: int) -> FileSummary:
    row = conn.execute(summary_select(viewer_id).where(f.c.id == file_id)).first()
    if row is None:
        raise not_found(f"no contact file {file_id}")
    return to_summary(row)


def summaries(conn: sa.Connection, file_ids: Iterable[int], viewer_id: int) -> list[FileSummary]:
    """Summaries of the given files, in id order (unknown ids are skipped)."""
    ids = sorted(set(file_ids))
    if not ids:
        return []
    rows = conn.execute(summary_select(viewer_id).where(f.c.id.in_(ids)).order_by(f.c.id))
    return [to_summary(r) for r in rows]


def file_state(conn: sa.Connection, file_id: int) -> FileState:
    """The rules' view of a file; 404 when unknown."""
    row = conn.execute(
        sa.select(
            f.c.id,
            f.c.ticket,
            f.c.niss,
            f.c.group_id,
            f.c.status,
            f.c.version,
            f.c.priority,
            f.c.assignee_id,
            assignee.c.name.label("assignee_name"),
            f.c.closed_by,
            f.c.updated_at,
            changer.c.name.label("changer_name"),
            f.c.last_action,
        )
        .outerjoin(assignee, assignee.c.id == f.c.assignee_id)
        .outerjoin(changer, changer.c.id == f.c.updated_by)
        .where(f.c.id == file_id)
    ).first()
    if row is None:
        raise not_found(f"no contact file {file_id}")
    return FileState(
        id=row.id,
        ticket=row.ticket,
        niss=row.niss,
        group_id=row.group_id,
        status=Status(row.status),
        version=row.version,
        priority=Priority(row.priority),
        assignee_id=row.assignee_id,
        assignee_name=row.assignee_name,
        closed_by=row.closed_by,
        updated_at=as_utc_opt(row.updated_at),
        updated_by_name=row.changer_name,
        last_action=row.last_action,
    )


def file_id_by_ticket(conn: sa.Connection, ticket: str) -> int:
    found = conn.execute(sa.select(f.c.id).where(f.c.ticket == ticket)).scalar()
    if found is None:
        raise not_found(f"no contact file {ticket}", field="ticket")
    return int(found)


def attachments_of(conn: sa.Connection, message_ids: Sequence[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    if not message_ids:
        return out
    rows = conn.execute(
        sa.select(attachments)
        .where(attachments.c.message_id.in_(message_ids))
        .order_by(attachments.c.id)
    )
    for r in rows:
        out[r.message_id].append(r)
    return out


def thread(conn: sa.Connection, file_id: int) -> list[Message]:
    """Messages of a file, oldest first, each with its attachments."""
    rows = conn.execute(
        sa.select(messages)
        .where(messages.c.file_id == file_id)
        .order_by(messages.c.created_at, messages.c.id)
    ).all()
    atts = attachments_of(conn, [r.id for r in rows])
    return [
        Message(
            id=r.id,
            side=Side(r.side),
            author=r.author,
            author_agent_id=r.author_agent_id,
            body=r.body,
            visible_to_citizen=bool(r.visible_to_citizen),
            final=bool(r.final),
            created_at=as_utc(r.created_at),
            attachments=[
                AttachmentMeta(
                    id=a.id, name=a.name, media_type=a.media_type, size=a.size, sha256=a.sha256
                )
                for a in atts[r.id]
            ],
        )
        for r in rows
    ]


def _tickets(conn: sa.Connection, where: sa.ColumnElement[bool]) -> list[str]:
    return list(conn.execute(sa.select(f.c.ticket).where(where).order_by(f.c.id)).scalars())


def encoder(conn: sa.Connection, file_id: int) -> AgentRef | None:
    """The agent who typed the citizen's first question of a file encoded for them."""
    m = messages.c
    row = conn.execute(
        sa.select(agents.c.id, agents.c.name)
        .join(messages, m.author_agent_id == agents.c.id)
        .where(m.file_id == file_id, m.side == Side.CITIZEN.value)
        .order_by(m.created_at, m.id)
        .limit(1)
    ).first()
    return None if row is None else AgentRef(id=row.id, name=row.name)


def contact_file(conn: sa.Connection, file_id: int, viewer_id: int) -> ContactFile:
    """The whole file as the agent view shows it."""
    head = summary(conn, file_id, viewer_id)
    row = conn.execute(
        sa.select(
            f.c.category,
            f.c.career_year,
            f.c.career_element,
            f.c.merged_into_id,
            f.c.split_from_id,
            f.c.reopened_from_id,
        ).where(f.c.id == file_id)
    ).one()

    def ticket_of(other: int | None) -> str | None:
        if other is None:
            return None
        return conn.execute(sa.select(f.c.ticket).where(f.c.id == other)).scalar()

    return ContactFile(
        summary=head,
        encoded_by=encoder(conn, file_id) if head.channel is ChannelKind.AGENT else None,
        category=row.category,
        career_year=row.career_year,
        career_element=row.career_element,
        merged_from=_tickets(conn, f.c.merged_into_id == file_id),
        merged_into=ticket_of(row.merged_into_id),
        split_from=ticket_of(row.split_from_id),
        split_into=_tickets(conn, f.c.split_from_id == file_id),
        reopened_from=ticket_of(row.reopened_from_id),
        messages=thread(conn, file_id),
    )
