"""The roles matrix of docs/api.md, cell by cell through HTTP: Sophie holds both roles,
so each cell compares the same agent, groups and data under one role and the other."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
import sqlalchemy as sa

from athena_server.runner import RunningServer
from athena_server.schema import citizen_access
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error

CC, CM = "contact_center", "case_management"
PURPOSE = {"reason": "phone call from the citizen, ref R-7"}


def search(c: httpx.Client) -> httpx.Response:
    return c.post("/v1/citizens/search", json={"last_name": "Lefevre"})


def identity(c: httpx.Client) -> httpx.Response:
    return c.post("/v1/citizens/identity", json={"niss": d.EMILE, "purpose": PURPOSE})


def files(c: httpx.Client) -> httpx.Response:
    return c.post("/v1/citizens/files", json={"niss": d.EMILE, "purpose": PURPOSE})


def new_file(c: httpx.Client) -> httpx.Response:
    file = {"category": "other", "question": "?"}
    return c.post("/v1/citizens/new-file", json={"niss": d.EMILE, "purpose": PURPOSE, "file": file})


def career_citizen(c: httpx.Client) -> httpx.Response:
    body = {"niss": d.EMILE, "view": "citizen", "purpose": PURPOSE}
    return c.post("/v1/citizens/career", json=body)


def career_agent(c: httpx.Client) -> httpx.Response:
    body = {"niss": d.EMILE, "view": "agent", "purpose": PURPOSE}
    return c.post("/v1/citizens/career", json=body)


def read_file(c: httpx.Client) -> httpx.Response:
    return c.get(f"/v1/files/{d.NEW_FR}")


def attachment(c: httpx.Client) -> httpx.Response:
    return c.get(f"/v1/attachments/{d.ATTACHMENT_ID}")


def take_and_release(c: httpx.Client) -> httpx.Response:
    taken = c.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1})
    if taken.status_code != 200:
        return taken
    return c.post(f"/v1/files/{d.NEW_FR}/release", json={"version": taken.json()["version"]})


def reply(c: httpx.Client) -> httpx.Response:
    taken = c.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1})
    assert taken.status_code == 200, taken.text
    data = {"version": str(taken.json()["version"]), "body": "note", "visible_to_citizen": "false"}
    return c.post(f"/v1/files/{d.NEW_FR}/messages", data={**data, "final": "false"})


Cell = Callable[[httpx.Client], httpx.Response]
# (what, call, allowed for contact_center, allowed for case_management)
MATRIX: list[tuple[str, Cell, bool, bool]] = [
    ("search", search, True, True),
    ("identity", identity, True, True),
    ("files", files, True, True),
    ("new_file", new_file, True, True),
    ("career_citizen", career_citizen, True, True),
    ("career_agent", career_agent, False, True),
    ("read_file", read_file, True, True),
    ("attachment", attachment, True, True),
    ("take_release", take_and_release, True, True),
    ("reply", reply, True, True),
]


@pytest.mark.parametrize("role", [CC, CM])
@pytest.mark.parametrize(("what", "call", "cc", "cm"), MATRIX, ids=[m[0] for m in MATRIX])
def test_matrix_cell(login: Login, what: str, call: Cell, cc: bool, cm: bool, role: str) -> None:
    answer = call(login(d.SOPHIE, role))
    allowed = cc if role == CC else cm
    if allowed:
        assert answer.status_code == 200, answer.text
    else:
        assert answer.status_code == 403, answer.text
        assert error(answer)["details"] == {"reason": "role", "role": role, "view": "agent"}


def test_the_role_refusal_comes_first_carries_nothing_and_is_not_logged(
    login: Login, server: RunningServer
) -> None:
    marie = login(d.MARIE)  # contact center only
    for body in (
        {"niss": d.EMILE, "view": "agent"},  # not even a purpose
        {"niss": d.EMILE, "view": "agent", "purpose": PURPOSE},
        {"niss": d.EMILE, "purpose": PURPOSE},  # the default view is the agent view
    ):
        answer = marie.post("/v1/citizens/career", json=body)
        assert answer.status_code == 403 and error(answer)["field"] == "view"
        assert "sanction" not in answer.text and d.EMILE not in answer.text
    with server.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(citizen_access)).scalar() == 0


def test_the_file_handler_agent_view_holds_the_sanctions(login: Login) -> None:
    luc = login(d.LUC)  # case management only, partner-x: a reason is his purpose
    kinds = {p["kind"] for p in career_agent(luc).json()["periods"]}
    assert "sanction_inami" in kinds and "notice_period" in kinds
