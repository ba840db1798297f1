"""Timeline: block navigation, zoom, messages, agent/citizen lanes, markup safety, snapshots."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from rich.console import Console
from textual import on
from textual.app import App, ComposeResult
from textual.message import Message
from textual.pilot import Pilot

from backend_client.career_views import mark_future
from backend_client.models import SANCTION_KINDS, Career, CareerKind, CareerView
from tests.widgets.career_sample import (
    MARKUP_EMPLOYER,
    TODAY,
    agent_career,
    citizen_career,
    sample_periods,
)
from widgets.timeline import (
    FUTURE_GLYPH,
    TODAY_AXIS_GLYPH,
    ProblemContext,
    Timeline,
    TimelineDetail,
    build_layout,
    period_detail,
)

SnapCompare = Callable[..., bool]
SIZES = [(120, 40), (80, 24)]
BANNER = "Citizen view — exactly what the citizen sees"


class TimelineHost(App[None]):
    """One timeline and its detail panel; records the messages the timeline posts."""

    def __init__(self, career: Career, *, banner: str = "") -> None:
        super().__init__()
        self.career = career
        self.banner = banner
        self.received: list[Message] = []

    def compose(self) -> ComposeResult:
        yield Timeline(self.career, TODAY, banner=self.banner)
        yield TimelineDetail()

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @on(Timeline.BlockZoomed)
    def _zoomed(self, event: Timeline.BlockZoomed) -> None:
        self.received.append(event)
        self.query_one(TimelineDetail).show_period(event.period)

    @on(Timeline.ReportProblem)
    def _report(self, event: Timeline.ReportProblem) -> None:
        self.received.append(event)


def screen_text(app: App[Any]) -> str:
    """The whole screen as plain text (what a NO_COLOR terminal would show)."""
    console = Console(width=app.size.width, record=True, file=io.StringIO())
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def lines_text(timeline: Timeline) -> list[str]:
    return [strip.text for strip in timeline.render_lines_for(timeline.size.width)]


async def test_h_l_move_through_the_lane_in_time_order() -> None:
    app = TimelineHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.timeline
        assert timeline.lane_kinds[0] is CareerKind.EMPLOYEE
        seen = [timeline.selected_period]
        for _ in range(3):
            await pilot.press("l")
            seen.append(timeline.selected_period)
        ids = [p.id for p in seen if p is not None]
        # Three employee jobs, in time order; `l` at the last one stays there.
        assert ids == [3, 5, 15, 15]
        starts = [p.start for p in seen if p is not None]
        assert starts == sorted(starts)
        await pilot.press("h", "left")
        assert timeline.selected_period is not None and timeline.selected_period.id == 3
        await pilot.press("right")
        assert timeline.selected_period is not None and timeline.selected_period.id == 5


async def test_j_k_change_lane_to_the_block_nearest_in_time() -> None:
    app = TimelineHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.timeline
        await pilot.press("l")  # employee 1993–1999
        await pilot.press(
            "j", "j", "j", "j"
        )  # self-employed, civil servant, unemployment, sickness
        period = timeline.selected_period
        assert period is not None and period.kind is CareerKind.SICKNESS
        assert timeline.selection == (4, 0)
        await pilot.press("k")
        period = timeline.selected_period
        assert period is not None and period.kind is CareerKind.UNEMPLOYMENT
        footer = lines_text(timeline)[-1]
        assert "Unemployment" in footer and "ONEM" in footer


async def test_zoom_levels_change_the_visible_window() -> None:
    app = TimelineHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.timeline
        layout = timeline.timeline_layout
        assert timeline.window.start == layout.start
        assert timeline.window.days == layout.days
        axis_whole = lines_text(timeline)[0]
        await pilot.press("l")  # employee 1993–1999, centre 1996
        await pilot.press("plus")
        assert timeline.zoom == 1 and timeline.window.days == 3653
        assert timeline.window.start <= dt.date(1996, 6, 30) < timeline.window.stop
        axis_decade = lines_text(timeline)[0]
        assert "Decade" in axis_decade and "1996" in axis_decade and "2010" not in axis_decade
        assert axis_decade != axis_whole
        await pilot.press("plus")
        assert timeline.zoom == 2 and timeline.window.days == 366
        assert "1996" in lines_text(timeline)[0]
        await pilot.press("plus")  # no deeper level
        assert timeline.zoom == 2
        # Moving to a block outside the year window moves the window with it.
        await pilot.press("l")
        assert timeline.window.start <= dt.date(2025, 4, 30) < timeline.window.stop
        await pilot.press("minus", "minus", "minus")
        assert timeline.zoom == 0 and timeline.window.days == layout.days
        assert lines_text(timeline)[0] == axis_whole


async def test_zoomed_lines_come_from_the_cache() -> None:
    app = TimelineHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.timeline
        whole = timeline.render_lines_for(120)
        await pilot.press("plus")
        assert timeline.render_lines_for(120) is not whole
        await pilot.press("minus")
        assert timeline.render_lines_for(120) is whole


async def test_enter_and_bang_post_the_selected_period() -> None:
    app = TimelineHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "enter", "exclamation_mark")
        await pilot.pause()
        zoomed, report = app.received
        assert isinstance(zoomed, Timeline.BlockZoomed) and zoomed.period.id == 5
        assert isinstance(report, Timeline.ReportProblem) and report.period.id == 5
        assert report.context == ProblemContext(
            "career_data",
            1993,
            f"1993-01-01–1999-12-31 — Employee: {MARKUP_EMPLOYER} (2185 days)",
        )
        detail = app.query_one(TimelineDetail)
        assert detail.period is not None and detail.period.id == 5


async def test_agent_view_shows_sanctions_and_future() -> None:
    app = TimelineHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        timeline = app.timeline
        assert SANCTION_KINDS <= set(timeline.lane_kinds)
        text = screen_text(app)
        assert FUTURE_GLYPH * 3 + " future" in text
        assert TODAY_AXIS_GLYPH in text and "│ today" in text
        notice = next(line for line in text.splitlines() if line.startswith("Notice period"))
        assert FUTURE_GLYPH in notice
        assert timeline.timeline_layout.end == dt.date(2025, 12, 31)


async def test_citizen_view_shows_no_sanction_nor_future() -> None:
    app = TimelineHost(citizen_career(), banner=BANNER)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        timeline = app.timeline
        kinds = set(timeline.lane_kinds)
        assert not kinds & SANCTION_KINDS
        assert CareerKind.NOTICE_PERIOD not in kinds
        assert not timeline.timeline_layout.has_future
        text = screen_text(app)
        assert text.splitlines()[0].startswith(BANNER)
        assert FUTURE_GLYPH not in text and "future" not in text
        assert timeline.timeline_layout.end == dt.date(2025, 3, 31)


async def test_a_job_running_past_today_is_hatched_only_after_today() -> None:
    # mark_future flags every period that runs past today, the current job included.
    periods = mark_future(sample_periods(), TODAY)
    career = agent_career().model_copy(update={"periods": periods})
    app = TimelineHost(career)
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.timeline
        await pilot.press("end", "plus", "plus")  # year zoom on the 2025 job
        employee = lines_text(timeline)[2]
        today_col = lines_text(timeline)[1].index(TODAY_AXIS_GLYPH)
        assert set(employee[today_col - 5 : today_col]) == {"█"}
        assert set(employee[today_col + 1 : today_col + 6]) == {FUTURE_GLYPH}
        assert "future" not in lines_text(timeline)[-1]


def test_citizen_view_is_filtered_by_the_widget_too() -> None:
    # Even if a server slipped agent-only data into a citizen view, it stays hidden.
    leaky = agent_career().model_copy(update={"view": CareerView.CITIZEN})
    layout = build_layout(leaky, TODAY)
    kinds = {lane.kind for lane in layout.lanes}
    assert not kinds & SANCTION_KINDS and not layout.has_future


async def test_employer_markup_renders_literally() -> None:
    app = TimelineHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert MARKUP_EMPLOYER in text
    detail = period_detail(agent_career().periods[4])
    assert MARKUP_EMPLOYER in detail.plain


async def test_click_selects_a_block() -> None:
    app = TimelineHost(agent_career())
    async with app.run_test(size=(120, 40)) as pilot:
        timeline = app.timeline
        sickness = timeline.lane_kinds.index(CareerKind.SICKNESS)
        period = timeline.timeline_layout.lanes[sickness].blocks[0]
        # Find the column of the sickness block from the rendered lane itself.
        lane_line = timeline.render_lines_for(120)[2 + sickness].text
        x = min(i for i, char in enumerate(lane_line) if char in "K▀")
        assert await pilot.click(Timeline, offset=(x, 2 + sickness))
        assert timeline.selected_period == period
        assert timeline.block_at(0, 2 + sickness) is None


def test_empty_career() -> None:
    empty = Career(niss="85073003328", view=CareerView.AGENT, last_attestation=None, periods=[])
    layout = build_layout(empty, TODAY)
    assert layout.lanes == () and not layout.has_future


# --------------------------------------------------------------------------- snapshots


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_snapshot_agent_whole_career(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(TimelineHost(agent_career()), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_snapshot_agent_zoomed_in(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("l", "j", "j", "j", "j", "plus", "plus", "enter")

    assert snap_compare(TimelineHost(agent_career()), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_snapshot_citizen_whole_career(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(TimelineHost(citizen_career(), banner=BANNER), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_snapshot_citizen_zoomed_in(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("end", "plus")

    app = TimelineHost(citizen_career(), banner=BANNER)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
