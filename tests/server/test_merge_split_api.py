"""Merge (F13) and split (F14) through real HTTP: counts, order, closing states, links."""

from __future__ import annotations

from typing import Any

from athena_server.runner import RunningServer
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error, snapshot


def refs(*pairs: tuple[int, int]) -> dict[str, Any]:
    return {"files": [{"id": i, "version": v} for i, v in pairs]}


def test_merge_two_files(login: Login) -> None:
    marie = login(d.MARIE)
    answer = marie.post("/v1/files/merge", json=refs((d.MARIE_A, 1), (d.MARIE_B, 1)))
    assert answer.status_code == 200, answer.text
    result = answer.json()
    new = result["new_file"]
    assert new["assignee"]["id"] == d.MARIE and new["status"] == "assigned"
    assert new["message_count"] == 4
    assert new["citizen_niss"] == d.EMILE
    for original in result["originals"]:
        assert original["status"] == "closed"
        assert original["assignee"] is None
        assert original["closed_by"]["id"] == d.MARIE
    merged = marie.get(f"/v1/files/{new['id']}").json()
    assert merged["merged_from"] == [d.ticket(d.MARIE_A), d.ticket(d.MARIE_B)]
    times = [m["created_at"] for m in merged["messages"]]
    assert times == sorted(times) and len(times) == 4
    assert sorted(m["body"] for m in merged["messages"]) == sorted(
        [f"message {n} of file {d.MARIE_A}" for n in range(3)] + [f"message 0 of file {d.MARIE_B}"]
    )
    original = marie.get(f"/v1/files/{d.MARIE_A}").json()
    assert original["merged_into"] == new["ticket"]
    assert original["messages"][-1]["side"] == "system"
    assert original["messages"][-1]["body"] == f"Merged into {new['ticket']}"
    assert len(original["messages"]) == 4


def test_merge_copies_attachments_to_new_rows_of_the_same_blob(login: Login) -> None:
    marie = login(d.MARIE)
    assert marie.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1}).status_code == 200
    result = marie.post(
        "/v1/files/merge", json=refs((d.NEW_FR, 2), (d.MARIE_A, 1), (d.MARIE_B, 1))
    ).json()
    merged = marie.get(f"/v1/files/{result['new_file']['id']}").json()
    assert len(merged["messages"]) == 6
    atts = [a for m in merged["messages"] for a in m["attachments"]]
    assert len(atts) == 1 and atts[0]["id"] != d.ATTACHMENT_ID
    assert marie.get(f"/v1/attachments/{atts[0]['id']}").content == d.ATTACHMENT_BYTES


def test_merge_refusals_name_the_problem(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    before = snapshot(server.engine)
    other_citizen = marie.post("/v1/files/merge", json=refs((d.MARIE_A, 1), (d.MARIE_C, 1)))
    assert other_citizen.status_code == 422
    assert "different citizens" in error(other_citizen)["message"]
    closed = marie.post("/v1/files/merge", json=refs((d.MARIE_C, 1), (d.CLOSED_FR, 1)))
    assert closed.status_code == 409 and error(closed)["code"] == "file_closed"
    assert d.ticket(d.CLOSED_FR) in error(closed)["message"]
    not_mine = marie.post("/v1/files/merge", json=refs((d.MARIE_A, 1), (d.NEW_FR, 1)))
    assert not_mine.status_code == 409 and "not yours" in error(not_mine)["message"]
    stale = marie.post("/v1/files/merge", json=refs((d.MARIE_A, 1), (d.MARIE_B, 9)))
    assert stale.status_code == 409 and error(stale)["code"] == "stale_version"
    one = marie.post("/v1/files/merge", json=refs((d.MARIE_A, 1)))
    assert one.status_code == 422 and error(one)["field"] == "files"
    twice = marie.post("/v1/files/merge", json=refs((d.MARIE_A, 1), (d.MARIE_A, 1)))
    assert twice.status_code == 422 and error(twice)["field"] == "files"
    assert snapshot(server.engine) == before


def test_split_a_file(login: Login) -> None:
    marie = login(d.MARIE)
    marie.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1})
    answer = marie.post(
        f"/v1/files/{d.NEW_FR}/split", json={"version": 2, "message": "Two questions, two files"}
    )
    assert answer.status_code == 200, answer.text
    result = answer.json()
    original = result["original"]
    assert original["status"] == "closed" and original["assignee"] is None
    assert original["closed_by"]["id"] == d.MARIE
    assert original["message_count"] == 3
    full = marie.get(f"/v1/files/{d.NEW_FR}").json()
    last = full["messages"][-1]
    assert last["body"] == "Two questions, two files"
    assert last["visible_to_citizen"] is True and last["side"] == "contact_center"
    assert len(result["parts"]) == 2
    assert sorted(full["split_into"]) == sorted(p["ticket"] for p in result["parts"])
    for part in result["parts"]:
        assert part["assignee"]["id"] == d.MARIE and part["status"] == "assigned"
        detail = marie.get(f"/v1/files/{part['id']}").json()
        assert detail["split_from"] == d.ticket(d.NEW_FR)
        assert [m["body"] for m in detail["messages"]] == [m["body"] for m in full["messages"]]
        atts = [a for m in detail["messages"] for a in m["attachments"]]
        assert (
            len(atts) == 1 and atts[0]["sha256"] == full["messages"][1]["attachments"][0]["sha256"]
        )


def test_split_refusals(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    before = snapshot(server.engine)
    empty = marie.post(f"/v1/files/{d.MARIE_A}/split", json={"version": 1, "message": ""})
    assert empty.status_code == 422 and error(empty)["field"] == "message"
    blank = marie.post(f"/v1/files/{d.MARIE_A}/split", json={"version": 1, "message": "  "})
    assert blank.status_code == 422 and error(blank)["field"] == "message"
    not_mine = marie.post(f"/v1/files/{d.NEW_FR}/split", json={"version": 1, "message": "x"})
    assert not_mine.status_code == 409
    assert snapshot(server.engine) == before
