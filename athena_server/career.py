"""Career periods of a citizen, and the citizen view filtered on the server."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from athena_server import citizens, rules
from athena_server.access_log import AccessKind, log_access
from athena_server.auth import CurrentAgent
from athena_server.schema import career_periods
from backend_client.career_views import citizen_view, last_attestation, mark_future
from backend_client.models import Career, CareerKind, CareerPeriod, CareerView, Purpose


def load_periods(conn: sa.Connection, niss: str, today: dt.date) -> list[CareerPeriod]:
    """Every period of the citizen in time order (agent view), future ones flagged."""
    rows = conn.execute(
        sa.select(career_periods)
        .where(career_periods.c.niss == niss)
        .order_by(career_periods.c.start, career_periods.c.id)
    )
    return mark_future(
        (
            CareerPeriod(
                id=r.id,
                kind=CareerKind(r.kind),
                start=r.start,
                end=r.end,
                days=r.days,
                employer=r.employer,
                remuneration=r.remuneration,
                attestation_date=r.attestation_date,
            )
            for r in rows
        ),
        today,
    )


def career(conn: sa.Connection, niss: str, view: CareerView, today: dt.date) -> Career:
    """The citizen's career as the agent sees it, or exactly as the citizen does."""
    periods = load_periods(conn, niss, today)
    if view is CareerView.CITIZEN:
        periods = citizen_view(periods, today)
    return Career(niss=niss, view=view, last_attestation=last_attestation(periods), periods=periods)


def read_career(
    conn: sa.Connection,
    me: CurrentAgent,
    niss: str,
    view: CareerView,
    purpose: Purpose | None,
    today: dt.date,
) -> Career:
    """The career for a purpose, in a view the session's role allows; logged in the
    caller's transaction. The role is checked first: its refusal names no citizen."""
    rules.require_career_view(me.role, view)
    grounds = citizens.check_purpose(conn, me, niss, purpose)
    citizens.require_known(conn, niss)
    found = career(conn, niss, view, today)
    what = AccessKind.CAREER_AGENT if view is CareerView.AGENT else AccessKind.CAREER_CITIZEN
    log_access(conn, me, niss=niss, what=what, grounds=grounds)
    return found
