"""Sessions: opaque bearer tokens (only their sha256 is stored), bound to one agent and role.

Every login method (demo today, eID later) ends in ``create_session`` with its own
``method`` name; everything after login only sees a ``CurrentAgent``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from athena_server.db import as_utc, utcnow
from athena_server.errors import DomainError, conflict
from athena_server.people import load_agent
from athena_server.rules import Actor
from athena_server.schema import sessions
from backend_client.models import Agent, Role, Session


@dataclass(frozen=True)
class CurrentAgent:
    """Who is asking: the session's agent, its role and its groups."""

    agent: Agent
    role: Role
    token_hash: str
    expires_at: dt.datetime

    @property
    def id(self) -> int:
        return self.agent.id

    @property
    def groups(self) -> frozenset[str]:
        return frozenset(self.agent.groups)

    @property
    def actor(self) -> Actor:
        return Actor(id=self.agent.id, name=self.agent.name, groups=self.groups)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def unauthorized(message: str = "please log in") -> DomainError:
    return DomainError("unauthorized", message)


def resolve_role(agent: Agent, requested: Role | None) -> Role:
    """The session's role: the one asked for, or the only one the agent holds.

    Two roles and none asked → 409 ``conflict`` whose details list the roles, so the
    client can show the role choice (F1).
    """
    if not agent.roles:
        raise DomainError("forbidden", f"{agent.name} holds no Athena role")
    if requested is not None:
        if requested not in agent.roles:
            raise DomainError(
                "forbidden", f"{agent.name} does not hold the role {requested}", field="role"
            )
        return requested
    if len(agent.roles) > 1:
        raise conflict(
            f"{agent.name} holds several roles; choose one",
            roles=[r.value for r in agent.roles],
            agent=agent.model_dump(mode="json"),
        )
    return agent.roles[0]


def create_session(
    conn: sa.Connection, agent: Agent, role: Role, *, method: str, ttl: dt.timedelta
) -> Session:
    """Store a new session and return it with its token (shown this once)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    expires = now + ttl
    conn.execute(
        sessions.insert().values(
            token_hash=hash_token(token),
            agent_id=agent.id,
            role=role.value,
            method=method,
            created_at=now,
            expires_at=expires,
        )
    )
    return Session(token=token, agent=agent, role=role, expires_at=expires)


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise unauthorized("no session: send Authorization: Bearer <token>")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("no session: send Authorization: Bearer <token>")
    return token.strip()


def lookup_session(conn: sa.Connection, token: str) -> CurrentAgent:
    """The session of a token; 401 when unknown or expired."""
    token_hash = hash_token(token)
    row = conn.execute(sa.select(sessions).where(sessions.c.token_hash == token_hash)).first()
    if row is None:
        raise unauthorized("your session is unknown; please log in again")
    expires = as_utc(row.expires_at)
    if expires <= utcnow():
        raise unauthorized("your session expired; please log in again")
    try:
        agent = load_agent(conn, row.agent_id)
    except DomainError as exc:
        raise unauthorized("your agent account is no longer active") from exc
    role = Role(row.role)
    if role not in agent.roles:
        raise unauthorized("your role was withdrawn; please log in again")
    return CurrentAgent(agent=agent, role=role, token_hash=token_hash, expires_at=expires)


def end_session(conn: sa.Connection, token_hash: str) -> None:
    conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))


def purge_expired(conn: sa.Connection) -> None:
    conn.execute(sessions.delete().where(sessions.c.expires_at <= utcnow()))
