"""Sessions on the real server: logout, lifetime, idle timeout, the cap per agent, flags."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from athena_server import cli as server_cli
from athena_server import runner
from athena_server.runner import RunningServer, start_server
from athena_server.settings import ServerSettings
from tests.polling import wait_for
from tests.server.conftest import BACKENDS, _fresh_postgres
from tests.server.dataset import JAN, MARIE
from tests.server.helpers import error

AGENT = MARIE  # one role

StartServer = Callable[..., RunningServer]


@pytest.fixture(params=BACKENDS)
def start(
    template_db: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[StartServer]:
    """``start(**settings)`` → a demo server with those session settings."""
    running: list[RunningServer] = []

    def _start(**overrides: object) -> RunningServer:
        if request.param == "postgres":
            url = _fresh_postgres()
        else:
            db = tmp_path / "athena.db"
            shutil.copyfile(template_db, db)
            url = f"sqlite:///{db}"
        settings = dataclasses.replace(
            ServerSettings(db_url=url, demo=True, poll_interval=0.2),
            **overrides,  # type: ignore[arg-type]
        )
        server = start_server(settings)
        running.append(server)
        return server

    yield _start
    for server in running:
        server.stop()
        server.engine.dispose()


def log_in(server: RunningServer, agent_id: int = AGENT) -> str:
    answer = httpx.post(f"{server.url}/v1/auth/demo", json={"agent_id": agent_id}, timeout=10)
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["token"]
    return token


def me(server: RunningServer, token: str) -> httpx.Response:
    return httpx.get(
        f"{server.url}/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )


def test_logout_ends_the_session_on_the_server(start: StartServer) -> None:
    server = start()
    token = log_in(server)
    assert me(server, token).status_code == 200
    answer = httpx.delete(
        f"{server.url}/v1/auth/session", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert answer.status_code == 204
    refused = me(server, token)
    assert refused.status_code == 401
    assert error(refused)["code"] == "unauthorized"


def test_a_session_dies_at_the_end_of_its_lifetime_even_when_used(start: StartServer) -> None:
    server = start(session_ttl=dt.timedelta(seconds=1.5), session_idle=dt.timedelta(hours=1))
    token = log_in(server)
    started = time.monotonic()
    assert me(server, token).status_code == 200
    # used all along (every poll is a request), it still ends at its lifetime
    wait_for(lambda: me(server, token).status_code == 401, timeout=10, what="lifetime end")
    assert time.monotonic() - started >= 1.4
    assert "expired" in error(me(server, token))["message"]


def test_an_idle_session_ends_and_a_used_one_lives_on(start: StartServer) -> None:
    # long enough that a loaded CI machine never leaves a gap of that size between two
    # requests of the used session
    idle = dt.timedelta(seconds=3)
    server = start(session_idle=idle)
    used, idle_token = log_in(server), log_in(server)
    started = time.monotonic()
    # ``used`` asks every 0.1 s for more than twice the idle timeout: still alive
    for step in range(1, int(20 * idle.total_seconds()) + 5):
        assert me(server, used).status_code == 200
        at = started + step / 10
        wait_for(lambda: time.monotonic() >= at, timeout=2)  # noqa: B023 (called at once)
    refused = me(server, idle_token)
    assert refused.status_code == 401
    body = error(refused)
    assert body["details"] == {"reason": "idle"}
    assert me(server, used).status_code == 200


def test_a_new_login_beyond_the_cap_ends_the_oldest_session(start: StartServer) -> None:
    server = start(max_sessions_per_agent=2)
    first, second = log_in(server), log_in(server)
    other_agent = log_in(server, agent_id=JAN)
    assert me(server, first).status_code == 200
    third = log_in(server)
    assert me(server, first).status_code == 401  # the oldest was dropped
    assert me(server, second).status_code == 200
    assert me(server, third).status_code == 200
    assert me(server, other_agent).status_code == 200  # another agent's are not counted
    fourth = log_in(server)
    assert [me(server, t).status_code for t in (second, third, fourth)] == [401, 200, 200]


def test_the_server_flags_set_lifetime_idle_and_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[ServerSettings] = []

    def fake_serve(app: object, *_args: object, **_kwargs: object) -> None:  # no real server
        seen.append(app.state.athena.settings)  # type: ignore[attr-defined]

    monkeypatch.setattr(runner, "serve", fake_serve)
    db = f"sqlite:///{tmp_path / 'flags.db'}"
    result = CliRunner().invoke(
        server_cli.main,
        ["--db", db, "--session-hours", "2", "--idle-minutes", "5", "--max-sessions", "1"],
    )
    assert result.exit_code == 0, result.output
    settings = seen[0]
    assert settings.session_ttl == dt.timedelta(hours=2)
    assert settings.session_idle == dt.timedelta(minutes=5)
    assert settings.max_sessions_per_agent == 1
    refused = CliRunner().invoke(server_cli.main, ["--db", db, "--max-sessions", "0"])
    assert refused.exit_code == 2
