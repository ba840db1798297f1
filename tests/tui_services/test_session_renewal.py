"""A session that expired while actions waited: the new login finds the drafts and the
outbox where they were, and the queued action reaches the server once."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

from athena_server.runner import RunningServer
from athena_tui.config import Settings
from athena_tui.drafts import Draft
from athena_tui.outbox import ActionKind, ReplayResult
from athena_tui.replica import Tab
from athena_tui.services import Services
from athena_tui.sync import SyncStatus
from backend_client.client import AthenaClient
from backend_client.models import Session
from tests.client.live import NL_AGENT
from tests.polling import await_for


async def _attach(services: Services) -> tuple[list[SyncStatus], list[ReplayResult]]:
    session = await services.login_demo(NL_AGENT)
    assert isinstance(session, Session)
    await services.attach_session(session)
    statuses: list[SyncStatus] = []
    replayed: list[ReplayResult] = []

    def on_replayed(results: Sequence[ReplayResult]) -> None:
        replayed.extend(results)

    engine = services.make_sync(
        lambda status, _last: statuses.append(status),
        lambda _done, _total: None,
        lambda _ids: None,
        on_replayed,
    )
    asyncio.get_running_loop().create_task(engine.run())
    return statuses, replayed


async def test_a_new_login_after_expiry_keeps_drafts_and_outbox(
    server: RunningServer, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    services = Services(settings, server_url=server.url)
    try:
        statuses, _ = await _attach(services)
        await await_for(lambda: SyncStatus.LIVE in statuses, 10)
        first = services.replica.view(Tab.GROUP_QUEUE).row_at(0)
        target = services.replica.get(first.id)
        assert target is not None and target.assignee is None
        # Left on this machine while the connection was away.
        services.outbox.enqueue(ActionKind.TAKE, target.id, {"version": target.version}, "k-1")
        services.drafts.save(Draft(file_id=target.id, body="Half-written answer"))
        # The session ends on the server (expiry): sync says so and stops.
        session = services.session
        assert session is not None
        async with AthenaClient(server.url, token=session.token) as same:
            await same.logout()
        await await_for(lambda: SyncStatus.EXPIRED in statuses, 40)
        await services.detach_session()

        statuses, replayed = await _attach(services)
        draft = services.drafts.load(target.id)
        assert draft is not None and draft.body == "Half-written answer"
        await await_for(lambda: SyncStatus.LIVE in statuses, 10)
        assert [r.action.key for r in replayed] == ["k-1"]
        assert replayed[0].error is None
        assert services.outbox.counts() == (0, 0)
        mine = services.replica.get(target.id)
        assert mine is not None and mine.assignee is not None and mine.assignee.id == NL_AGENT
    finally:
        await services.close()
