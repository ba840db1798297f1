"""Delta sync through real HTTP: full fill, paging, deltas, removed, long-poll."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx

from athena_server import files
from athena_server.db import make_engine
from athena_server.rules import Actor
from athena_server.runner import RunningServer
from tests.polling import wait_for
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error

MARIE_SCOPE = {d.NEW_FR, d.MARIE_A, d.MARIE_B, d.MARIE_C, d.CLOSED_FR}


def full_sync(client: httpx.Client, limit: int = 1000) -> tuple[dict[int, Any], str, int]:
    """Run a full fill to its end: (files by id, delta cursor, pages)."""
    cursor, seen, pages = "0", {}, 0
    while True:
        page = client.get("/v1/sync", params={"cursor": cursor, "limit": limit}).json()
        pages += 1
        seen.update({f["id"]: f for f in page["files"]})
        cursor = page["cursor"]
        if not page["more"]:
            return seen, cursor, pages


def test_full_fill_is_my_scope(login: Login) -> None:
    seen, cursor, _ = full_sync(login(d.MARIE))
    assert set(seen) == MARIE_SCOPE
    assert seen[d.MARIE_A]["unread"] is True
    jan, _, _ = full_sync(login(d.JAN))
    assert set(jan) == {d.NEW_FR, d.MARIE_A, d.MARIE_B, d.MARIE_C, d.NEW_NL, d.JAN_NL}


def test_full_fill_pages_by_id(login: Login) -> None:
    marie = login(d.MARIE)
    first = marie.get("/v1/sync", params={"cursor": "0", "limit": 2}).json()
    assert first["more"] is True and first["total"] == 5 and len(first["files"]) == 2
    seen, _, pages = full_sync(marie, limit=2)
    assert set(seen) == MARIE_SCOPE and pages == 3


def test_delta_after_a_change_and_removed_after_a_move(login: Login) -> None:
    marie, jan = login(d.MARIE), login(d.JAN)
    _, cursor, _ = full_sync(marie)
    nothing = marie.get("/v1/sync", params={"cursor": cursor}).json()
    assert nothing["files"] == [] and nothing["removed"] == [] and nothing["cursor"] == cursor
    _, jan_cursor, _ = full_sync(jan)
    jan.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1})
    delta = marie.get("/v1/sync", params={"cursor": cursor}).json()
    assert [f["id"] for f in delta["files"]] == [d.NEW_FR]
    assert delta["files"][0]["assignee"]["id"] == d.JAN
    cursor = delta["cursor"]
    jan.post(f"/v1/files/{d.NEW_FR}/move", json={"version": 2, "group_id": d.NL})
    moved = marie.get("/v1/sync", params={"cursor": cursor}).json()
    assert moved["files"] == [] and moved["removed"] == [d.NEW_FR]
    # Jan is in both desks: for him the file stays, with its new group
    jan_delta = jan.get("/v1/sync", params={"cursor": jan_cursor}).json()
    assert [f["group_id"] for f in jan_delta["files"]] == [d.NL]


def test_files_closed_by_me_stay_in_scope(login: Login) -> None:
    marie, sophie = login(d.MARIE), login(d.SOPHIE, "contact_center")
    _, cursor, _ = full_sync(sophie)
    marie.post(f"/v1/files/{d.MARIE_A}/messages", data={"version": "1", "body": "done"})
    delta = sophie.get("/v1/sync", params={"cursor": cursor}).json()
    assert delta["removed"] == [d.MARIE_A]  # closed, and not by Sophie
    seen, _, _ = full_sync(marie)
    assert seen[d.MARIE_A]["status"] == "closed"


def test_long_poll_wakes_on_a_change_by_another_agent(login: Login, server: RunningServer) -> None:
    marie, jan = login(d.MARIE), login(d.JAN)
    _, cursor, _ = full_sync(marie)
    result: dict[str, Any] = {}

    def poll() -> None:
        started = time.monotonic()
        result["page"] = marie.get("/v1/sync", params={"cursor": cursor, "wait": 30}).json()
        result["elapsed"] = time.monotonic() - started

    waiter = threading.Thread(target=poll)
    waiter.start()
    wait_for(lambda: server.state.notifier.waiting > 0)
    assert jan.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1}).status_code == 200
    waiter.join(10)
    assert not waiter.is_alive()
    assert [f["id"] for f in result["page"]["files"]] == [d.NEW_FR]
    assert result["elapsed"] < 5


def test_long_poll_sees_a_change_committed_by_another_process(
    login: Login, server: RunningServer
) -> None:
    """No in-process notification: the periodic re-read of the change feed finds it."""
    marie = login(d.MARIE)
    _, cursor, _ = full_sync(marie)
    result: dict[str, Any] = {}

    def poll() -> None:
        result["page"] = marie.get("/v1/sync", params={"cursor": cursor, "wait": 30}).json()

    waiter = threading.Thread(target=poll)
    waiter.start()
    wait_for(lambda: server.state.notifier.waiting > 0)
    other = make_engine(server.engine.url.render_as_string(hide_password=False))
    try:
        with other.begin() as conn:
            jan = Actor(id=d.JAN, name="Jan Peeters", groups=frozenset({d.FR, d.NL}))
            files.take(conn, jan, d.NEW_FR, 1)
    finally:
        other.dispose()
    waiter.join(10)
    assert not waiter.is_alive()
    assert [f["id"] for f in result["page"]["files"]] == [d.NEW_FR]


def test_long_poll_times_out_empty(login: Login) -> None:
    marie = login(d.MARIE)
    _, cursor, _ = full_sync(marie)
    started = time.monotonic()
    page = marie.get("/v1/sync", params={"cursor": cursor, "wait": 0.5}).json()
    assert page["files"] == [] and page["cursor"] == cursor
    assert time.monotonic() - started >= 0.45


def test_bad_cursor_is_422(login: Login) -> None:
    answer = login(d.MARIE).get("/v1/sync", params={"cursor": "banana"})
    assert answer.status_code == 422 and error(answer)["field"] == "cursor"


def test_a_long_poll_answers_nothing_once_its_session_ended(
    login: Login, server: RunningServer
) -> None:
    marie, jan = login(d.MARIE), login(d.JAN)
    _, cursor, _ = full_sync(marie)
    result: dict[str, httpx.Response] = {}

    def poll() -> None:
        result["answer"] = marie.get("/v1/sync", params={"cursor": cursor, "wait": 30})

    waiter = threading.Thread(target=poll)
    waiter.start()
    wait_for(lambda: server.state.notifier.waiting > 0)
    assert marie.delete("/v1/auth/session").status_code == 204  # logout while it waits
    assert jan.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1}).status_code == 200
    waiter.join(10)
    assert not waiter.is_alive()
    answer = result["answer"]
    assert answer.status_code == 401
    assert error(answer)["code"] == "unauthorized"
    assert "files" not in answer.json()
