"""Pilot tests: actions queued offline show in the file header and the outbox screen and
replay in order; a refused replay is told to the agent and waits there for a decision."""

from __future__ import annotations

from urllib.parse import urlsplit

from textual.widgets import Static

from athena_server.runner import RunningServer, start_server
from athena_server.settings import ServerSettings
from backend_client.client import AthenaClient
from backend_client.models import Priority, Session, Status
from screens.contact_file import ContactFileScreen
from screens.outbox import OutboxScreen
from tests.tui.conftest import TODAY, AppFactory, login, wait_until
from widgets.confirm import ChoiceDialog, ConfirmDialog
from widgets.file_table import FileTable
from widgets.status_line import StatusLine

COLLEAGUE = 3  # Mehdi Baudouin: fr-desk, one role


def _restart(stopped: RunningServer, port: int) -> RunningServer:
    settings = ServerSettings(
        db_url=str(stopped.engine.url), demo=True, poll_interval=0.1, today=TODAY
    )
    return start_server(settings, port=port)


async def _as(url: str, agent_id: int) -> AthenaClient:
    async with AthenaClient(url) as anon:
        session = await anon.demo_login(agent_id, None)
    assert isinstance(session, Session)
    return AthenaClient(url, token=session.token)


async def test_two_offline_actions_on_a_file_show_as_pending_and_replay_in_order(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        await pilot.press("2")
        table = app.screen.query_one(FileTable)
        await wait_until(pilot, lambda: table.row_count > 0)
        row = next(
            r
            for r in table.source.rows(0, table.row_count)
            if r.priority != "high" and r.status != "waiting"
        )
        table.move_cursor(table.source.index_of(row.id) or 0)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        screen = app.screen
        assert isinstance(screen, ContactFileScreen)
        await wait_until(pilot, lambda: screen.contact is not None)
        port = urlsplit(tui_server.url).port
        assert port is not None
        tui_server.stop()
        await wait_until(pilot, lambda: app.connection != "live", timeout=20)

        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press(*"high", "enter")
        await wait_until(pilot, lambda: len(screen.pending) == 1, timeout=20)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press(*"waiting", "enter")
        await wait_until(pilot, lambda: len(screen.pending) == 2, timeout=20)
        assert screen.contact is not None
        assert screen.contact.summary.priority is Priority.HIGH
        assert screen.contact.summary.status is Status.WAITING
        header = str(screen.query_one("#file-header", Static).render())
        assert "Waiting to be sent: Priority → High; Status → Waiting" in header, header
        line = screen.query_one(StatusLine)
        await wait_until(pilot, lambda: line.queued == 2)

        await pilot.press("ctrl+b")
        await wait_until(pilot, lambda: isinstance(app.screen, OutboxScreen))
        outbox = app.screen
        assert isinstance(outbox, OutboxScreen)
        await wait_until(pilot, lambda: len(outbox.rows) == 2)
        assert [r.action for r in outbox.rows] == ["Priority → High", "Status → Waiting"]
        assert {r.ticket for r in outbox.rows} == {row.ticket}

        again = _restart(tui_server, port)
        try:
            await wait_until(pilot, lambda: app.connection == "live", timeout=30)
            await wait_until(pilot, lambda: not outbox.rows, timeout=20)
            assert app.services.outbox.counts() == (0, 0)
            colleague = await _as(again.url, COLLEAGUE)
            async with colleague:
                contact = await colleague.get_file(row.id)
            assert contact.summary.priority is Priority.HIGH
            assert contact.summary.status is Status.WAITING
        finally:
            again.stop()
            again.engine.dispose()


async def test_a_refused_replay_is_told_and_waits_in_the_outbox_for_a_decision(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        table = app.screen.query_one(FileTable)
        rows = table.source.rows(0, table.row_count)
        row = next(r for r in rows if not r.assignee_name and r.group_id == "fr-desk")
        table.move_cursor(table.source.index_of(row.id) or 0)
        port = urlsplit(tui_server.url).port
        assert port is not None
        tui_server.stop()
        await wait_until(pilot, lambda: app.connection != "live", timeout=20)
        await pilot.press("t")
        await wait_until(pilot, lambda: len(app.services.outbox.pending()) == 1)
        # The agent's sync stays off while the server is back and a colleague takes the
        # file: the queued take is then stale.
        app.workers.cancel_group(app, "sync")
        again = _restart(tui_server, port)
        try:
            colleague = await _as(again.url, COLLEAGUE)
            async with colleague:
                await colleague.take(row.id, row.version)
            app.run_sync()
            await wait_until(
                pilot,
                lambda: any("was refused" in n.message for n in app._notifications),
                timeout=30,
            )
            told = next(n.message for n in app._notifications if "was refused" in n.message)
            assert row.ticket in told and "Mehdi Baudouin" in told, told
            line = app.screen.query_one(StatusLine)
            await wait_until(pilot, lambda: line.failed == 1)

            await pilot.press("ctrl+b")
            await wait_until(pilot, lambda: isinstance(app.screen, OutboxScreen))
            outbox = app.screen
            assert isinstance(outbox, OutboxScreen)
            await wait_until(pilot, lambda: len(outbox.rows) == 1)
            refused = outbox.rows[0]
            assert refused.refused and refused.ticket == row.ticket
            assert "Mehdi Baudouin" in refused.reason
            await pilot.press("x")
            await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            confirm = app.screen
            assert isinstance(confirm, ConfirmDialog)
            confirm.dismiss(True)
            await wait_until(pilot, lambda: not outbox.rows)
            assert app.services.outbox.counts() == (0, 0)
            await wait_until(pilot, lambda: line.failed == 0)
        finally:
            again.stop()
            again.engine.dispose()


async def test_a_file_with_an_offline_action_is_marked_in_the_list_until_it_is_sent(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        table = app.screen.query_one(FileTable)
        row = next(r for r in table.source.rows(0, table.row_count) if not r.assignee_name)
        table.move_cursor(table.source.index_of(row.id) or 0)
        assert not row.pending
        port = urlsplit(tui_server.url).port
        assert port is not None
        tui_server.stop()
        await wait_until(pilot, lambda: app.connection != "live", timeout=20)
        await pilot.press("t")

        def marked() -> bool:
            index = table.source.index_of(row.id)
            return index is not None and table.source.row_at(index).pending

        await wait_until(pilot, marked, timeout=20)
        again = _restart(tui_server, port)
        try:
            await wait_until(pilot, lambda: app.connection == "live", timeout=30)
            await wait_until(pilot, lambda: not marked(), timeout=20)
        finally:
            again.stop()
            again.engine.dispose()
