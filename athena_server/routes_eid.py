"""HTTP routes of the eID login: challenge, proof, and the role choice that finishes it."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from fastapi import APIRouter, Request

from athena_server import auth, eid, people
from athena_server.db import utcnow
from athena_server.deps import ServerState, State
from athena_server.errors import DomainError, conflict
from backend_client.eid_proof import origin_of
from backend_client.models import (
    Agent,
    Challenge,
    EidLoginRequest,
    EidRefusal,
    EidRoleRequest,
    Role,
    Session,
)

router = APIRouter()


def _address(request: Request) -> str | None:
    return request.client.host if request.client else None


def _origin(state: ServerState, request: Request) -> str:
    """The origin the card must have signed: the configured one (behind a proxy), else
    the one this request reached."""
    return origin_of(state.settings.origin or str(request.base_url))


@router.post("/v1/auth/challenge", tags=["auth"])
def challenge(state: State) -> Challenge:
    """A single-use nonce for the eID login (valid a couple of minutes)."""
    if state.settings.trust_anchors_dir is None:
        raise eid.refuse(
            EidRefusal.DISABLED, "this server does not accept the eID login", code="forbidden"
        )
    with state.engine.begin() as conn:
        return eid.issue_challenge(conn, state.settings.eid_challenge_ttl, utcnow())


def _session_or_choice(
    conn: sa.Connection, state: ServerState, agent: Agent, role: Role | None, now: dt.datetime
) -> Session:
    """A session, or 409 listing the roles with a ticket to finish with one."""
    if role is None and len(agent.roles) > 1:
        ticket = eid.issue_role_ticket(conn, agent.id, now)
        raise conflict(
            f"{agent.name} holds several roles; choose one",
            roles=[r.value for r in agent.roles],
            agent=agent.model_dump(mode="json"),
            ticket=ticket,
        )
    chosen = auth.resolve_role(agent, role)
    auth.purge_expired(conn)
    return auth.create_session(
        conn, agent, chosen, method="eid", policy=auth.SessionPolicy.of(state.settings)
    )


@router.post("/v1/auth/eid", tags=["auth"])
def eid_login(state: State, request: Request, body: EidLoginRequest) -> Session:
    """Log in with the card's signature over the challenge (see docs/api.md)."""
    now = utcnow()
    address = _address(request)
    # the address is slowed down even when the request cannot be decoded
    keys = eid.backoff_keys(address, None)
    outcome: DomainError | None = None
    session: Session | None = None
    with state.engine.begin() as conn:
        # one transaction: a refusal still commits the used nonce, the failure count
        # and the audit line; only then is the refusal answered
        try:
            eid.check_backoff(conn, keys, now)
            proof = eid.decode_proof(body.certificate, body.intermediates, body.signature)
            keys = eid.backoff_keys(address, proof.certificate_der)
            eid.check_backoff(conn, keys, now)
            agent = eid.verify_login(
                conn,
                state.settings,
                proof,
                nonce=body.nonce,
                origin=_origin(state, request),
                now=now,
            )
            eid.clear_failures(conn, keys)
            eid.audit_login(
                conn, now=now, action="login", agent_id=agent.id, address=address,
                cert_der=proof.certificate_der,
            )  # fmt: skip
            session = _session_or_choice(conn, state, agent, body.role, now)
        except eid.EidRefused as refused:
            if refused.reason is not EidRefusal.RATE_LIMITED:
                eid.record_failure(conn, state.settings, keys, now)
            eid.audit_login(
                conn, now=now, action="login_refused", agent_id=None, address=address,
                reason=refused.reason.value,
            )  # fmt: skip
            outcome = refused
        except DomainError as error:
            outcome = error
    if outcome is not None:
        raise outcome
    assert session is not None
    return session


@router.post("/v1/auth/eid/role", tags=["auth"])
def eid_role(state: State, body: EidRoleRequest) -> Session:
    """Finish an eID login with the chosen role (the ticket is single use)."""
    now = utcnow()
    outcome: DomainError | None = None
    session: Session | None = None
    with state.engine.begin() as conn:
        try:
            agent = people.load_agent(conn, eid.redeem_role_ticket(conn, body.ticket, now))
            session = _session_or_choice(conn, state, agent, body.role, now)
        except DomainError as error:
            outcome = error
    if outcome is not None:
        raise outcome
    assert session is not None
    return session
