"""Report a problem from the agent timeline: agent-only data (sanctions, future data)
never reach what the citizen sees of the new file (its subject and its question)."""

from __future__ import annotations

import sqlalchemy as sa

from athena_server.citizens import REASON_READS_PER_MINUTE
from athena_server.runner import RunningServer
from athena_server.schema import career_periods, citizen_access
from backend_client.career_views import CvEntry, StatusPeriod, YearRow, cv, per_period, per_year
from backend_client.client import AthenaClient
from backend_client.models import SANCTION_KINDS, CareerView, Priority, Purpose, Role, Session
from screens.new_file import validate_form
from tests.tui.conftest import SOPHIE, TODAY
from widgets.career_tables import problem_context
from widgets.timeline import DEFAULT_KIND_LABELS, describe_period, format_date, period_problem

# The agent view of a career is the file handler's (roles matrix), read for a reason.
REASON = Purpose(reason="checking a reported career problem")


def citizens_with_sanctions(server: RunningServer) -> list[str]:
    with server.engine.connect() as conn:
        rows = conn.execute(
            sa.select(career_periods.c.niss)
            .where(career_periods.c.kind.in_([k.value for k in SANCTION_KINDS]))
            .distinct()
            .order_by(career_periods.c.niss)
        ).scalars()
        return [str(niss) for niss in rows]


async def test_a_sanction_or_future_block_reports_its_year_only(
    tui_server: RunningServer,
) -> None:
    sanctioned = citizens_with_sanctions(tui_server)
    assert len(sanctioned) >= 5
    async with AthenaClient(tui_server.url) as anon:
        session = await anon.demo_login(SOPHIE, Role.CASE_MANAGEMENT)
    assert isinstance(session, Session)
    async with AthenaClient(tui_server.url, token=session.token) as client:
        reported = 0
        for index, niss in enumerate(sanctioned):
            if index % REASON_READS_PER_MINUTE == 0:
                # the reads-per-minute limit is not what this test is about: its server is
                # its own, so it empties the access log the limit counts
                with tui_server.engine.begin() as conn:
                    conn.execute(citizen_access.delete())
            agent = await client.career(niss, CareerView.AGENT, REASON)
            citizen = await client.career(niss, CareerView.CITIZEN, REASON)
            hidden = [p for p in agent.periods if p.kind in SANCTION_KINDS or p.future]
            assert hidden
            # the whole way, for a few: the form's request, the server's file
            for period in hidden[:2] if index < 5 else []:
                context = period_problem(period)
                request = validate_form(
                    category=context.category,
                    year=str(context.year),
                    element=context.element,
                    question="Is this period right?",
                    priority=Priority.MEDIUM,
                    group_id=session.agent.groups[0],
                    today=TODAY,
                )
                assert not isinstance(request, dict), request
                created = await client.new_file(niss, request, REASON)
                seen_by_citizen = " ".join(
                    [created.summary.subject, *(m.body for m in created.messages)]
                ).casefold()
                for kind in SANCTION_KINDS:
                    assert DEFAULT_KIND_LABELS[kind.value].casefold() not in seen_by_citizen
                    assert kind.value not in seen_by_citizen
                assert "sanction" not in seen_by_citizen
                span = f"{format_date(period.start)}–{format_date(period.end)}"
                assert span.casefold() not in seen_by_citizen
                assert period not in citizen.periods  # it was agent-only indeed
                reported += 1
            for period in agent.periods:
                context = period_problem(period)
                if period in hidden:
                    assert context.agent_only and context.element == ""
                    assert context.year == period.start.year
                else:  # what the citizen sees may be named
                    assert context.element == describe_period(period)
        assert reported >= 5


async def test_a_career_table_row_with_agent_only_data_reports_its_year_only(
    tui_server: RunningServer,
) -> None:
    """The career detail tables (My CV, per year, per period) report the same way."""
    sanctioned = citizens_with_sanctions(tui_server)
    async with AthenaClient(tui_server.url) as anon:
        session = await anon.demo_login(SOPHIE, Role.CASE_MANAGEMENT)
    assert isinstance(session, Session)
    async with AthenaClient(tui_server.url, token=session.token) as client:
        checked = 0
        for niss in sanctioned[:20]:
            agent = await client.career(niss, CareerView.AGENT, REASON)
            elements: list[CvEntry | YearRow | StatusPeriod] = [
                *cv(agent.periods),
                *per_year(agent.periods),
                *per_period(agent.periods),
            ]
            for element in elements:
                context = problem_context(element)
                if isinstance(element, CvEntry):
                    hidden = element.kind in SANCTION_KINDS or element.future
                else:
                    kinds = {kind for kind, _days in element.days_by_kind}
                    hidden = bool(kinds & SANCTION_KINDS) or element.future
                if hidden:
                    checked += 1
                    assert context.agent_only and context.element == "", element
                else:
                    assert "sanction" not in context.element.casefold(), element
        assert checked >= 20
