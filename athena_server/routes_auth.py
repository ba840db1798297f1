"""HTTP routes: health, demo login, sessions, me, groups."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response

from athena_server import auth, eid, people
from athena_server.db import utcnow
from athena_server.deps import Me, State
from athena_server.errors import DomainError, forbidden, not_found
from backend_client.bounds import WORD_MAX
from backend_client.models import Agent, DemoLoginRequest, Group, Session, Teammate

router = APIRouter()


@router.get("/v1/health", tags=["meta"])
def health(state: State) -> dict[str, Any]:
    """Liveness, and whether demo login is open."""
    return {"status": "ok", "demo": state.settings.demo}


@router.get("/v1/auth/demo/agents", tags=["auth"])
def demo_agents(state: State) -> list[Agent]:
    """The agents a demo login may pick (demo servers only, else 404)."""
    if not state.settings.demo:
        raise not_found("demo login is disabled on this server")
    with state.engine.connect() as conn:
        return people.list_agents(conn)


@router.post("/v1/auth/demo", tags=["auth"])
def demo_login(state: State, request: Request, body: DemoLoginRequest) -> Session:
    """Log in as a demo agent; an agent with two roles must name one (409 lists them)."""
    if not state.settings.demo:
        with state.engine.begin() as conn:
            eid.audit_login(
                conn,
                now=utcnow(),
                action="login_refused",
                agent_id=None,
                address=request.client.host if request.client else None,
                reason="demo_disabled",
                method="demo",
            )
        raise forbidden("demo login is disabled on this server")
    with state.engine.begin() as conn:
        agent = people.load_agent(conn, body.agent_id)
        role = auth.resolve_role(agent, body.role)
        auth.purge_expired(conn)
        return auth.create_session(
            conn, agent, role, method="demo", policy=auth.SessionPolicy.of(state.settings)
        )


@router.delete("/v1/auth/session", status_code=204, tags=["auth"])
def logout(state: State, me: Me) -> Response:
    """End the current session."""
    with state.engine.begin() as conn:
        auth.end_session(conn, me.token_hash)
    return Response(status_code=204)


@router.get("/v1/me", tags=["auth"])
def whoami(me: Me) -> Session:
    """The current session (its token is not repeated)."""
    return Session(token="", agent=me.agent, role=me.role, expires_at=me.expires_at)


@router.get("/v1/groups", tags=["groups"])
def list_groups(state: State, me: Me) -> list[Group]:
    """Every group (the move-to-group picker)."""
    with state.engine.connect() as conn:
        return people.list_groups(conn)


@router.get("/v1/groups/{group_id}/agents", tags=["groups"])
def group_agents(
    state: State, me: Me, group_id: Annotated[str, Path(max_length=WORD_MAX)]
) -> list[Teammate]:
    """Members of one of my groups with their load (open files held)."""
    with state.engine.connect() as conn:
        if people.load_group(conn, group_id) is None:
            raise not_found(f"there is no group {group_id}", field="group_id")
        if group_id not in me.groups:
            raise DomainError("forbidden", f"you are not a member of group {group_id}")
        return people.teammates(conn, group_id)
