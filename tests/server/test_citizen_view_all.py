"""Every seeded citizen of the TUI demo store: the citizen view never holds agent-only data."""

from __future__ import annotations

import sqlalchemy as sa

from athena_server.citizens import REASON_READS_PER_MINUTE
from athena_server.runner import RunningServer
from athena_server.schema import citizen_access, citizens
from backend_client.client import AthenaClient
from backend_client.models import SANCTION_KINDS, CareerView, Purpose, Role, Session
from tests.tui.conftest import SOPHIE, TODAY, tui_server, tui_template_db

__all__ = ["tui_server", "tui_template_db"]  # the fixtures this module borrows

AUDIT = Purpose(reason="test: the citizen view of every citizen")


async def test_citizen_view_of_every_citizen_has_no_sanction_and_no_future(
    tui_server: RunningServer,
) -> None:
    with tui_server.engine.connect() as conn:
        every_niss = list(
            conn.execute(sa.select(citizens.c.niss).order_by(citizens.c.niss)).scalars()
        )
    assert len(every_niss) >= 300
    async with AthenaClient(tui_server.url) as anon:
        # the file handler role: the agent view is compared with the citizen view
        session = await anon.demo_login(SOPHIE, Role.CASE_MANAGEMENT)
    assert isinstance(session, Session)
    agent_only = 0
    async with AthenaClient(tui_server.url, token=session.token) as client:
        for n, niss in enumerate(every_niss):
            if n % REASON_READS_PER_MINUTE == 0:
                # the reads-per-minute limit is not what this test is about: its store is
                # its own, so it empties the access log the limit counts
                with tui_server.engine.begin() as conn:
                    conn.execute(citizen_access.delete())
            seen = await client.career(niss, CareerView.CITIZEN, AUDIT)
            assert seen.view is CareerView.CITIZEN
            for period in seen.periods:
                assert period.kind not in SANCTION_KINDS, (niss, period)
                assert period.start <= TODAY, (niss, period)
                assert period.end <= TODAY, (niss, period)  # cut at today
                assert not period.future, (niss, period)
            if seen.last_attestation is not None:
                assert seen.last_attestation <= TODAY
            full = await client.career(niss, CareerView.AGENT, AUDIT)
            if any(p.kind in SANCTION_KINDS or p.start > TODAY for p in full.periods):
                agent_only += 1
    # the store does hold agent-only data, so the checks above had something to refuse
    assert agent_only > 10
