"""A client killed (SIGKILL) after the server applied a replayed action but before it
recorded the answer: the next start replays it with the same key, and the server applies
it once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from athena_tui.outbox import ActionKind, ActionState, Outbox
from athena_tui.replica import Replica, Tab
from tests.client.live import NL_AGENT, Login
from tests.faultproxy import Fault, FaultProxy

CHILD = """
import asyncio, sys
from athena_tui.outbox import Outbox
from backend_client.client import AthenaClient

async def main() -> None:
    outbox = Outbox(__import__("pathlib").Path(sys.argv[1]))
    async with AthenaClient(sys.argv[2], token=sys.argv[3], retry_delays=(), timeout=600) as c:
        await outbox.replay(c)

asyncio.run(main())
"""


async def test_a_client_killed_mid_replay_changes_the_server_once(
    login: Login, tmp_path: Path
) -> None:
    me = await login(NL_AGENT)
    store = tmp_path / "store.db"
    replica = Replica(store)
    replica.set_scope(NL_AGENT, ["nl-desk"])
    page = await me.sync("0", limit=1000)
    replica.apply(page)
    target = next(
        s
        for s in (replica.get(i) for i in replica.view(Tab.GROUP_QUEUE).file_ids())
        if s is not None and s.assignee is None
    )
    outbox = Outbox(store)
    outbox.enqueue(ActionKind.TAKE, target.id, {"version": target.version}, "killed-take")

    upstream = int(me.base_url.rsplit(":", 1)[1])
    token = me.token
    assert token is not None
    proxy = FaultProxy(upstream, rng=random.Random(1), weights={Fault.HOLD: 1.0})
    await proxy.start()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(store), f"http://127.0.0.1:{proxy.port}", token],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    try:
        # the server applied the take (seen through sync); its answer never reached
        # the client
        seen = Replica(tmp_path / "observer.db")
        seen.set_scope(NL_AGENT, ["nl-desk"])
        seen.apply(await me.sync("0", limit=1000))

        async def taken() -> bool:
            seen.apply(await me.sync(seen.cursor(), wait=5, limit=1000))
            known = seen.get(target.id)
            return known is not None and known.assignee is not None

        for _ in range(20):  # bounded: each look is a long-poll of at most 5 s
            if await taken():
                break
        assert await taken()
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
        await proxy.stop()

    again = Outbox(store)
    assert [a.key for a in again.pending()] == ["killed-take"]  # not recorded as done
    results = await again.replay(me)
    assert [r.error for r in results] == [None]
    done = again.get("killed-take")
    assert done is not None and done.state is ActionState.DONE
    trail = [e.action for e in await me.audit(target.id)]
    assert trail.count("take") == 1
