"""Pilot tests of the timeline, career detail and new-file screens (F6, F9) on a real server."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from textual.widgets import Input, Select, TextArea

from athena_server.runner import RunningServer
from athena_server.schema import career_periods
from athena_tui.app import AthenaApp
from backend_client.models import SANCTION_KINDS, CareerView, Priority
from screens.career_detail import CareerDetailScreen
from screens.contact_file import ContactFileScreen
from screens.dashboard import DashboardScreen
from screens.new_file import NewFileScreen, validate_form
from screens.timeline import BlockDetailScreen, TimelineScreen
from tests.tui.conftest import SOPHIE, TODAY, AppFactory, login, wait_until
from widgets.career_tables import CareerDetail
from widgets.confirm import ConfirmDialog
from widgets.file_table import FileTable
from widgets.timeline import CAREER_DATA_CATEGORY


def citizen_with_agent_only_data(server: RunningServer) -> str:
    """A seeded citizen with a sanction period and a period starting after today."""
    p = career_periods.c
    sanctions = sa.select(p.niss).where(p.kind.in_([k.value for k in SANCTION_KINDS]))
    future = sa.select(p.niss).where(p.start > TODAY)
    with server.engine.connect() as conn:
        niss = conn.execute(
            sa.select(p.niss)
            .where(p.niss.in_(sanctions), p.niss.in_(future))
            .order_by(p.niss)
            .limit(1)
        ).scalar_one()
    return str(niss)


FILE_HANDLER = 1
"""Sophie's second role, Athena Gestion de Dossiers: the one that shows the agent view."""


def with_purpose(app: AthenaApp, niss: str) -> None:
    """As if the agent had given a reason for this citizen earlier in the session."""
    app.services.gateway.purposes.remember_reason(niss, "test: a question about the career")


async def open_timeline(app: AthenaApp, niss: str, view: CareerView) -> TimelineScreen:
    with_purpose(app, niss)
    screen = TimelineScreen(niss, view)
    await app.push_screen(screen)
    return screen


# --------------------------------------------------------------------------- form rules


def test_validate_form_names_each_wrong_field() -> None:
    problems = validate_form(
        category=None,
        year="12",
        element="",
        question="  ",
        priority=None,
        group_id=None,
        today=TODAY,
    )
    assert isinstance(problems, dict)
    assert set(problems) == {"category", "career_year", "question", "priority", "group_id"}
    late = validate_form(
        category="other",
        year="2099",
        element="",
        question="?",
        priority=Priority.LOW,
        group_id="fr-desk",
        today=TODAY,
    )
    assert isinstance(late, dict) and set(late) == {"career_year"}
    request = validate_form(
        category=CAREER_DATA_CATEGORY,
        year="2012",
        element=" ACME ",
        question="Where is 2012?",
        priority=Priority.HIGH,
        group_id="fr-desk",
        today=TODAY,
    )
    assert not isinstance(request, dict)
    assert request.career_year == 2012 and request.career_element == "ACME"


@pytest.mark.parametrize("question", ["x" * 20_001, "pasted\x00text"])
def test_a_question_the_server_could_not_take_is_a_form_problem_not_a_crash(
    question: str,
) -> None:
    problems = validate_form(
        category="other",
        year="",
        element="",
        question=question,
        priority=Priority.LOW,
        group_id="fr-desk",
        today=TODAY,
    )
    assert isinstance(problems, dict) and set(problems) == {"question"}


# --------------------------------------------------------------------------- timeline


async def test_agent_view_shows_sanctions_and_future_the_citizen_view_does_not(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    niss = citizen_with_agent_only_data(tui_server)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, role_index=FILE_HANDLER)
        agent = await open_timeline(app, niss, CareerView.AGENT)
        await wait_until(pilot, lambda: agent.career is not None)
        kinds = set(agent.timeline.lane_kinds)
        assert kinds & SANCTION_KINDS
        assert agent.timeline.timeline_layout.has_future
        assert agent.timeline.banner == ""
        await pilot.press("escape")
        citizen = await open_timeline(app, niss, CareerView.CITIZEN)
        await wait_until(pilot, lambda: citizen.career is not None)
        assert citizen.career is not None
        assert not set(citizen.timeline.lane_kinds) & SANCTION_KINDS
        assert all(p.start <= TODAY for p in citizen.career.periods)  # the server filtered
        assert not citizen.timeline.timeline_layout.has_future
        assert "exactly what the citizen sees" in citizen.timeline.banner


async def test_report_from_a_timeline_block_creates_a_file_assigned_to_me(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    niss = citizen_with_agent_only_data(tui_server)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, role_index=FILE_HANDLER)
        screen = await open_timeline(app, niss, CareerView.AGENT)
        await wait_until(pilot, lambda: screen.career is not None)
        await pilot.press("l", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, BlockDetailScreen))
        detail = app.screen
        assert isinstance(detail, BlockDetailScreen)
        period = detail.period
        assert period == screen.timeline.selected_period
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, NewFileScreen))
        form = app.screen
        assert isinstance(form, NewFileScreen)
        assert form.category.value == CAREER_DATA_CATEGORY
        assert form.year.value == str(period.start.year)
        assert period.start.isoformat() in form.element.value
        assert form.question.has_focus
        await wait_until(pilot, lambda: form.group.value != Select.NULL)
        await pilot.press(*"Cette période est incomplète.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        opened = app.screen
        assert isinstance(opened, ContactFileScreen)
        assert opened.contact is not None
        summary = opened.contact.summary
        assert summary.assignee is not None and summary.assignee.id == SOPHIE
        assert summary.citizen_niss == niss
        assert str(period.start.year) in summary.subject
        assert opened.contact.messages[0].body == "Cette période est incomplète."
        # back leads to the timeline (the form was replaced), then to My files
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("2")
        await wait_until(
            pilot,
            lambda: app.screen.query_one(FileTable).source.index_of(summary.id) is not None,
        )


# --------------------------------------------------------------------------- career detail


async def test_report_from_a_per_year_row_prefills_the_first_three_questions(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    niss = citizen_with_agent_only_data(tui_server)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot, role_index=FILE_HANDLER)
        with_purpose(app, niss)
        screen = CareerDetailScreen(niss, CareerView.AGENT)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.career is not None)
        detail = screen.query_one(CareerDetail)
        assert detail.period_table is not None  # Par période in the agent view
        await pilot.press("2")
        await wait_until(pilot, lambda: detail.active_tab == "per_year")
        await pilot.press("j", "j")
        row = detail.year_table.selected_element
        assert row is not None
        await pilot.press("exclamation_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, NewFileScreen))
        form = app.screen
        assert isinstance(form, NewFileScreen)
        assert form.category.value == CAREER_DATA_CATEGORY
        assert form.year.value == str(row.year)
        assert form.element.value.startswith(f"{row.year} — ")
        # the year is checked on the form before anything is sent
        form.year.value = "19"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "4 digits" in str(form.error_of("career_year").render())
        assert "required" in str(form.error_of("question").render())
        assert isinstance(app.screen, NewFileScreen)
        form.year.value = str(row.year)
        form.query_one(TextArea).focus()
        await pilot.press(*"Il manque des jours.")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactFileScreen))
        opened = app.screen
        assert isinstance(opened, ContactFileScreen) and opened.contact is not None
        assert opened.contact.summary.assignee is not None
        assert opened.contact.summary.assignee.id == SOPHIE
        assert app.services.replica.get(opened.contact.summary.id) is not None


async def test_citizen_view_career_detail_has_a_banner_and_no_per_period(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    niss = citizen_with_agent_only_data(tui_server)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        with_purpose(app, niss)
        screen = CareerDetailScreen(niss, CareerView.CITIZEN)
        await app.push_screen(screen)
        await wait_until(pilot, lambda: screen.career is not None)
        detail = screen.query_one(CareerDetail)
        assert detail.period_table is None
        assert "citizen sees" in str(detail.query_one("#career-detail-banner").render())
        kinds = {entry.kind for entry in detail.cv_table.elements}
        assert not kinds & SANCTION_KINDS


async def test_escape_with_typed_text_asks_before_discarding(
    app_factory: AppFactory, tui_server: RunningServer
) -> None:
    niss = citizen_with_agent_only_data(tui_server)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        dashboard = app.screen
        with_purpose(app, niss)
        form = NewFileScreen(niss)
        await app.push_screen(form)
        await wait_until(pilot, lambda: form.group.value != Select.NULL)
        form.query_one("#new-element", Input).focus()
        await pilot.press(*"ACME")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is form)
        assert form.element.value == "ACME"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is dashboard)
