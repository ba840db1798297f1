"""Request-scoped helpers of the HTTP layer: server state, the current agent, writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, Header, Request, Response
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from starlette.datastructures import Headers

from athena_server.auth import CurrentAgent, SessionPolicy, bearer_token, lookup_session
from athena_server.fanout import ChangeHub
from athena_server.idempotency import Answer, request_hash, run_write
from athena_server.limits import CALLER
from athena_server.notifier import Notifier
from athena_server.settings import ServerSettings


@dataclass(frozen=True)
class ServerState:
    """What every request of one app shares."""

    settings: ServerSettings
    engine: sa.Engine
    notifier: Notifier
    hub: ChangeHub


def server_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.athena
    return state


State = Annotated[ServerState, Depends(server_state)]

_bearer = HTTPBearer(auto_error=False, description="The token of POST /v1/auth/demo or /eid")


def agent_gate(engine: sa.Engine, policy: SessionPolicy) -> Callable[[Headers], CurrentAgent]:
    """The edge's check of a bearer token, from the headers alone (before any body); like
    every look-up it applies the session policy (lifetime, idle deadline moved on use)."""

    def gate(headers: Headers) -> CurrentAgent:
        token = bearer_token(headers.get("authorization"))
        with engine.connect() as conn:
            return lookup_session(conn, token, policy)

    return gate


def current_agent(
    request: Request,
    state: State,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> CurrentAgent:
    """The session's agent; 401 without a valid token. Runs in the threadpool.

    The edge (``athena_server.limits``) has already checked the token before the body
    was read; its answer is taken as is, without a second look-up."""
    checked = request.scope.get("state", {}).get(CALLER)
    if isinstance(checked, CurrentAgent):
        return checked
    raw = f"{credentials.scheme} {credentials.credentials}" if credentials else None
    token = bearer_token(raw)
    with state.engine.connect() as conn:
        return lookup_session(conn, token, SessionPolicy.of(state.settings))


Me = Annotated[CurrentAgent, Depends(current_agent)]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        description="Replays with the same key return the first answer and change nothing",
    ),
]


def as_json(value: BaseModel | list[Any] | None) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
    return value.model_dump(mode="json")


def write(
    state: ServerState,
    me: CurrentAgent,
    key: str | None,
    request_parts: tuple[Any, ...],
    work: Callable[[sa.Connection], BaseModel | None],
    *,
    status: int = 200,
) -> Response:
    """Run a write in one transaction under its idempotency key and answer it."""

    def run(conn: sa.Connection) -> Answer:
        return Answer(status=status, body=as_json(work(conn)))

    answer, replayed = run_write(state.engine, me.id, key, request_hash(*request_parts), run)
    if not replayed:
        state.notifier.notify()
    headers = {"Idempotency-Replayed": "true"} if replayed else {}
    if answer.status == 204:
        return Response(status_code=204, headers=headers)
    return JSONResponse(answer.body, status_code=answer.status, headers=headers)
