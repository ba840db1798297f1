"""Career periods of a citizen, and the citizen view filtered on the server.

TODO: switch to ``backend_client.career_views.citizen_view`` once the seed helper's
module exists; this local filter follows the same rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa

from athena_server.schema import career_periods
from backend_client.models import SANCTION_KINDS, Career, CareerKind, CareerPeriod, CareerView


def citizen_view(periods: Iterable[CareerPeriod], today: dt.date) -> list[CareerPeriod]:
    """What the citizen sees: no sanction kinds, nothing starting after today."""
    return [p for p in periods if p.kind not in SANCTION_KINDS and p.start <= today]


def load_periods(conn: sa.Connection, niss: str, today: dt.date) -> list[CareerPeriod]:
    """Every period of the citizen in time order (agent view), future ones flagged."""
    rows = conn.execute(
        sa.select(career_periods)
        .where(career_periods.c.niss == niss)
        .order_by(career_periods.c.start, career_periods.c.id)
    )
    return [
        CareerPeriod(
            id=r.id,
            kind=CareerKind(r.kind),
            start=r.start,
            end=r.end,
            days=r.days,
            employer=r.employer,
            remuneration=r.remuneration,
            attestation_date=r.attestation_date,
            future=r.start > today,
        )
        for r in rows
    ]


def career(conn: sa.Connection, niss: str, view: CareerView, today: dt.date) -> Career:
    periods = load_periods(conn, niss, today)
    if view is CareerView.CITIZEN:
        periods = citizen_view(periods, today)
    attested = [p.attestation_date for p in periods if p.attestation_date is not None]
    return Career(
        niss=niss, view=view, last_attestation=max(attested) if attested else None, periods=periods
    )
