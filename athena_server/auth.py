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
from athena_server.settings import ServerSettings
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


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session lives: at most ``lifetime`` after login, at most ``idle``
    without a request, and at most ``max_per_agent`` live sessions of one agent."""

    lifetime: dt.timedelta
    idle: dt.timedelta | None = None
    max_per_agent: int | None = None

    @classmethod
    def of(cls, settings: ServerSettings) -> SessionPolicy:
        return cls(
            lifetime=settings.session_ttl,
            idle=settings.session_idle,
            max_per_agent=settings.max_sessions_per_agent,
        )

    def deadline(self, created: dt.datetime, now: dt.datetime) -> dt.datetime:
        """When a session used at ``now`` dies if it is not used again."""
        hard = created + self.lifetime
        return hard if self.idle is None else min(hard, now + self.idle)

    def refresh_step(self) -> dt.timedelta:
        """How far the idle deadline must move before it is written again: a write per
        request would make every read a write; a minute (or a tenth of the idle
        timeout) of slack is invisible against the timeout."""
        if self.idle is None:
            return dt.timedelta.max
        return min(dt.timedelta(minutes=1), self.idle / 10)


def create_session(
    conn: sa.Connection,
    agent: Agent,
    role: Role,
    *,
    method: str,
    ttl: dt.timedelta | None = None,
    policy: SessionPolicy | None = None,
) -> Session:
    """Store a new session and return it with its token (shown this once).

    Over the policy's cap the agent's oldest live sessions are ended: a new login
    always works (a crashed terminal cannot lock its agent out), and a stolen token
    dies as soon as its agent logs in a few more times."""
    if policy is None:
        if ttl is None:
            raise ValueError("create_session needs a ttl or a policy")
        policy = SessionPolicy(lifetime=ttl)
    token = secrets.token_urlsafe(32)
    token_hash = hash_token(token)
    now = utcnow()
    expires = policy.deadline(now, now)
    conn.execute(
        sessions.insert().values(
            token_hash=token_hash,
            agent_id=agent.id,
            role=role.value,
            method=method,
            created_at=now,
            expires_at=expires,
        )
    )
    if policy.max_per_agent is not None:
        _cap_sessions(conn, agent.id, token_hash, policy.max_per_agent, now)
    return Session(token=token, agent=agent, role=role, expires_at=expires)


def _cap_sessions(
    conn: sa.Connection, agent_id: int, keep: str, cap: int, now: dt.datetime
) -> None:
    """End the agent's oldest sessions beyond ``cap`` (the new one, ``keep``, stays)."""
    others = conn.execute(
        sa.select(sessions.c.token_hash)
        .where(
            sessions.c.agent_id == agent_id,
            sessions.c.token_hash != keep,
            sessions.c.expires_at > now,
        )
        .order_by(sessions.c.created_at.desc(), sessions.c.token_hash)
    ).scalars()
    dropped = list(others)[max(cap - 1, 0) :]
    if dropped:
        conn.execute(sessions.delete().where(sessions.c.token_hash.in_(dropped)))


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise unauthorized("no session: send Authorization: Bearer <token>")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("no session: send Authorization: Bearer <token>")
    return token.strip()


def lookup_session(
    conn: sa.Connection, token: str, policy: SessionPolicy | None = None
) -> CurrentAgent:
    """The session of a token; 401 when unknown, past its lifetime or idle too long.

    With a policy the idle deadline moves with each request (written at most once per
    ``policy.refresh_step()``; the write is committed on ``conn``)."""
    token_hash = hash_token(token)
    row = conn.execute(sa.select(sessions).where(sessions.c.token_hash == token_hash)).first()
    if row is None:
        raise unauthorized("your session is unknown; please log in again")
    now = utcnow()
    created = as_utc(row.created_at)
    expires = as_utc(row.expires_at)
    if policy is not None and created + policy.lifetime <= now:
        raise unauthorized("your session expired; please log in again")
    if expires <= now:
        if policy is not None and policy.idle is not None and created + policy.lifetime > now:
            raise DomainError(
                "unauthorized",
                "your session ended after a time without activity; please log in again",
                details={"reason": "idle"},
            )
        raise unauthorized("your session expired; please log in again")
    try:
        agent = load_agent(conn, row.agent_id)
    except DomainError as exc:
        raise unauthorized("your agent account is no longer active") from exc
    role = Role(row.role)
    if role not in agent.roles:
        raise unauthorized("your role was withdrawn; please log in again")
    if policy is not None:
        moved = policy.deadline(created, now)
        if moved - expires >= policy.refresh_step():
            conn.execute(
                sessions.update()
                .where(sessions.c.token_hash == token_hash)
                .values(expires_at=moved)
            )
            conn.commit()
            expires = moved
    return CurrentAgent(agent=agent, role=role, token_hash=token_hash, expires_at=expires)


def session_open(conn: sa.Connection, token_hash: str) -> bool:
    """Whether the session of ``token_hash`` still lives (not logged out, ended by the
    cap, past its lifetime or idle deadline)."""
    expires = conn.execute(
        sa.select(sessions.c.expires_at).where(sessions.c.token_hash == token_hash)
    ).scalar_one_or_none()
    return expires is not None and as_utc(expires) > utcnow()


def end_session(conn: sa.Connection, token_hash: str) -> None:
    conn.execute(sessions.delete().where(sessions.c.token_hash == token_hash))


def purge_expired(conn: sa.Connection) -> None:
    conn.execute(sessions.delete().where(sessions.c.expires_at <= utcnow()))
