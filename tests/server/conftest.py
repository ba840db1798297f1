"""Server fixtures: a small deterministic store and a real uvicorn on loopback."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from athena_server.db import create_all, drop_all, make_engine
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


PG_URL = os.environ.get("ATHENA_TEST_PG_URL")
# with a PostgreSQL URL every HTTP test runs against both stores
BACKENDS = ["sqlite"] + ([pytest.param("postgres", marks=pytest.mark.postgres)] if PG_URL else [])


def _fresh_postgres() -> str:
    assert PG_URL is not None
    engine = make_engine(PG_URL)
    drop_all(engine)
    create_all(engine)
    dataset.build(engine)
    engine.dispose()
    return PG_URL


def _start(template: Path, tmp_path: Path, *, demo: bool, backend: str = "sqlite") -> RunningServer:
    if backend == "postgres":
        url = _fresh_postgres()
    else:
        db = tmp_path / "athena.db"
        shutil.copyfile(template, db)
        url = f"sqlite:///{db}"
    settings = ServerSettings(
        db_url=url, demo=demo, max_attachment_bytes=64 * 1024, poll_interval=0.2
    )
    return start_server(settings)


@pytest.fixture(params=BACKENDS)
def server(
    template_db: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[RunningServer]:
    running = _start(template_db, tmp_path, demo=True, backend=request.param)
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
