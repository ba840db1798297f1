"""A real Athena server on loopback over a small seeded demo store (shared fixtures)."""

from __future__ import annotations

import shutil
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest

from athena_server.db import create_all, make_engine
from athena_server.runner import RunningServer, start_server
from athena_server.seed import seed_demo
from athena_server.settings import ServerSettings
from backend_client.client import AthenaClient
from backend_client.models import Role, Session

NL_AGENT = 2  # Jan Peeters: nl-desk, one role
NL_COLLEAGUE = 21  # Mathias Pauwels: nl-desk, one role
TWO_ROLES = 1  # Sophie Dubois: contact_center + case_management


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store seeded once (300 files); every test serves its own copy."""
    path = tmp_path_factory.mktemp("template") / "athena.db"
    engine = make_engine(f"sqlite:///{path}")
    create_all(engine)
    seed_demo(engine, seed=42, files=300)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def server(template_db: Path, tmp_path: Path) -> Iterator[RunningServer]:
    db = tmp_path / "server.db"
    shutil.copyfile(template_db, db)
    settings = ServerSettings(
        db_url=f"sqlite:///{db}", demo=True, max_attachment_bytes=64 * 1024, poll_interval=0.2
    )
    running = start_server(settings)
    yield running
    running.stop()
    running.engine.dispose()


Login = Callable[..., Awaitable[AthenaClient]]


@pytest.fixture
async def login(server: RunningServer) -> AsyncIterator[Login]:
    """``await login(agent_id, role=None)`` → an AthenaClient carrying that agent's token."""
    clients: list[AthenaClient] = []

    async def _login(agent_id: int, role: Role | None = None) -> AthenaClient:
        async with AthenaClient(server.url) as anon:
            session = await anon.demo_login(agent_id, role)
        assert isinstance(session, Session)
        client = AthenaClient(server.url, token=session.token, retry_delays=(0.05,))
        clients.append(client)
        return client

    yield _login
    for client in clients:
        await client.aclose()


def closed_port_url() -> str:
    """A loopback URL nobody listens on (connections are refused at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
