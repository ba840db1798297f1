"""Replica, sync engine, gateway, outbox and services against a real server."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from athena_server.runner import RunningServer
from athena_tui.config import Settings
from athena_tui.drafts import Draft, DraftStore
from athena_tui.gateway import Gateway, Queued
from athena_tui.outbox import Outbox
from athena_tui.replica import Replica, Tab
from athena_tui.services import Services
from athena_tui.sync import SyncEngine, SyncStatus
from backend_client.client import AthenaClient
from backend_client.errors import Conflict, Unavailable, ValidationFailed
from backend_client.models import FileSummary, Priority, RoleChoice, Session, Status
from tests.client.live import NL_AGENT, NL_COLLEAGUE, TWO_ROLES, Login, closed_port_url
from tests.polling import await_for


async def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> float:
    """Poll ``predicate`` until true; return the seconds it took (fail after timeout)."""
    return await await_for(predicate, timeout)


def _stores(tmp_path: Path, agent_id: int = NL_AGENT) -> tuple[Replica, Outbox, DraftStore]:
    path = tmp_path / "local" / "store.db"
    replica = Replica(path)
    replica.set_scope(agent_id, ["nl-desk"])
    return replica, Outbox(path), DraftStore(path, agent_id)


async def _fill(client: AthenaClient, replica: Replica) -> None:
    while True:
        page = await client.sync(replica.cursor(), limit=100)
        replica.apply(page)
        if not page.more:
            return


def _first_unassigned(replica: Replica) -> FileSummary:
    first = replica.view(Tab.GROUP_QUEUE).row_at(0)
    summary = replica.get(first.id)
    assert summary is not None and summary.assignee is None
    return summary


async def test_fill_then_delta_then_removed(login: Login, tmp_path: Path) -> None:
    me, colleague = await login(NL_AGENT), await login(NL_COLLEAGUE)
    replica, _, _ = _stores(tmp_path)
    await _fill(me, replica)
    counts = replica.counts()
    assert counts[Tab.GROUP_QUEUE] > 50 and counts[Tab.MY_FILES] > 0
    target = _first_unassigned(replica)
    taken = await colleague.take(target.id, target.version)
    await _fill(me, replica)
    row = replica.view(Tab.GROUP_QUEUE).row_at(
        replica.view(Tab.GROUP_QUEUE).index_of(target.id) or 0
    )
    assert row.id == target.id and row.assignee_name == taken.assignee.name  # type: ignore[union-attr]
    await colleague.move(target.id, taken.version, "fr-desk")
    await _fill(me, replica)
    assert replica.get(target.id) is None
    assert replica.counts()[Tab.GROUP_QUEUE] == counts[Tab.GROUP_QUEUE] - 1


async def test_sync_engine_fills_and_sees_a_colleague_within_a_second(
    login: Login, tmp_path: Path
) -> None:
    me, colleague = await login(NL_AGENT), await login(NL_COLLEAGUE)
    replica, _, _ = _stores(tmp_path)
    statuses: list[SyncStatus] = []
    progress: list[tuple[int, int | None]] = []
    changes: list[list[int]] = []
    engine = SyncEngine(
        me,
        replica,
        statuses.append,
        lambda done, total: progress.append((done, total)),
        changes.append,
        page_size=40,
    )
    task = asyncio.create_task(engine.run())
    try:
        await wait_until(lambda: statuses == [SyncStatus.LIVE])
        assert progress and progress[-1][0] == progress[-1][1] == len(replica)
        assert len(progress) > 1  # paged
        target = _first_unassigned(replica)
        changes.clear()
        await colleague.take(target.id, target.version)
        elapsed = await wait_until(
            lambda: (s := replica.get(target.id)) is not None and s.assignee is not None
        )
        assert elapsed < 1.5
        assert any(target.id in ids for ids in changes)
        assert engine.last_sync_at is not None
    finally:
        engine.stop()
        await asyncio.wait_for(task, 5)


async def test_sync_engine_reports_offline_and_comes_back(
    server: RunningServer, login: Login, tmp_path: Path
) -> None:
    me = await login(NL_AGENT)
    replica, _, _ = _stores(tmp_path)
    await _fill(me, replica)
    statuses: list[SyncStatus] = []
    dead = AthenaClient(closed_port_url(), token=me.token, retry_delays=())
    engine = SyncEngine(dead, replica, statuses.append, backoff=(0.01,))
    task = asyncio.create_task(engine.run())
    try:
        await wait_until(lambda: SyncStatus.OFFLINE in statuses)
        assert statuses[:2] == [SyncStatus.RECONNECTING, SyncStatus.OFFLINE]
        engine.client = me  # the network is back
        await wait_until(lambda: statuses[-1] is SyncStatus.LIVE)
    finally:
        engine.stop()
        await asyncio.wait_for(task, 5)
        await dead.aclose()


async def test_gateway_write_updates_the_replica_at_once(login: Login, tmp_path: Path) -> None:
    me = await login(NL_AGENT)
    replica, outbox, drafts = _stores(tmp_path)
    await _fill(me, replica)
    gateway = Gateway(me, replica, outbox, drafts)
    target = _first_unassigned(replica)
    taken = await gateway.take(target)
    assert isinstance(taken, FileSummary)
    assert target.id in replica.view(Tab.MY_FILES).file_ids()
    high = await gateway.set_priority(taken, Priority.HIGH)
    assert isinstance(high, FileSummary)
    stored = replica.get(target.id)
    assert stored is not None and stored.priority is Priority.HIGH


async def test_gateway_open_takes_an_unassigned_file_and_marks_read(
    login: Login, tmp_path: Path
) -> None:
    me = await login(NL_AGENT)
    replica, outbox, drafts = _stores(tmp_path)
    await _fill(me, replica)
    gateway = Gateway(me, replica, outbox, drafts)
    target = _first_unassigned(replica)
    opened = await gateway.open_file(target)
    assert opened.summary.assignee is not None and opened.summary.assignee.id == NL_AGENT
    stored = replica.get(target.id)
    assert stored is not None and stored.status is Status.ASSIGNED and not stored.unread
    again = await gateway.open_file(stored.id)  # already mine: read only
    assert again.summary.version == stored.version


async def test_gateway_conflict_refreshes_the_replica(login: Login, tmp_path: Path) -> None:
    me, colleague = await login(NL_AGENT), await login(NL_COLLEAGUE)
    replica, outbox, drafts = _stores(tmp_path)
    await _fill(me, replica)
    gateway = Gateway(me, replica, outbox, drafts)
    target = _first_unassigned(replica)
    await colleague.take(target.id, target.version)
    with pytest.raises(Conflict) as caught:
        await gateway.take(target)
    assert caught.value.message
    stored = replica.get(target.id)
    assert stored is not None and stored.assignee is not None
    assert stored.assignee.id == NL_COLLEAGUE
    assert outbox.pending() == []


async def test_reply_deletes_the_draft_only_once_confirmed(login: Login, tmp_path: Path) -> None:
    me = await login(NL_AGENT)
    replica, outbox, drafts = _stores(tmp_path)
    await _fill(me, replica)
    gateway = Gateway(me, replica, outbox, drafts)
    opened = await gateway.open_file(_first_unassigned(replica))
    draft = Draft(file_id=opened.summary.id, body="Dear citizen", attachments=["/nonexistent"])
    drafts.save(draft)
    with pytest.raises(ValidationFailed) as bad:
        await gateway.reply(opened.summary, draft)
    assert bad.value.field == "attachments" and "/nonexistent" in bad.value.message
    assert drafts.load(opened.summary.id) is not None
    draft.attachments = []
    sent = await gateway.reply(opened.summary, draft)
    assert not isinstance(sent, Queued) and sent.summary.status is Status.CLOSED
    assert drafts.load(opened.summary.id) is None
    assert opened.summary.id in replica.view(Tab.TREATED).file_ids()


async def test_outbox_replays_exactly_once_after_the_server_was_unreachable(
    server: RunningServer, login: Login, tmp_path: Path
) -> None:
    me = await login(NL_AGENT)
    replica, outbox, drafts = _stores(tmp_path)
    await _fill(me, replica)
    target = _first_unassigned(replica)
    offline = AthenaClient(closed_port_url(), token=me.token, retry_delays=())
    queued = await Gateway(offline, replica, outbox, drafts).take(target)
    assert isinstance(queued, Queued) and queued.message
    reply_draft = Draft(file_id=target.id, body="Queued answer", final=False)
    # the reply carries the version the file will have after the take
    queued_file = target.model_copy(update={"version": target.version + 1})
    queued_reply = await Gateway(offline, replica, outbox, drafts).reply(queued_file, reply_draft)
    assert isinstance(queued_reply, Queued)
    assert drafts.load(target.id) is not None
    await offline.aclose()
    assert [a.kind for a in outbox.pending()] == ["take", "reply"]

    online = Gateway(me, replica, outbox, drafts)
    results = await online.replay_outbox()
    assert [r.error for r in results] == [None, None]
    assert await online.replay_outbox() == []
    stored = replica.get(target.id)
    assert stored is not None and stored.assignee is not None and stored.assignee.id == NL_AGENT
    assert drafts.load(target.id) is None
    trail = await me.audit(target.id)
    assert [e.action for e in trail].count("take") == 1
    thread = await me.get_file(target.id)
    assert [m.body for m in thread.messages].count("Queued answer") == 1


async def test_services_demo_login_attaches_a_session(
    server: RunningServer, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    services = Services(settings, server_url=server.url)
    try:
        with pytest.raises(RuntimeError):
            _ = services.gateway
        agents = await services.demo_agents()
        assert agents is not None and NL_AGENT in {a.id for a in agents}
        choice = await services.login_demo(TWO_ROLES)
        assert isinstance(choice, RoleChoice) and services.session is None
        session = await services.login_demo(NL_AGENT)
        assert isinstance(session, Session) and services.session is None
        await services.attach_session(session)
        assert services.session == session
        port = server.url.rsplit(":", 1)[1]
        assert services.replica.path == settings.data_dir / f"replica-127.0.0.1-{port}-2.db"
        statuses: list[tuple[SyncStatus, dt.datetime | None]] = []
        progress: list[tuple[int, int | None]] = []
        engine = services.make_sync(
            lambda status, last: statuses.append((status, last)),
            lambda done, total: progress.append((done, total)),
            lambda ids: None,
        )
        task = asyncio.create_task(engine.run())
        await wait_until(lambda: bool(statuses) and statuses[-1][0] is SyncStatus.LIVE)
        assert statuses[-1][1] is not None and progress[-1][0] == progress[-1][1]
        assert services.replica.counts()[Tab.GROUP_QUEUE] > 0
        assert (await services.gateway.groups())[0].id
        await services.logout()
        await asyncio.wait_for(task, 5)
        assert not services.logged_in
    finally:
        await services.close()


async def test_services_without_demo_login(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    services = Services(settings, server_url=closed_port_url())
    try:
        with pytest.raises(Unavailable):
            await services.demo_agents()
    finally:
        await services.close()
