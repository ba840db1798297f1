"""HTTP routes of citizens: search, identity, their files, a new file on their behalf,
career. Every one is a POST whose body carries the NISS (never the URL, which server
logs keep) and, for reads of one citizen, the purpose; every read is access-logged in
its own transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from athena_server import citizens, files
from athena_server.access_log import AccessKind, log_access
from athena_server.auth import CurrentAgent
from athena_server.career import read_career
from athena_server.deps import IdempotencyKey, Me, ServerState, State, write
from athena_server.errors import DomainError
from backend_client.models import (
    Career,
    CareerRead,
    Citizen,
    CitizenNewFile,
    CitizenPage,
    CitizenRead,
    CitizenSearch,
    ContactFile,
    ErrorBody,
    ErrorEnvelope,
    FileSummary,
    Purpose,
)

router = APIRouter(tags=["citizens"])


def _rate_limited(exc: DomainError) -> JSONResponse:
    """The 429 envelope with ``Retry-After`` (the app's handler adds no such header)."""
    body = ErrorEnvelope(
        error=ErrorBody(code=exc.code, message=exc.message, field=exc.field, details=exc.details)
    )
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=exc.status,
        headers={"Retry-After": str(exc.details.get("retry_after", 60))},
    )


@contextmanager
def refusals_logged(
    state: ServerState, me: CurrentAgent, niss: str, purpose: Purpose | None
) -> Iterator[None]:
    """A refused look-up of ``niss`` (unknown, not this citizen's file, over the rate)
    is written to the access log before the refusal is answered."""
    try:
        yield
    except DomainError as exc:
        citizens.log_refused(state.engine, me, niss, purpose, exc)
        raise


@router.post("/v1/citizens/search", response_model=CitizenPage)
def search(state: State, me: Me, body: CitizenSearch) -> Response:
    """By a full NISS (formatted or bare; bad check digits → 422 field niss) or by 3+
    letters of the last name [+ first name] [+ birth date], accent- and case-blind;
    paged; at most 30 searches a minute per agent (429 with Retry-After)."""
    try:
        with state.engine.begin() as conn:
            page = citizens.search(conn, me, body)
    except DomainError as exc:
        if exc.code != "rate_limited":
            raise
        return _rate_limited(exc)
    return JSONResponse(page.model_dump(mode="json"))


@router.post("/v1/citizens/identity")
def identity(state: State, me: Me, body: CitizenRead) -> Citizen:
    """Who the citizen is, for a purpose (a file of theirs I may read, or a reason)."""
    niss = citizens.parse_niss(body.niss)
    with refusals_logged(state, me, niss, body.purpose), state.engine.begin() as conn:
        return citizens.read_identity(conn, me, niss, body.purpose)


@router.post("/v1/citizens/files")
def citizen_files(state: State, me: Me, body: CitizenRead) -> list[FileSummary]:
    """All the citizen's files, closed ones included, newest first, for a purpose."""
    niss = citizens.parse_niss(body.niss)
    with refusals_logged(state, me, niss, body.purpose), state.engine.begin() as conn:
        return citizens.read_files(conn, me, niss, body.purpose)


@router.post("/v1/citizens/new-file", response_model=ContactFile)
def new_file(state: State, me: Me, body: CitizenNewFile, key: IdempotencyKey = None) -> Response:
    """A file on behalf of the citizen (F9): channel agent, assigned to me."""
    niss = citizens.parse_niss(body.niss)

    def work(conn: sa.Connection) -> ContactFile:
        grounds = citizens.check_purpose(conn, me, niss, body.purpose)
        citizens.require_known(conn, niss)  # its 404 does not repeat the NISS
        created = files.new_file(conn, me.actor, me.agent.groups, niss, body.file)
        log_access(
            conn,
            me,
            niss=niss,
            what=AccessKind.NEW_FILE,
            grounds=grounds,
            file_id=grounds.file_id or created.summary.id,
        )
        return created

    request = body.model_dump(mode="json")
    with refusals_logged(state, me, niss, body.purpose):
        return write(state, me, key, ("new_file", niss, request), work)


@router.post("/v1/citizens/career")
def citizen_career(state: State, me: Me, body: CareerRead) -> Career:
    """Career periods for a purpose; the citizen view is filtered here (no sanctions,
    nothing future) and the agent view needs a role that allows it."""
    niss = citizens.parse_niss(body.niss)
    today = state.settings.current_date()
    with refusals_logged(state, me, niss, body.purpose), state.engine.begin() as conn:
        return read_career(conn, me, niss, body.view, body.purpose, today)
