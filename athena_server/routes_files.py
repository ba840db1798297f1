"""HTTP routes of contact files: reads, the state machine, replies, dispatch, merge, split."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import quote

import sqlalchemy as sa
from fastapi import APIRouter, File, Form, Path, Query, Response, UploadFile

from athena_server import files, rules
from athena_server.access_log import log_file_read
from athena_server.db import as_utc
from athena_server.deps import IdempotencyKey, Me, State, write
from athena_server.errors import invalid, not_found
from athena_server.limits import read_uploads
from athena_server.schema import agents, attachments, audit, blobs, contact_files, messages
from athena_server.summaries import (
    contact_file,
    file_id_by_ticket,
    file_state,
    summary_select,
    to_summary,
)
from backend_client.bounds import INT32_MAX, Text, Version
from backend_client.models import (
    AgentRef,
    AuditEntry,
    ContactFile,
    DispatchRequest,
    DispatchResult,
    FileSummary,
    MergeRequest,
    MergeResult,
    MoveRequest,
    PriorityRequest,
    ReleaseRequest,
    SplitRequest,
    SplitResult,
    StatusRequest,
    TakeRequest,
)
from backend_client.ticket import TicketError, normalize_ticket

router = APIRouter(tags=["files"])

# ids are INTEGER columns: larger numbers name nothing and PostgreSQL cannot compare them
FileId = Annotated[int, Path(ge=1, le=INT32_MAX, description="The file's id")]
AttachmentId = Annotated[int, Path(ge=1, le=INT32_MAX, description="The attachment's id")]


# --------------------------------------------------------------------------- reads


@router.get("/v1/files/treated")
def treated(
    state: State,
    me: Me,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=INT32_MAX)] = 0,
) -> list[FileSummary]:
    """Files I closed, newest first (F15)."""
    f = contact_files
    with state.engine.connect() as conn:
        rows = conn.execute(
            summary_select(me.id)
            .where(f.c.closed_by == me.id, f.c.status == "closed")
            .order_by(f.c.closed_at.desc(), f.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        return [to_summary(r) for r in rows]


@router.get("/v1/files/by-ticket/{ticket}")
def by_ticket(state: State, me: Me, ticket: str) -> ContactFile:
    """Look a file up by its ticket (SR1234567); does not take it."""
    try:
        normal = normalize_ticket(ticket)
    except TicketError as exc:
        raise invalid("ticket", str(exc)) from None
    with state.engine.begin() as conn:
        file_id = file_id_by_ticket(conn, normal)
        rules.require_read(me.actor, file_state(conn, file_id))
        found = contact_file(conn, file_id, me.id)
        log_file_read(conn, me, niss=found.summary.citizen_niss, file_id=file_id)
        return found


@router.get("/v1/files/{file_id}")
def get_file(state: State, me: Me, file_id: FileId) -> ContactFile:
    """The whole file (agent view); does not take it."""
    with state.engine.begin() as conn:
        rules.require_read(me.actor, file_state(conn, file_id))
        found = contact_file(conn, file_id, me.id)
        log_file_read(conn, me, niss=found.summary.citizen_niss, file_id=file_id)
        return found


@router.get("/v1/files/{file_id}/audit")
def file_audit(state: State, me: Me, file_id: FileId) -> list[AuditEntry]:
    """Every state change of the file, oldest first."""
    with state.engine.connect() as conn:
        rules.require_read(me.actor, file_state(conn, file_id))
        rows = conn.execute(
            sa.select(audit, agents.c.name.label("agent_name"))
            .outerjoin(agents, agents.c.id == audit.c.agent_id)
            .where(audit.c.file_id == file_id)
            .order_by(audit.c.id)
        )
        return [
            AuditEntry(
                id=r.id,
                at=as_utc(r.at),
                agent=AgentRef(id=r.agent_id, name=r.agent_name) if r.agent_id else None,
                action=r.action,
                file_id=r.file_id,
                before=r.before,
                after=r.after,
            )
            for r in rows
        ]


@router.get(
    "/v1/attachments/{attachment_id}",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def get_attachment(state: State, me: Me, attachment_id: AttachmentId) -> Response:
    """The bytes of an attachment."""
    with state.engine.begin() as conn:
        row = conn.execute(
            sa.select(
                attachments.c.name,
                attachments.c.media_type,
                messages.c.file_id,
                blobs.c.content,
            )
            .join(messages, messages.c.id == attachments.c.message_id)
            .join(blobs, blobs.c.sha256 == attachments.c.sha256)
            .where(attachments.c.id == attachment_id)
        ).first()
        if row is None:
            raise not_found(f"no attachment {attachment_id}")
        file = file_state(conn, row.file_id)
        rules.require_read(me.actor, file)
        log_file_read(conn, me, niss=file.niss, file_id=file.id, attachment_id=attachment_id)
    content = bytes(row.content)
    return Response(
        content=content,
        # what the bytes are, never what the uploader claimed (text/html would run in a
        # browser); nosniff so no browser guesses past it
        media_type=sniff(content),
        headers={
            "Content-Disposition": disposition(row.name),
            "X-Content-Type-Options": "nosniff",
        },
    )


MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
"""The attachment types served as themselves, by their first bytes."""

TEXT_CONTROLS = frozenset(range(32)) - {9, 10, 12, 13}


def sniff(content: bytes) -> str:
    """The served media type: PDF, PNG, JPEG, GIF by magic bytes; UTF-8 text without
    control characters as plain text; anything else as opaque bytes."""
    for magic, media_type in MAGIC:
        if content.startswith(magic):
            return media_type
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    if any(ord(c) in TEXT_CONTROLS for c in text):
        return "application/octet-stream"
    return "text/plain; charset=utf-8"


UNSAFE_NAME = re.compile(
    r'[\x00-\x1f\x7f-\x9f"\\/;:*?<>|'
    # bidi controls and zero-width characters: "\u202efdp.exe" would show as "exe.pdf"
    r"\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def disposition(name: str) -> str:
    """``attachment`` with the name cleaned of paths, quotes and control characters: an
    ASCII fallback and the UTF-8 name (RFC 6266)."""
    safe = UNSAFE_NAME.sub("_", name).strip(" .") or "attachment"
    ascii_name = safe.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe)}"


# --------------------------------------------------------------------------- writes


@router.post("/v1/files/dispatch", response_model=DispatchResult)
def dispatch(state: State, me: Me, body: DispatchRequest, key: IdempotencyKey = None) -> Response:
    """Assign files of my groups to a teammate (F10); per-file outcome."""
    return write(
        state,
        me,
        key,
        ("dispatch", body.model_dump(mode="json")),
        lambda conn: files.dispatch(
            conn, me.actor, body.assignee_id, body.files, body.confirm_reassign
        ),
    )


@router.post("/v1/files/merge", response_model=MergeResult)
def merge(state: State, me: Me, body: MergeRequest, key: IdempotencyKey = None) -> Response:
    """Merge two or more open files of one citizen that I hold (F13), in one transaction."""
    return write(
        state,
        me,
        key,
        ("merge", body.model_dump(mode="json")),
        lambda conn: files.merge(conn, me.actor, body.files),
    )


@router.post("/v1/files/{file_id}/open", response_model=ContactFile)
def open_file(
    state: State, me: Me, file_id: FileId, body: TakeRequest, key: IdempotencyKey = None
) -> Response:
    """Open a file: takes it when unassigned in my group (F2), marks it read."""
    return write(
        state,
        me,
        key,
        ("open", file_id, body.model_dump(mode="json")),
        lambda conn: _logged(conn, me, files.open_file(conn, me.actor, file_id, body.version)),
    )


def _logged(conn: sa.Connection, me: Me, opened: ContactFile) -> ContactFile:
    log_file_read(conn, me, niss=opened.summary.citizen_niss, file_id=opened.summary.id)
    return opened


@router.post("/v1/files/{file_id}/take", response_model=FileSummary)
def take(
    state: State, me: Me, file_id: FileId, body: TakeRequest, key: IdempotencyKey = None
) -> Response:
    """Assign the file to myself; held by someone else → 409 naming them."""
    return write(
        state,
        me,
        key,
        ("take", file_id, body.model_dump(mode="json")),
        lambda conn: files.take(conn, me.actor, file_id, body.version),
    )


@router.post("/v1/files/{file_id}/release", response_model=FileSummary)
def release(
    state: State, me: Me, file_id: FileId, body: ReleaseRequest, key: IdempotencyKey = None
) -> Response:
    """Back to the group queue, un-assigned, status new."""
    return write(
        state,
        me,
        key,
        ("release", file_id, body.model_dump(mode="json")),
        lambda conn: files.release(conn, me.actor, file_id, body.version),
    )


@router.post("/v1/files/{file_id}/move", response_model=FileSummary)
def move(
    state: State, me: Me, file_id: FileId, body: MoveRequest, key: IdempotencyKey = None
) -> Response:
    """To another group's queue, un-assigned, status new (F11)."""
    return write(
        state,
        me,
        key,
        ("move", file_id, body.model_dump(mode="json")),
        lambda conn: files.move(conn, me.actor, file_id, body.version, body.group_id),
    )


@router.post("/v1/files/{file_id}/priority", response_model=FileSummary)
def priority(
    state: State, me: Me, file_id: FileId, body: PriorityRequest, key: IdempotencyKey = None
) -> Response:
    """Set high, medium or low."""
    return write(
        state,
        me,
        key,
        ("priority", file_id, body.model_dump(mode="json")),
        lambda conn: files.set_priority(conn, me.actor, file_id, body.version, body.priority),
    )


@router.post("/v1/files/{file_id}/status", response_model=FileSummary)
def status(
    state: State, me: Me, file_id: FileId, body: StatusRequest, key: IdempotencyKey = None
) -> Response:
    """Assigned ⇄ waiting, by the agent holding the file."""
    return write(
        state,
        me,
        key,
        ("status", file_id, body.model_dump(mode="json")),
        lambda conn: files.set_status(conn, me.actor, file_id, body.version, body.status),
    )


@router.post("/v1/files/{file_id}/messages", response_model=ContactFile)
def post_message(
    state: State,
    me: Me,
    file_id: FileId,
    version: Annotated[Version, Form()],
    body: Annotated[Text, Form()],
    visible_to_citizen: Annotated[bool, Form()] = True,
    final: Annotated[bool, Form()] = True,
    attachments: Annotated[list[UploadFile] | None, File()] = None,
    key: IdempotencyKey = None,
) -> Response:
    """Reply (F4): multipart; a final answer (the default) closes the file; an internal
    note needs ``visible_to_citizen=false`` and ``final=false``."""
    uploads = read_uploads(
        attachments,
        most=state.settings.max_attachments,
        limit=state.settings.max_attachment_bytes,
    )
    parts = (
        "messages",
        file_id,
        version,
        body,
        visible_to_citizen,
        final,
        [(u.name, u.media_type, u.sha256) for u in uploads],
    )
    return write(
        state,
        me,
        key,
        parts,
        # the answer is the whole file: a read like any other
        lambda conn: _logged(
            conn,
            me,
            files.reply(
                conn,
                me.actor,
                file_id,
                version,
                body=body,
                visible=visible_to_citizen,
                final=final,
                uploads=uploads,
                max_attachments=state.settings.max_attachments,
            ),
        ),
    )


@router.post("/v1/files/{file_id}/read", status_code=204, response_class=Response)
def mark_read(state: State, me: Me, file_id: FileId, key: IdempotencyKey = None) -> Response:
    """Mark the file read for me."""

    def work(conn: sa.Connection) -> None:
        files.read(conn, me.actor, file_id)

    return write(state, me, key, ("read", file_id), work, status=204)


@router.post("/v1/files/{file_id}/split", response_model=SplitResult)
def split(
    state: State, me: Me, file_id: FileId, body: SplitRequest, key: IdempotencyKey = None
) -> Response:
    """Split a file I hold in two (F14), in one transaction."""
    return write(
        state,
        me,
        key,
        ("split", file_id, body.model_dump(mode="json")),
        lambda conn: files.split(conn, me.actor, file_id, body.version, body.message),
    )
