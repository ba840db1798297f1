"""Citizen search bounds through real HTTP: pages, a minimum query, a rate per agent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from athena_server.citizens import SEARCHES_PER_MINUTE
from athena_server.keys import search_key
from athena_server.runner import RunningServer
from athena_server.schema import citizen_access, citizens
from backend_client.niss import make_niss
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error

MANY = 130


def add_namesakes(engine: sa.Engine) -> list[str]:
    """MANY citizens named Peeters, in the order a search lists them."""
    rows: list[dict[str, Any]] = [
        {
            "niss": make_niss(dt.date(1950, 1, 1) + dt.timedelta(days=n), 7),
            "last_name": "Peeters",
            "first_name": f"Kind {n:03d}",
            "last_name_key": search_key("Peeters"),
            "first_name_key": search_key(f"Kind {n:03d}"),
            "birth_date": dt.date(1950, 1, 1) + dt.timedelta(days=n),
            "language": "nl",
        }
        for n in range(MANY)
    ]
    with engine.begin() as conn:
        conn.execute(citizens.insert(), rows)
    return [str(r["niss"]) for r in rows]


def page(client: httpx.Client, **query: Any) -> dict[str, Any]:
    answer = client.post("/v1/citizens/search", json={"last_name": "peet", **query})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_name_search_pages_by_20_and_at_most_50(login: Login, server: RunningServer) -> None:
    every = add_namesakes(server.engine)
    jan = login(d.JAN)
    first = page(jan)
    assert [c["niss"] for c in first["citizens"]] == every[:20]
    assert first["more"] is True and first["offset"] == 0
    second = page(jan, offset=20)
    assert [c["niss"] for c in second["citizens"]] == every[20:40]
    wide = page(jan, limit=50, offset=100)
    assert [c["niss"] for c in wide["citizens"]] == every[100:130]
    assert wide["more"] is False
    for bad in ({"limit": 51}, {"limit": 0}, {"offset": -1}, {"offset": 201}):
        answer = jan.post("/v1/citizens/search", json={"last_name": "peet", **bad})
        assert answer.status_code == 422, (bad, answer.text)
        assert error(answer)["field"] == next(iter(bad))


@pytest.mark.parametrize("short", ["", "pe", " p-e ", "%%"])
def test_a_name_search_needs_three_letters(login: Login, server: RunningServer, short: str) -> None:
    answer = login(d.JAN).post("/v1/citizens/search", json={"last_name": short})
    assert answer.status_code == 422, answer.text
    assert error(answer)["field"] == "last_name"
    assert error(answer)["details"] == {"reason": "query_too_short", "min": 3}
    with server.engine.connect() as conn:  # a refused search reads nothing, logs nothing
        assert conn.execute(sa.select(sa.func.count()).select_from(citizen_access)).scalar() == 0


def test_searches_are_rate_limited_per_agent(login: Login, server: RunningServer) -> None:
    jan, marie = login(d.JAN), login(d.MARIE)
    for _ in range(SEARCHES_PER_MINUTE):
        assert jan.post("/v1/citizens/search", json={"last_name": "dup"}).status_code == 200
    refused = jan.post("/v1/citizens/search", json={"niss": d.EMILE})
    assert refused.status_code == 429, refused.text
    assert error(refused)["code"] == "rate_limited"
    details = error(refused)["details"]
    assert details["reason"] == "search_rate" and details["limit"] == SEARCHES_PER_MINUTE
    assert 1 <= details["retry_after"] <= 60
    assert refused.headers["Retry-After"] == str(details["retry_after"])
    assert d.EMILE not in refused.text
    # another agent is not slowed down by Jan
    assert marie.post("/v1/citizens/search", json={"last_name": "dup"}).status_code == 200
    # a minute later (the log's clock moved back for the test) Jan may search again
    with server.engine.begin() as conn:
        conn.execute(
            citizen_access.update()
            .where(citizen_access.c.agent_id == d.JAN)
            .values(at=citizen_access.c.at - dt.timedelta(seconds=61))
        )
    assert jan.post("/v1/citizens/search", json={"last_name": "dup"}).status_code == 200
