"""The lock screen (idle and ctrl+l), unlocking by logging in again, and logout on quit."""

from __future__ import annotations

import datetime as dt
import html
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from textual.widgets import TextArea

from athena_server.runner import RunningServer
from athena_tui.app import AthenaApp, make_app
from athena_tui.config import Settings
from athena_tui.services import LOGOUT_TIMEOUT, Services
from backend_client.models import Agent, Role, Session
from screens.contact_file import ContactFileScreen
from screens.dashboard import DashboardScreen
from screens.lock import LockScreen
from screens.reply import ReplyScreen
from tests.tui.conftest import NOW, login, wait_until
from widgets.file_table import FileTable


class Clock:
    """The app's clock, moved by the test."""

    def __init__(self) -> None:
        self.at = NOW

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, minutes: float) -> None:
        self.at += dt.timedelta(minutes=minutes)


def build(server: RunningServer, tmp_path: Path, clock: Clock, **settings: object) -> AthenaApp:
    config = Settings(
        server_url=server.url,
        language="en",
        data_dir=tmp_path / "data",
        config_dir=tmp_path / "config",
        **settings,  # type: ignore[arg-type]
    )
    return make_app(config, Services(config), now=clock)


def accepted(server: RunningServer, token: str) -> bool:
    answer = httpx.get(
        f"{server.url}/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=5
    )
    assert answer.status_code in (200, 401), answer.text
    return answer.status_code == 200


def screen_text(app: AthenaApp) -> str:
    """The text the terminal shows (from the SVG export of the whole screen)."""
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return html.unescape(" ".join(texts)).replace("\xa0", " ")


def token_of(app: AthenaApp) -> str:
    session = app.services.session
    assert session is not None
    return session.token


async def test_idle_time_locks_and_a_key_keeps_it_open(
    tui_server: RunningServer, tmp_path: Path
) -> None:
    clock = Clock()
    app = build(tui_server, tmp_path, clock, lock_after_minutes=10)
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        clock.advance(9)
        app.lock_if_idle()
        assert not app.locked
        await pilot.press("j")  # the agent is there: the 10 minutes start again
        clock.advance(9)
        app.lock_if_idle()
        assert not app.locked and isinstance(app.screen, DashboardScreen)
        clock.advance(1.5)  # 10.5 minutes after the key: the app's own timer locks
        await wait_until(pilot, lambda: isinstance(app.screen, LockScreen), timeout=5)
        assert app.locked


async def test_the_lock_hides_citizen_data_and_unlock_keeps_the_reply_draft(
    tui_server: RunningServer, tmp_path: Path
) -> None:
    clock = Clock()
    app = build(tui_server, tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        await pilot.press("2")
        await wait_until(pilot, lambda: app.screen.query_one(FileTable).row_count > 0)
        table = app.screen.query_one(FileTable)
        summary = table.source.row_at(table.cursor_row)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        file_screen = app.screen
        assert isinstance(file_screen, ContactFileScreen)
        await wait_until(pilot, lambda: file_screen.contact is not None)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReplyScreen))
        reply = app.screen
        assert isinstance(reply, ReplyScreen)
        await wait_until(pilot, lambda: reply._loaded)
        await pilot.press(*"Draft before lock")
        await pilot.pause()
        before = screen_text(app)
        assert summary.ticket in before
        old_token = token_of(app)
        stack = list(app.screen_stack)

        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: isinstance(app.screen, LockScreen))
        await pilot.pause()
        locked = screen_text(app)
        assert "Athena is locked" in locked
        for secret in (summary.ticket, "Draft", summary.citizen_name.split()[0]):
            assert secret not in locked, secret
        await pilot.press("a", "b")  # keys go to the lock screen, not to the editor
        # toasts may name citizens: they wait for the unlock
        app.notify("SR0000001 was taken by someone")
        assert not app._notifications

        await pilot.press("enter")  # demo session: the same agent logs in again
        await wait_until(pilot, lambda: app.screen is reply)
        assert app.screen_stack == stack
        assert reply.query_one(TextArea).text == "Draft before lock"
        assert not app.locked and len(app._notifications) == 1
        new_token = token_of(app)
        assert new_token != old_token
        assert not accepted(tui_server, old_token)  # the old session was ended
        assert accepted(tui_server, new_token)
        await wait_until(pilot, lambda: app.connection == "live")


async def test_no_lock_before_login_and_0_never_locks(
    tui_server: RunningServer, tmp_path: Path
) -> None:
    clock = Clock()
    app = build(tui_server, tmp_path, clock, lock_after_minutes=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+l")  # on the login screen: nothing to lock
        assert not app.locked
        await login(pilot)
        clock.advance(24 * 60)
        app.lock_if_idle()
        assert not app.locked
        await pilot.press("ctrl+l")  # the key still locks at once
        await wait_until(pilot, lambda: isinstance(app.screen, LockScreen))


async def test_quitting_ends_the_session_on_the_server(
    tui_server: RunningServer, tmp_path: Path
) -> None:
    app = build(tui_server, tmp_path, Clock())
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        token = token_of(app)
        assert accepted(tui_server, token)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: app._exit)
    assert not accepted(tui_server, token)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A loopback port that takes connections and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


async def test_quitting_never_hangs_on_a_silent_server(silent_server: str, tmp_path: Path) -> None:
    settings = Settings(server_url=silent_server, language="en", data_dir=tmp_path / "data")
    services = Services(settings)
    agent = Agent(
        id=2,
        national_number="70000000002",
        name="Jan Peeters",
        language="nl",
        groups=["nl-desk"],
        roles=[Role.CONTACT_CENTER],
    )
    session = Session(token="t" * 43, agent=agent, role=Role.CONTACT_CENTER, expires_at=NOW)
    await services.attach_session(session)
    started = time.monotonic()
    await services.close()
    took = time.monotonic() - started
    assert took < LOGOUT_TIMEOUT + 1, took
    assert services.session is None
