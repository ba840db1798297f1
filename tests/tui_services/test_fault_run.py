"""A randomized run of agent actions through a TCP proxy that drops, delays and cuts
connections (at least 200 faults): nothing is lost, nothing is applied twice, and the
replica ends equal to the server."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import httpx

from athena_server.runner import RunningServer
from athena_tui.drafts import Draft, DraftStore
from athena_tui.gateway import Gateway, Queued
from athena_tui.outbox import ActionKind, ActionState, Outbox
from athena_tui.replica import Replica, Tab
from backend_client.client import AthenaClient
from backend_client.errors import ApiError
from backend_client.models import ContactFile, FileSummary, Priority, Status
from tests.client.live import NL_AGENT, Login
from tests.faultproxy import Fault, FaultProxy

FAULTS = 200
FILES = 6
SEED = 12


@dataclass
class Attempt:
    """One action the agent made, and what the app told them."""

    kind: ActionKind
    file_id: int
    outcome: str  # "sent" | "queued" | "refused"
    key: str | None = None
    marker: str | None = None


def _replica(path: Path) -> Replica:
    replica = Replica(path)
    replica.set_scope(NL_AGENT, ["nl-desk"])
    return replica


async def _catch_up(client: AthenaClient, replica: Replica) -> None:
    while True:
        page = await client.sync(replica.cursor(), limit=200)
        replica.apply(page)
        if not page.more:
            return


async def _act(gateway: Gateway, rng: random.Random, files: list[int], step: int) -> Attempt:
    file_id = rng.choice(files)
    seen = gateway.replica.get(file_id)
    assert seen is not None
    has_draft = gateway.drafts.load(file_id) is not None
    kind = rng.choice([ActionKind.PRIORITY, ActionKind.STATUS, ActionKind.REPLY])
    if kind is ActionKind.REPLY and has_draft:
        kind = ActionKind.PRIORITY
    marker = None
    result: FileSummary | ContactFile | Queued
    try:
        if kind is ActionKind.PRIORITY:
            result = await gateway.set_priority(seen, rng.choice(list(Priority)))
        elif kind is ActionKind.STATUS:
            result = await gateway.set_status(seen, rng.choice([Status.ASSIGNED, Status.WAITING]))
        else:
            marker = f"fault-run reply {step}"
            draft = Draft(file_id=file_id, body=marker, final=False)
            gateway.drafts.save(draft)  # as the reply screen saves it while typing
            result = await gateway.reply(seen, draft)
    except ApiError:
        return Attempt(kind, file_id, "refused", marker=marker)
    if isinstance(result, Queued):
        return Attempt(kind, file_id, "queued", key=result.action.key, marker=marker)
    return Attempt(kind, file_id, "sent", marker=marker)


async def test_two_hundred_faults_lose_nothing_and_duplicate_nothing(
    server: RunningServer, login: Login, tmp_path: Path
) -> None:
    direct = await login(NL_AGENT)
    store = tmp_path / "local" / "store.db"
    replica = _replica(store)
    outbox, drafts = Outbox(store), DraftStore(store, NL_AGENT)
    await _catch_up(direct, replica)
    files: list[int] = []
    clean = Gateway(direct, replica, outbox, drafts)
    for file_id in replica.view(Tab.GROUP_QUEUE).file_ids():
        summary = replica.get(file_id)
        if summary is not None and summary.assignee is None and len(files) < FILES:
            taken = await clean.take(summary)
            assert isinstance(taken, FileSummary)
            files.append(file_id)

    rng = random.Random(SEED)
    upstream = int(server.url.rsplit(":", 1)[1])
    weights = {Fault.PASS: 0.4, Fault.DROP: 0.2, Fault.DELAY: 0.2, Fault.CUT: 0.2}
    proxy = FaultProxy(upstream, rng=random.Random(SEED + 1), weights=weights)
    await proxy.start()
    # one request per connection, so each fault hits one request
    transport = httpx.AsyncHTTPTransport(limits=httpx.Limits(max_keepalive_connections=0))
    flaky = AthenaClient(
        f"http://127.0.0.1:{proxy.port}", token=direct.token, retry_delays=(), transport=transport
    )
    gateway = Gateway(flaky, replica, outbox, drafts)
    attempts: list[Attempt] = []
    try:
        step = 0
        while proxy.faults < FAULTS:
            step += 1
            assert step < 2000, "the proxy injects too few faults"
            attempts.append(await _act(gateway, rng, files, step))
            await gateway.replay_outbox()  # as the app does after each action when live
        proxy.weights = {Fault.PASS: 1.0}
        for _ in range(5):
            await gateway.replay_outbox()
            if not outbox.pending():
                break
    finally:
        await flaky.aclose()
        await proxy.stop()

    # Nothing lost: every action was done, or refused and the agent told (at once, or
    # as a failed outbox entry); nothing waits any more.
    assert outbox.pending() == []
    done: list[Attempt] = []
    refused: list[Attempt] = []
    for attempt in attempts:
        if attempt.outcome == "queued":
            assert attempt.key is not None
            action = outbox.get(attempt.key)
            assert action is not None, "a queued action vanished"
            (done if action.state is ActionState.DONE else refused).append(attempt)
        else:
            (done if attempt.outcome == "sent" else refused).append(attempt)
    assert len(done) + len(refused) == len(attempts)
    print(
        f"fault run: {len(attempts)} actions, {len(done)} done, {len(refused)} refused,"
        f" proxy {dict(proxy.seen)}"
    )
    assert len(done) > len(attempts) // 2, "most actions get through in the end"

    # Nothing twice: each reply is on the server exactly once when done, never when
    # refused (then its text is in the file's draft); each done priority or status
    # change is one audit entry.
    bodies: list[str] = []
    audit: dict[int, int] = {}
    for file_id in files:
        contact = await direct.get_file(file_id)
        bodies += [m.body for m in contact.messages]
        audit[file_id] = sum(
            1 for e in await direct.audit(file_id) if e.action in {"priority", "status"}
        )
    for attempt in done + refused:
        if attempt.marker is None:
            continue
        if attempt in done:
            assert bodies.count(attempt.marker) == 1, attempt
        else:
            assert bodies.count(attempt.marker) == 0, attempt
            draft = drafts.load(attempt.file_id)
            assert draft is not None and attempt.marker in draft.body, attempt
    for file_id in files:
        changes = sum(
            1
            for a in done
            if a.file_id == file_id and a.kind in {ActionKind.PRIORITY, ActionKind.STATUS}
        )
        assert audit[file_id] == changes, (file_id, audit[file_id], changes)

    # The replica, caught up, equals a fresh copy of the server.
    await _catch_up(direct, replica)
    fresh = _replica(tmp_path / "fresh.db")
    await _catch_up(direct, fresh)
    ids = set(fresh.view(Tab.GROUP_QUEUE).file_ids()) | set(fresh.view(Tab.MY_FILES).file_ids())
    assert ids == set(replica.view(Tab.GROUP_QUEUE).file_ids()) | set(
        replica.view(Tab.MY_FILES).file_ids()
    )
    for file_id in ids:
        assert replica.get(file_id) == fresh.get(file_id), file_id
    assert proxy.faults >= FAULTS and all(proxy.seen[f] for f in weights)
