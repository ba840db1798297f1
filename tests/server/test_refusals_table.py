"""Every route of the app, called by those it must refuse: a refusal, no citizen data in
the answer, and no change in the store.

The table lists each route of ``app.routes`` once; a route missing from it fails the
table, so a new route cannot ship without saying who may not call it. Add a row to
``AGENT_ROUTES`` (bearer-token API), ``INBOUND_ROUTES`` (channel-key API) or ``PUBLIC``
(no caller to refuse, with the reason).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Route

from athena_server.channels import add_channel, revoke_channel
from athena_server.limits import api_routes
from athena_server.runner import RunningServer
from athena_server.schema import citizen_access, citizens, contact_files, sessions
from backend_client.models import ChannelKind
from backend_client.niss import format_niss
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import snapshot


class Caller(StrEnum):
    """Who calls: each must be refused."""

    ANONYMOUS = "no credentials"
    EXPIRED = "an expired session"
    LOGGED_OUT = "a logged-out session"
    OTHER_GROUP = "an agent of another group"
    OTHER_HANDLER = "a case manager of another group"
    WRONG_ROLE = "a session in a role the route refuses"
    AGENT_TOKEN = "an agent's bearer token on the inbound API"
    REVOKED_KEY = "a revoked channel key"
    OTHER_CHANNEL = "another channel"


SESSION_REFUSALS = (Caller.ANONYMOUS, Caller.EXPIRED, Caller.LOGGED_OUT)
# the reads of one citizen with a file of theirs as purpose: who may not read that file,
# in either role, is refused (403 purpose_refused, or role for the agent view)
CITIZEN_REFUSALS = (*SESSION_REFUSALS, Caller.OTHER_GROUP, Caller.OTHER_HANDLER)
KEY_REFUSALS = (Caller.ANONYMOUS, Caller.AGENT_TOKEN, Caller.REVOKED_KEY, Caller.EXPIRED)

# the caller of the other group: Pieter is in the NL desk only; the targets are FR files
OTHER_AGENT = d.PIETER
TARGET = d.MARIE_A  # Emile's file in the FR desk, held by Marie
SECOND = d.MARIE_B  # Emile's other file held by Marie (merge needs two)
OTHER_HANDLER = d.LUC  # case management only, in the partner group: none of the FR files
CC, CM = "contact_center", "case_management"
EMILES_FILES = (d.NEW_FR, TARGET, SECOND)
BY_FILE = {"file_id": TARGET}
BY_REASON = {"reason": "phone call from the citizen, ref R-12"}


@dataclass(frozen=True)
class Row:
    """One route and how to call it.

    ``path`` is concrete (it names the target); ``json``/``data``/``files`` make a body
    the route would accept from a caller allowed to act, so that a refusal is about the
    caller and not the body. ``callers`` are those to refuse; ``wrong_role`` names an
    agent and a role whose session the route refuses (None: the route takes every role).
    ``niss`` and ``file_ids`` are the citizen and files whose data must not leak.
    ``allowed`` names an agent and a role the route serves with this very request, which
    is checked: the body is good, only the caller is refused.
    """

    method: str
    template: str
    path: str
    callers: tuple[Caller, ...]
    json: Any = None
    data: dict[str, str] | None = None
    files: dict[str, tuple[str, bytes, str]] | None = None
    niss: str | None = d.EMILE
    file_ids: tuple[int, ...] = (TARGET,)
    wrong_role: tuple[int, str] | None = None
    # for OTHER_GROUP: the statuses that refuse (dispatch answers 200 with items)
    refused: tuple[int, ...] = (403,)
    allowed: tuple[int, str] | None = None


F = f"/v1/files/{TARGET}"
WITH_GROUP = (*SESSION_REFUSALS, Caller.OTHER_GROUP)
VERSION = {"version": 1}
REPLY = {"version": "1", "body": "Bonjour", "visible_to_citizen": "true", "final": "false"}
ATTACHMENT = {"attachments": ("note.txt", b"hello", "text/plain")}

AGENT_ROUTES: dict[str, Row] = {
    "me": Row("GET", "/v1/me", "/v1/me", SESSION_REFUSALS, niss=None, file_ids=()),
    "logout": Row(
        "DELETE", "/v1/auth/session", "/v1/auth/session", SESSION_REFUSALS, niss=None, file_ids=()
    ),
    "groups": Row("GET", "/v1/groups", "/v1/groups", SESSION_REFUSALS, niss=None, file_ids=()),
    "group agents": Row(
        "GET",
        "/v1/groups/{group_id}/agents",
        f"/v1/groups/{d.FR}/agents",
        WITH_GROUP,
        niss=None,
        file_ids=(),
    ),
    "sync": Row("GET", "/v1/sync", "/v1/sync", SESSION_REFUSALS, file_ids=(TARGET, SECOND)),
    "treated": Row("GET", "/v1/files/treated", "/v1/files/treated", SESSION_REFUSALS),
    "by ticket": Row(
        "GET", "/v1/files/by-ticket/{ticket}", f"/v1/files/by-ticket/{d.ticket(TARGET)}", WITH_GROUP
    ),
    "file": Row("GET", "/v1/files/{file_id}", F, WITH_GROUP),
    "audit": Row("GET", "/v1/files/{file_id}/audit", f"{F}/audit", WITH_GROUP),
    "attachment": Row(
        "GET",
        "/v1/attachments/{attachment_id}",
        f"/v1/attachments/{d.ATTACHMENT_ID}",
        WITH_GROUP,
        file_ids=(d.NEW_FR,),
    ),
    "dispatch": Row(
        "POST",
        "/v1/files/dispatch",
        "/v1/files/dispatch",
        WITH_GROUP,
        json={"assignee_id": OTHER_AGENT, "files": [{"id": TARGET, "version": 1}]},
        refused=(200,),
    ),
    "merge": Row(
        "POST",
        "/v1/files/merge",
        "/v1/files/merge",
        WITH_GROUP,
        json={"files": [{"id": TARGET, "version": 1}, {"id": SECOND, "version": 1}]},
        file_ids=(TARGET, SECOND),
    ),
    "open": Row("POST", "/v1/files/{file_id}/open", f"{F}/open", WITH_GROUP, json=VERSION),
    "take": Row("POST", "/v1/files/{file_id}/take", f"{F}/take", WITH_GROUP, json=VERSION),
    "release": Row("POST", "/v1/files/{file_id}/release", f"{F}/release", WITH_GROUP, json=VERSION),
    "move": Row(
        "POST",
        "/v1/files/{file_id}/move",
        f"{F}/move",
        WITH_GROUP,
        json={"version": 1, "group_id": d.NL},
    ),
    "priority": Row(
        "POST",
        "/v1/files/{file_id}/priority",
        f"{F}/priority",
        WITH_GROUP,
        json={"version": 1, "priority": "high"},
    ),
    "status": Row(
        "POST",
        "/v1/files/{file_id}/status",
        f"{F}/status",
        WITH_GROUP,
        json={"version": 1, "status": "waiting"},
    ),
    "reply": Row(
        "POST",
        "/v1/files/{file_id}/messages",
        f"{F}/messages",
        WITH_GROUP,
        data=REPLY,
        files=ATTACHMENT,
    ),
    "read mark": Row("POST", "/v1/files/{file_id}/read", f"{F}/read", WITH_GROUP),
    "split": Row(
        "POST",
        "/v1/files/{file_id}/split",
        f"{F}/split",
        WITH_GROUP,
        json={"version": 1, "message": "two questions"},
    ),
    # citizens: the NISS and the purpose travel in the body. Search needs no purpose and
    # every agent may search, so only sessions are refused. The reads of one citizen name
    # TARGET as their purpose: a file of Emile's that Marie (FR desk) may read, so her
    # session is served (test_the_citizen_rows_are_served_to_who_may_call_them) and the
    # refusals below are about the caller, not a missing purpose.
    "citizen search": Row(
        "POST",
        "/v1/citizens/search",
        "/v1/citizens/search",
        SESSION_REFUSALS,
        json={"niss": d.EMILE},
        file_ids=(),
        allowed=(d.MARIE, CC),
    ),
    "citizen identity": Row(
        "POST",
        "/v1/citizens/identity",
        "/v1/citizens/identity",
        CITIZEN_REFUSALS,
        json={"niss": d.EMILE, "purpose": BY_FILE},
        allowed=(d.MARIE, CC),
    ),
    "citizen files": Row(
        "POST",
        "/v1/citizens/files",
        "/v1/citizens/files",
        CITIZEN_REFUSALS,
        json={"niss": d.EMILE, "purpose": BY_FILE},
        file_ids=EMILES_FILES,
        allowed=(d.MARIE, CC),
    ),
    "new file": Row(
        "POST",
        "/v1/citizens/new-file",
        "/v1/citizens/new-file",
        CITIZEN_REFUSALS,
        json={
            "niss": d.EMILE,
            "purpose": BY_FILE,
            "file": {"category": "pension", "question": "Quand ?"},
        },
        allowed=(d.MARIE, CC),
    ),
    "career, citizen view": Row(
        "POST",
        "/v1/citizens/career",
        "/v1/citizens/career",
        CITIZEN_REFUSALS,
        json={"niss": d.EMILE, "view": "citizen", "purpose": BY_FILE},
        allowed=(d.MARIE, CC),
    ),
    # the agent view is for "Athena Gestion de Dossiers" only: Sophie (FR desk, both
    # roles) is served under case management and refused under the contact center
    "career, agent view": Row(
        "POST",
        "/v1/citizens/career",
        "/v1/citizens/career",
        CITIZEN_REFUSALS,
        json={"niss": d.EMILE, "view": "agent", "purpose": BY_FILE},
        wrong_role=(d.SOPHIE, CC),
        allowed=(d.SOPHIE, CM),
    ),
    "career, default (agent) view": Row(
        "POST",
        "/v1/citizens/career",
        "/v1/citizens/career",
        CITIZEN_REFUSALS,
        json={"niss": d.EMILE, "purpose": BY_FILE},
        wrong_role=(d.SOPHIE, CC),
        allowed=(d.SOPHIE, CM),
    ),
    "career, agent view with a reason": Row(
        "POST",
        "/v1/citizens/career",
        "/v1/citizens/career",
        SESSION_REFUSALS,  # a reason is every agent's purpose: only the role refuses
        json={"niss": d.EMILE, "view": "agent", "purpose": BY_REASON},
        file_ids=(),
        wrong_role=(d.SOPHIE, CC),
        allowed=(d.LUC, CM),
    ),
}

T = d.ticket(TARGET)
INBOUND_ROUTES: dict[str, Row] = {
    "channel me": Row("GET", "/v1/inbound/me", "/v1/inbound/me", KEY_REFUSALS, file_ids=()),
    "inbound new file": Row(
        "POST",
        "/v1/inbound/files",
        "/v1/inbound/files",
        KEY_REFUSALS,
        data={"niss": d.EMILE, "subject": "Ma pension", "question": "Quand ?"},
        files=ATTACHMENT,
        file_ids=(),
    ),
    "inbound message": Row(
        "POST",
        "/v1/inbound/files/{ticket}/messages",
        f"/v1/inbound/files/{T}/messages",
        (*KEY_REFUSALS, Caller.OTHER_CHANNEL),
        data={"niss": d.EMILE, "body": "Encore moi"},
        files=ATTACHMENT,
        refused=(404,),
    ),
    "inbound file": Row(
        "GET",
        "/v1/inbound/files/{ticket}",
        f"/v1/inbound/files/{T}",
        (*KEY_REFUSALS, Caller.OTHER_CHANNEL),
        refused=(404,),
    ),
    "inbound citizen files": Row(
        "GET",
        "/v1/inbound/citizens/{niss}/files",
        f"/v1/inbound/citizens/{d.EMILE}/files",
        (*KEY_REFUSALS, Caller.OTHER_CHANNEL),
        # another channel gets its own (empty) list of this citizen's files: no refusal,
        # but none of the files of My Career either
        refused=(200,),
    ),
}

PUBLIC: dict[tuple[str, str], str] = {
    ("GET", "/v1/health"): "liveness, no data",
    ("GET", "/v1/auth/demo/agents"): "the login picker (demo servers only; 404 otherwise)",
    ("POST", "/v1/auth/demo"): "a login (demo servers only; 403 otherwise)",
    ("POST", "/v1/auth/challenge"): "the eID login's nonce",
    ("POST", "/v1/auth/eid"): "the eID login: the card's signature is the credential",
    ("POST", "/v1/auth/eid/role"): "the eID login's second step: its ticket is the credential",
    ("GET", "/openapi.json"): "the API's description (--docs or --demo only)",
    ("GET", "/docs"): "the API's description (--docs or --demo only)",
    ("GET", "/docs/oauth2-redirect"): "part of /docs",
    ("GET", "/redoc"): "the API's description (--docs or --demo only)",
    ("HEAD", "/openapi.json"): "as GET",
    ("HEAD", "/docs"): "as GET",
    ("HEAD", "/docs/oauth2-redirect"): "as GET",
    ("HEAD", "/redoc"): "as GET",
}

ROWS = {**AGENT_ROUTES, **INBOUND_ROUTES}


def app_routes(running: RunningServer) -> set[tuple[str, str]]:
    """(method, path template) of every route the running app serves."""
    app = running.server.config.app
    assert isinstance(app, FastAPI)
    found: set[tuple[str, str]] = set()
    for route in api_routes(app.routes):
        if isinstance(route, APIRoute | Route):
            for method in route.methods or ():
                found.add((method, route.path))
    return found


def test_every_route_of_the_app_is_in_the_table(server: RunningServer) -> None:
    listed = {(r.method, r.template) for r in ROWS.values()} | set(PUBLIC)
    served = app_routes(server)
    assert served - listed == set(), "routes without rows in the refusal table"
    assert listed - served <= {k for k in PUBLIC}, "rows naming no route"


# --------------------------------------------------------------------------- callers


@pytest.fixture
def headers_of(server: RunningServer, login: Login) -> Iterator[dict[Caller, dict[str, str]]]:
    """The headers each kind of caller sends."""
    expired = login(d.MARIE)
    with server.engine.begin() as conn:
        conn.execute(
            sessions.update()
            .where(sessions.c.agent_id == d.MARIE)
            .values(expires_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        )
    logged_out = login(d.SOPHIE, "contact_center")
    assert logged_out.delete("/v1/auth/session").status_code == 204
    other = login(OTHER_AGENT)
    handler = login(OTHER_HANDLER, CM)
    with server.engine.begin() as conn:
        add_channel(conn, "My Career", ChannelKind.MY_CAREER)
        _, other_key = add_channel(conn, "Other portal", ChannelKind.MY_CAREER)
        _, revoked_key = add_channel(conn, "Old portal", ChannelKind.MY_CAREER)
        revoke_channel(conn, "Old portal")
    yield {
        Caller.ANONYMOUS: {},
        Caller.EXPIRED: {"Authorization": str(expired.headers["Authorization"])},
        Caller.LOGGED_OUT: {"Authorization": str(logged_out.headers["Authorization"])},
        Caller.OTHER_GROUP: {"Authorization": str(other.headers["Authorization"])},
        Caller.OTHER_HANDLER: {"Authorization": str(handler.headers["Authorization"])},
        Caller.AGENT_TOKEN: {"Authorization": str(other.headers["Authorization"])},
        Caller.REVOKED_KEY: {"Authorization": f"Channel {revoked_key}"},
        Caller.OTHER_CHANNEL: {"Authorization": f"Channel {other_key}"},
    }


def secrets_of(server: RunningServer, row: Row) -> list[str]:
    """What the answer must not hold: the citizen's NISS and names, the files' subjects
    and tickets' citizens."""
    out: list[str] = []
    with server.engine.connect() as conn:
        file_rows = conn.execute(
            sa.select(contact_files.c.subject, contact_files.c.niss).where(
                contact_files.c.id.in_(row.file_ids)
            )
        ).all()
        nisses = {r.niss for r in file_rows} | ({row.niss} if row.niss else set())
        out += [r.subject for r in file_rows]
        for person in conn.execute(sa.select(citizens).where(citizens.c.niss.in_(nisses))):
            out += [person.niss, format_niss(person.niss), person.last_name, person.first_name]
    return out


def expected_statuses(row: Row, caller: Caller) -> tuple[int, ...]:
    if caller in (Caller.OTHER_GROUP, Caller.OTHER_HANDLER, Caller.OTHER_CHANNEL):
        return row.refused
    if caller is Caller.WRONG_ROLE:
        return (403,)
    return (401,)


def store_of(server: RunningServer) -> dict[str, list[tuple[Any, ...]]]:
    """The tables a write may touch, and the citizens' access log: a refused read has
    read nothing, so it logs no read (only, for some, the refused try itself)."""
    out = snapshot(server.engine)
    with server.engine.connect() as conn:
        query = (
            sa.select(citizen_access)
            .where(citizen_access.c.what != "refused")
            .order_by(citizen_access.c.id)
        )
        out["citizen_access"] = [tuple(r) for r in conn.execute(query)]
    return out


def call(server: RunningServer, row: Row, headers: dict[str, str]) -> httpx.Response:
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        return client.request(
            row.method,
            row.path,
            headers=headers,
            json=row.json,
            data=row.data,
            files=row.files,
        )


def refusal_problems(
    server: RunningServer, name: str, row: Row, caller: Caller, headers: dict[str, str]
) -> list[str]:
    """What is wrong with the answer to one caller (empty: a clean refusal)."""
    before = store_of(server)
    answer = call(server, row, headers)
    after = store_of(server)
    problems: list[str] = []
    label = f"{name} ({row.method} {row.path}) by {caller.value}"
    if answer.status_code not in expected_statuses(row, caller):
        problems.append(f"{label}: status {answer.status_code}: {answer.text[:200]}")
    if caller is Caller.WRONG_ROLE and answer.status_code == 403:
        reason = answer.json()["error"]["details"].get("reason")
        if reason != "role":
            problems.append(f"{label}: refused for {reason!r}, not for the role")
    for secret in secrets_of(server, row):
        if secret and secret in answer.text:
            problems.append(f"{label}: the answer holds {secret!r}")
    if answer.status_code == 200 and row.method == "POST" and "items" in answer.text:
        items = answer.json()["items"]
        if any(i["outcome"] != "forbidden" or i["summary"] is not None for i in items):
            problems.append(f"{label}: an item is not a bare refusal: {items}")
    if after != before:
        changed = [t for t in before if before[t] != after[t]]
        problems.append(f"{label}: the store changed ({', '.join(changed)})")
    return problems


def test_every_route_refuses_who_may_not_call_it_without_a_word_of_citizen_data(
    server: RunningServer, headers_of: dict[Caller, dict[str, str]], login: Login
) -> None:
    problems: list[str] = []
    for name, row in ROWS.items():
        for caller in row.callers:
            problems += refusal_problems(server, name, row, caller, headers_of[caller])
        if row.wrong_role is not None:
            agent, role = row.wrong_role
            token = login(agent, role).headers["Authorization"]
            wrong = dataclasses.replace(row, callers=(Caller.WRONG_ROLE,))
            problems += refusal_problems(
                server, name, wrong, Caller.WRONG_ROLE, {"Authorization": str(token)}
            )
    assert problems == [], "\n".join(problems)


def test_the_table_sees_a_leak(server: RunningServer, login: Login) -> None:
    """The table's leak check finds citizen data when an answer holds it: the target's
    own holder reads it, and the check reports it."""
    marie = login(d.MARIE)
    row = AGENT_ROUTES["file"]
    problems = refusal_problems(
        server, "file", row, Caller.OTHER_GROUP, {"Authorization": marie.headers["Authorization"]}
    )
    assert any("the answer holds" in p for p in problems)
    assert any("status 200" in p for p in problems)


@pytest.mark.parametrize("name", [n for n, r in ROWS.items() if r.allowed is not None])
def test_the_citizen_rows_are_served_to_who_may_call_them(
    server: RunningServer, login: Login, name: str
) -> None:
    """Each citizen row's request, sent by an agent and role allowed to act, is served
    with the citizen's data: the table's refusals are about their callers, not about a
    missing purpose or a bad body, and its leak check would see the data."""
    row = ROWS[name]
    assert row.allowed is not None
    agent, role = row.allowed
    token = str(login(agent, role).headers["Authorization"])
    answer = call(server, row, {"Authorization": token})
    assert answer.status_code == 200, answer.text
    assert d.EMILE in answer.text
    problems = refusal_problems(server, name, row, Caller.OTHER_GROUP, {"Authorization": token})
    assert any("the answer holds" in p for p in problems), problems
