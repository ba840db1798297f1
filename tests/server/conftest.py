"""Server fixtures: a small deterministic store and a real uvicorn on loopback."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from athena_server.db import create_all, make_engine
from athena_server.runner import RunningServer, start_server
from athena_server.settings import ServerSettings
from tests.server import dataset


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dataset built once; every test gets its own copy."""
    path = tmp_path_factory.mktemp("template") / "athena.db"
    engine = make_engine(f"sqlite:///{path}")
    create_all(engine)
    dataset.build(engine)
    engine.dispose()
    return path


def _start(template: Path, tmp_path: Path, *, demo: bool) -> RunningServer:
    db = tmp_path / "athena.db"
    shutil.copyfile(template, db)
    settings = ServerSettings(
        db_url=f"sqlite:///{db}", demo=demo, max_attachment_bytes=64 * 1024, poll_interval=0.2
    )
    return start_server(settings)


@pytest.fixture
def server(template_db: Path, tmp_path: Path) -> Iterator[RunningServer]:
    running = _start(template_db, tmp_path, demo=True)
    yield running
    running.stop()
    running.engine.dispose()


@pytest.fixture
def prod_server(template_db: Path, tmp_path: Path) -> Iterator[RunningServer]:
    """A server without demo login."""
    running = _start(template_db, tmp_path, demo=False)
    yield running
    running.stop()
    running.engine.dispose()


Login = Callable[..., httpx.Client]


@pytest.fixture
def login(server: RunningServer) -> Iterator[Login]:
    """``login(agent_id, role=None)`` → an httpx client carrying that agent's token."""
    clients: list[httpx.Client] = []

    def _login(agent_id: int, role: str | None = None) -> httpx.Client:
        client = httpx.Client(base_url=server.url, timeout=10.0)
        clients.append(client)
        answer = client.post("/v1/auth/demo", json={"agent_id": agent_id, "role": role})
        assert answer.status_code == 200, answer.text
        client.headers["Authorization"] = f"Bearer {answer.json()['token']}"
        return client

    yield _login
    for client in clients:
        client.close()


@pytest.fixture
def anon(server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        yield client
