"""Plausible Belgian careers for demo citizens, as rows of the career_periods table."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from backend_client.models import CareerKind

from . import organisations as org

FULL_YEAR_DAYS = 312
"""Career days of a full-time calendar year (6-day scheme)."""

# (id, niss, kind, start, end, days, employer, remuneration, attestation_date)
PeriodRow = tuple[int, str, str, dt.date, dt.date, int, str | None, float | None, dt.date | None]

_EMPLOYEE = CareerKind.EMPLOYEE.value
_SELF = CareerKind.SELF_EMPLOYED.value
_CIVIL = CareerKind.CIVIL_SERVANT.value
_DAY = dt.timedelta(days=1)


def _year_length(year: int) -> int:
    return 366 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 365


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def last_declared_quarter_end(today: dt.date) -> dt.date:
    """End of the newest quarter whose declarations have arrived (≈ 50 days later)."""
    probe = today - dt.timedelta(days=50)
    quarter_start_month = (probe.month - 1) // 3 * 3 + 1
    return dt.date(probe.year, quarter_start_month, 1) - _DAY


class CareerBuilder:
    """Builds one citizen's periods; ids come from a shared counter."""

    def __init__(self, rng: random.Random, today: dt.date, next_id: Callable[[], int]) -> None:
        self.rng = rng
        self.today = today
        self.cutoff = last_declared_quarter_end(today)
        self.next_id = next_id

    # ------------------------------------------------------------------ helpers

    def _emit(
        self,
        rows: list[PeriodRow],
        niss: str,
        kind: str,
        start: dt.date,
        end: dt.date,
        employer: str | None,
        annual: float | None = None,
        fraction: float = 1.0,
        minus_days: dict[int, int] | None = None,
    ) -> None:
        """Append one row per calendar year of ``start..end`` (declarations are yearly)."""
        rng = self.rng
        year = start.year
        while True:
            piece_start = start if start.year == year else dt.date(year, 1, 1)
            piece_end = end if end.year == year else dt.date(year, 12, 31)
            share = ((piece_end - piece_start).days + 1) / _year_length(year)
            days = round(FULL_YEAR_DAYS * share * fraction)
            if minus_days:
                days = max(0, days - minus_days.get(year, 0))
            remuneration = None
            if annual is not None:
                # wages follow the index: about 2.2 % a year around 2010 levels
                indexed = annual * 1.022 ** (year - 2010)
                remuneration = round(indexed * share * fraction * rng.uniform(0.97, 1.03), 2)
            # random() rather than randint(): this runs ~100,000 times per seed
            lag = dt.timedelta(days=20 + int(rng.random() * 56))
            attested = min(piece_end + lag, self.today)
            rows.append(
                (
                    self.next_id(),
                    niss,
                    kind,
                    piece_start,
                    piece_end,
                    days,
                    employer,
                    remuneration,
                    attested,
                )
            )
            if piece_end >= end:
                return
            year += 1

    def _employer(self, kind: str, lang: str) -> str:
        rng = self.rng
        if rng.random() < 0.15:
            lang = rng.choice(("fr", "nl"))
        if kind == _CIVIL:
            return rng.choice(org.PUBLIC_EMPLOYERS[lang])
        if kind == _SELF:
            activity = rng.choice(org.SELF_EMPLOYED_ACTIVITIES[lang])
            fund = rng.choice(org.SOCIAL_INSURANCE_FUNDS)
            return f"{org.SELF_EMPLOYED_LABEL[lang]} – {activity} ({fund})"
        return rng.choice(org.EMPLOYERS[lang])

    # ------------------------------------------------------------------ the career

    def build(self, niss: str, birth: dt.date, male: bool, lang: str) -> list[PeriodRow]:
        """All periods of one citizen, oldest first (sanctions and notice at the end)."""
        rng = self.rng
        rows: list[PeriodRow] = []
        start_age = rng.choices((18, 19, 20, 21, 22, 23, 24, 25), (8, 10, 8, 10, 14, 16, 12, 6))[0]
        cursor = dt.date(birth.year + start_age, rng.choice((7, 8, 9, 10)), 1)
        if cursor >= self.cutoff:
            return rows  # still at school: nothing declared yet

        if start_age >= 21 and rng.random() < 0.3:
            years = rng.randint(2, min(5, start_age - 18))
            school = rng.choice(org.SCHOOLS[lang])
            for k in range(years, 0, -1):
                begin = dt.date(cursor.year - k, 9, 15)
                self._emit_one(
                    rows,
                    niss,
                    CareerKind.STUDIES.value,
                    begin,
                    dt.date(cursor.year - k + 1, 6, 30),
                    FULL_YEAR_DAYS,
                    school,
                )

        if male and birth.year < 1975 and rng.random() < 0.85:
            months = 12 if birth.year < 1960 else 10 if birth.year < 1970 else 8
            mil_end = _add_months(cursor, months) - _DAY
            self._emit(
                rows,
                niss,
                CareerKind.MILITARY_SERVICE.value,
                cursor,
                mil_end,
                org.MILITARY_BODY[lang],
            )
            cursor = mil_end + _DAY

        retire = dt.date(birth.year + rng.randint(60, 65), birth.month, 1) - _DAY
        end = min(retire, self.cutoff)
        if cursor >= end:
            return rows

        profile = rng.choices((_EMPLOYEE, _SELF, _CIVIL, "mixed"), (68, 10, 12, 10))[0]
        kind = _EMPLOYEE if profile == "mixed" else profile
        invalid_from: dt.date | None = None
        if rng.random() < 0.04:
            age = rng.randint(35, 58)
            invalid_from = dt.date(birth.year + age, rng.randint(1, 12), 1)
            if invalid_from >= end or invalid_from <= cursor:
                invalid_from = None
        children = rng.choice((0, 0, 1, 2, 2, 3)) if not male else 0
        work_end = invalid_from - _DAY if invalid_from else end
        annual = rng.uniform(21_000, 34_000)
        sick_stretches: list[tuple[dt.date, dt.date]] = []
        current_employer: str | None = None

        while cursor < work_end:
            years = rng.choices((1, 2, 3, 5, 8, 12, 20), (14, 14, 14, 18, 16, 14, 10))[0]
            job_end = min(_add_months(cursor, years * 12 + rng.randint(-5, 5)) - _DAY, work_end)
            if job_end <= cursor:
                job_end = work_end
            employer = self._employer(kind, lang)
            fraction = rng.choices((1.0, 0.8, 0.5), (80, 12, 8))[0]
            minus: dict[int, int] = {}
            # assimilated periods inside the job take days from it that year
            for year in range(cursor.year, job_end.year + 1):
                age = year - birth.year
                if children and 23 <= age <= 40 and rng.random() < 0.14:
                    children -= 1
                    self._inside(
                        rows,
                        niss,
                        CareerKind.MATERNITY.value,
                        year,
                        105,
                        rng.choice(org.MUTUALITIES[lang]),
                        cursor,
                        job_end,
                        minus,
                    )
                if rng.random() < 0.05:
                    got = self._inside(
                        rows,
                        niss,
                        CareerKind.SICKNESS.value,
                        year,
                        rng.randint(20, 170),
                        rng.choice(org.MUTUALITIES[lang]),
                        cursor,
                        job_end,
                        minus,
                    )
                    if got:
                        sick_stretches.append(got)
            if kind != _SELF and (job_end - cursor).days > 3 * 365 and rng.random() < 0.12:
                year = rng.randint(cursor.year + 1, job_end.year)
                self._inside(
                    rows,
                    niss,
                    CareerKind.CAREER_BREAK.value,
                    year,
                    rng.randint(90, 300),
                    org.CAREER_BREAK_BODY[lang],
                    cursor,
                    job_end,
                    minus,
                )
            self._emit(
                rows,
                niss,
                kind,
                cursor,
                job_end,
                employer,
                annual * (0.8 if kind == _SELF else 1.0),
                fraction,
                minus,
            )
            current_employer = employer
            annual *= rng.uniform(1.02, 1.15)
            cursor = job_end + _DAY
            if cursor >= work_end:
                break
            if rng.random() < 0.45:
                gap_end = min(_add_months(cursor, rng.randint(1, 18)) - _DAY, work_end)
                self._emit(
                    rows,
                    niss,
                    CareerKind.UNEMPLOYMENT.value,
                    cursor,
                    gap_end,
                    rng.choice(org.UNEMPLOYMENT_BODIES[lang]),
                )
                cursor = gap_end + _DAY
                current_employer = None
            if profile == "mixed" and rng.random() < 0.6:
                kind = rng.choice([k for k in (_EMPLOYEE, _SELF, _CIVIL) if k != kind])

        if invalid_from is not None:
            body = rng.choice(org.MUTUALITIES[lang])
            self._emit(rows, niss, CareerKind.INVALIDITY.value, invalid_from, end, body)
            sick_stretches.append((invalid_from, end))
            current_employer = None

        if sick_stretches and rng.random() < 0.45:
            self._sanctions(rows, niss, lang, sick_stretches)
        if current_employer and end == self.cutoff and rng.random() < 0.08:
            self._notice(rows, niss, current_employer, annual)
        return rows

    def _emit_one(
        self,
        rows: list[PeriodRow],
        niss: str,
        kind: str,
        start: dt.date,
        end: dt.date,
        days: int,
        employer: str | None,
    ) -> None:
        attested = min(end + dt.timedelta(days=self.rng.randint(20, 400)), self.today)
        rows.append((self.next_id(), niss, kind, start, end, days, employer, None, attested))

    def _inside(
        self,
        rows: list[PeriodRow],
        niss: str,
        kind: str,
        year: int,
        length: int,
        body: str,
        job_start: dt.date,
        job_end: dt.date,
        minus: dict[int, int],
    ) -> tuple[dt.date, dt.date] | None:
        """An assimilated period of ``length`` calendar days inside one year of a job."""
        low = max(job_start, dt.date(year, 1, 1))
        high = min(job_end, dt.date(year, 12, 31)) - dt.timedelta(days=length)
        if high <= low:
            return None
        start = low + dt.timedelta(days=self.rng.randint(0, (high - low).days))
        end = start + dt.timedelta(days=length - 1)
        days = round(FULL_YEAR_DAYS * length / _year_length(year))
        minus[year] = minus.get(year, 0) + days
        self._emit(rows, niss, kind, start, end, body)
        return start, end

    def _sanctions(
        self,
        rows: list[PeriodRow],
        niss: str,
        lang: str,
        stretches: list[tuple[dt.date, dt.date]],
    ) -> None:
        """Agent-only sanction days inside sickness or invalidity (manual §5)."""
        rng = self.rng
        kinds = (
            CareerKind.SANCTION_MEDICAL_ABSENCE.value,
            CareerKind.SANCTION_LATE_DECLARATION.value,
            CareerKind.SANCTION_INAMI.value,
        )
        for kind in rng.sample(kinds, rng.randint(1, 3)):
            first, last = rng.choice(stretches)
            span = (last - first).days
            if kind == CareerKind.SANCTION_INAMI.value:
                days = rng.randint(3, 400)
                length = min(span, days * 7 // 6)
                body = org.INAMI[lang]
            else:
                length = min(span, rng.randint(1, 30))
                days = max(1, round(length * 6 / 7))
                body = rng.choice(org.MUTUALITIES[lang])
            offset = rng.randint(0, max(0, span - length))
            start = first + dt.timedelta(days=offset)
            end = start + dt.timedelta(days=max(0, length - 1))
            attested = min(end + dt.timedelta(days=rng.randint(30, 120)), self.today)
            rows.append((self.next_id(), niss, kind, start, end, days, body, None, attested))

    def _notice(self, rows: list[PeriodRow], niss: str, employer: str, annual: float) -> None:
        """A notice period declared already but dated after today (agent-only)."""
        rng = self.rng
        start = self.today + dt.timedelta(days=rng.randint(5, 90))
        end = _add_months(start, rng.randint(2, 9)) - _DAY
        days = round(FULL_YEAR_DAYS * ((end - start).days + 1) / 365.25)
        remuneration = round(annual * 1.022 ** (start.year - 2010) * days / FULL_YEAR_DAYS, 2)
        attested = self.today - dt.timedelta(days=rng.randint(1, 20))
        rows.append(
            (
                self.next_id(),
                niss,
                CareerKind.NOTICE_PERIOD.value,
                start,
                end,
                days,
                employer,
                remuneration,
                attested,
            )
        )
