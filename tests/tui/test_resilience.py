"""Pilot tests: conflicts explained and reloaded, offline actions replayed once, lookups,
attachments saved under safe names."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from textual.widgets import Input

from athena_server.runner import RunningServer, start_server
from athena_server.settings import ServerSettings
from backend_client.client import AthenaClient
from backend_client.models import Priority, Session
from screens.contact_file import ContactFileScreen
from screens.prompt import PromptScreen
from tests.tui.conftest import SOPHIE, TODAY, AppFactory, login, wait_until
from widgets.confirm import ChoiceDialog
from widgets.file_table import FileTable

COLLEAGUE = 3  # Mehdi Baudouin: fr-desk, one role


async def _colleague(url: str) -> AthenaClient:
    async with AthenaClient(url) as anon:
        session = await anon.demo_login(COLLEAGUE, None)
    assert isinstance(session, Session)
    return AthenaClient(url, token=session.token)


async def test_a_stale_write_says_who_changed_the_file_and_reloads_it(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        table = app.screen.query_one(FileTable)
        rows = table.source.rows(0, table.row_count)
        row = next(r for r in rows if r.group_id == "fr-desk" and not r.assignee_name)
        table.move_cursor(table.source.index_of(row.id) or 0)
        await pilot.press("enter")  # takes it and opens it
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        screen = app.screen
        assert isinstance(screen, ContactFileScreen)
        await wait_until(pilot, lambda: screen.contact is not None)
        assert screen.contact is not None
        seen = screen.contact.summary
        # Opening took it, and the agent is told so.
        told = [n.message for n in app._notifications]
        assert f"{seen.ticket} is now assigned to you" in told, told
        # Sync lags (here: stopped), and a colleague of the group changes the priority
        # behind the agent's back.
        app.workers.cancel_group(app, "sync")
        colleague = await _colleague(tui_server.url)
        async with colleague:
            changed = await colleague.set_priority(seen.id, seen.version, Priority.LOW)
        assert changed.version > seen.version
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        wanted = "medium" if seen.priority is not Priority.MEDIUM else "high"
        await pilot.press(*wanted, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        await wait_until(
            pilot,
            lambda: (
                screen.contact is not None and screen.contact.summary.version >= changed.version
            ),
        )
        messages = [n.message for n in app._notifications]
        assert any("Mehdi Baudouin" in m for m in messages), messages
        assert screen.contact is not None
        assert screen.contact.summary.priority is Priority.LOW  # nothing overwritten


async def test_an_offline_take_waits_in_the_outbox_and_is_replayed_once(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        table = app.screen.query_one(FileTable)
        rows = table.source.rows(0, table.row_count)
        row = next(r for r in rows if not r.assignee_name)
        table.move_cursor(table.source.index_of(row.id) or 0)
        port = urlsplit(tui_server.url).port
        assert port is not None
        db_url = str(tui_server.engine.url)
        tui_server.stop()
        await wait_until(pilot, lambda: app.connection != "live", timeout=20)
        await pilot.press("t")
        await wait_until(pilot, lambda: len(app.services.outbox.pending()) == 1)
        assert any("offline" in n.message.lower() for n in app._notifications)
        # The server comes back on the same address: the outbox is replayed on reconnect.
        settings = ServerSettings(db_url=db_url, demo=True, poll_interval=0.1, today=TODAY)
        again = start_server(settings, port=port)
        try:
            await wait_until(pilot, lambda: app.connection == "live", timeout=30)
            await wait_until(pilot, lambda: not app.services.outbox.pending(), timeout=20)
            async with AthenaClient(again.url) as anon:
                session = await anon.demo_login(SOPHIE, None)
            assert not isinstance(session, Session)  # two roles: she must choose one
            colleague = await _colleague(again.url)
            async with colleague:
                contact = await colleague.get_file(row.id)
                audit = await colleague.audit(row.id)
            assert contact.summary.assignee is not None
            assert contact.summary.assignee.id == SOPHIE
            assert [entry.action for entry in audit].count("take") == 1
        finally:
            again.stop()
            again.engine.dispose()


async def test_colon_opens_a_ticket_and_refuses_a_malformed_one(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        await pilot.press("3")
        table = app.screen.query_one(FileTable)
        await wait_until(pilot, lambda: table.row_count > 0)
        ticket = table.source.row_at(0).ticket
        await pilot.press("colon")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"SR12", "enter")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        assert "SR followed by 7 digits" in str(prompt.query_one("#prompt-error").render())
        prompt.query_one(Input).value = ticket
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        screen = app.screen
        assert isinstance(screen, ContactFileScreen)
        await wait_until(pilot, lambda: screen.contact is not None)
        assert screen.contact is not None and screen.contact.summary.ticket == ticket


async def test_attachments_are_saved_under_safe_names_without_overwriting(
    app_factory: AppFactory, tui_server: RunningServer, tmp_path: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        await pilot.press("2")
        table = app.screen.query_one(FileTable)
        await wait_until(pilot, lambda: table.row_count > 0)
        gateway = app.services.gateway
        target = None
        for row in table.source.rows(0, table.row_count):
            contact = await gateway.get_file(row.id)
            if any(m.attachments for m in contact.messages):
                target = contact
                break
        assert target is not None, "the seed gives some of Sophie's files attachments"
        first = next(a for m in target.messages for a in m.attachments)
        folder = tmp_path / "saved"
        (folder).mkdir()
        (folder / first.name).write_bytes(b"already here")
        table.move_cursor(table.source.index_of(target.summary.id) or 0)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        screen = app.screen
        assert isinstance(screen, ContactFileScreen)
        await wait_until(pilot, lambda: screen.contact is not None)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("enter")  # "All attachments"
        await wait_until(pilot, lambda: isinstance(app.screen, PromptScreen))
        app.screen.query_one(Input).value = str(folder)
        await pilot.press("enter")
        count = sum(len(m.attachments) for m in target.messages)
        await wait_until(pilot, lambda: len(list(folder.iterdir())) == count + 1)
        assert (folder / first.name).read_bytes() == b"already here"
        assert isinstance(app.screen, ContactFileScreen)
