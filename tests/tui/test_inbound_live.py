"""Pilot tests: what a channel sends through the inbound API shows up in Sophie's open
dashboard and thread without a key press."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import sqlalchemy as sa
from textual.pilot import Pilot

from athena_server.channels import add_channel
from athena_server.demo_data.organisations import MY_CAREER_CHANNEL
from athena_server.runner import RunningServer
from athena_server.schema import citizens, contact_files
from athena_tui.app import AthenaApp
from athena_tui.replica import Tab
from backend_client.models import ChannelKind, FileSummary, Status
from screens.contact_file import ContactFileScreen
from screens.dashboard import DashboardScreen
from tests.tui.conftest import SOPHIE, AppFactory, login, wait_until
from widgets.file_table import FileTable


@pytest.fixture
def portal(tui_server: RunningServer) -> Iterator[httpx.Client]:
    """The My Career portal, with its own channel key."""
    with tui_server.engine.begin() as conn:
        _, key = add_channel(conn, MY_CAREER_CHANNEL, ChannelKind.MY_CAREER)
    with httpx.Client(
        base_url=tui_server.url, timeout=10.0, headers={"Authorization": f"Channel {key}"}
    ) as client:
        yield client


def file_id(server: RunningServer, ticket: str) -> int:
    with server.engine.connect() as conn:
        found = conn.execute(
            sa.select(contact_files.c.id).where(contact_files.c.ticket == ticket)
        ).scalar_one()
    return int(found)


def table_of(app: AthenaApp) -> FileTable:
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    return screen.query_one(FileTable)


def my_open_portal_files(app: AthenaApp, *, read: bool) -> list[FileSummary]:
    replica = app.services.replica
    found = (replica.get(i) for i in replica.view_ids(Tab.MY_FILES))
    return [
        s
        for s in found
        if s is not None
        and s.channel_name == MY_CAREER_CHANNEL
        and s.status is not Status.CLOSED
        and s.unread is not read
    ]


async def show_my_files(pilot: Pilot[None]) -> FileTable:
    app = pilot.app
    assert isinstance(app, AthenaApp)
    await pilot.press("2")
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    await wait_until(pilot, lambda: screen.tab is Tab.MY_FILES)
    table = screen.query_one(FileTable)
    await wait_until(pilot, lambda: table.row_count == app.services.replica.counts()[Tab.MY_FILES])
    return table


async def test_a_new_file_from_my_career_appears_in_the_group_queue(
    app_factory: AppFactory, tui_server: RunningServer, portal: httpx.Client
) -> None:
    with tui_server.engine.connect() as conn:
        niss = conn.execute(
            sa.select(citizens.c.niss)
            .where(citizens.c.language == "fr")
            .order_by(citizens.c.niss)
            .limit(1)
        ).scalar_one()
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, SOPHIE)
        table = table_of(app)
        answer = portal.post(
            "/v1/inbound/files",
            data={
                "niss": niss,
                "subject": "Année 2019 manquante [bold]urgent[/bold]",
                "question": "Bonjour,\nil manque 2019 dans ma carrière.",
            },
        )
        assert answer.status_code == 201, answer.text
        new_id = file_id(tui_server, answer.json()["summary"]["ticket"])
        await wait_until(pilot, lambda: table.source.index_of(new_id) is not None)
        index = table.source.index_of(new_id)
        assert index is not None
        row = table.source.row_at(index)
        assert row.subject == "Année 2019 manquante [bold]urgent[/bold]"
        assert row.channel_name == MY_CAREER_CHANNEL and row.assignee_name == ""


async def test_a_citizens_answer_marks_my_file_unread_on_the_open_dashboard(
    app_factory: AppFactory, tui_server: RunningServer, portal: httpx.Client
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, SOPHIE)
        table = await show_my_files(pilot)
        target = my_open_portal_files(app, read=True)[0]
        answer = portal.post(
            f"/v1/inbound/files/{target.ticket}/messages",
            data={"niss": target.citizen_niss, "body": "Merci, avez-vous du nouveau ?"},
        )
        assert answer.status_code == 200, answer.text

        def unread_now() -> bool:
            index = table.source.index_of(target.id)
            return index is not None and table.source.row_at(index).unread

        await wait_until(pilot, unread_now)


async def test_a_citizens_message_appears_in_the_open_thread(
    app_factory: AppFactory, portal: httpx.Client
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, SOPHIE)
        table = await show_my_files(pilot)
        target = my_open_portal_files(app, read=True)[0]
        index = table.source.index_of(target.id)
        assert index is not None
        table.move_cursor(index)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        screen = app.screen
        assert isinstance(screen, ContactFileScreen)
        await wait_until(pilot, lambda: screen.contact is not None)
        assert screen.contact is not None
        before = len(screen.contact.messages)
        body = "Voici le document demandé. [red]merci[/red] \x1b[2J"
        answer = portal.post(
            f"/v1/inbound/files/{target.ticket}/messages",
            data={"niss": target.citizen_niss, "body": body},
        )
        assert answer.status_code == 200, answer.text

        def arrived() -> bool:
            contact = screen.contact
            return contact is not None and len(contact.messages) == before + 1

        await wait_until(pilot, arrived)
        assert screen.contact is not None
        newest = screen.contact.messages[-1]
        assert newest.body == body and newest.side == "citizen"
        assert app.screen is screen  # no key pressed, still on the thread
