"""Pilot tests: a file opened once reads offline with its messages and an "as of" mark;
a file never opened here says it is not available offline."""

from __future__ import annotations

from textual.widgets import Static

from athena_server.runner import RunningServer
from screens.contact_file import ContactFileScreen
from screens.dashboard import DashboardScreen
from tests.tui.conftest import AppFactory, login, wait_until
from widgets.file_table import FileTable


async def test_a_file_opened_once_reads_offline_with_its_mark(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        table = app.screen.query_one(FileTable)
        rows = table.source.rows(0, table.row_count)
        me = app.services.session.agent.name if app.services.session else ""
        # A colleague's file of the group: opening it reads it (takes nothing), and it
        # is not one of "my files" that are kept in the background anyway.
        held = next(r for r in rows if r.assignee_name and r.assignee_name != me)
        never = next(r for r in rows if not r.assignee_name and r.id != held.id)
        table.move_cursor(table.source.index_of(held.id) or 0)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        screen = app.screen
        assert isinstance(screen, ContactFileScreen)
        await wait_until(pilot, lambda: screen.contact is not None)
        online = screen.contact
        assert online is not None and online.messages
        assert screen.offline_since is None
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))

        tui_server.stop()
        await wait_until(pilot, lambda: app.connection != "live", timeout=20)
        table.move_cursor(table.source.index_of(held.id) or 0)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        offline = app.screen
        assert isinstance(offline, ContactFileScreen)
        await wait_until(pilot, lambda: offline.offline_since is not None, timeout=20)
        assert offline.contact is not None
        assert sorted(m.id for m in offline.thread.messages) == sorted(
            m.id for m in online.messages
        )
        header = str(offline.query_one("#file-header", Static).render())
        assert "Offline — as of" in header, header
        assert online.summary.ticket in header

        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        table.move_cursor(table.source.index_of(never.id) or 0)
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: any("not available offline" in n.message for n in app._notifications),
            timeout=20,
        )
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
