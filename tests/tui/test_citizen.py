"""Pilot tests of citizen search and the citizen screen (F9, F12) on a real server."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList

from athena_server.runner import RunningServer
from athena_server.schema import citizens, contact_files
from athena_tui.app import AthenaApp
from backend_client.niss import format_niss
from screens.citizen import CitizenScreen
from screens.citizen_search import (
    CitizenSearchScreen,
    NameQuery,
    niss_problem,
    parse_birth_date,
    parse_name_query,
)
from screens.contact_file import ContactFileScreen
from screens.new_file import NewFileScreen
from screens.purpose_prompt import ReasonScreen
from tests.tui.conftest import TODAY, AppFactory, login, wait_until
from widgets.file_table import FileTable

# --------------------------------------------------------------------------- pure checks


def test_niss_problem_names_what_is_wrong() -> None:
    assert niss_problem("85.07.30-033.28") is None
    assert niss_problem("85073003328") is None
    assert "11 digits" in (niss_problem("8507300332") or "")
    assert "check digits" in (niss_problem("85073003329") or "")
    assert "digits" in (niss_problem("85O73003328") or "")
    assert niss_problem("   ") is not None


def test_birth_date_and_name_query() -> None:
    assert parse_birth_date("", TODAY) is None
    assert parse_birth_date("30/07/1985", TODAY) == dt.date(1985, 7, 30)
    assert isinstance(parse_birth_date("1985-07-30", TODAY), str)
    assert isinstance(parse_birth_date("31/02/1985", TODAY), str)
    assert isinstance(parse_birth_date("01/01/2027", TODAY), str)
    assert parse_name_query(" Dupont ", "", "", TODAY) == NameQuery("Dupont", None, None)
    problems = parse_name_query("", "Jean", "1/1/85", TODAY)
    assert isinstance(problems, dict)
    assert set(problems) == {"last_name", "birth_date"}


# --------------------------------------------------------------------------- helpers


def a_citizen_with_closed_files(server: RunningServer) -> tuple[str, str, str]:
    """(niss, last name, first name) of a seeded citizen with a closed and an open file."""
    f = contact_files.c
    closed = sa.select(f.niss).where(f.status == "closed")
    open_ = sa.select(f.niss).where(f.status != "closed")
    with server.engine.connect() as conn:
        row = conn.execute(
            sa.select(citizens.c.niss, citizens.c.last_name, citizens.c.first_name)
            .where(citizens.c.niss.in_(closed), citizens.c.niss.in_(open_))
            .order_by(citizens.c.niss)
            .limit(1)
        ).one()
    return row.niss, row.last_name, row.first_name


async def give_reason(pilot: Pilot[None], reason: str = "phone call from the citizen") -> None:
    """Answer the reason prompt of a citizen opened from search."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, ReasonScreen))
    await pilot.press(*reason, "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, CitizenScreen))


async def open_search(app: AthenaApp) -> CitizenSearchScreen:
    screen = CitizenSearchScreen()
    await app.push_screen(screen)
    return screen


# --------------------------------------------------------------------------- search


async def test_a_wrong_niss_is_refused_without_asking_the_server(
    app_factory: AppFactory,
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        search = await open_search(app)
        await pilot.press(*"85.07.30-033.29", "enter")
        await pilot.pause()
        assert "check digits" in str(search.niss_error.render())
        assert search.searches == 0
        assert app.screen is search
        # too short
        search.niss_input.value = "850730"
        await pilot.press("enter")
        await pilot.pause()
        assert "11 digits" in str(search.niss_error.render())
        assert search.searches == 0 and app.screen is search


async def test_search_by_niss_opens_the_citizen_with_all_files(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    niss, last_name, _first = a_citizen_with_closed_files(tui_server)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        search = await open_search(app)
        await pilot.press(*format_niss(niss), "enter")
        await give_reason(pilot)
        screen = app.screen
        assert isinstance(screen, CitizenScreen)
        assert search.searches == 1
        await wait_until(pilot, lambda: screen.files is not None)
        header = str(screen.query_one("#citizen-header").render())
        assert format_niss(niss) in header and last_name.upper() in header
        assert screen.files is not None
        statuses = {f.status for f in screen.files}
        assert "closed" in statuses and len(statuses) > 1
        created = [f.created_at for f in screen.files]
        assert created == sorted(created, reverse=True)
        assert screen.query_one(FileTable).row_count == len(screen.files)


async def test_a_closed_file_opens_read_only_from_all_contact_files(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    niss, _last, _first = a_citizen_with_closed_files(tui_server)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        search = await open_search(app)
        search.niss_input.value = niss
        await pilot.press("enter")
        await give_reason(pilot)
        screen = app.screen
        assert isinstance(screen, CitizenScreen)
        await wait_until(pilot, lambda: screen.files is not None)
        assert screen.files is not None
        closed = next(f for f in screen.files if f.status == "closed")
        table = screen.query_one(FileTable)
        index = table.source.index_of(closed.id)
        assert index is not None
        table.move_cursor(index)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        opened = app.screen
        assert isinstance(opened, ContactFileScreen)
        await wait_until(pilot, lambda: opened.contact is not None)
        assert opened.contact is not None
        assert opened.contact.summary.id == closed.id
        assert opened.contact.summary.status == "closed"
        assert opened.contact.summary.assignee == closed.assignee  # looked at, not taken
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)


async def test_an_open_unassigned_file_is_not_taken_from_the_citizen(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        table = app.screen.query_one(FileTable)
        row = table.source.row_at(0)
        assert row.assignee_name == ""
        await app.push_screen(CitizenScreen(row.citizen_niss, file_id=row.id))
        screen = app.screen
        assert isinstance(screen, CitizenScreen)
        await wait_until(pilot, lambda: screen.files is not None)
        files = screen.query_one(FileTable)
        index = files.source.index_of(row.id)
        assert index is not None
        files.move_cursor(index)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        opened = app.screen
        assert isinstance(opened, ContactFileScreen)
        await wait_until(pilot, lambda: opened.contact is not None)
        assert opened.contact is not None and opened.contact.summary.assignee is None


async def test_search_by_name_lists_results_and_enter_opens_one(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    niss, last_name, first_name = a_citizen_with_closed_files(tui_server)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        search = await open_search(app)
        # a bad birth date is refused inline
        search.query_one("#search-last-name", Input).value = last_name
        search.query_one("#search-birth-date", Input).value = "31/02/1980"
        search.query_one("#search-last-name", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "not a date" in str(search.name_error.render())
        assert search.searches == 0
        search.query_one("#search-birth-date", Input).value = ""
        search.query_one("#search-last-name", Input).value = last_name[:3]
        search.query_one("#search-last-name", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(search.results))
        assert app.screen is search  # a name search never opens a citizen by itself
        assert all(c.last_name.lower().startswith(last_name[:3].lower()) for c in search.results)
        table: DataTable[object] = search.query_one("#search-results", DataTable)
        assert table.row_count == len(search.results)
        index = next(i for i, c in enumerate(search.results) if c.niss == niss)
        table.move_cursor(row=index)
        assert first_name  # the row names the citizen
        await pilot.press("enter")
        await give_reason(pilot)
        assert isinstance(app.screen, CitizenScreen) and app.screen.niss == niss


async def test_the_menu_and_n_lead_to_the_new_file_form(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        row = app.screen.query_one(FileTable).source.row_at(0)
        await app.push_screen(CitizenScreen(row.citizen_niss, file_id=row.id))
        screen = app.screen
        await wait_until(pilot, lambda: isinstance(screen, CitizenScreen) and bool(screen.files))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewFileScreen))
        form = app.screen
        assert isinstance(form, NewFileScreen) and form.prefill is None
        await pilot.press("escape")  # nothing typed: no question asked
        await wait_until(pilot, lambda: app.screen is screen)
        menu = screen.query_one(OptionList)
        menu.focus()
        menu.highlighted = [o.id for o in menu.options].index("new_file")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, NewFileScreen))
