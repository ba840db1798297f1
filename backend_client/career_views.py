"""Pure views over career periods: citizen view, per year, per period, Mon CV (F6)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from backend_client.models import PROFESSIONAL_KINDS, SANCTION_KINDS, CareerKind, CareerPeriod

__all__ = [
    "CvEntry",
    "StatusPeriod",
    "YearRow",
    "citizen_view",
    "cv",
    "last_attestation",
    "mark_future",
    "per_period",
    "per_year",
]

_DAY = dt.timedelta(days=1)
_KIND_ORDER = {kind: index for index, kind in enumerate(CareerKind)}

DaysByKind = tuple[tuple[CareerKind, int], ...]
"""Days per kind, in the order kinds are declared in ``CareerKind``; no zero entries."""


# --------------------------------------------------------------------------- row types


@dataclass(frozen=True)
class _Days:
    """Shared accessors of rows that carry days per kind."""

    days_by_kind: DaysByKind

    def days_of(self, kind: CareerKind) -> int:
        """Days of one kind (0 when absent)."""
        return next((days for k, days in self.days_by_kind if k == kind), 0)

    @property
    def total_days(self) -> int:
        return sum(days for _, days in self.days_by_kind)

    @property
    def professional_days(self) -> int:
        """Days worked as employee, self-employed or civil servant."""
        return sum(days for k, days in self.days_by_kind if k in PROFESSIONAL_KINDS)

    @property
    def sanction_days(self) -> int:
        """Agent-only sanction days (never in a citizen view)."""
        return sum(days for k, days in self.days_by_kind if k in SANCTION_KINDS)

    @property
    def assimilated_days(self) -> int:
        """Days of assimilated periods (unemployment, sickness, studies, notice…)."""
        return self.total_days - self.professional_days - self.sanction_days


@dataclass(frozen=True)
class YearRow(_Days):
    """One calendar year of the "Par an" view."""

    year: int
    employers: tuple[str, ...]
    remuneration: float
    period_ids: tuple[int, ...]
    future: bool = False


@dataclass(frozen=True)
class StatusPeriod(_Days):
    """A stretch of the career under one professional status ("Par période").

    ``status`` is None only for a career without any professional period (e.g. only
    regularised studies).
    """

    status: CareerKind | None
    start: dt.date
    end: dt.date
    employers: tuple[str, ...]
    remuneration: float
    period_ids: tuple[int, ...]
    future: bool = False


@dataclass(frozen=True)
class CvEntry:
    """One line of "Mon CV": a job with one employer, or an assimilated period."""

    kind: CareerKind
    employer: str | None
    start: dt.date
    end: dt.date
    days: int
    remuneration: float | None
    period_ids: tuple[int, ...]
    future: bool = False


# --------------------------------------------------------------------------- filters


def _end(period: CareerPeriod) -> dt.date:
    """A period's end, never before its start (bad data stays one day long)."""
    return period.end if period.end >= period.start else period.start


def _calendar_days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1


def citizen_view(periods: Iterable[CareerPeriod], today: dt.date) -> list[CareerPeriod]:
    """Exactly what the citizen sees: no sanction kinds, nothing dated after ``today``.

    Periods starting after today are dropped; a period running past today is cut at
    today, its days and remuneration reduced pro rata. This is what the server applies
    for ``view=citizen``.
    """
    seen: list[CareerPeriod] = []
    for period in periods:
        if period.kind in SANCTION_KINDS or period.start > today:
            continue
        end = _end(period)
        if end > today:
            share = _calendar_days(period.start, today) / _calendar_days(period.start, end)
            remuneration = period.remuneration
            if remuneration is not None:
                remuneration = round(remuneration * share, 2)
            period = period.model_copy(
                update={
                    "end": today,
                    "days": round(period.days * share),
                    "remuneration": remuneration,
                    "future": False,
                }
            )
        elif period.future:
            period = period.model_copy(update={"future": False})
        seen.append(period)
    return seen


def mark_future(periods: Iterable[CareerPeriod], today: dt.date) -> list[CareerPeriod]:
    """The same periods with ``future`` set on those dated (at least partly) after today."""
    marked: list[CareerPeriod] = []
    for period in periods:
        future = _end(period) > today
        marked.append(
            period if period.future == future else period.model_copy(update={"future": future})
        )
    return marked


def last_attestation(periods: Iterable[CareerPeriod]) -> dt.date | None:
    """Date of the newest attestation received; the agent timeline runs to it."""
    dates = [p.attestation_date for p in periods if p.attestation_date is not None]
    return max(dates) if dates else None


# --------------------------------------------------------------------------- per year


@dataclass
class _YearAcc:
    days: dict[CareerKind, int] = field(default_factory=dict)
    employers: list[str] = field(default_factory=list)
    remuneration: float = 0.0
    period_ids: list[int] = field(default_factory=list)
    future: bool = False


def _year_shares(period: CareerPeriod) -> list[tuple[int, int, float]]:
    """(year, days, remuneration) of each calendar year the period touches.

    Split pro rata by calendar days; days are rounded cumulatively so that the
    shares always add up to the period's days exactly.
    """
    start, end = period.start, _end(period)
    total = _calendar_days(start, end)
    remuneration = period.remuneration or 0.0
    shares: list[tuple[int, int, float]] = []
    covered = 0
    given_days = 0
    given_money = 0.0
    for year in range(start.year, end.year + 1):
        piece_end = min(end, dt.date(year, 12, 31))
        piece_start = max(start, dt.date(year, 1, 1))
        covered += _calendar_days(piece_start, piece_end)
        days_so_far = (period.days * covered * 2 + total) // (2 * total)
        money_so_far = remuneration * covered / total
        shares.append((year, days_so_far - given_days, money_so_far - given_money))
        given_days, given_money = days_so_far, money_so_far
    return shares


def per_year(periods: Iterable[CareerPeriod]) -> list[YearRow]:
    """The "Par an" view: per calendar year, days per kind, employers, remuneration.

    A period spanning several years is split pro rata by calendar days. Years
    without any period are left out; rows come oldest first.
    """
    years: dict[int, _YearAcc] = {}
    for period in sorted(periods, key=_by_start):
        for year, days, money in _year_shares(period):
            acc = years.setdefault(year, _YearAcc())
            acc.days[period.kind] = acc.days.get(period.kind, 0) + days
            if period.kind in PROFESSIONAL_KINDS and period.employer:
                if period.employer not in acc.employers:
                    acc.employers.append(period.employer)
            if period.remuneration is not None:
                acc.remuneration += money
            acc.period_ids.append(period.id)
            acc.future = acc.future or period.future
    return [
        YearRow(
            days_by_kind=_days_by_kind(acc.days),
            year=year,
            employers=tuple(acc.employers),
            remuneration=round(acc.remuneration, 2),
            period_ids=tuple(acc.period_ids),
            future=acc.future,
        )
        for year, acc in sorted(years.items())
    ]


# --------------------------------------------------------------------------- per period


@dataclass
class _Run:
    status: CareerKind | None
    members: list[CareerPeriod]
    start: dt.date
    end: dt.date

    def add(self, period: CareerPeriod) -> None:
        self.members.append(period)
        self.start = min(self.start, period.start)
        self.end = max(self.end, _end(period))


def _interrupted(
    gap_from: dt.date, gap_to: dt.date, status: CareerKind, professional: Sequence[CareerPeriod]
) -> bool:
    """Whether another status held the days strictly between two periods of ``status``."""
    if gap_to <= gap_from + _DAY:
        return False  # adjacent or overlapping: no gap to be interrupted in
    return any(q.kind != status and q.start < gap_to and _end(q) > gap_from for q in professional)


def per_period(periods: Iterable[CareerPeriod]) -> list[StatusPeriod]:
    """The "Par période" view: the career cut by professional status.

    Periods of one status form a stretch until another status takes over the days
    between them. Concurrent activities (a side self-employed activity during a job)
    give overlapping stretches. Each assimilated period or sanction joins the stretch
    it falls in (the latest-starting one), else the stretch that ended just before it,
    else the first stretch after it (studies, military service).
    """
    ordered = sorted(periods, key=_by_start)
    professional = [p for p in ordered if p.kind in PROFESSIONAL_KINDS]
    runs: list[_Run] = []
    open_runs: dict[CareerKind, _Run] = {}
    for period in professional:
        run = open_runs.get(period.kind)
        if run is not None and not _interrupted(run.end, period.start, period.kind, professional):
            run.add(period)
            continue
        run = _Run(period.kind, [period], period.start, _end(period))
        runs.append(run)
        open_runs[period.kind] = run

    spans = [(run.start, run.end) for run in runs]  # before assimilated periods stretch them
    for period in ordered:
        if period.kind in PROFESSIONAL_KINDS:
            continue
        target = _host(period, runs, spans)
        if target is None:
            target = _Run(None, [], period.start, _end(period))
            runs.append(target)
            spans.append((target.start, target.end))
        target.add(period)

    result = [_status_period(run) for run in runs]
    result.sort(key=lambda s: (s.start, _KIND_ORDER[s.status] if s.status else -1))
    return result


def _host(
    period: CareerPeriod, runs: Sequence[_Run], spans: Sequence[tuple[dt.date, dt.date]]
) -> _Run | None:
    inside = [i for i, (start, end) in enumerate(spans) if start <= period.start <= end]
    if inside:
        return runs[max(inside, key=lambda i: spans[i][0])]
    before = [i for i, (_, end) in enumerate(spans) if end < period.start]
    if before:
        return runs[max(before, key=lambda i: spans[i][1])]
    after = [i for i, (start, _) in enumerate(spans) if start > period.start]
    if after:
        return runs[min(after, key=lambda i: spans[i][0])]
    return None


def _status_period(run: _Run) -> StatusPeriod:
    days: dict[CareerKind, int] = {}
    employers: list[str] = []
    remuneration = 0.0
    for period in run.members:
        days[period.kind] = days.get(period.kind, 0) + period.days
        if period.kind in PROFESSIONAL_KINDS and period.employer:
            if period.employer not in employers:
                employers.append(period.employer)
        remuneration += period.remuneration or 0.0
    members = sorted(run.members, key=_by_start)
    return StatusPeriod(
        days_by_kind=_days_by_kind(days),
        status=run.status,
        start=run.start,
        end=run.end,
        employers=tuple(employers),
        remuneration=round(remuneration, 2),
        period_ids=tuple(p.id for p in members),
        future=any(p.future for p in members),
    )


# --------------------------------------------------------------------------- Mon CV


def cv(periods: Iterable[CareerPeriod]) -> list[CvEntry]:
    """The "Mon CV" view, newest first.

    Consecutive periods of the same kind and employer (declarations arrive per year)
    join into one entry with its from–to and total days; a later return to the same
    employer after a gap is a new entry. Assimilated periods are entries of their own.
    """
    groups: dict[tuple[CareerKind, str | None], list[CareerPeriod]] = {}
    for period in sorted(periods, key=_by_start):
        groups.setdefault((period.kind, period.employer), []).append(period)
    entries: list[CvEntry] = []
    for (kind, employer), members in groups.items():
        run: list[CareerPeriod] = []
        for period in members:
            if run and period.start > max(_end(p) for p in run) + _DAY:
                entries.append(_cv_entry(kind, employer, run))
                run = []
            run.append(period)
        entries.append(_cv_entry(kind, employer, run))
    entries.sort(key=lambda e: (e.start, e.end, -_KIND_ORDER[e.kind]), reverse=True)
    return entries


def _cv_entry(kind: CareerKind, employer: str | None, run: Sequence[CareerPeriod]) -> CvEntry:
    known = [p.remuneration for p in run if p.remuneration is not None]
    return CvEntry(
        kind=kind,
        employer=employer,
        start=min(p.start for p in run),
        end=max(_end(p) for p in run),
        days=sum(p.days for p in run),
        remuneration=round(sum(known), 2) if known else None,
        period_ids=tuple(p.id for p in run),
        future=any(p.future for p in run),
    )


# --------------------------------------------------------------------------- helpers


def _by_start(period: CareerPeriod) -> tuple[dt.date, dt.date, int]:
    return (period.start, _end(period), period.id)


def _days_by_kind(days: dict[CareerKind, int]) -> DaysByKind:
    return tuple(
        (kind, count)
        for kind, count in sorted(days.items(), key=lambda kv: _KIND_ORDER[kv[0]])
        if count
    )
