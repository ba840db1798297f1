"""Pilot tests of the agent's main flows against the real embedded-style server."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Tab, TextArea

from athena_server.runner import RunningServer
from backend_client.models import Session
from screens.contact_file import ContactFileScreen
from screens.dashboard import DashboardScreen
from screens.help import HelpScreen
from screens.reply import ReplyScreen
from tests.tui.conftest import SOPHIE, AppFactory, login, wait_until
from widgets.file_table import FileTable

COLLEAGUE = 3  # Mehdi Baudouin: fr-desk, one role


async def test_login_role_choice_and_group_queue(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, SOPHIE, role_index=0)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert app.services.session is not None
        assert app.services.session.role == "contact_center"
        table = screen.query_one(FileTable)
        # group queue: unassigned first
        first = table.source.row_at(0)
        assert first.assignee_name == ""
        assert "Group queue" in str(screen.query_one("#tab-group_queue", Tab).label)


async def test_enter_on_unassigned_file_takes_and_opens_it(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        table = app.screen.query_one(FileTable)
        row = table.source.row_at(table.cursor_row)
        assert row.assignee_name == ""
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        screen = app.screen
        assert isinstance(screen, ContactFileScreen)
        await wait_until(pilot, lambda: screen.contact is not None)
        assert screen.contact is not None
        assert screen.contact.summary.assignee is not None
        assert screen.contact.summary.assignee.id == SOPHIE
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        # the replica knows it is mine now
        await pilot.press("2")
        await wait_until(
            pilot,
            lambda: app.screen.query_one(FileTable).source.index_of(row.id) is not None,
        )


async def test_take_key_assigns_the_highlighted_file(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        table = app.screen.query_one(FileTable)
        row = table.source.row_at(table.cursor_row)
        await pilot.press("t")
        replica = app.services.replica

        def taken() -> bool:
            summary = replica.get(row.id)
            return summary is not None and summary.assignee is not None

        await wait_until(pilot, taken)
        summary = replica.get(row.id)
        assert summary is not None and summary.assignee is not None
        assert summary.assignee.id == SOPHIE


async def test_filter_narrows_the_table(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        table = app.screen.query_one(FileTable)
        total = table.row_count
        ticket = table.source.row_at(3).ticket
        await pilot.press("slash", *ticket)
        await wait_until(pilot, lambda: table.row_count == 1)
        assert table.source.row_at(0).ticket == ticket
        await pilot.press("escape")
        await wait_until(pilot, lambda: table.row_count == total)


async def test_reply_draft_survives_a_restart_and_is_sent(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        await pilot.press("2")
        await wait_until(pilot, lambda: app.screen.query_one(FileTable).row_count > 0)
        file_id = app.screen.query_one(FileTable).cursor_file_id
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        screen = app.screen
        assert isinstance(screen, ContactFileScreen)
        await wait_until(pilot, lambda: screen.contact is not None)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReplyScreen))
        reply = app.screen
        assert isinstance(reply, ReplyScreen)
        await wait_until(pilot, lambda: reply._loaded)
        await pilot.press(*"Bonjour [bold]test")
        assert reply._autosaver is not None
        assert reply._autosaver.flush()
        draft = app.services.drafts.load(file_id or 0)
        assert draft is not None and draft.body == "Bonjour [bold]test"
    # A new process-like start: same data dir, the draft comes back.
    app2 = app_factory()
    async with app2.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        await pilot.press("2")
        table = app2.screen.query_one(FileTable)
        await wait_until(pilot, lambda: table.row_count > 0)
        assert file_id is not None
        index = table.source.index_of(file_id)
        assert index is not None
        table.move_cursor(index)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app2.screen, ContactFileScreen))
        file_screen = app2.screen
        assert isinstance(file_screen, ContactFileScreen)
        await wait_until(pilot, lambda: file_screen.contact is not None)
        before = len(file_screen.contact.messages) if file_screen.contact else 0
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app2.screen, ReplyScreen))
        reply2 = app2.screen
        assert isinstance(reply2, ReplyScreen)
        await wait_until(pilot, lambda: reply2._loaded)
        assert reply2.query_one(TextArea).text == "Bonjour [bold]test"
        # send as a non-final answer
        reply2.final_box.value = False
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app2.screen, ContactFileScreen))
        await wait_until(
            pilot,
            lambda: (
                file_screen.contact is not None and len(file_screen.contact.messages) == before + 1
            ),
        )
        assert app2.services.drafts.load(file_id) is None


async def test_help_lists_the_screen_keys_and_support(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = str(app.screen.query_one("#help-table").render())
        assert "Take" in text and "Filter" in text
        support = str(app.screen.query_one("#help-support").render())
        assert "diogenes-support@sigedis.fgov.be" in support
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))


async def test_expired_session_returns_to_login_and_keeps_drafts(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    from backend_client.client import AthenaClient
    from screens.login import LoginScreen

    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        session = app.services.session
        assert session is not None
        async with AthenaClient(tui_server.url, token=session.token) as same_token:
            await same_token.logout()
            # The sync request in flight was accepted before the logout: a change wakes
            # it up, and its next request meets the 401.
            table = app.screen.query_one(FileTable)
            rows = table.source.rows(0, table.row_count)
            row = next(r for r in rows if r.group_id == "fr-desk" and not r.assignee_name)
            target = app.services.replica.get(row.id)
            assert target is not None
        async with AthenaClient(tui_server.url) as anon:
            colleague = await anon.demo_login(COLLEAGUE, None)
        assert isinstance(colleague, Session)
        async with AthenaClient(tui_server.url, token=colleague.token) as other:
            await other.take(target.id, target.version)
        await wait_until(pilot, lambda: isinstance(app.screen, LoginScreen), timeout=20)
        assert app.services.session is None


async def test_the_config_keymap_rebinds_an_action(
    tui_server: RunningServer, tmp_path: Path
) -> None:
    from athena_tui.app import make_app
    from athena_tui.config import Settings
    from athena_tui.services import Services
    from tests.tui.conftest import fixed_now

    settings = Settings(
        server_url=tui_server.url,
        language="en",
        data_dir=tmp_path / "data",
        config_dir=tmp_path / "config",
        keymap={"dash.take": "T"},
    )
    app = make_app(settings, Services(settings), now=fixed_now)
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        table = app.screen.query_one(FileTable)
        row = table.source.row_at(table.cursor_row)
        replica = app.services.replica
        await pilot.press("t")  # no longer bound: nothing is started
        await pilot.pause()
        assert not [w for w in app.workers if w.group == "action"]
        summary = replica.get(row.id)
        assert summary is not None and summary.assignee is None
        await pilot.press("T")

        def taken() -> bool:
            summary = replica.get(row.id)
            return summary is not None and summary.assignee is not None

        await wait_until(pilot, taken)


async def test_q_quits_cleanly_from_the_dashboard(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        await pilot.press("q")
        await wait_until(pilot, lambda: app._exit)
    assert app.return_code == 0
    assert app.services.session is None  # detached: the stores were closed
