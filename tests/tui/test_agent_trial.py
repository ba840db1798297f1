"""Pilot tests of the defects found while trying the app as an agent: what the reply
editor shows, tab counts under a filter, `t` outside the dashboard, one release
question everywhere, the dialogs' wording and default button, the new-file form, the
file header of an encoded file and the loading file view."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Select, Static, Tab
from textual.widgets._select import SelectOverlay

from athena_server.runner import RunningServer
from athena_tui.app import AthenaApp
from athena_tui.replica import Tab as DashboardTab
from backend_client.models import CareerView, ContactFile, FileSummary, Side, Status
from backend_client.text import one_line
from screens.career_detail import CareerDetailScreen
from screens.citizen import CitizenScreen
from screens.contact_file import ContactFileScreen
from screens.dashboard import DashboardScreen
from screens.new_file import NewFileScreen
from screens.reply import ReplyScreen
from tests.tui.conftest import SOPHIE, AppFactory, login, wait_until
from tests.tui.test_career_screens import citizen_with_agent_only_data
from widgets.career_tables import CareerDetail
from widgets.confirm import ConfirmDialog
from widgets.file_table import FileTable
from widgets.message_thread import MessageThread


def dashboard(app: AthenaApp) -> DashboardScreen:
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    return screen


def files_of(app: AthenaApp, tab: DashboardTab) -> list[FileSummary]:
    replica = app.services.replica
    found = (replica.get(i) for i in replica.view_ids(tab))
    return [s for s in found if s is not None]


def toasts(app: AthenaApp) -> list[str]:
    return [n.message for n in app._notifications]


def text_of(static: Static) -> str:
    return str(static.render())


async def open_file(pilot: Pilot[None], file_id: int, *, take: bool = False) -> ContactFileScreen:
    app = pilot.app
    screen = ContactFileScreen(file_id, take=take)
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.contact is not None)
    return screen


async def dialog(pilot: Pilot[None]) -> ConfirmDialog:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog))
    screen = pilot.app.screen
    assert isinstance(screen, ConfirmDialog)
    await pilot.pause()
    return screen


def unassigned_open(app: AthenaApp) -> FileSummary:
    return next(f for f in files_of(app, DashboardTab.GROUP_QUEUE) if f.assignee is None)


# --------------------------------------------------------------------------- reply


async def test_the_reply_editor_shows_the_citizens_last_message(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        mine = files_of(app, DashboardTab.MY_FILES)[0]
        screen = await open_file(pilot, mine.id)
        assert screen.contact is not None
        asked = [m for m in screen.contact.messages if m.side is Side.CITIZEN]
        last = max(asked, key=lambda m: (m.created_at, m.id))
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReplyScreen))
        reply = app.screen
        shown = text_of(reply.query_one("#reply-question Static", Static))
        assert "Last message from the citizen" in shown
        assert one_line(last.author) in shown
        assert last.body.splitlines()[0] in shown


async def test_the_attachment_line_follows_a_removal(
    app_factory: AppFactory, tmp_path: Path
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        mine = files_of(app, DashboardTab.MY_FILES)[0]
        await open_file(pilot, mine.id)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReplyScreen))
        reply = app.screen
        assert isinstance(reply, ReplyScreen)
        await wait_until(pilot, lambda: reply._loaded)
        label = reply.query_one("#reply-attachments-label", Static)
        error = reply.query_one("#reply-error", Static)
        assert text_of(label) == "Attachments: 0 (at most 5)"
        for index in range(5):
            path = tmp_path / f"p{index}.txt"
            path.write_text("x")
            reply.attachments.append(str(path))
        reply._show_attachments()
        await pilot.press("ctrl+o")  # a sixth one is refused before it is asked for
        assert "At most 5 attachments" in text_of(error)
        assert text_of(label) == "Attachments: 5 (at most 5)"
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert text_of(error) == ""
        assert text_of(label) == "Attachments: 4 (at most 5)"


# --------------------------------------------------------------------------- dashboard


async def test_tab_counts_follow_each_tabs_filter(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = dashboard(app)
        replica = app.services.replica
        counts = replica.counts()
        word = files_of(app, DashboardTab.GROUP_QUEUE)[0].subject.split()[0]
        matching = len(replica.view_ids(DashboardTab.GROUP_QUEUE, word))
        assert 0 < matching < counts[DashboardTab.GROUP_QUEUE]

        def label(tab: DashboardTab) -> str:
            return str(screen.query_one(f"#tab-{tab.value}", Tab).label)

        def spaced(number: int) -> str:
            return f"{number:,}".replace(",", " ")

        await pilot.press("slash", *word)
        queue = f"1 Group queue ({spaced(matching)} / {spaced(counts[DashboardTab.GROUP_QUEUE])})"
        await wait_until(pilot, lambda: label(DashboardTab.GROUP_QUEUE) == queue)
        assert screen.table.row_count == matching
        # The other tabs have no filter of their own: their plain totals.
        assert label(DashboardTab.MY_FILES) == f"2 My files ({counts[DashboardTab.MY_FILES]})"
        # The filter stays with its tab: my files show their total, the queue its match.
        await pilot.press("enter", "2")
        await wait_until(pilot, lambda: screen.tab is DashboardTab.MY_FILES)
        await pilot.pause()
        assert label(DashboardTab.GROUP_QUEUE) == queue
        await pilot.press("1", "slash", "escape")
        total = f"1 Group queue ({spaced(counts[DashboardTab.GROUP_QUEUE])})"
        await wait_until(pilot, lambda: label(DashboardTab.GROUP_QUEUE) == total)


async def test_release_on_the_dashboard_asks_what_the_file_view_asks(
    app_factory: AppFactory,
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = dashboard(app)
        await pilot.press("2")
        await wait_until(
            pilot, lambda: screen.tab is DashboardTab.MY_FILES and screen.view is not None
        )
        await wait_until(pilot, lambda: screen.table.cursor_file_id is not None)
        file_id = screen.table.cursor_file_id
        assert file_id is not None
        await pilot.press("l")
        asked = await dialog(pilot)
        on_dashboard = (asked.title_text, asked.body_lines)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen)
        summary = app.services.replica.get(file_id)
        assert summary is not None and summary.assignee is not None  # not released
        view = await open_file(pilot, file_id)
        await pilot.press("l")
        asked = await dialog(pilot)
        assert (asked.title_text, asked.body_lines) == on_dashboard
        assert asked.title_text == f"Release {summary.ticket}?"
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is screen)
        assert view.contact is not None
        await wait_until(pilot, lambda: toasts(app)[-1] == f"{summary.ticket} released.")


async def test_a_colleagues_file_is_released_after_the_same_question_in_both_places(
    app_factory: AppFactory,
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = dashboard(app)
        held = next(
            f
            for f in files_of(app, DashboardTab.GROUP_QUEUE)
            if f.assignee is not None and f.assignee.id != SOPHIE
        )
        index = screen.table.source.index_of(held.id)
        assert index is not None
        screen.table.move_cursor(index)
        await pilot.press("l")
        asked = await dialog(pilot)
        on_dashboard = (asked.title_text, asked.body_lines)
        assert asked.title_text == "Release a colleague's file?"
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen)
        await open_file(pilot, held.id)
        await pilot.press("l")
        asked = await dialog(pilot)
        assert (asked.title_text, asked.body_lines) == on_dashboard


async def test_release_all_names_the_groups_the_files_go_back_to(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        mine = files_of(app, DashboardTab.MY_FILES)
        groups = {g.id: g.name for g in await app.services.gateway.groups()}
        await pilot.press("L")
        asked = await dialog(pilot)
        arrows = [line for line in asked.body_lines if "→" in line]
        assert len(arrows) == len(mine)
        for file in mine:
            line = next(line for line in arrows if line.startswith(file.ticket))
            assert line.endswith(f"→ {groups[file.group_id]}")
        assert any(
            line.startswith("Back to the queue of ") and groups["fr-desk"] in line
            for line in asked.body_lines
        )


# --------------------------------------------------------------------------- take


async def test_t_takes_the_file_in_the_file_view(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        free = unassigned_open(app)
        screen = await open_file(pilot, free.id)  # looked at, not taken
        assert screen.contact is not None and screen.contact.summary.assignee is None
        await pilot.press("t")

        def mine() -> bool:
            contact = screen.contact
            assignee = None if contact is None else contact.summary.assignee
            return assignee is not None and assignee.id == SOPHIE

        await wait_until(pilot, mine)
        assert f"{free.ticket} is now yours." in toasts(app)
        header = text_of(screen.query_one("#file-header", Static))
        assert "Assignee: Sophie Dubois" in header


async def test_t_on_a_colleagues_file_says_who_holds_it(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        held = next(
            f
            for f in files_of(app, DashboardTab.GROUP_QUEUE)
            if f.assignee is not None and f.assignee.id != SOPHIE
        )
        assert held.assignee is not None
        await open_file(pilot, held.id)
        await pilot.press("t")
        expected = (
            f"{held.ticket} is held by {held.assignee.name}. Release it first (l), then take it."
        )
        await wait_until(pilot, lambda: expected in toasts(app))


async def test_t_takes_the_highlighted_file_in_the_citizens_list(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        free = unassigned_open(app)
        screen = CitizenScreen(free.citizen_niss, file_id=free.id)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.files is not None)
        table = screen.query_one(FileTable)
        index = table.source.index_of(free.id)
        assert index is not None
        table.move_cursor(index)
        await pilot.press("t")

        def taken() -> bool:
            found = next((f for f in screen.files or () if f.id == free.id), None)
            return found is not None and found.assignee is not None

        await wait_until(pilot, taken)
        assert f"{free.ticket} is now yours." in toasts(app)
        assert table.cursor_file_id == free.id
        await wait_until(
            pilot,
            lambda: (s := app.services.replica.get(free.id)) is not None and s.assignee is not None,
        )


# --------------------------------------------------------------------------- new file


def citizen_of_a_file(app: AthenaApp) -> str:
    """The citizen of an open file, that file being the purpose of reading them (as when
    the agent reaches the form from the file)."""
    file = unassigned_open(app)
    app.services.gateway.purposes.remember_file(file.citizen_niss, file.id)
    return file.citizen_niss


async def test_the_discard_dialog_keeps_editing_on_enter(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        form = NewFileScreen(citizen_of_a_file(app))
        await app.push_screen(form)
        await wait_until(pilot, lambda: form.group.value != Select.NULL)
        form.question.focus()
        await pilot.press(*"Ma question")
        await pilot.press("escape")
        asked = await dialog(pilot)
        assert asked.title_text == "Discard this new contact file?"
        focused = app.focused
        assert isinstance(focused, Button) and focused.id == "confirm-no"
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is form)
        assert form.question.text == "Ma question"


async def test_no_loading_entry_is_left_in_the_group_list(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        form = NewFileScreen(citizen_of_a_file(app))
        await app.push_screen(form)
        await wait_until(pilot, lambda: form.group.value != Select.NULL)
        overlay = form.group.query_one(SelectOverlay)
        prompts = [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]
        assert not any("Loading" in prompt for prompt in prompts)
        assert prompts[0] == "Choose a group"


async def test_a_report_from_per_year_opens_the_form_on_the_question(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    # Not reproduced on this branch (the form already focused the question); kept so
    # that it stays so on a small terminal, where the question is the last field.
    niss = citizen_with_agent_only_data(tui_server)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, role_index=1)  # Athena Gestion de Dossiers: the agent view
        app.services.gateway.purposes.remember_reason(niss, "test: a question on the career")
        screen = CareerDetailScreen(niss, CareerView.AGENT)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.career is not None)
        detail = screen.query_one(CareerDetail)
        await pilot.press("2")
        await wait_until(pilot, lambda: detail.active_tab == "per_year")
        await pilot.press("j", "exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, NewFileScreen))
        form = app.screen
        assert isinstance(form, NewFileScreen)
        await wait_until(pilot, lambda: form.group.value != Select.NULL)
        await pilot.pause()
        assert form.question.has_focus
        assert app.screen.region.contains_region(form.question.region)


async def test_a_file_encoded_by_me_says_so_in_its_header(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        form = NewFileScreen(citizen_of_a_file(app))
        await app.push_screen(form)
        await wait_until(pilot, lambda: form.group.value != Select.NULL)
        form.category.value = "other"
        form.question.focus()
        await pilot.press(*"Ma question")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        header = text_of(app.screen.query_one("#file-header", Static))
        assert "Encoded by Sophie Dubois" in header
        assert "Channel: Sophie Dubois" not in header


# --------------------------------------------------------------------------- file view


async def test_a_loading_file_does_not_say_no_messages(
    app_factory: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        gateway = app.services.gateway
        arrived = asyncio.Event()
        fetch = gateway.get_file

        async def slow_get_file(file: int) -> ContactFile:
            await arrived.wait()
            return await fetch(file)

        monkeypatch.setattr(gateway, "get_file", slow_get_file)
        mine = files_of(app, DashboardTab.MY_FILES)[0]
        screen = ContactFileScreen(mine.id, take=False)
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.contact is None
        seen = app.export_screenshot().replace("&#160;", " ")
        assert "No messages" not in seen
        arrived.set()
        await wait_until(pilot, lambda: screen.contact is not None)
        await pilot.pause()
        thread = screen.query_one(MessageThread)
        assert thread.display and thread.has_focus
        assert screen.contact is not None and screen.contact.summary.status is not Status.CLOSED
