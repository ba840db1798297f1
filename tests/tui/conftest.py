"""Pilot harness: the real app against a real server on loopback over a seeded store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from athena_server.runner import RunningServer
from athena_tui.app import AthenaApp, make_app
from athena_tui.config import Settings
from athena_tui.services import Services
from tests.seeded import demo_server, seed_template

TODAY = dt.date(2026, 11, 2)
NOW = dt.datetime(2026, 11, 2, 12, 0, tzinfo=dt.UTC)
SOPHIE = 1  # fr-desk + partner-sfp, both roles, 30 open files
JAN = 2  # nl-desk, one role


def fixed_now() -> dt.datetime:
    return NOW


@pytest.fixture(scope="session")
def tui_template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo store seeded once with a fixed 'today', so screens are reproducible."""
    path = tmp_path_factory.mktemp("tui-template") / "athena.db"
    return seed_template(path, TODAY)


@pytest.fixture
def tui_server(tui_template_db: Path, tmp_path: Path) -> Iterator[RunningServer]:
    with demo_server(tui_template_db, tmp_path, TODAY) as running:
        yield running


AppFactory = Callable[[], AthenaApp]


@pytest.fixture
def app_factory(tui_server: RunningServer, tmp_path: Path) -> AppFactory:
    """Build apps on the same server and the same local data dir (a restart keeps the replica)."""

    def build() -> AthenaApp:
        settings = Settings(
            server_url=tui_server.url,
            language="en",
            data_dir=tmp_path / "data",
            config_dir=tmp_path / "config",
        )
        return make_app(settings, Services(settings), now=fixed_now)

    return build


async def wait_until(
    pilot: Pilot[None], predicate: Callable[[], bool], timeout: float = 10.0
) -> None:
    """Let the app run until ``predicate`` holds (a frame-by-frame poll, not a sleep)."""
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await pilot.pause(0.02)


async def login(pilot: Pilot[None], agent_id: int = SOPHIE, role_index: int = 0) -> None:
    """Pick a demo agent on the login screen (and a role), then wait for a filled dashboard."""
    from textual.widgets import OptionList

    from screens.dashboard import DashboardScreen
    from screens.login import LoginScreen
    from screens.role import RoleScreen

    app = pilot.app
    assert isinstance(app, AthenaApp)
    await wait_until(pilot, lambda: isinstance(app.screen, LoginScreen) and bool(app.screen.agents))
    screen = app.screen
    assert isinstance(screen, LoginScreen)
    screen.log_in(agent_id)
    await wait_until(
        pilot, lambda: isinstance(app.screen, (RoleScreen, DashboardScreen)), timeout=15
    )
    if isinstance(app.screen, RoleScreen):
        role_screen = app.screen
        await wait_until(pilot, lambda: bool(role_screen.query(OptionList)))
        options = role_screen.query_one(OptionList)
        options.highlighted = role_index
        await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), timeout=15)
    await wait_until(pilot, lambda: app.connection == "live", timeout=15)
    await wait_until(pilot, lambda: dashboard_rows(app) > 0, timeout=15)


def dashboard_rows(app: AthenaApp) -> int:
    from screens.dashboard import DashboardScreen
    from widgets.file_table import FileTable

    screen = app.screen
    if not isinstance(screen, DashboardScreen):
        return 0
    return screen.query_one(FileTable).row_count
