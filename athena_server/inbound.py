"""Store operations of the inbound channels: citizens' new files and messages, and what
the citizen sees of their files. Used by the inbound API and by the demo feed alike.

Every write leaves an audit row (actor ``channel:<name>``) and a change-feed row, so the
agents' sync sees it, and sets ``news_at`` so the assignee gets an unread marker. Text
is stored exactly as the channel sent it; only NUL bytes and over-long text are refused
(the agents' display makes the rest safe).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from pydantic import Field

from athena_server.channels import Channel
from athena_server.db import as_utc, as_utc_opt, utcnow
from athena_server.errors import DomainError, invalid, not_found
from athena_server.files import SUBJECT_MAX, Upload, add_message, store_blob
from athena_server.journal import TICKET, jsonable, next_value, record_change
from athena_server.routing import GroupInfo, route
from athena_server.schema import (
    attachments,
    audit,
    citizens,
    contact_files,
    file_links,
    groups,
    messages,
)
from athena_server.summaries import attachments_of
from backend_client.models import (
    AttachmentMeta,
    ChannelKind,
    Priority,
    Side,
    Status,
    Wire,
)
from backend_client.niss import NissError, normalize_niss
from backend_client.ticket import TicketError, make_ticket, normalize_ticket

f = contact_files
TEXT_MAX = 20_000
NAME_MAX = 255
LANGUAGES = ("fr", "nl", "de")
OPEN = (Status.NEW.value, Status.ASSIGNED.value, Status.WAITING.value)


# --------------------------------------------------------------------------- citizen view


class CitizenMessage(Wire):
    """A message as the citizen sees it: replies, final answers and their own messages."""

    id: int
    side: Side
    author: str
    body: str
    final: bool
    created_at: dt.datetime
    attachments: list[AttachmentMeta] = Field(default_factory=list)


class CitizenFileSummary(Wire):
    """A file as listed to the citizen (no group, assignee or internal state)."""

    ticket: str
    subject: str
    channel_name: str
    status: Status
    created_at: dt.datetime
    closed_at: dt.datetime | None = None
    last_message_at: dt.datetime
    reopened_from: str | None = None


class CitizenFile(Wire):
    """A file with the messages visible to the citizen, oldest first."""

    summary: CitizenFileSummary
    messages: list[CitizenMessage]


class ChannelInfo(Wire):
    """The channel a key belongs to (GET /v1/inbound/me)."""

    name: str
    kind: ChannelKind
    group_id: str | None = None


# --------------------------------------------------------------------------- checks


def check_text(field: str, value: str, *, most: int = TEXT_MAX) -> str:
    """Refuse blank, NUL-holding or over-long text; otherwise keep it exactly as sent."""
    if not value.strip():
        raise invalid(field, f"{field} is empty")
    if "\x00" in value:
        raise invalid(field, f"{field} holds a NUL byte")
    if len(value) > most:
        raise invalid(field, f"{field} is longer than {most} characters ({len(value)})")
    return value


def check_niss(raw: str) -> str:
    try:
        return normalize_niss(raw)
    except NissError as exc:
        raise invalid("niss", str(exc)) from None


def check_ticket(raw: str) -> str:
    try:
        return normalize_ticket(raw)
    except TicketError as exc:
        raise invalid("ticket", str(exc)) from None


def check_uploads(uploads: Sequence[Upload], *, most: int, limit: int) -> None:
    """At most ``most`` attachments (422), none larger than ``limit`` bytes (413)."""
    if len(uploads) > most:
        raise invalid("attachments", f"at most {most} attachments, not {len(uploads)}")
    for upload in uploads:
        if "\x00" in upload.name or not upload.name.strip():
            raise invalid("attachments", "an attachment has no usable name")
        if len(upload.content) > limit:
            raise DomainError(
                "too_large",
                f"{upload.name} is larger than {limit} bytes",
                field="attachments",
                details={"name": upload.name, "limit": limit},
            )


def _citizen(conn: sa.Connection, niss: str) -> sa.Row[Any]:
    row = conn.execute(sa.select(citizens).where(citizens.c.niss == niss)).first()
    if row is None:
        raise not_found(f"no citizen with NISS {niss}", field="niss")
    return row


def _owned(channel: Channel) -> sa.ColumnElement[bool]:
    """Files a channel may see and write to: those it brought in itself."""
    return sa.and_(f.c.channel == channel.kind.value, f.c.channel_name == channel.name)


def _own_file(conn: sa.Connection, channel: Channel, ticket: str) -> sa.Row[Any]:
    # another channel's file answers like an unknown one: a channel learns nothing of
    # files that are not its own
    row = conn.execute(sa.select(f).where(f.c.ticket == ticket, _owned(channel))).first()
    if row is None:
        raise not_found(f"no contact file {ticket} from channel {channel.name}", field="ticket")
    return row


# --------------------------------------------------------------------------- journal


def _audit(
    conn: sa.Connection,
    channel: Channel,
    *,
    at: dt.datetime,
    action: str,
    file_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> None:
    conn.execute(
        audit.insert().values(
            at=at,
            agent_id=None,
            actor=channel.actor,
            action=action,
            file_id=file_id,
            before=jsonable(before) if before is not None else None,
            after=jsonable(after),
        )
    )


def _attach(conn: sa.Connection, message_id: int, uploads: Sequence[Upload]) -> None:
    for upload in uploads:
        conn.execute(
            attachments.insert().values(
                message_id=message_id,
                name=upload.name[:NAME_MAX],
                media_type=upload.media_type[:100] or "application/octet-stream",
                size=len(upload.content),
                sha256=store_blob(conn, upload.content),
            )
        )


def _insert_file(
    conn: sa.Connection,
    channel: Channel,
    *,
    citizen: sa.Row[Any],
    subject: str,
    body: str,
    uploads: Sequence[Upload],
    group_id: str,
    language: str,
    priority: str,
    at: dt.datetime,
    action: str,
    reason: str,
    category: str | None = None,
    career_year: int | None = None,
    career_element: str | None = None,
    reopened_from_id: int | None = None,
) -> int:
    """A new unassigned file in ``group_id`` holding the citizen's first message."""
    ticket = make_ticket(next_value(conn, TICKET))
    result = conn.execute(
        f.insert().values(
            ticket=ticket,
            niss=citizen.niss,
            subject=subject[:SUBJECT_MAX],
            channel=channel.kind.value,
            channel_name=channel.name,
            group_id=group_id,
            assignee_id=None,
            status=Status.NEW.value,
            priority=priority,
            language=language,
            category=category,
            career_year=career_year,
            career_element=career_element,
            created_at=at,
            updated_at=at,
            updated_by=None,
            last_action=action,
            version=1,
            message_count=1,
            last_message_at=at,
            news_at=at,
            reopened_from_id=reopened_from_id,
        )
    )
    pk = result.inserted_primary_key
    assert pk is not None
    file_id = int(pk[0])
    message_id = add_message(
        conn,
        file_id=file_id,
        side=Side.CITIZEN,
        author=f"{citizen.first_name} {citizen.last_name}",
        author_agent_id=None,
        body=body,
        visible=True,
        final=False,
        at=at,
    )
    _attach(conn, message_id, uploads)
    after: dict[str, Any] = {
        "ticket": ticket,
        "group_id": group_id,
        "status": Status.NEW,
        "priority": priority,
        "routed": reason,
        "attachments": len(uploads),
    }
    if reopened_from_id is not None:
        after["reopened_from_id"] = reopened_from_id
    _audit(conn, channel, at=at, action=action, file_id=file_id, before=None, after=after)
    record_change(
        conn,
        at=at,
        file_id=file_id,
        old_group_id=None,
        new_group_id=group_id,
        old_assignee_id=None,
        new_assignee_id=None,
        closed_by=None,
    )
    return file_id


# --------------------------------------------------------------------------- writes


def create_file(
    conn: sa.Connection,
    channel: Channel,
    *,
    niss: str,
    subject: str,
    question: str,
    uploads: Sequence[Upload] = (),
    language: str | None = None,
    category: str | None = None,
    max_attachments: int = 5,
    max_attachment_bytes: int = 10 * 1024 * 1024,
    at: dt.datetime | None = None,
) -> CitizenFile:
    """A citizen's new file, routed to a group by ``routing.route``."""
    niss = check_niss(niss)
    subject = check_text("subject", subject, most=SUBJECT_MAX)
    question = check_text("question", question)
    if category is not None:
        category = check_text("category", category, most=100)
    if language is not None and language not in LANGUAGES:
        raise invalid("language", f"language is one of {', '.join(LANGUAGES)}")
    check_uploads(uploads, most=max_attachments, limit=max_attachment_bytes)
    citizen = _citizen(conn, niss)
    language = language or citizen.language
    known = [
        GroupInfo(id=r.id, language=r.language, partner=bool(r.partner))
        for r in conn.execute(sa.select(groups.c.id, groups.c.language, groups.c.partner))
    ]
    try:
        routed = route(
            language=language,
            subject=subject,
            category=category,
            channel_group=channel.group_id,
            groups=known,
        )
    except ValueError as exc:
        raise DomainError("unavailable", str(exc)) from None
    now = at or utcnow()
    file_id = _insert_file(
        conn,
        channel,
        citizen=citizen,
        subject=subject,
        body=question,
        uploads=uploads,
        group_id=routed.group_id,
        language=language,
        priority=Priority.MEDIUM.value,
        at=now,
        action="inbound_file",
        reason=routed.reason,
        category=category,
    )
    return citizen_file(conn, channel, _ticket_of(conn, file_id))


def add_citizen_message(
    conn: sa.Connection,
    channel: Channel,
    ticket: str,
    *,
    niss: str,
    body: str,
    uploads: Sequence[Upload] = (),
    max_attachments: int = 5,
    max_attachment_bytes: int = 10 * 1024 * 1024,
    at: dt.datetime | None = None,
) -> tuple[CitizenFile, bool]:
    """The citizen writes on one of their files. An open file gets the message (a file
    waiting for the citizen goes back to assigned); a closed one gets a new linked file,
    as helpdesks do. Returns (the file written to, whether it is new)."""
    ticket = check_ticket(ticket)
    niss = check_niss(niss)
    body = check_text("body", body)
    check_uploads(uploads, most=max_attachments, limit=max_attachment_bytes)
    row = _own_file(conn, channel, ticket)
    if row.niss != niss:
        raise not_found(f"no contact file {ticket} of citizen {niss}", field="ticket")
    citizen = _citizen(conn, niss)
    now = at or utcnow()
    if row.status not in OPEN:
        new_id = _insert_file(
            conn,
            channel,
            citizen=citizen,
            subject=row.subject,
            body=body,
            uploads=uploads,
            group_id=row.group_id,
            language=row.language,
            priority=row.priority,
            at=now,
            action="inbound_reopen",
            reason=f"reopen:{row.ticket}",
            category=row.category,
            career_year=row.career_year,
            career_element=row.career_element,
            reopened_from_id=row.id,
        )
        conn.execute(file_links.insert().values(kind="reopen", source_id=row.id, target_id=new_id))
        return citizen_file(conn, channel, _ticket_of(conn, new_id)), True
    status = Status.ASSIGNED.value if row.status == Status.WAITING.value else row.status
    done = conn.execute(
        f.update()
        .where(f.c.id == row.id, f.c.version == row.version)
        .values(
            status=status,
            version=f.c.version + 1,
            updated_at=now,
            updated_by=None,
            last_action="inbound_message",
            message_count=f.c.message_count + 1,
            last_message_at=now,
            news_at=now,
        )
    )
    if done.rowcount != 1:
        # an agent changed the file between our read and write: nothing was written
        raise DomainError("conflict", f"{ticket} changed at the same moment; send it again")
    message_id = add_message(
        conn,
        file_id=row.id,
        side=Side.CITIZEN,
        author=f"{citizen.first_name} {citizen.last_name}",
        author_agent_id=None,
        body=body,
        visible=True,
        final=False,
        at=now,
    )
    _attach(conn, message_id, uploads)
    before: dict[str, Any] = {"version": row.version}
    after: dict[str, Any] = {"version": row.version + 1, "attachments": len(uploads)}
    if status != row.status:
        before["status"], after["status"] = row.status, status
    _audit(
        conn,
        channel,
        at=now,
        action="inbound_message",
        file_id=row.id,
        before=before,
        after=after,
    )
    record_change(
        conn,
        at=now,
        file_id=row.id,
        old_group_id=row.group_id,
        new_group_id=row.group_id,
        old_assignee_id=row.assignee_id,
        new_assignee_id=row.assignee_id,
        closed_by=row.closed_by,
    )
    return citizen_file(conn, channel, ticket), False


# --------------------------------------------------------------------------- reads


def _ticket_of(conn: sa.Connection, file_id: int) -> str:
    return str(conn.execute(sa.select(f.c.ticket).where(f.c.id == file_id)).scalar_one())


def _summary(row: sa.Row[Any], reopened_from: str | None) -> CitizenFileSummary:
    return CitizenFileSummary(
        ticket=row.ticket,
        subject=row.subject,
        channel_name=row.channel_name,
        status=Status(row.status),
        created_at=as_utc(row.created_at),
        closed_at=as_utc_opt(row.closed_at),
        last_message_at=as_utc(row.last_message_at),
        reopened_from=reopened_from,
    )


def citizen_file(conn: sa.Connection, channel: Channel, ticket: str) -> CitizenFile:
    """What the citizen sees of one of the channel's files: never internal notes."""
    row = _own_file(conn, channel, check_ticket(ticket))
    origin = None
    if row.reopened_from_id is not None:
        origin = _ticket_of(conn, row.reopened_from_id)
    rows = conn.execute(
        sa.select(messages)
        .where(messages.c.file_id == row.id, messages.c.visible_to_citizen.is_(True))
        .order_by(messages.c.created_at, messages.c.id)
    ).all()
    atts = attachments_of(conn, [m.id for m in rows])
    return CitizenFile(
        summary=_summary(row, origin),
        messages=[
            CitizenMessage(
                id=m.id,
                side=Side(m.side),
                author=m.author,
                body=m.body,
                final=bool(m.final),
                created_at=as_utc(m.created_at),
                attachments=[
                    AttachmentMeta(
                        id=a.id, name=a.name, media_type=a.media_type, size=a.size, sha256=a.sha256
                    )
                    for a in atts[m.id]
                ],
            )
            for m in rows
        ],
    )


def citizen_files(conn: sa.Connection, channel: Channel, niss: str) -> list[CitizenFileSummary]:
    """The citizen's files brought in by this channel, newest first."""
    niss = check_niss(niss)
    _citizen(conn, niss)
    origin = f.alias("origin")
    rows = conn.execute(
        sa.select(f, origin.c.ticket.label("origin_ticket"))
        .outerjoin(origin, origin.c.id == f.c.reopened_from_id)
        .where(f.c.niss == niss, _owned(channel))
        .order_by(f.c.created_at.desc(), f.c.id.desc())
    ).all()
    return [_summary(r, r.origin_ticket) for r in rows]
