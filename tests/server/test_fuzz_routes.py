"""Generated garbage at every route, on SQLite and PostgreSQL: JSON bodies, forms, path
ids (huge, negative, not numbers), query strings, NUL bytes, long strings. Never a 500,
never a dropped connection: every answer is a success or an error envelope."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.routing import APIRoute
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from athena_server.app import create_app
from athena_server.channels import add_channel
from athena_server.limits import api_routes
from athena_server.runner import RunningServer
from athena_server.settings import ServerSettings
from backend_client.errors import ERROR_STATUS
from backend_client.models import ChannelKind
from tests.server import dataset as d
from tests.server.conftest import PG_URL, _start

EXAMPLES = 12  # per route and store: ~35 routes × 2 stores stay well under a minute

ROUTES = [
    route
    for route in api_routes(create_app(ServerSettings(db_url="sqlite://", demo=True)).routes)
    if isinstance(route, APIRoute)
]


def method_of(route: APIRoute) -> str:
    return sorted(route.methods or {"GET"})[0]


ROUTE_IDS = [f"{method_of(r)} {r.path}" for r in ROUTES]

# --------------------------------------------------------------------------- strategies

CHARS = st.characters(exclude_categories=["Cs"])  # no lone surrogates: not UTF-8
EDGES = [2**31 - 1, 2**31, 2**32, 2**63 - 1, 2**63, 2**64, -(2**31) - 1, -(2**63) - 1, 0, -1]
NUMBERS = st.one_of(
    st.sampled_from(EDGES),
    st.integers(min_value=-5, max_value=20),
    st.integers(min_value=2**31 - 2, max_value=2**70),
    st.integers(min_value=-(2**70), max_value=-1),
)
TEXTS = st.one_of(
    st.text(CHARS, max_size=20),
    st.text(CHARS, max_size=5).map(lambda s: f"{s}\x00{s}"),
    st.integers(min_value=101, max_value=30_000).map(lambda n: "x" * n),
    st.sampled_from(["SR0000002", d.EMILE, "sr1", "fr-desk", "d.1", "f.0.0", "true", "1e309"]),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), NUMBERS, st.floats(allow_nan=False, allow_infinity=False), TEXTS
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
REFS = st.lists(st.fixed_dictionaries({"id": NUMBERS, "version": NUMBERS}), max_size=3)
BODY_KEYS = [
    "version", "id", "assignee_id", "confirm_reassign", "group_id", "priority", "status",
    "message", "category", "question", "career_year", "career_element", "agent_id", "role",
    "nonce", "certificate", "signature", "intermediates", "ticket",
]  # fmt: skip
JSON_BODIES = st.one_of(
    JSON,
    st.dictionaries(st.sampled_from(BODY_KEYS), JSON, max_size=6),
    st.builds(lambda refs, rest: {"files": refs, **rest}, REFS, st.dictionaries(
        st.sampled_from(BODY_KEYS), JSON, max_size=3
    )),
)  # fmt: skip
FORM_KEYS = [
    "version", "body", "visible_to_citizen", "final", "niss", "subject", "question",
    "language", "category",
]  # fmt: skip
FORMS = st.dictionaries(
    st.sampled_from(FORM_KEYS), st.one_of(TEXTS, NUMBERS.map(str)), max_size=len(FORM_KEYS)
)
UPLOADS = st.lists(
    st.tuples(
        st.text(CHARS, min_size=1, max_size=300),
        st.binary(max_size=64),
        st.one_of(st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=120)),
    ),
    max_size=7,
)
QUERY_KEYS = [
    "cursor", "wait", "limit", "offset", "niss", "last_name", "first_name", "birth_date", "view",
]  # fmt: skip
# a valid positive wait on a delta cursor would hold the request for up to a minute
WAITS = st.sampled_from(["0", "-1", "nan", "inf", "1e309", "abc", "61", "\x00"])
QUERIES = st.dictionaries(
    st.sampled_from(QUERY_KEYS) | st.text(max_size=5),
    st.one_of(TEXTS, NUMBERS.map(str), st.floats().map(str)),
    max_size=4,
).flatmap(lambda q: WAITS.map(lambda w: {**q, "wait": w} if "wait" in q else q))
PATH_VALUES = st.one_of(NUMBERS.map(str), TEXTS)
KEYS = st.one_of(
    st.none(), st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=120)
)


@st.composite
def requests(draw: st.DrawFn, route: APIRoute) -> dict[str, Any]:
    path = route.path
    for name in route.param_convertors:
        path = path.replace("{" + name + "}", quote(draw(PATH_VALUES), safe=""))
    call: dict[str, Any] = {"url": path, "params": draw(QUERIES)}
    if any(p.name == "attachments" for p in route.dependant.body_params):
        files = [("attachments", upload) for upload in draw(UPLOADS)]
        call["data"] = draw(FORMS)
        call["files"] = files or None
    elif route.dependant.body_params:
        call["json"] = draw(JSON_BODIES)
    key = draw(KEYS)
    call["headers"] = {"Idempotency-Key": key} if key is not None else {}
    return call


# --------------------------------------------------------------------------- servers


class Target:
    """One server and its callers: an agent, a channel, nobody."""

    def __init__(self, running: RunningServer) -> None:
        self.running = running
        self.agent = httpx.Client(base_url=running.url, timeout=30.0)
        token = self.agent.post("/v1/auth/demo", json={"agent_id": d.MARIE}).json()["token"]
        self.agent.headers["Authorization"] = f"Bearer {token}"
        with running.engine.begin() as conn:
            _, key = add_channel(conn, "My Career", ChannelKind.MY_CAREER)
        self.channel = httpx.Client(
            base_url=running.url, timeout=30.0, headers={"Authorization": f"Channel {key}"}
        )
        self.anonymous = httpx.Client(base_url=running.url, timeout=30.0)

    def client_for(self, route: APIRoute, anonymous: bool) -> httpx.Client:
        if anonymous:
            return self.anonymous
        return self.channel if route.path.startswith("/v1/inbound") else self.agent

    def close(self) -> None:
        for client in (self.agent, self.channel, self.anonymous):
            client.close()


# PostgreSQL always has its run: skipped where no server is configured, failed in CI
STORES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def need_postgres() -> None:
    if PG_URL:
        return
    message = "ATHENA_TEST_PG_URL is not set: the PostgreSQL run cannot be made"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module", params=STORES)
def target(
    template_db: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Target]:
    if request.param == "postgres":
        need_postgres()
    running = _start(template_db, tmp_path_factory.mktemp("fuzz"), demo=True, backend=request.param)
    made = Target(running)
    yield made
    made.close()
    running.stop()
    running.engine.dispose()


def check(answer: httpx.Response, call: dict[str, Any]) -> None:
    assert answer.status_code < 500, (call, answer.status_code, answer.text[:500])
    if answer.status_code >= 400:
        problem = answer.json()["error"]
        assert problem["code"] in ERROR_STATUS, problem
        assert ERROR_STATUS[problem["code"]] == answer.status_code or answer.status_code in (
            400,
            405,
        ), (call, problem)


@pytest.mark.parametrize("route", ROUTES, ids=ROUTE_IDS)
def test_no_garbage_makes_a_500_or_drops_the_connection(target: Target, route: APIRoute) -> None:
    method = method_of(route)
    logout = route.path == "/v1/auth/session"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(call=requests(route), anonymous=st.booleans())
    def run(call: dict[str, Any], anonymous: bool) -> None:
        client = target.client_for(route, anonymous)
        if logout and not anonymous:
            # a session of its own to end, so the other examples keep theirs
            token = target.anonymous.post("/v1/auth/demo", json={"agent_id": d.JAN}).json()
            call["headers"]["Authorization"] = f"Bearer {token['token']}"
        check(client.request(method, **call), call)

    run()
