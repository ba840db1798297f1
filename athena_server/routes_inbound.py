"""HTTP routes of the inbound API (/v1/inbound): channel systems bring citizens' files
and messages in, and read back what the citizen sees. Separate from the agents' API:
a channel authenticates with its own key and acts only as itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import sqlalchemy as sa
from fastapi import APIRouter, Depends, File, Form, Header, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.datastructures import Headers

from athena_server import inbound
from athena_server.channels import Channel, authenticate, key_from_headers
from athena_server.deps import IdempotencyKey, State, as_json
from athena_server.files import Upload
from athena_server.idempotency import Answer, request_hash, run_write
from athena_server.inbound import ChannelInfo, CitizenFile, CitizenFileSummary
from athena_server.limits import CALLER, read_uploads
from backend_client.bounds import Word

router = APIRouter(prefix="/v1/inbound", tags=["inbound"])


def channel_gate(engine: sa.Engine) -> Callable[[Headers], Channel]:
    """The edge's check of a channel key, from the headers alone (before any body)."""

    def gate(headers: Headers) -> Channel:
        key = key_from_headers(headers.get("authorization"), headers.get("x-channel-key"))
        with engine.connect() as conn:
            return authenticate(conn, key)

    return gate


def current_channel(
    request: Request,
    state: State,
    authorization: Annotated[
        str | None, Header(description="Channel <key> (the key of `athena-server channels add`)")
    ] = None,
    x_channel_key: Annotated[
        str | None, Header(alias="X-Channel-Key", description="The channel key, if not above")
    ] = None,
) -> Channel:
    """The channel holding the key; 401 for none, an unknown or a revoked one (already
    checked by the edge before the body was read: its answer is taken as is)."""
    checked = request.scope.get("state", {}).get(CALLER)
    if isinstance(checked, Channel):
        return checked
    key = key_from_headers(authorization, x_channel_key)
    with state.engine.connect() as conn:
        return authenticate(conn, key)


Me = Annotated[Channel, Depends(current_channel)]
Attachments = Annotated[list[UploadFile] | None, File()]


def _uploads(state: State, received: list[UploadFile] | None) -> list[Upload]:
    settings = state.settings
    return read_uploads(
        received, most=settings.max_attachments, limit=settings.max_attachment_bytes
    )


def _write(
    state: State,
    channel: Channel,
    key: str | None,
    parts: tuple[object, ...],
    work: Callable[[sa.Connection], tuple[BaseModel, int]],
) -> Response:
    """One transaction under the channel's idempotency key, then wake agents' syncs."""

    def run(conn: sa.Connection) -> Answer:
        model, status = work(conn)
        return Answer(status=status, body=as_json(model))

    # idempotency keys are per caller; channels use negative ids so that they never
    # share a key space with an agent
    answer, replayed = run_write(state.engine, -channel.id, key, request_hash(*parts), run)
    if not replayed:
        state.notifier.notify()
    headers = {"Idempotency-Replayed": "true"} if replayed else {}
    return JSONResponse(answer.body, status_code=answer.status, headers=headers)


@router.get("/me")
def me(channel: Me) -> ChannelInfo:
    """The channel this key belongs to."""
    return ChannelInfo(name=channel.name, kind=channel.kind, group_id=channel.group_id)


@router.post("/files", status_code=201, response_model=CitizenFile)
def create_file(
    state: State,
    channel: Me,
    niss: Annotated[Word, Form()],
    # subject, question and body are checked by inbound.check_text (blank, NUL, length)
    subject: Annotated[str, Form()],
    question: Annotated[str, Form()],
    language: Annotated[Word | None, Form()] = None,
    category: Annotated[Word | None, Form()] = None,
    attachments: Attachments = None,
    key: IdempotencyKey = None,
) -> Response:
    """A citizen's new contact file (multipart), routed to a group; 201 with the
    citizen's view of it."""
    uploads = _uploads(state, attachments)
    settings = state.settings
    parts = (
        "inbound_file",
        niss,
        subject,
        question,
        language,
        category,
        [(u.name, u.media_type, u.sha256) for u in uploads],
    )

    def work(conn: sa.Connection) -> tuple[BaseModel, int]:
        made = inbound.create_file(
            conn,
            channel,
            niss=niss,
            subject=subject,
            question=question,
            uploads=uploads,
            language=language,
            category=category,
            max_attachments=settings.max_attachments,
            max_attachment_bytes=settings.max_attachment_bytes,
        )
        return made, 201

    return _write(state, channel, key, parts, work)


@router.post("/files/{ticket}/messages", response_model=CitizenFile)
def add_message(
    state: State,
    channel: Me,
    ticket: str,
    niss: Annotated[Word, Form()],
    body: Annotated[str, Form()],
    attachments: Attachments = None,
    key: IdempotencyKey = None,
) -> Response:
    """The citizen writes on their file: 200 with the file; on a closed file, 201 with
    a new file linked to it (``summary.reopened_from``)."""
    uploads = _uploads(state, attachments)
    settings = state.settings
    parts = (
        "inbound_message",
        ticket,
        niss,
        body,
        [(u.name, u.media_type, u.sha256) for u in uploads],
    )

    def work(conn: sa.Connection) -> tuple[BaseModel, int]:
        written, new = inbound.add_citizen_message(
            conn,
            channel,
            ticket,
            niss=niss,
            body=body,
            uploads=uploads,
            max_attachments=settings.max_attachments,
            max_attachment_bytes=settings.max_attachment_bytes,
        )
        return written, 201 if new else 200

    return _write(state, channel, key, parts, work)


@router.get("/files/{ticket}")
def get_file(state: State, channel: Me, ticket: str) -> CitizenFile:
    """The file as the citizen sees it: replies and final answers, never internal notes."""
    with state.engine.connect() as conn:
        return inbound.citizen_file(conn, channel, ticket)


@router.get("/citizens/{niss}/files")
def citizen_files(state: State, channel: Me, niss: str) -> list[CitizenFileSummary]:
    """The citizen's files that this channel brought in, newest first."""
    with state.engine.connect() as conn:
        return inbound.citizen_files(conn, channel, niss)
