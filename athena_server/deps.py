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

from athena_server import rules
from athena_server.access_log import log_file_read
from athena_server.auth import CurrentAgent, SessionPolicy, bearer_token, lookup_session
from athena_server.fanout import ChangeHub
from athena_server.idempotency import Answer, request_hash, run_write
from athena_server.limits import CALLER
from athena_server.notifier import Notifier
from athena_server.settings import ServerSettings
from athena_server.summaries import file_state


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


def _shown_files(body: Any) -> list[tuple[int, str]]:
    """(id, NISS) of every file summary an answer holds (a file, dispatch items, a merge
    or split result)."""
    found: list[tuple[int, str]] = []
    stack = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), int) and isinstance(node.get("citizen_niss"), str):
                found.append((node["id"], node["citizen_niss"]))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def replay_check(me: CurrentAgent) -> Callable[[sa.Connection, Answer], None]:
    """A replayed answer passes the checks of a first read: every file it shows must be
    readable by the caller now (else the replay is refused 403 like ``GET`` would be),
    and a whole file it shows is logged as read."""

    def check(conn: sa.Connection, answer: Answer) -> None:
        shown = _shown_files(answer.body)
        for file_id, _ in shown:
            rules.require_read(me.actor, file_state(conn, file_id))
        body = answer.body
        if isinstance(body, dict) and "messages" in body and isinstance(body.get("summary"), dict):
            summary = body["summary"]
            log_file_read(conn, me, niss=summary["citizen_niss"], file_id=summary["id"])

    return check


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

    answer, replayed = run_write(
        state.engine, me.id, key, request_hash(*request_parts), run, replay_check(me)
    )
    if not replayed:
        state.notifier.notify()
    headers = {"Idempotency-Replayed": "true"} if replayed else {}
    if answer.status == 204:
        return Response(status_code=204, headers=headers)
    return JSONResponse(answer.body, status_code=answer.status, headers=headers)
