"""Reads on a typed reason through real HTTP: rate-limited like search (per agent, across
sessions, 429 with Retry-After), and refused look-ups of a NISS in the access log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from athena_server.citizens import REASON_READS_PER_MINUTE
from athena_server.runner import RunningServer
from athena_server.schema import citizen_access
from backend_client.niss import make_niss
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error

REASON = {"reason": "phone call from the citizen, ref T-9"}


def log_rows(engine: sa.Engine, **where: Any) -> list[dict[str, Any]]:
    query = sa.select(citizen_access).order_by(citizen_access.c.id)
    for column, value in where.items():
        query = query.where(citizen_access.c[column] == value)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def unknown(n: int) -> str:
    return make_niss(dt.date(1970, 1, 1) + dt.timedelta(days=n), 9)


def test_reads_on_a_reason_are_rate_limited_per_agent(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    known = marie.post("/v1/citizens/identity", json={"niss": d.EMILE, "purpose": REASON})
    assert known.status_code == 200, known.text
    for n in range(REASON_READS_PER_MINUTE - 1):
        answer = marie.post("/v1/citizens/identity", json={"niss": unknown(n), "purpose": REASON})
        assert answer.status_code == 404, answer.text
    # the limit is the agent's, whatever the session
    other = login(d.MARIE)
    over = other.post("/v1/citizens/files", json={"niss": d.MARC, "purpose": REASON})
    assert over.status_code == 429, over.text
    assert error(over)["details"]["reason"] == "reason_rate"
    assert int(over.headers["Retry-After"]) >= 1
    assert "Marc" not in over.text
    # a citizen already read in the window is not a new one
    again = other.post("/v1/citizens/files", json={"niss": d.EMILE, "purpose": REASON})
    assert again.status_code == 200, again.text
    # another agent has a budget of their own
    sophie = login(d.JAN)
    mine = sophie.post("/v1/citizens/identity", json={"niss": d.MARC, "purpose": REASON})
    assert mine.status_code == 200, mine.text


def test_a_refused_look_up_is_logged(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    nobody = marie.post("/v1/citizens/identity", json={"niss": d.NOBODY, "purpose": REASON})
    assert nobody.status_code == 404
    not_hers = marie.post(
        "/v1/citizens/identity", json={"niss": d.ANNA, "purpose": {"file_id": d.MARIE_A}}
    )
    assert not_hers.status_code == 403
    rows = log_rows(server.engine, agent_id=d.MARIE, what="refused")
    assert [(r["niss"], r["purpose"], r["reason"], r["file_id"]) for r in rows] == [
        (d.NOBODY, "reason", REASON["reason"], None),
        (d.ANNA, "file", None, d.MARIE_A),
    ]
