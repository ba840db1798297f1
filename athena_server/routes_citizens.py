"""HTTP routes of citizens: search, their files, a new file on their behalf, career."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Response

from athena_server import citizens, files
from athena_server.career import career
from athena_server.deps import IdempotencyKey, Me, State, write
from backend_client.models import (
    Career,
    CareerView,
    Citizen,
    ContactFile,
    FileSummary,
    NewFileRequest,
)

router = APIRouter(tags=["citizens"])


@router.get("/v1/citizens")
def search(
    state: State,
    me: Me,
    niss: str | None = None,
    last_name: str | None = None,
    first_name: str | None = None,
    birth_date: dt.date | None = None,
) -> list[Citizen]:
    """By NISS (formatted or bare; bad check digits → 422 field niss) or by last name
    [+ first name] [+ birth date], accent- and case-blind."""
    with state.engine.connect() as conn:
        return citizens.search(
            conn, niss=niss, last_name=last_name, first_name=first_name, birth_date=birth_date
        )


@router.get("/v1/citizens/{niss}")
def get_citizen(state: State, me: Me, niss: str) -> Citizen:
    with state.engine.connect() as conn:
        return citizens.get_citizen(conn, citizens.parse_niss(niss))


@router.get("/v1/citizens/{niss}/files")
def citizen_files(state: State, me: Me, niss: str) -> list[FileSummary]:
    """All the citizen's files, closed ones included, newest first."""
    with state.engine.connect() as conn:
        return citizens.files_of(conn, citizens.parse_niss(niss), me.id)


@router.post("/v1/citizens/{niss}/files", response_model=ContactFile)
def new_file(
    state: State, me: Me, niss: str, body: NewFileRequest, key: IdempotencyKey = None
) -> Response:
    """A file on behalf of the citizen (F9): channel agent, assigned to me."""
    bare = citizens.parse_niss(niss)
    return write(
        state,
        me,
        key,
        ("new_file", bare, body.model_dump(mode="json")),
        lambda conn: files.new_file(conn, me.actor, me.agent.groups, bare, body),
    )


@router.get("/v1/citizens/{niss}/career")
def citizen_career(
    state: State,
    me: Me,
    niss: str,
    view: Annotated[CareerView, Query()] = CareerView.AGENT,
) -> Career:
    """Career periods; the citizen view is filtered here (no sanctions, nothing future)."""
    bare = citizens.parse_niss(niss)
    with state.engine.connect() as conn:
        citizens.get_citizen(conn, bare)
        return career(conn, bare, view, state.settings.current_date())
