"""Sessions through real HTTP: demo login, roles, 401s, logout, me, groups."""

from __future__ import annotations

import httpx

from athena_server.runner import RunningServer
from tests.server import dataset
from tests.server.conftest import Login


def test_health_says_demo(anon: httpx.Client) -> None:
    assert anon.get("/v1/health").json() == {"status": "ok", "demo": True}


def test_demo_agents_listed(anon: httpx.Client) -> None:
    answer = anon.get("/v1/auth/demo/agents")
    assert answer.status_code == 200
    by_id = {a["id"]: a for a in answer.json()}
    assert by_id[dataset.SOPHIE]["roles"] == ["contact_center", "case_management"]
    assert by_id[dataset.JAN]["groups"] == [dataset.FR, dataset.NL]


def test_demo_login_refused_when_not_demo(prod_server: RunningServer) -> None:
    with httpx.Client(base_url=prod_server.url) as client:
        assert client.get("/v1/health").json()["demo"] is False
        listed = client.get("/v1/auth/demo/agents")
        assert listed.status_code == 404
        answer = client.post("/v1/auth/demo", json={"agent_id": dataset.MARIE})
        assert answer.status_code == 403
        error = answer.json()["error"]
        assert error["code"] == "forbidden"
        assert error["message"] == "demo login is disabled on this server"


def test_two_roles_and_none_chosen_is_409_listing_them(anon: httpx.Client) -> None:
    answer = anon.post("/v1/auth/demo", json={"agent_id": dataset.SOPHIE})
    assert answer.status_code == 409
    error = answer.json()["error"]
    assert error["code"] == "conflict"
    assert error["details"]["roles"] == ["contact_center", "case_management"]


def test_chosen_role_binds_the_session(login: Login) -> None:
    sophie = login(dataset.SOPHIE, "case_management")
    me = sophie.get("/v1/me").json()
    assert me["role"] == "case_management"
    assert me["token"] == ""
    assert me["agent"]["name"] == "Sophie Martin"


def test_role_not_held_is_refused(anon: httpx.Client) -> None:
    answer = anon.post("/v1/auth/demo", json={"agent_id": dataset.MARIE, "role": "case_management"})
    assert answer.status_code == 403
    assert answer.json()["error"]["field"] == "role"


def test_unknown_agent_is_404(anon: httpx.Client) -> None:
    answer = anon.post("/v1/auth/demo", json={"agent_id": 999})
    assert answer.status_code == 404
    assert answer.json()["error"]["field"] == "agent_id"


def test_without_token_401(anon: httpx.Client) -> None:
    for path in ("/v1/me", "/v1/groups", f"/v1/files/{dataset.NEW_FR}", "/v1/sync"):
        answer = anon.get(path)
        assert answer.status_code == 401, path
        assert answer.json()["error"]["code"] == "unauthorized"
    answer = anon.get("/v1/me", headers={"Authorization": "Bearer not-a-token"})
    assert answer.status_code == 401


def test_logout_ends_the_session(login: Login, server: RunningServer) -> None:
    marie = login(dataset.MARIE)
    token = marie.headers["Authorization"].split()[1]
    with server.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_hash FROM sessions").scalars().all()
    assert token not in stored and len(stored) == 1  # only the hash is kept
    assert marie.delete("/v1/auth/session").status_code == 204
    assert marie.get("/v1/me").status_code == 401


def test_groups_and_teammates(login: Login) -> None:
    jan = login(dataset.JAN)
    groups = jan.get("/v1/groups").json()
    assert [g["id"] for g in groups] == [dataset.FR, dataset.NL, dataset.PARTNER]
    mates = {t["id"]: t for t in jan.get(f"/v1/groups/{dataset.FR}/agents").json()}
    assert set(mates) == {dataset.JAN, dataset.MARIE, dataset.SOPHIE}
    assert mates[dataset.MARIE]["load"] == 3  # files 2, 3 and 8 (the closed one not counted)
    assert mates[dataset.JAN]["load"] == 1
    assert jan.get(f"/v1/groups/{dataset.PARTNER}/agents").status_code == 403
    assert jan.get("/v1/groups/nope/agents").status_code == 404


def test_unknown_route_is_a_404_envelope(anon: httpx.Client) -> None:
    answer = anon.get("/v1/nothing-here")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_openapi_lists_every_endpoint(anon: httpx.Client) -> None:
    spec = anon.get("/openapi.json").json()
    assert spec["info"]["title"] == "Athena API"
    paths = spec["paths"]
    for path in (
        "/v1/health",
        "/v1/auth/demo",
        "/v1/auth/demo/agents",
        "/v1/auth/session",
        "/v1/me",
        "/v1/groups",
        "/v1/groups/{group_id}/agents",
        "/v1/sync",
        "/v1/files/{file_id}",
        "/v1/files/by-ticket/{ticket}",
        "/v1/files/{file_id}/open",
        "/v1/files/{file_id}/take",
        "/v1/files/{file_id}/release",
        "/v1/files/{file_id}/move",
        "/v1/files/{file_id}/priority",
        "/v1/files/{file_id}/status",
        "/v1/files/{file_id}/messages",
        "/v1/files/{file_id}/read",
        "/v1/files/dispatch",
        "/v1/files/merge",
        "/v1/files/{file_id}/split",
        "/v1/files/treated",
        "/v1/files/{file_id}/audit",
        "/v1/attachments/{attachment_id}",
        "/v1/citizens/search",
        "/v1/citizens/identity",
        "/v1/citizens/files",
        "/v1/citizens/new-file",
        "/v1/citizens/career",
    ):
        assert path in paths, path
    assert anon.get("/docs").status_code == 200
