"""Career detail tables: rows, problem reports with their prefill, tabs, snapshots."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual import on
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import DataTable

from backend_client.career_views import YearRow, cv, per_period, per_year
from backend_client.models import Career, CareerKind
from tests.widgets.career_sample import (
    MARKUP_EMPLOYER,
    agent_career,
    citizen_career,
    sample_periods,
)
from widgets.career_tables import (
    CareerDetail,
    CareerTable,
    CvTable,
    PeriodTable,
    YearTable,
    describe_year,
)
from widgets.timeline import ProblemContext

SnapCompare = Callable[..., bool]
SIZES = [(120, 40), (80, 24)]


class DetailHost(App[None]):
    """One CareerDetail; records the problem reports of its tables."""

    def __init__(self, career: Career, *, agent_view: bool = True) -> None:
        super().__init__()
        self.career = career
        self.agent_view = agent_view
        self.reports: list[CareerTable.ReportProblem] = []

    def compose(self) -> ComposeResult:
        yield CareerDetail(self.career, agent_view=self.agent_view)

    @property
    def detail(self) -> CareerDetail:
        return self.query_one(CareerDetail)

    @on(CareerTable.ReportProblem)
    def _report(self, event: CareerTable.ReportProblem) -> None:
        self.reports.append(event)


def row_texts(table: DataTable[Any], row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


async def test_tables_show_the_pure_views_rows() -> None:
    app = DetailHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        periods = sample_periods()
        detail = app.detail
        assert detail.cv_table.elements == cv(periods)
        assert detail.cv_table.row_count == len(cv(periods))
        assert detail.year_table.elements == per_year(periods)
        table = detail.period_table
        assert table is not None and table.elements == per_period(periods)
        # Newest first in My CV: the future notice period opens the list.
        first = row_texts(detail.cv_table, 0)
        assert first[2] == "Notice period" and "(future)" in first[1]
        years = [row_texts(detail.year_table, i)[0].split()[0] for i in range(3)]
        assert years == ["1980", "1981", "1982"]


async def test_every_cell_is_text_and_markup_stays_literal() -> None:
    app = DetailHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.detail.cv_table
        employers = [row_texts(table, i)[3] for i in range(table.row_count)]
        assert MARKUP_EMPLOYER in employers
        from rich.text import Text

        assert all(isinstance(c, Text) for i in range(table.row_count) for c in table.get_row_at(i))


async def test_bang_on_a_year_row_reports_that_year() -> None:
    app = DetailHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        table = app.detail.year_table
        assert app.detail.active_tab == "per_year" and table.has_focus
        rows = per_year(sample_periods())
        target = next(i for i, row in enumerate(rows) if row.year == 1994)
        table.move_cursor(row=target)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        (report,) = app.reports
        assert report.table is table
        assert isinstance(report.element, YearRow) and report.element.year == 1994
        assert report.context == ProblemContext(
            "career_data", 1994, f"1994 — Employee: {MARKUP_EMPLOYER} (312 days)"
        )


def test_year_description_with_several_statuses() -> None:
    row = next(r for r in per_year(sample_periods()) if r.year == 1996)
    text = describe_year(row)
    assert text.startswith("1996 — Employee: ")
    assert "Sickness (" in text and "Sanction MC call (" in text


async def test_bang_on_cv_and_period_rows_reports_start_year() -> None:
    app = DetailHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        cv_table = app.detail.cv_table
        assert cv_table.has_focus
        entries = cv(sample_periods())
        index = next(i for i, e in enumerate(entries) if e.kind is CareerKind.SELF_EMPLOYED)
        cv_table.move_cursor(row=index)
        await pilot.press("exclamation_mark")
        await pilot.press("3")
        period_table = app.detail.period_table
        assert period_table is not None and period_table.has_focus
        await pilot.press("exclamation_mark")
        await pilot.pause()
        first, second = app.reports
        assert first.context == ProblemContext(
            "career_data",
            2000,
            f"2000-01-01–2007-12-31 — Self-employed: Atelier Verbeke ({entries[index].days} days)",
        )
        assert second.table is period_table
        assert second.context.category == "career_data"
        assert second.context.year == per_period(sample_periods())[0].start.year


async def test_citizen_view_has_banner_and_no_period_tab() -> None:
    app = DetailHost(citizen_career(), agent_view=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        detail = app.detail
        assert detail.period_table is None and not app.query(PeriodTable)
        assert detail.active_tab == "cv"
        banner = detail.query_one("#career-detail-banner")
        assert "Citizen view" in str(banner.render())
        kinds = {entry.kind for entry in detail.cv_table.elements}
        assert CareerKind.NOTICE_PERIOD not in kinds
        assert not any(entry.future for entry in detail.cv_table.elements)
        await pilot.press("2")
        assert detail.active_tab == "per_year"
        # Its key is not offered where its tab does not exist (the footer lists this).
        shown = {key for key, active in app.screen.active_bindings.items() if active.binding.show}
        assert "3" not in shown and "2" in shown


async def test_tables_can_be_used_alone() -> None:
    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield YearTable(per_year(sample_periods()))
            yield CvTable()

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one(YearTable).row_count == len(per_year(sample_periods()))
        assert app.query_one(CvTable).row_count == 0
        await pilot.press("exclamation_mark")  # nothing to report on an empty table: no crash


# --------------------------------------------------------------------------- snapshots


def _detail_snapshot(
    snap_compare: SnapCompare, size: tuple[int, int], key: str, *, agent_view: bool = True
) -> bool:
    career = agent_career() if agent_view else citizen_career()
    app = DetailHost(career, agent_view=agent_view)

    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press(key, "j", "j")

    return bool(snap_compare(app, terminal_size=size, run_before=run_before))


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_snapshot_cv(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert _detail_snapshot(snap_compare, size, "1")


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_snapshot_per_year(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert _detail_snapshot(snap_compare, size, "2")


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_snapshot_per_period(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert _detail_snapshot(snap_compare, size, "3")


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_snapshot_citizen_per_year(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert _detail_snapshot(snap_compare, size, "2", agent_view=False)
