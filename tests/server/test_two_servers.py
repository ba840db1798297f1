"""Two servers on one PostgreSQL, each with its own engine, notifier and change hub: a
change committed through one wakes the other's long-polls through LISTEN/NOTIFY (not its
slow poll), and two agents taking one file through both: exactly one wins."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from athena_server.db import create_all, drop_all, make_engine
from athena_server.runner import RunningServer, start_server
from athena_server.settings import ServerSettings
from tests.polling import wait_for
from tests.server import dataset as d

PG_URL = os.environ.get("ATHENA_TEST_PG_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(PG_URL is None, reason="needs ATHENA_TEST_PG_URL"),
]
SLOW_POLL = 120.0  # longer than any wait below: only a notification can wake a long-poll


@pytest.fixture
def servers() -> Iterator[tuple[RunningServer, RunningServer]]:
    assert PG_URL is not None
    engine = make_engine(PG_URL)
    drop_all(engine)
    create_all(engine)
    d.build(engine)
    engine.dispose()
    settings = ServerSettings(db_url=PG_URL, demo=True, poll_interval=SLOW_POLL)
    first, second = start_server(settings), start_server(settings)
    assert first.engine is not second.engine and first.state.notifier is not second.state.notifier
    yield first, second
    for server in (first, second):
        server.stop()
        server.engine.dispose()


def login(server: RunningServer, agent_id: int, role: str | None = None) -> httpx.Client:
    client = httpx.Client(base_url=server.url, timeout=30.0)
    answer = client.post("/v1/auth/demo", json={"agent_id": agent_id, "role": role})
    assert answer.status_code == 200, answer.text
    client.headers["Authorization"] = f"Bearer {answer.json()['token']}"
    return client


def delta_cursor(client: httpx.Client) -> str:
    cursor = "0"
    while True:
        page = client.get("/v1/sync", params={"cursor": cursor}).json()
        cursor = page["cursor"]
        if not page["more"]:
            return str(cursor)


def test_a_change_through_one_server_wakes_the_other_servers_long_poll(
    servers: tuple[RunningServer, RunningServer],
) -> None:
    first, second = servers
    marie, jan = login(first, d.MARIE), login(second, d.JAN)
    cursor = delta_cursor(marie)
    result: dict[str, Any] = {}

    def poll() -> None:
        params: dict[str, str | int] = {"cursor": cursor, "wait": 60}
        result["page"] = marie.get("/v1/sync", params=params).json()

    waiter = threading.Thread(target=poll)
    waiter.start()
    wait_for(lambda: first.state.notifier.waiting > 0, 10, "the long-poll waiting")
    listener = first.state.hub.listener
    assert listener is not None
    wait_for(listener.listening.is_set, 10, "the first server listening")
    assert jan.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1}).status_code == 200
    waiter.join(50)
    assert not waiter.is_alive()
    assert [f["id"] for f in result["page"]["files"]] == [d.NEW_FR]
    marie.close()
    jan.close()


def test_two_agents_taking_one_file_through_two_servers_exactly_one_wins(
    servers: tuple[RunningServer, RunningServer],
) -> None:
    first, second = servers
    jan, sophie = login(first, d.JAN), login(second, d.SOPHIE, "contact_center")
    start = threading.Barrier(2)

    def take(client: httpx.Client) -> int:
        start.wait(10)
        return client.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1}).status_code

    with ThreadPoolExecutor(2) as pool:
        codes = sorted(pool.map(take, (jan, sophie)))
    assert codes == [200, 409]
    holder = jan.get(f"/v1/files/{d.NEW_FR}").json()
    assert holder["summary"]["assignee"]["id"] in (d.JAN, d.SOPHIE)
    assert holder["summary"]["version"] == 2
    jan.close()
    sophie.close()
