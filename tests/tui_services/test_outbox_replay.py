"""Outbox against a real server: chained actions on one file replay in order, each on the
version the previous produced; refusals are kept with who changed what, a refused reply
goes back to the draft, and retry/drop are the agent's decisions."""

from __future__ import annotations

from pathlib import Path

from athena_tui.drafts import Draft, DraftStore
from athena_tui.gateway import Gateway, Queued
from athena_tui.outbox import CHAIN_REFUSED, ActionKind, ActionState, Outbox
from athena_tui.outbox_view import refusal_reason, with_pending
from athena_tui.replica import Replica, Tab
from backend_client.client import AthenaClient
from backend_client.models import AgentRef, FileSummary, Priority, Status
from tests.client.live import NL_AGENT, NL_COLLEAGUE, Login, closed_port_url


def _stores(tmp_path: Path) -> tuple[Replica, Outbox, DraftStore]:
    path = tmp_path / "local" / "store.db"
    replica = Replica(path)
    replica.set_scope(NL_AGENT, ["nl-desk"])
    return replica, Outbox(path), DraftStore(path, NL_AGENT)


async def _fill(client: AthenaClient, replica: Replica) -> None:
    while True:
        page = await client.sync(replica.cursor(), limit=100)
        replica.apply(page)
        if not page.more:
            return


def _unassigned(replica: Replica, index: int = 0) -> FileSummary:
    row = replica.view(Tab.GROUP_QUEUE).row_at(index)
    summary = replica.get(row.id)
    assert summary is not None and summary.assignee is None
    return summary


async def test_actions_queued_on_one_file_replay_in_order_on_each_new_version(
    login: Login, tmp_path: Path
) -> None:
    me = await login(NL_AGENT)
    replica, outbox, drafts = _stores(tmp_path)
    await _fill(me, replica)
    mine = await Gateway(me, replica, outbox, drafts).take(_unassigned(replica))
    assert isinstance(mine, FileSummary)
    offline = AthenaClient(closed_port_url(), token=me.token, retry_delays=())
    away = Gateway(offline, replica, outbox, drafts)
    # Both made on the file as the agent saw it (the same version): the second is
    # chained to the first.
    assert isinstance(await away.set_priority(mine, Priority.HIGH), Queued)
    assert isinstance(await away.set_status(mine, Status.WAITING), Queued)
    await offline.aclose()
    first, second = outbox.pending()
    assert second.after == first.key
    shown = with_pending(mine, outbox.pending_for(mine.id), AgentRef(id=NL_AGENT, name="me"))
    assert shown.summary.priority is Priority.HIGH and shown.summary.status is Status.WAITING
    assert len(shown.labels) == 2

    results = await Gateway(me, replica, outbox, drafts).replay_outbox()
    assert [r.error for r in results] == [None, None]
    server_side = await me.get_file(mine.id)
    assert server_side.summary.priority is Priority.HIGH
    assert server_side.summary.status is Status.WAITING
    assert outbox.counts() == (0, 0)


async def test_a_refused_replay_is_kept_with_the_reason_and_its_chain_with_it(
    login: Login, tmp_path: Path
) -> None:
    me, colleague = await login(NL_AGENT), await login(NL_COLLEAGUE)
    replica, outbox, drafts = _stores(tmp_path)
    await _fill(me, replica)
    target = _unassigned(replica)
    offline = AthenaClient(closed_port_url(), token=me.token, retry_delays=())
    away = Gateway(offline, replica, outbox, drafts)
    assert isinstance(await away.take(target), Queued)
    draft = Draft(file_id=target.id, body="Answer written offline", final=False)
    assert isinstance(await away.reply(target, draft), Queued)
    await offline.aclose()
    drafts.delete(target.id)  # even without the draft, the text must come back
    # Meanwhile a colleague takes the file.
    await colleague.take(target.id, target.version)

    results = await Gateway(me, replica, outbox, drafts).replay_outbox()
    assert [r.action.kind for r in results] == [ActionKind.TAKE, ActionKind.REPLY]
    assert all(r.error is not None for r in results)
    take, reply = outbox.failed()
    assert take.state is ActionState.FAILED and take.code == "stale_version"
    # the server's words: who changed it, when, doing what
    assert refusal_reason(take).startswith("changed by Mathias Pauwels at ")
    assert refusal_reason(take).endswith("(Take)")
    assert reply.code == CHAIN_REFUSED
    restored = drafts.load(target.id)
    assert restored is not None and restored.body == "Answer written offline"
    stored = replica.get(target.id)  # refreshed: the agent sees who holds it
    assert stored is not None and stored.assignee is not None
    assert stored.assignee.id == NL_COLLEAGUE
    assert outbox.counts() == (0, 2)


async def test_retry_sends_again_on_the_current_version_and_drop_keeps_a_reply_text(
    login: Login, tmp_path: Path
) -> None:
    me, colleague = await login(NL_AGENT), await login(NL_COLLEAGUE)
    replica, outbox, drafts = _stores(tmp_path)
    await _fill(me, replica)
    mine = await Gateway(me, replica, outbox, drafts).take(_unassigned(replica))
    assert isinstance(mine, FileSummary)
    offline = AthenaClient(closed_port_url(), token=me.token, retry_delays=())
    away = Gateway(offline, replica, outbox, drafts)
    assert isinstance(await away.set_priority(mine, Priority.LOW), Queued)
    assert isinstance(
        await away.reply(mine, Draft(file_id=mine.id, body="Kept text", final=False)), Queued
    )
    await offline.aclose()
    # A colleague of the group changes the file behind the agent's back: stale.
    await colleague.set_priority(mine.id, mine.version, Priority.HIGH)
    online = Gateway(me, replica, outbox, drafts)
    await online.replay_outbox()
    priority, reply = outbox.failed()
    assert priority.code == "stale_version"

    await online.drop_action(reply)
    kept = drafts.load(mine.id)
    assert kept is not None and "Kept text" in kept.body
    again = await online.retry_action(priority)
    assert again is not None and again.state is ActionState.PENDING and again.key != priority.key
    results = await online.replay_outbox()
    assert [r.error for r in results] == [None]
    assert (await me.get_file(mine.id)).summary.priority is Priority.LOW
    assert outbox.counts() == (0, 0)


async def test_back_online_an_action_on_a_file_with_waiting_ones_goes_behind_them(
    login: Login, tmp_path: Path
) -> None:
    me = await login(NL_AGENT)
    replica, outbox, drafts = _stores(tmp_path)
    await _fill(me, replica)
    mine = await Gateway(me, replica, outbox, drafts).take(_unassigned(replica))
    assert isinstance(mine, FileSummary)
    offline = AthenaClient(closed_port_url(), token=me.token, retry_delays=())
    assert isinstance(
        await Gateway(offline, replica, outbox, drafts).set_priority(mine, Priority.HIGH), Queued
    )
    await offline.aclose()
    online = Gateway(me, replica, outbox, drafts)
    # The server is reachable again, but the priority has not been replayed yet: sent
    # now, the status would overtake it and the priority would then be refused as stale.
    later = await online.set_status(mine, Status.WAITING)
    assert isinstance(later, Queued) and later.action.after is not None
    reply = await online.reply(mine, Draft(file_id=mine.id, body="In order", final=False))
    assert isinstance(reply, Queued)
    results = await online.replay_outbox()
    assert [(r.action.kind, r.error) for r in results] == [
        (ActionKind.PRIORITY, None),
        (ActionKind.STATUS, None),
        (ActionKind.REPLY, None),
    ]
    trail = [e.action for e in await me.audit(mine.id)]
    assert trail.index("priority") < trail.index("status")
    assert drafts.load(mine.id) is None
