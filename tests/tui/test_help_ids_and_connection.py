"""The help screen shows binding ids; the login screen says why the server is unreachable."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import LoadingIndicator

from athena_tui.app import make_app
from athena_tui.config import Settings
from athena_tui.services import Services
from screens.help import HelpScreen
from screens.login import LoginScreen
from tests.client.live import closed_port_url
from tests.tui.conftest import AppFactory, login, wait_until


def help_lines(app: object) -> list[str]:
    from textual.app import App

    assert isinstance(app, App)
    return str(app.screen.query_one("#help-table").render()).splitlines()


async def test_dashboard_help_shows_each_binding_id(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        lines = help_lines(app)
        take = next(line for line in lines if "dash.take" in line)
        # beside its key and its description
        assert take.split()[1] == "dash.take" and "Take" in take
        assert any("app.help" in line for line in lines)


async def test_login_shows_the_url_and_reason_with_a_retry_key(tmp_path: Path) -> None:
    url = closed_port_url()
    settings = Settings(
        server_url=url, language="en", data_dir=tmp_path / "data", config_dir=tmp_path / "cfg"
    )
    app = make_app(settings, Services(settings))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LoginScreen))
        screen = app.screen
        spinner = screen.query_one("#login-spinner", LoadingIndicator)
        await wait_until(pilot, lambda: not spinner.display)
        status = str(screen.query_one("#login-status").render())
        assert status == f"Cannot connect: {url}: connection refused — ctrl+r retries."
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert any("login.retry" in line and "Retry" in line for line in help_lines(app))


async def test_demo_server_that_cannot_start_is_one_line_not_a_spinner(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("", encoding="utf-8")  # the data directory cannot be created
    settings = Settings(language="en", data_dir=blocker, config_dir=tmp_path / "cfg")
    app = make_app(settings, Services(settings, demo=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LoginScreen))
        spinner = app.screen.query_one("#login-spinner", LoadingIndicator)
        await wait_until(pilot, lambda: not spinner.display)
        status = str(app.screen.query_one("#login-status").render())
        assert status.startswith("Cannot start: [Errno 17] File exists: ")
        assert status.endswith(
            " — ctrl+r retries; athena-tui --reset-demo recreates the demo data."
        )
        assert "\n" not in status
