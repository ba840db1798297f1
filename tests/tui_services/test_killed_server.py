"""A server killed (SIGKILL) under the client: actions made meanwhile wait in the outbox,
and once a server is back on the same store they reach it once, in order."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx

from athena_tui.drafts import DraftStore
from athena_tui.gateway import Gateway, Queued
from athena_tui.outbox import Outbox
from athena_tui.replica import Replica, Tab
from backend_client.client import AthenaClient
from backend_client.models import FileSummary, Priority, Session, Status
from tests.polling import wait_for

JAN = 2  # nl-desk, one role


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/v1/health", timeout=0.5).status_code == 200
    except httpx.TransportError:
        return False


def _start(db: str, port: int) -> subprocess.Popen[bytes]:
    script = Path(sys.executable).parent / "athena-server"
    server = subprocess.Popen(
        [str(script), "--db", db, "--demo", "--files", "40", "--no-feed", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(lambda: _healthy(url) or server.poll() is not None, timeout=60, what="server")
    assert server.poll() is None
    return server


async def test_actions_made_while_the_server_was_killed_reach_it_once(tmp_path: Path) -> None:
    port = _port()
    url = f"http://127.0.0.1:{port}"
    db = f"sqlite:///{tmp_path / 'athena.db'}"
    server = _start(db, port)
    again: subprocess.Popen[bytes] | None = None
    try:
        async with AthenaClient(url) as anon:
            session = await anon.demo_login(JAN, None)
        assert isinstance(session, Session)
        client = AthenaClient(url, token=session.token, retry_delays=())
        store = tmp_path / "local.db"
        replica = Replica(store)
        replica.set_scope(JAN, session.agent.groups)
        replica.apply(await client.sync("0", limit=1000))
        gateway = Gateway(client, replica, Outbox(store), DraftStore(store, JAN))
        first = replica.get(replica.view(Tab.GROUP_QUEUE).file_ids()[0])
        assert first is not None and first.assignee is None
        mine = await gateway.take(first)
        assert isinstance(mine, FileSummary)

        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        assert isinstance(await gateway.set_priority(mine, Priority.HIGH), Queued)
        assert isinstance(await gateway.set_status(mine, Status.WAITING), Queued)

        again = _start(db, port)  # same store: the session survived the kill
        results = await gateway.replay_outbox()
        assert [r.error for r in results] == [None, None]
        back = await client.get_file(mine.id)
        assert back.summary.priority is Priority.HIGH
        assert back.summary.status is Status.WAITING
        trail = [e.action for e in await client.audit(mine.id)]
        assert trail.count("priority") == 1 and trail.count("status") == 1
        await client.aclose()
    finally:
        for process in (server, again):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
