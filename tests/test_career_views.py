"""The pure career views: citizen view, per year, per period, Mon CV."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend_client.career_views import (
    citizen_view,
    cv,
    last_attestation,
    mark_future,
    per_period,
    per_year,
)
from backend_client.models import PROFESSIONAL_KINDS, SANCTION_KINDS, CareerKind, CareerPeriod

K = CareerKind
TODAY = dt.date(2026, 5, 20)
_ids = itertools.count(1)


def period(
    kind: CareerKind,
    start: str,
    end: str,
    days: int = 312,
    employer: str | None = None,
    remuneration: float | None = None,
    attested: str | None = None,
    future: bool = False,
) -> CareerPeriod:
    return CareerPeriod(
        id=next(_ids),
        kind=kind,
        start=dt.date.fromisoformat(start),
        end=dt.date.fromisoformat(end),
        days=days,
        employer=employer,
        remuneration=remuneration,
        attestation_date=dt.date.fromisoformat(attested) if attested else None,
        future=future,
    )


def year(
    kind: CareerKind, y: int, employer: str, days: int = 312, pay: float = 30_000.0
) -> CareerPeriod:
    return period(kind, f"{y}-01-01", f"{y}-12-31", days, employer, pay)


# --------------------------------------------------------------------------- citizen view


def test_citizen_view_drops_sanctions_and_future_periods() -> None:
    job = year(K.EMPLOYEE, 2024, "Colruyt Group NV")
    sanctions = [period(kind, "2024-03-01", "2024-03-10", 8) for kind in SANCTION_KINDS]
    notice = period(
        K.NOTICE_PERIOD, "2026-06-01", "2026-09-30", 104, "Colruyt Group NV", future=True
    )
    seen = citizen_view([job, *sanctions, notice], TODAY)
    assert seen == [job]


def test_citizen_view_cuts_a_period_running_past_today() -> None:
    notice = period(
        K.NOTICE_PERIOD, "2026-05-11", "2026-05-30", 20, "Barco NV", 2000.0, future=True
    )
    (seen,) = citizen_view([notice], TODAY)
    assert seen.end == TODAY and seen.start == notice.start
    assert seen.days == 10 and seen.remuneration == 1000.0  # 10 of 20 calendar days
    assert not seen.future


def test_citizen_view_keeps_a_period_ending_today_whole() -> None:
    p = period(K.UNEMPLOYMENT, "2026-01-01", "2026-05-20", 108, "RVA – ACV")
    assert citizen_view([p], TODAY) == [p]


def test_mark_future_flags_what_ends_after_today() -> None:
    past = year(K.EMPLOYEE, 2025, "UCB SA")
    running = period(K.NOTICE_PERIOD, "2026-05-01", "2026-07-31", 78)
    ahead = period(K.NOTICE_PERIOD, "2026-06-01", "2026-07-31", 52)
    marked = mark_future([past, running, ahead], TODAY)
    assert [p.future for p in marked] == [False, True, True]
    assert marked[0] is past  # unchanged periods are not copied
    assert mark_future(marked, TODAY) == marked
    assert mark_future([past.model_copy(update={"future": True})], TODAY)[0].future is False


def test_last_attestation() -> None:
    assert last_attestation([]) is None
    assert last_attestation([year(K.EMPLOYEE, 2020, "X")]) is None
    a = period(K.EMPLOYEE, "2020-01-01", "2020-12-31", attested="2021-02-15")
    b = period(K.SICKNESS, "2021-01-01", "2021-02-01", 27, attested="2021-04-01")
    assert last_attestation([b, a]) == dt.date(2021, 4, 1)


# --------------------------------------------------------------------------- per year


def test_per_year_groups_kinds_employers_and_pay() -> None:
    rows = per_year(
        [
            year(K.EMPLOYEE, 2019, "Solvay SA", 250, 40_000.0),
            period(K.SICKNESS, "2019-03-01", "2019-05-31", 62, "Solidaris"),
            period(K.SELF_EMPLOYED, "2019-07-01", "2019-12-31", 156, "Indépendant – Taxi", 9_000.0),
            year(K.EMPLOYEE, 2021, "Proximus SA", 312, 45_000.0),
            period(K.SANCTION_INAMI, "2019-04-01", "2019-04-10", 8, "INAMI"),
        ]
    )
    assert [r.year for r in rows] == [2019, 2021]  # no row for a year without data
    first = rows[0]
    assert first.days_of(K.EMPLOYEE) == 250 and first.days_of(K.SICKNESS) == 62
    assert first.days_of(K.MATERNITY) == 0
    assert first.employers == ("Solvay SA", "Indépendant – Taxi")  # institutions are not employers
    assert first.remuneration == 49_000.0
    assert first.professional_days == 406
    assert first.assimilated_days == 62
    assert first.sanction_days == 8
    assert first.total_days == 476
    assert [k for k, _ in first.days_by_kind] == [
        K.EMPLOYEE,
        K.SELF_EMPLOYED,
        K.SICKNESS,
        K.SANCTION_INAMI,
    ]


def test_per_year_splits_a_period_across_years_pro_rata() -> None:
    # 2019-07-01..2020-06-30: 184 days in 2019, 182 in 2020 (leap year), 366 in all
    p = period(K.CIVIL_SERVANT, "2019-07-01", "2020-06-30", 312, "SPF Finances", 36_600.0)
    first, second = per_year([p])
    assert (first.year, second.year) == (2019, 2020)
    assert first.days_of(K.CIVIL_SERVANT) == round(312 * 184 / 366)
    assert first.total_days + second.total_days == 312
    assert first.remuneration == 18_400.0 and second.remuneration == 18_200.0
    assert first.period_ids == second.period_ids == (p.id,)


def test_per_year_marks_years_with_future_data() -> None:
    rows = per_year(
        mark_future(
            [
                year(K.EMPLOYEE, 2025, "Umicore NV"),
                period(K.NOTICE_PERIOD, "2026-06-01", "2026-08-31", 78),
            ],
            TODAY,
        )
    )
    assert [(r.year, r.future) for r in rows] == [(2025, False), (2026, True)]


# --------------------------------------------------------------------------- per period


def test_per_period_cuts_the_career_by_status() -> None:
    studies = period(K.STUDIES, "1988-09-15", "1989-06-30", 312, "KU Leuven")
    military = period(K.MILITARY_SERVICE, "1989-07-01", "1990-04-30", 260, "Defensie")
    jobs_a = [year(K.EMPLOYEE, y, "Bekaert NV") for y in (1991, 1992)]
    job_b = year(K.EMPLOYEE, 1993, "Barco NV")
    unemployed = period(K.UNEMPLOYMENT, "1994-01-01", "1994-06-30", 155, "RVA – ABVV")
    own = [year(K.SELF_EMPLOYED, y, "Zelfstandige – Bakkerij") for y in (1995, 1996)]
    sick = period(K.SICKNESS, "1996-02-01", "1996-03-31", 51, "CM")
    later = year(K.EMPLOYEE, 1998, "Colruyt Group NV")
    stretches = per_period([later, sick, *own, unemployed, job_b, *jobs_a, military, studies])
    assert [s.status for s in stretches] == [K.EMPLOYEE, K.SELF_EMPLOYED, K.EMPLOYEE]
    first, second, third = stretches
    # studies and military service join the first stretch; unemployment the job before it
    assert first.start == studies.start and first.end == unemployed.end
    assert first.employers == ("Bekaert NV", "Barco NV")
    assert first.days_of(K.UNEMPLOYMENT) == 155 and first.days_of(K.STUDIES) == 312
    assert first.professional_days == 3 * 312
    assert second.period_ids == tuple(p.id for p in (own[0], own[1], sick))
    assert second.assimilated_days == 51
    assert third.employers == ("Colruyt Group NV",) and third.start == later.start


def test_per_period_side_activity_does_not_cut_the_main_job() -> None:
    jobs = [year(K.EMPLOYEE, y, "KBC Bank NV") for y in range(2000, 2011)]
    side = [
        year(K.SELF_EMPLOYED, y, "Zelfstandige – IT-consultancy", 60) for y in range(2005, 2008)
    ]
    stretches = per_period([*jobs, *side])
    assert [s.status for s in stretches] == [K.EMPLOYEE, K.SELF_EMPLOYED]
    assert stretches[0].start == dt.date(2000, 1, 1) and stretches[0].end == dt.date(2010, 12, 31)
    assert stretches[1].professional_days == 180


def test_per_period_a_gap_held_by_another_status_cuts() -> None:
    stretches = per_period(
        [
            year(K.EMPLOYEE, 2000, "Agfa-Gevaert NV"),
            year(K.CIVIL_SERVANT, 2001, "Stad Gent"),
            year(K.EMPLOYEE, 2002, "Agfa-Gevaert NV"),
        ]
    )
    assert [s.status for s in stretches] == [K.EMPLOYEE, K.CIVIL_SERVANT, K.EMPLOYEE]


def test_per_period_without_any_job() -> None:
    studies = period(K.STUDIES, "2020-09-15", "2021-06-30", 312, "UGent")
    (only,) = per_period([studies])
    assert only.status is None and only.assimilated_days == 312
    assert per_period([]) == []


def test_per_period_keeps_sanctions_agent_side() -> None:
    job = year(K.EMPLOYEE, 2010, "Lotus Bakeries NV")
    sanction = period(K.SANCTION_LATE_DECLARATION, "2010-05-01", "2010-05-03", 3, "CM")
    (only,) = per_period([job, sanction])
    assert only.sanction_days == 3 and only.assimilated_days == 0


# --------------------------------------------------------------------------- Mon CV


def test_cv_joins_consecutive_years_of_one_employer() -> None:
    a = [year(K.EMPLOYEE, y, "Delhaize De Leeuw NV", pay=20_000.0) for y in (2001, 2002, 2003)]
    gap = period(K.UNEMPLOYMENT, "2004-01-01", "2004-03-31", 77, "RVA – HVW")
    b = [year(K.EMPLOYEE, y, "Telenet BV") for y in (2004, 2005)]
    back = year(K.EMPLOYEE, 2007, "Delhaize De Leeuw NV")
    entries = cv([*b, back, gap, *a])
    assert [(e.employer, e.start.year, e.end.year) for e in entries] == [
        ("Delhaize De Leeuw NV", 2007, 2007),
        ("Telenet BV", 2004, 2005),
        ("RVA – HVW", 2004, 2004),
        ("Delhaize De Leeuw NV", 2001, 2003),
    ]
    oldest = entries[-1]
    assert oldest.days == 3 * 312 and oldest.remuneration == 60_000.0
    assert oldest.period_ids == tuple(p.id for p in a)
    assert entries[2].kind == K.UNEMPLOYMENT and entries[2].remuneration is None


def test_cv_keeps_future_entries_marked() -> None:
    entries = cv(mark_future([period(K.NOTICE_PERIOD, "2026-06-01", "2026-08-31", 78, "X")], TODAY))
    assert entries[0].future


# --------------------------------------------------------------------------- properties

_DAY0 = dt.date(1965, 1, 1)


_raw_period = st.tuples(
    st.integers(0, 65 * 365),  # start, days after _DAY0
    st.integers(0, 3 * 366),  # length in calendar days
    st.sampled_from(list(CareerKind)),
    st.integers(0, 1_000),  # career days
    st.sampled_from([None, "A", "B", "C"]),
    st.none() | st.floats(0, 100_000, allow_nan=False),
    st.none() | st.integers(0, 66 * 365),  # attestation, days after _DAY0
)


def _build(
    raw: list[tuple[int, int, CareerKind, int, str | None, float | None, int | None]],
) -> list[CareerPeriod]:
    out: list[CareerPeriod] = []
    for index, (start, length, kind, days, employer, pay, attested) in enumerate(raw):
        first = _DAY0 + dt.timedelta(days=start)
        out.append(
            CareerPeriod(
                id=index + 1,
                kind=kind,
                start=first,
                end=first + dt.timedelta(days=length),
                days=days,
                employer=employer,
                remuneration=pay,
                attestation_date=None if attested is None else _DAY0 + dt.timedelta(days=attested),
            )
        )
    return out


def periods() -> st.SearchStrategy[list[CareerPeriod]]:
    # sizes drawn uniformly: plain st.lists would mostly give a handful of periods
    sizes = st.integers(0, 40)
    return sizes.flatmap(lambda n: st.lists(_raw_period, min_size=n, max_size=n)).map(_build)


todays = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))


@given(periods(), todays)
def test_citizen_view_never_shows_sanctions_or_future_data(
    ps: list[CareerPeriod], today: dt.date
) -> None:
    seen = citizen_view(ps, today)
    assert not any(p.kind in SANCTION_KINDS for p in seen)
    assert all(p.start <= today and p.end <= today and not p.future for p in seen)
    assert {p.id for p in seen} <= {p.id for p in ps}
    assert citizen_view(seen, today) == seen
    kept = {p.id for p in ps if p.kind not in SANCTION_KINDS and p.start <= today}
    assert {p.id for p in seen} == kept


@given(periods())
def test_per_year_days_add_up_to_the_career(ps: list[CareerPeriod]) -> None:
    rows = per_year(ps)
    assert sum(r.total_days for r in rows) == sum(p.days for p in ps)
    for kind in CareerKind:
        assert sum(r.days_of(kind) for r in rows) == sum(p.days for p in ps if p.kind == kind)
    pay = sum(p.remuneration for p in ps if p.remuneration is not None)
    assert sum(r.remuneration for r in rows) == pytest.approx(pay, abs=0.01 * (len(rows) + 1))
    assert [r.year for r in rows] == sorted(
        {y for p in ps for y in range(p.start.year, p.end.year + 1)}
    )
    assert all(days > 0 for r in rows for _, days in r.days_by_kind)


@given(periods())
def test_per_period_places_each_period_exactly_once(ps: list[CareerPeriod]) -> None:
    stretches = per_period(ps)
    placed = Counter(pid for s in stretches for pid in s.period_ids)
    assert placed == Counter(p.id for p in ps)
    assert sum(s.total_days for s in stretches) == sum(p.days for p in ps)
    has_jobs = any(p.kind in PROFESSIONAL_KINDS for p in ps)
    for s in stretches:
        assert s.start <= s.end
        assert (s.status is None) == (not has_jobs)
        assert s.status is None or s.status in PROFESSIONAL_KINDS
        by_id = {p.id: p for p in ps}
        assert all(
            by_id[pid].kind == s.status
            for pid in s.period_ids
            if by_id[pid].kind in PROFESSIONAL_KINDS
        )
    assert [s.start for s in stretches] == sorted(s.start for s in stretches)


@given(periods())
def test_cv_places_each_period_exactly_once(ps: list[CareerPeriod]) -> None:
    entries = cv(ps)
    assert Counter(pid for e in entries for pid in e.period_ids) == Counter(p.id for p in ps)
    assert sum(e.days for e in entries) == sum(p.days for p in ps)
    assert [e.start for e in entries] == sorted((e.start for e in entries), reverse=True)
    by_id = {p.id: p for p in ps}
    for e in entries:
        assert all(
            by_id[pid].kind == e.kind and by_id[pid].employer == e.employer for pid in e.period_ids
        )


@given(periods(), todays)
def test_mark_future_matches_end_after_today(ps: list[CareerPeriod], today: dt.date) -> None:
    marked = mark_future(ps, today)
    assert [p.id for p in marked] == [p.id for p in ps]
    assert all(p.future == (p.end > today) for p in marked)


@given(periods())
def test_last_attestation_is_the_newest(ps: list[CareerPeriod]) -> None:
    dates = [p.attestation_date for p in ps if p.attestation_date]
    assert last_attestation(ps) == (max(dates) if dates else None)
