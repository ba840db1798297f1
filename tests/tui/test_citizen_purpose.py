"""Pilot tests of purpose-bound reads on a real server: the reason prompt (once per citizen
and session), the file as a silent purpose, the role hiding the agent view, search pages
and refusals in the agent's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from athena_server.db import utcnow
from athena_server.runner import RunningServer
from athena_server.schema import citizen_access, citizens
from athena_tui.app import AthenaApp, make_app
from athena_tui.config import Settings
from athena_tui.i18n import set_language
from athena_tui.services import Services
from backend_client.models import SEARCH_PAGE
from screens.citizen import CitizenScreen
from screens.citizen_search import CitizenSearchScreen
from screens.contact_file import ContactFileScreen
from screens.purpose_prompt import ReasonScreen
from screens.timeline import TimelineScreen
from tests.tui.conftest import SOPHIE, AppFactory, fixed_now, login, wait_until
from widgets.file_table import FileTable

REASON = "phone call from the citizen, ref P-12"


def reads(server: RunningServer, niss: str, what: str) -> list[dict[str, Any]]:
    a = citizen_access.c
    query = sa.select(citizen_access).where(a.niss == niss, a.what == what).order_by(a.id)
    with server.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def some_citizen(server: RunningServer) -> str:
    with server.engine.connect() as conn:
        return str(
            conn.execute(sa.select(citizens.c.niss).order_by(citizens.c.niss).limit(1)).scalar()
        )


async def search_niss(pilot: Pilot[None], niss: str) -> CitizenSearchScreen:
    app = pilot.app
    search = CitizenSearchScreen()
    await app.push_screen(search)
    await pilot.press(*niss, "enter")
    return search


async def test_from_search_a_reason_is_asked_once_per_citizen_and_session(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    niss = some_citizen(tui_server)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        search = await search_niss(pilot, niss)
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonScreen))
        assert reads(tui_server, niss, "identity") == []  # nothing read before the reason
        await pilot.press(*"call", "enter")  # too short: refused in the prompt
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, ReasonScreen)
        assert "at least 10 characters" in str(prompt.query_one("#prompt-error", Static).render())
        prompt.query_one(Input).value = ""
        await pilot.press(*REASON, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CitizenScreen))
        citizen = app.screen
        assert isinstance(citizen, CitizenScreen)
        await wait_until(pilot, lambda: citizen.files is not None)
        for what in ("identity", "files"):
            (row,) = reads(tui_server, niss, what)
            assert (row["purpose"], row["reason"], row["agent_id"]) == ("reason", REASON, SOPHIE)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is search)
        # the same citizen again in this session: no prompt, the same reason is sent
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CitizenScreen))
        again = app.screen
        assert isinstance(again, CitizenScreen) and again is not citizen
        await wait_until(pilot, lambda: again.files is not None)
        assert [r["reason"] for r in reads(tui_server, niss, "identity")] == [REASON, REASON]

    # a new session remembers nothing
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        await search_niss(pilot, niss)
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonScreen))


async def test_escape_on_the_prompt_goes_back_and_reads_nothing(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    niss = some_citizen(tui_server)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        search = await search_niss(pilot, niss)
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonScreen))
        citizen = app.screen_stack[-2]
        assert isinstance(citizen, CitizenScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is search)
        await wait_until(
            pilot, lambda: all(w.is_finished for w in app.workers if w.node is citizen)
        )
        assert reads(tui_server, niss, "identity") == []
        assert reads(tui_server, niss, "files") == []
        assert len(reads(tui_server, niss, "search")) == 1  # the search itself is logged


async def test_from_a_file_the_file_is_the_purpose_without_a_prompt(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        first = app.screen.query_one(FileTable).source.row_at(0)
        screen = ContactFileScreen(first.id, take=False)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.contact is not None)
        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CitizenScreen))
        citizen = app.screen
        assert isinstance(citizen, CitizenScreen)
        await wait_until(pilot, lambda: citizen.files is not None)
        (row,) = reads(tui_server, first.citizen_niss, "identity")
        assert (row["purpose"], row["file_id"], row["reason"]) == ("file", first.id, None)
        file_reads = reads(tui_server, first.citizen_niss, "file")
        assert file_reads and file_reads[0]["file_id"] == first.id


def menu_ids(screen: CitizenScreen) -> list[str | None]:
    return [o.id for o in screen.query_one(OptionList).options]


async def test_the_contact_center_role_hides_the_agent_view_and_says_why(
    app_factory: AppFactory,
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, role_index=0)  # Athena Centre de Contact
        row = app.screen.query_one(FileTable).source.row_at(0)
        screen = CitizenScreen(row.citizen_niss, file_id=row.id)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.files is not None)
        assert "timeline_agent" not in menu_ids(screen)
        assert "detail_agent" not in menu_ids(screen)
        assert "timeline_citizen" in menu_ids(screen)
        shown = {b.binding.action for b in screen.active_bindings.values() if b.binding.show}
        assert "menu('timeline_agent')" not in shown and "menu('detail_agent')" not in shown
        assert "menu('files')" in shown
        await pilot.press("2")
        await wait_until(
            pilot, lambda: any("Gestion de Dossiers" in n.message for n in app._notifications)
        )
        assert app.screen is screen
        await pilot.press("3")  # the citizen view is there
        await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen))


async def test_the_file_handler_role_opens_the_agent_view(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, role_index=1)  # Athena Gestion de Dossiers
        row = app.screen.query_one(FileTable).source.row_at(0)
        screen = CitizenScreen(row.citizen_niss, file_id=row.id)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.files is not None)
        assert {"timeline_agent", "detail_agent"} <= set(menu_ids(screen))
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, TimelineScreen))
        timeline = app.screen
        assert isinstance(timeline, TimelineScreen)
        await wait_until(pilot, lambda: timeline.career is not None)


def crowded_prefix(server: RunningServer) -> tuple[str, int]:
    """The three-letter start of last names shared by the most citizens, and how many."""
    prefix = sa.func.substr(citizens.c.last_name_key, 1, 3)
    with server.engine.connect() as conn:
        row = conn.execute(
            sa.select(prefix.label("p"), sa.func.count().label("n"))
            .group_by(prefix)
            .order_by(sa.desc("n"), "p")
            .limit(1)
        ).one()
    return str(row.p), int(row.n)


async def test_search_shows_pages_and_more_results(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    prefix, total = crowded_prefix(tui_server)
    assert total > SEARCH_PAGE
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        search = CitizenSearchScreen()
        await app.push_screen(search)
        last = search.query_one("#search-last-name", Input)
        last.value = prefix[:2]
        last.focus()
        await pilot.press("enter")  # two letters: refused here, nothing sent
        await pilot.pause()
        assert "at least 3 letters" in str(search.name_error.render())
        assert search.searches == 0
        last.value = prefix
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(search.results) == SEARCH_PAGE)
        assert search.more and "ctrl+n" in str(search.status.render())
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: len(search.results) == min(total, 2 * SEARCH_PAGE))
        table: DataTable[object] = search.query_one("#search-results", DataTable)
        assert table.row_count == len(search.results)
        assert len({c.niss for c in search.results}) == len(search.results)


async def test_refusals_are_in_the_agents_language(
    tui_server: RunningServer, tmp_path: Path
) -> None:
    settings = Settings(
        server_url=tui_server.url,
        language="fr",
        data_dir=tmp_path / "data",
        config_dir=tmp_path / "config",
    )
    set_language(settings.language)  # as athena_tui.cli does before it builds the app
    app: AthenaApp = make_app(settings, Services(settings), now=fixed_now)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await login(pilot)
            # thirty searches in the last minute, as the server counts them
            with tui_server.engine.begin() as conn:
                conn.execute(
                    citizen_access.insert(),
                    [
                        {
                            "at": utcnow(),
                            "agent_id": SOPHIE,
                            "role": "contact_center",
                            "niss": None,
                            "what": "search",
                            "purpose": "search",
                            "request_id": f"r{n}",
                        }
                        for n in range(30)
                    ],
                )
            search = await search_niss(pilot, some_citizen(tui_server))
            await wait_until(pilot, lambda: "Trop de recherches" in str(search.niss_error.render()))
            search.niss_input.value = ""
            await app.push_screen(CitizenScreen(some_citizen(tui_server)))
            await wait_until(pilot, lambda: isinstance(app.screen, ReasonScreen))
            prompt = app.screen
            assert isinstance(prompt, ReasonScreen)
            assert prompt.title_text.startswith("Pourquoi ouvrez-vous")
    finally:
        set_language("en")


async def test_a_file_the_server_refuses_as_purpose_leads_to_the_prompt(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        source = app.screen.query_one(FileTable).source
        first = source.row_at(0)
        other = next(
            source.row_at(i)
            for i in range(1, len(source))
            if source.row_at(i).citizen_niss != first.citizen_niss
        )
        # a file of another citizen is no purpose: the server refuses, the TUI asks
        screen = CitizenScreen(first.citizen_niss, file_id=other.id)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await pilot.press(*REASON, "enter")
        await wait_until(pilot, lambda: screen.files is not None)
        (row,) = reads(tui_server, first.citizen_niss, "identity")
        assert (row["purpose"], row["reason"]) == ("reason", REASON)
