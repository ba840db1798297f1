"""A deterministic 45-year sample career for the timeline and career-table tests."""

from __future__ import annotations

import datetime as dt

from backend_client.career_views import citizen_view, last_attestation
from backend_client.models import Career, CareerKind, CareerPeriod, CareerView

TODAY = dt.date(2025, 6, 15)
LAST_ATTESTATION = dt.date(2025, 3, 31)
NISS = "85073003328"
MARKUP_EMPLOYER = "[bold]Brasserie[/] Dupont & Fils"

K = CareerKind
_ROWS: list[tuple[CareerKind, str, str, str | None, float | None, bool]] = [
    (K.STUDIES, "1980-09-01", "1984-06-30", "Université de Liège", None, False),
    (K.MILITARY_SERVICE, "1984-07-01", "1985-06-30", "Défense", None, False),
    (K.EMPLOYEE, "1985-09-01", "1992-03-31", "ACME SA", 24_500.0, False),
    (K.UNEMPLOYMENT, "1992-04-01", "1992-12-31", "ONEM", None, False),
    (K.EMPLOYEE, "1993-01-01", "1999-12-31", MARKUP_EMPLOYER, 31_200.5, False),
    (K.SICKNESS, "1996-03-01", "1996-05-31", "Mutualité chrétienne", None, False),
    (K.SANCTION_MEDICAL_ABSENCE, "1996-04-10", "1996-04-20", "INAMI", None, False),
    (K.MATERNITY, "1998-02-01", "1998-05-15", "Mutualité chrétienne", None, False),
    (K.SELF_EMPLOYED, "2000-01-01", "2007-12-31", "Atelier Verbeke", 41_000.0, False),
    (K.CIVIL_SERVANT, "2008-01-01", "2024-12-31", "SPF Finances", 52_300.0, False),
    (K.CAREER_BREAK, "2015-01-01", "2015-06-30", "ONEM", None, False),
    (K.INVALIDITY, "2019-01-01", "2019-03-31", "Mutualité chrétienne", None, False),
    (K.SANCTION_LATE_DECLARATION, "2019-02-01", "2019-02-07", "INAMI", None, False),
    (K.SANCTION_INAMI, "2021-05-03", "2021-05-31", "INAMI", None, False),
    (K.EMPLOYEE, "2025-01-01", "2025-08-31", "ACME SA", 21_000.0, False),
    (K.NOTICE_PERIOD, "2025-09-01", "2025-12-31", "ACME SA", 9_800.0, True),
]


def _days(start: dt.date, end: dt.date) -> int:
    """Working days of a full-time 6-day scheme (312 a year), as the career unit counts."""
    return round(((end - start).days + 1) * 312 / 365)


def sample_periods() -> list[CareerPeriod]:
    periods = []
    for i, (kind, start, end, employer, pay, future) in enumerate(_ROWS, start=1):
        begin, finish = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        periods.append(
            CareerPeriod(
                id=i,
                kind=kind,
                start=begin,
                end=finish,
                days=_days(begin, finish),
                employer=employer,
                remuneration=pay,
                attestation_date=None if future else min(LAST_ATTESTATION, finish.replace(day=28)),
                future=future,
            )
        )
    return periods


def agent_career() -> Career:
    return Career(
        niss=NISS,
        view=CareerView.AGENT,
        last_attestation=LAST_ATTESTATION,
        periods=sample_periods(),
    )


def citizen_career() -> Career:
    """What the citizen sees of the sample, filtered by the shared pure function."""
    periods = citizen_view(sample_periods(), TODAY)
    return Career(
        niss=NISS,
        view=CareerView.CITIZEN,
        last_attestation=last_attestation(periods),
        periods=periods,
    )
