"""Snapshots of the timeline and career detail screens over the real seeded server."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from athena_server.runner import RunningServer
from athena_tui.app import AthenaApp
from backend_client.models import CareerView
from screens.career_detail import CareerDetailScreen
from screens.timeline import BlockDetailScreen, TimelineScreen
from tests.tui.conftest import AppFactory, login, wait_until
from tests.tui.test_career_screens import FILE_HANDLER, citizen_with_agent_only_data, with_purpose

SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]
WIDE = (120, 40)
SMALL = (80, 24)


def show_timeline(niss: str, view: CareerView, keys: tuple[str, ...]) -> RunBefore:
    async def run_before(pilot: Pilot[Any]) -> None:
        await login(pilot, role_index=FILE_HANDLER if view is CareerView.AGENT else 0)
        assert isinstance(pilot.app, AthenaApp)
        with_purpose(pilot.app, niss)
        screen = TimelineScreen(niss, view)
        await pilot.app.push_screen(screen)
        await wait_until(pilot, lambda: screen.career is not None)
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def show_detail(niss: str, view: CareerView, keys: tuple[str, ...]) -> RunBefore:
    async def run_before(pilot: Pilot[Any]) -> None:
        await login(pilot, role_index=FILE_HANDLER if view is CareerView.AGENT else 0)
        assert isinstance(pilot.app, AthenaApp)
        with_purpose(pilot.app, niss)
        screen = CareerDetailScreen(niss, view)
        await pilot.app.push_screen(screen)
        await wait_until(pilot, lambda: screen.career is not None)
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


TIMELINES = [
    pytest.param(CareerView.AGENT, (), WIDE, id="agent-career-120x40"),
    pytest.param(CareerView.AGENT, ("l", "l", "plus", "plus"), SMALL, id="agent-year-80x24"),
    pytest.param(CareerView.CITIZEN, (), WIDE, id="citizen-career-120x40"),
    pytest.param(CareerView.CITIZEN, ("j", "plus"), SMALL, id="citizen-decade-80x24"),
]


@pytest.mark.parametrize(("view", "keys", "size"), TIMELINES)
def test_timeline(
    snap_compare: SnapCompare,
    app_factory: AppFactory,
    tui_server: RunningServer,
    view: CareerView,
    keys: tuple[str, ...],
    size: tuple[int, int],
) -> None:
    niss = citizen_with_agent_only_data(tui_server)
    run_before = show_timeline(niss, view, keys)
    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)


def test_timeline_block_detail(
    snap_compare: SnapCompare, app_factory: AppFactory, tui_server: RunningServer
) -> None:
    niss = citizen_with_agent_only_data(tui_server)
    zoom = show_timeline(niss, CareerView.AGENT, ("l", "enter"))

    async def run_before(pilot: Pilot[Any]) -> None:
        await zoom(pilot)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, BlockDetailScreen))

    assert snap_compare(app_factory(), terminal_size=SMALL, run_before=run_before)


DETAILS = [
    pytest.param(CareerView.AGENT, ("1",), WIDE, id="agent-cv-120x40"),
    pytest.param(CareerView.AGENT, ("2", "j"), SMALL, id="agent-per-year-80x24"),
    pytest.param(CareerView.AGENT, ("3",), WIDE, id="agent-per-period-120x40"),
    pytest.param(CareerView.AGENT, ("3",), SMALL, id="agent-per-period-80x24"),
    pytest.param(CareerView.CITIZEN, ("2",), WIDE, id="citizen-per-year-120x40"),
]


@pytest.mark.parametrize(("view", "keys", "size"), DETAILS)
def test_career_detail(
    snap_compare: SnapCompare,
    app_factory: AppFactory,
    tui_server: RunningServer,
    view: CareerView,
    keys: tuple[str, ...],
    size: tuple[int, int],
) -> None:
    niss = citizen_with_agent_only_data(tui_server)
    run_before = show_detail(niss, view, keys)
    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)
