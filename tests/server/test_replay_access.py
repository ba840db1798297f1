"""Idempotent replays and replies through real HTTP: a replay passes the checks of a
first call (who may read the file now), and every answer with a file is in the access log."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from athena_server.runner import RunningServer
from athena_server.schema import citizen_access
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error, version


def log_rows(engine: sa.Engine, **where: Any) -> list[dict[str, Any]]:
    query = sa.select(citizen_access).order_by(citizen_access.c.id)
    for column, value in where.items():
        query = query.where(citizen_access.c[column] == value)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def test_a_replayed_open_of_a_file_gone_elsewhere_is_refused(
    login: Login, server: RunningServer
) -> None:
    marie = login(d.MARIE)
    key = {"Idempotency-Key": "k1"}
    first = marie.post(f"/v1/files/{d.NEW_FR}/open", json={"version": 1}, headers=key)
    assert first.status_code == 200, first.text
    moved = marie.post(
        f"/v1/files/{d.NEW_FR}/move",
        json={"version": version(marie, d.NEW_FR), "group_id": d.NL},
    )
    assert moved.status_code == 200, moved.text
    assert marie.get(f"/v1/files/{d.NEW_FR}").status_code == 403
    rows_before = log_rows(server.engine, agent_id=d.MARIE)

    again = login(d.MARIE)  # a new login of the same agent: keys are per agent
    replay = again.post(f"/v1/files/{d.NEW_FR}/open", json={"version": 1}, headers=key)
    assert replay.status_code == 403, replay.text
    assert error(replay)["code"] == "forbidden"
    assert d.EMILE not in replay.text
    assert "Idempotency-Replayed" not in replay.headers
    assert log_rows(server.engine, agent_id=d.MARIE) == rows_before


def test_a_replayed_open_is_logged_like_a_read(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    key = {"Idempotency-Key": "k2"}
    first = marie.post(f"/v1/files/{d.NEW_FR}/open", json={"version": 1}, headers=key)
    assert first.status_code == 200, first.text
    assert len(log_rows(server.engine, agent_id=d.MARIE, file_id=d.NEW_FR)) == 1
    replay = marie.post(f"/v1/files/{d.NEW_FR}/open", json={"version": 1}, headers=key)
    assert replay.status_code == 200
    assert replay.headers["Idempotency-Replayed"] == "true"
    rows = log_rows(server.engine, agent_id=d.MARIE, file_id=d.NEW_FR)
    assert len(rows) == 2
    assert rows[-1]["niss"] == d.EMILE and rows[-1]["what"] == "file"


def test_a_replayed_summary_of_a_file_gone_elsewhere_is_refused(login: Login) -> None:
    marie = login(d.MARIE)
    key = {"Idempotency-Key": "k3"}
    body = {"version": version(marie, d.MARIE_A), "priority": "low"}
    first = marie.post(f"/v1/files/{d.MARIE_A}/priority", json=body, headers=key)
    assert first.status_code == 200, first.text
    moved = marie.post(
        f"/v1/files/{d.MARIE_A}/move",
        json={"version": version(marie, d.MARIE_A), "group_id": d.NL},
    )
    assert moved.status_code == 200, moved.text
    replay = marie.post(f"/v1/files/{d.MARIE_A}/priority", json=body, headers=key)
    assert replay.status_code == 403, replay.text
    assert d.EMILE not in replay.text


def test_a_reply_answering_the_whole_file_is_logged(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    current = version(marie, d.MARIE_A)  # a read of its own, logged
    before = log_rows(server.engine, agent_id=d.MARIE, file_id=d.MARIE_A)
    answer = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data={"version": str(current), "body": "Bonjour", "final": "false"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["summary"]["citizen_niss"] == d.EMILE
    rows = log_rows(server.engine, agent_id=d.MARIE, file_id=d.MARIE_A)[len(before) :]
    assert [(r["what"], r["niss"], r["purpose"]) for r in rows] == [("file", d.EMILE, "file")]


def test_dispatch_names_no_agent_the_caller_may_not_list(login: Login) -> None:
    marie = login(d.MARIE)
    assert marie.get(f"/v1/groups/{d.NL}/agents").status_code == 403
    body = {
        "assignee_id": d.PIETER,
        "files": [{"id": d.MARIE_A, "version": version(marie, d.MARIE_A)}],
    }
    answer = marie.post("/v1/files/dispatch", json=body)
    assert answer.status_code == 200, answer.text
    [item] = answer.json()["items"]
    assert item["outcome"] == "forbidden"
    assert d.AGENT_NAMES[d.PIETER] not in answer.text
    assert item["detail"] == f"agent {d.PIETER} is not a member of group {d.FR}"
    # a teammate is still named
    body["assignee_id"] = d.SOPHIE
    body["confirm_reassign"] = False
    named = marie.post("/v1/files/dispatch", json=body)
    assert d.AGENT_NAMES[d.SOPHIE] in named.text, named.text
