"""Contact-file actions through real HTTP: state machine, replies, dispatch, 403s,
stale versions, idempotent replay, audit, attachments, ticket lookup, treated files."""

from __future__ import annotations

from athena_server.runner import RunningServer
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error, snapshot


def test_get_file_does_not_take(login: Login) -> None:
    marie = login(d.MARIE)
    body = marie.get(f"/v1/files/{d.NEW_FR}").json()
    assert body["summary"]["status"] == "new" and body["summary"]["assignee"] is None
    assert [m["body"] for m in body["messages"]] == ["message 0 of file 1", "message 1 of file 1"]
    assert body["messages"][1]["attachments"][0]["name"] == "attestation.pdf"


def test_take_then_release_then_move(login: Login) -> None:
    marie = login(d.MARIE)
    taken = marie.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1})
    assert taken.status_code == 200, taken.text
    summary = taken.json()
    assert summary["status"] == "assigned"
    assert summary["assignee"] == {"id": d.MARIE, "name": "Marie Dubois"}
    assert summary["version"] == 2
    released = marie.post(f"/v1/files/{d.NEW_FR}/release", json={"version": 2}).json()
    assert released["status"] == "new" and released["assignee"] is None
    moved = marie.post(f"/v1/files/{d.NEW_FR}/move", json={"version": 3, "group_id": d.NL}).json()
    assert moved["group_id"] == d.NL and moved["status"] == "new" and moved["assignee"] is None
    # Marie is not in the Dutch desk: the file is now out of her reach
    assert marie.get(f"/v1/files/{d.NEW_FR}").status_code == 403


def test_move_of_an_assigned_file_unassigns_it(login: Login) -> None:
    marie = login(d.MARIE)
    moved = marie.post(f"/v1/files/{d.MARIE_A}/move", json={"version": 1, "group_id": d.NL})
    assert moved.json()["assignee"] is None and moved.json()["status"] == "new"


def test_take_held_by_colleague_is_409_naming_them(login: Login) -> None:
    jan = login(d.JAN)
    answer = jan.post(f"/v1/files/{d.MARIE_A}/take", json={"version": 1})
    assert answer.status_code == 409
    assert error(answer)["code"] == "conflict"
    assert "Marie Dubois" in error(answer)["message"]


def test_absent_colleague_release_then_take(login: Login) -> None:
    jan = login(d.JAN)
    assert jan.post(f"/v1/files/{d.MARIE_A}/release", json={"version": 1}).status_code == 200
    taken = jan.post(f"/v1/files/{d.MARIE_A}/take", json={"version": 2}).json()
    assert taken["assignee"]["id"] == d.JAN


def test_open_takes_an_unassigned_file_and_marks_it_read(login: Login) -> None:
    sophie = login(d.SOPHIE, "contact_center")
    opened = sophie.post(f"/v1/files/{d.NEW_FR}/open", json={"version": 1})
    assert opened.status_code == 200, opened.text
    summary = opened.json()["summary"]
    assert summary["assignee"]["id"] == d.SOPHIE and summary["status"] == "assigned"
    assert summary["unread"] is False
    # opening a colleague's file reads it without taking it
    held = sophie.post(f"/v1/files/{d.MARIE_A}/open", json={"version": 1}).json()["summary"]
    assert held["assignee"]["id"] == d.MARIE and held["version"] == 1


def test_unread_follows_read_marks_and_news(login: Login) -> None:
    marie, sophie = login(d.MARIE), login(d.SOPHIE, "contact_center")
    file_path = f"/v1/files/{d.MARIE_A}"
    assert marie.get(file_path).json()["summary"]["unread"] is True
    assert marie.post(f"{file_path}/read").status_code == 204
    assert marie.get(file_path).json()["summary"]["unread"] is False
    assert sophie.get(file_path).json()["summary"]["unread"] is True
    # Marie's own reply is no news to her, but it is to Sophie
    sophie.post(f"{file_path}/read")
    marie.post(f"{file_path}/messages", data={"version": "1", "body": "note", "final": "false"})
    assert marie.get(file_path).json()["summary"]["unread"] is False
    assert sophie.get(file_path).json()["summary"]["unread"] is True


def test_priority_and_status(login: Login) -> None:
    marie = login(d.MARIE)
    high = marie.post(f"/v1/files/{d.MARIE_A}/priority", json={"version": 1, "priority": "high"})
    assert high.json()["priority"] == "high"
    waiting = marie.post(f"/v1/files/{d.MARIE_A}/status", json={"version": 2, "status": "waiting"})
    assert waiting.json()["status"] == "waiting"
    back = marie.post(f"/v1/files/{d.MARIE_A}/status", json={"version": 3, "status": "assigned"})
    assert back.json()["status"] == "assigned"
    not_held = marie.post(f"/v1/files/{d.NEW_FR}/status", json={"version": 1, "status": "waiting"})
    assert not_held.status_code == 409


def test_final_reply_closes_and_hands_back(login: Login) -> None:
    marie = login(d.MARIE)
    answer = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data={"version": "1", "body": "Your career is complete."},
        files=[("attachments", ("a.txt", b"hello", "text/plain"))],
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["summary"]["status"] == "closed"
    assert body["summary"]["assignee"] is None
    assert body["summary"]["closed_by"]["id"] == d.MARIE
    assert body["summary"]["message_count"] == 4
    last = body["messages"][-1]
    assert last["final"] is True and last["visible_to_citizen"] is True
    assert last["side"] == "contact_center" and last["author"] == "Marie Dubois"
    assert last["attachments"][0]["size"] == 5
    # the closed file accepts nothing more
    again = marie.post(f"/v1/files/{d.MARIE_A}/messages", data={"version": "2", "body": "more"})
    assert again.status_code == 409 and error(again)["code"] == "file_closed"
    # and shows among the treated files
    treated = marie.get("/v1/files/treated").json()
    assert [t["id"] for t in treated] == [d.MARIE_A, d.CLOSED_FR]


def test_internal_note_keeps_the_file_open(login: Login) -> None:
    marie = login(d.MARIE)
    answer = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data={
            "version": "1",
            "body": "check with payroll",
            "visible_to_citizen": "false",
            "final": "false",
        },
    )
    body = answer.json()
    assert body["summary"]["status"] == "assigned"
    assert body["messages"][-1]["visible_to_citizen"] is False


def test_reply_needs_the_file_held(login: Login) -> None:
    sophie = login(d.SOPHIE, "contact_center")
    answer = sophie.post(f"/v1/files/{d.MARIE_A}/messages", data={"version": "1", "body": "hi"})
    assert answer.status_code == 409 and "Marie Dubois" in error(answer)["message"]


def test_five_attachments_pass_six_do_not(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    five = [("attachments", (f"f{i}.txt", f"x{i}".encode(), "text/plain")) for i in range(5)]
    ok = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data={"version": "1", "body": "five", "final": "false"},
        files=five,
    )
    assert ok.status_code == 200
    assert len(ok.json()["messages"][-1]["attachments"]) == 5
    before = snapshot(server.engine)
    six = [*five, ("attachments", ("f5.txt", b"x5", "text/plain"))]
    refused = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data={"version": "2", "body": "six", "final": "false"},
        files=six,
    )
    assert refused.status_code == 422 and error(refused)["field"] == "attachments"
    assert snapshot(server.engine) == before


def test_attachment_over_the_cap_is_413(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    before = snapshot(server.engine)
    big = b"x" * (64 * 1024 + 1)
    answer = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data={"version": "1", "body": "big"},
        files=[("attachments", ("big.bin", big, "application/octet-stream"))],
    )
    assert answer.status_code == 413
    assert error(answer)["code"] == "too_large" and error(answer)["field"] == "attachments"
    assert snapshot(server.engine) == before


def test_attachment_download(login: Login) -> None:
    marie = login(d.MARIE)
    answer = marie.get(f"/v1/attachments/{d.ATTACHMENT_ID}")
    assert answer.status_code == 200
    assert answer.content == d.ATTACHMENT_BYTES
    assert answer.headers["content-type"] == "application/pdf"
    assert "attestation.pdf" in answer.headers["content-disposition"]
    luc = login(d.LUC)
    assert luc.get(f"/v1/attachments/{d.ATTACHMENT_ID}").status_code == 403
    assert marie.get("/v1/attachments/999").status_code == 404


def test_agent_outside_the_group_gets_403_and_nothing_changes(
    login: Login, server: RunningServer
) -> None:
    luc = login(d.LUC)
    before = snapshot(server.engine)
    for path, body in (
        (f"/v1/files/{d.NEW_FR}/take", {"version": 1}),
        (f"/v1/files/{d.NEW_FR}/open", {"version": 1}),
        (f"/v1/files/{d.MARIE_A}/release", {"version": 1}),
        (f"/v1/files/{d.MARIE_A}/move", {"version": 1, "group_id": d.PARTNER}),
        (f"/v1/files/{d.MARIE_A}/priority", {"version": 1, "priority": "low"}),
        (f"/v1/files/{d.MARIE_A}/status", {"version": 1, "status": "waiting"}),
        (f"/v1/files/{d.MARIE_A}/split", {"version": 1, "message": "x"}),
    ):
        answer = luc.post(path, json=body)
        assert answer.status_code == 403, (path, answer.text)
        assert error(answer)["code"] == "forbidden"
    assert luc.get(f"/v1/files/{d.NEW_FR}").status_code == 403
    assert luc.get(f"/v1/files/{d.NEW_FR}/audit").status_code == 403
    assert luc.post(f"/v1/files/{d.NEW_FR}/read").status_code == 403
    assert snapshot(server.engine) == before


def test_stale_version_says_who_and_when(login: Login, server: RunningServer) -> None:
    jan, sophie = login(d.JAN), login(d.SOPHIE, "contact_center")
    assert jan.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1}).status_code == 200
    before = snapshot(server.engine)
    answer = sophie.post(f"/v1/files/{d.NEW_FR}/priority", json={"version": 1, "priority": "low"})
    assert answer.status_code == 409
    err = error(answer)
    assert err["code"] == "stale_version"
    assert err["details"]["current_version"] == 2
    assert err["details"]["changed_by"] == "Jan Peeters"
    assert err["details"]["action"] == "take"
    assert err["details"]["changed_at"]
    assert err["message"].startswith("SR0000001 was changed by Jan Peeters at ")
    assert err["message"].endswith("(take)")
    assert snapshot(server.engine) == before


def test_idempotent_replay_returns_the_first_answer(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    key = {"Idempotency-Key": "reply-42"}
    data = {"version": "1", "body": "Answer", "final": "false"}
    first = marie.post(f"/v1/files/{d.MARIE_A}/messages", data=data, headers=key)
    assert first.status_code == 200
    after_first = snapshot(server.engine)
    replay = marie.post(f"/v1/files/{d.MARIE_A}/messages", data=data, headers=key)
    assert replay.status_code == 200
    assert replay.json() == first.json()
    assert replay.headers.get("Idempotency-Replayed") == "true"
    assert snapshot(server.engine) == after_first
    # the same key for another request is refused, and changes nothing
    other = marie.post(
        f"/v1/files/{d.MARIE_A}/priority", json={"version": 2, "priority": "low"}, headers=key
    )
    assert other.status_code == 422 and error(other)["field"] == "Idempotency-Key"
    assert snapshot(server.engine) == after_first


def test_idempotent_replay_of_an_error_free_take_does_not_take_twice(login: Login) -> None:
    marie = login(d.MARIE)
    key = {"Idempotency-Key": "take-1"}
    first = marie.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1}, headers=key)
    replay = marie.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1}, headers=key)
    assert first.json() == replay.json()
    audit = marie.get(f"/v1/files/{d.NEW_FR}/audit").json()
    assert [a["action"] for a in audit] == ["take"]


def test_idempotency_keys_belong_to_one_agent(login: Login) -> None:
    marie, sophie = login(d.MARIE), login(d.SOPHIE, "contact_center")
    key = {"Idempotency-Key": "same-key"}
    assert marie.post(f"/v1/files/{d.NEW_FR}/read", headers=key).status_code == 204
    assert sophie.post(f"/v1/files/{d.NEW_FR}/read", headers=key).status_code == 204


def test_audit_records_who_what_and_before_after(login: Login) -> None:
    marie = login(d.MARIE)
    marie.post(f"/v1/files/{d.NEW_FR}/take", json={"version": 1})
    marie.post(f"/v1/files/{d.NEW_FR}/priority", json={"version": 2, "priority": "high"})
    audit = marie.get(f"/v1/files/{d.NEW_FR}/audit").json()
    assert [a["action"] for a in audit] == ["take", "priority"]
    take = audit[0]
    assert take["agent"] == {"id": d.MARIE, "name": "Marie Dubois"}
    assert take["before"]["status"] == "new" and take["after"]["status"] == "assigned"
    assert take["before"]["assignee_id"] is None and take["after"]["assignee_id"] == d.MARIE
    assert audit[1]["before"]["priority"] == "medium" and audit[1]["after"]["priority"] == "high"


def test_lookup_by_ticket(login: Login) -> None:
    marie = login(d.MARIE)
    for raw in ("SR0000005", "sr 0000005", "0000005"):
        answer = marie.get(f"/v1/files/by-ticket/{raw}")
        assert answer.status_code == 200, raw
        assert answer.json()["summary"]["id"] == d.CLOSED_FR
    bad = marie.get("/v1/files/by-ticket/SR12")
    assert bad.status_code == 422 and error(bad)["field"] == "ticket"
    assert marie.get("/v1/files/by-ticket/SR9999999").status_code == 404


def test_closed_file_refuses_every_action(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    before = snapshot(server.engine)
    for path, body in (
        ("take", {"version": 1}),
        ("release", {"version": 1}),
        ("move", {"version": 1, "group_id": d.NL}),
        ("priority", {"version": 1, "priority": "low"}),
        ("split", {"version": 1, "message": "x"}),
    ):
        answer = marie.post(f"/v1/files/{d.CLOSED_FR}/{path}", json=body)
        assert answer.status_code == 409, path
        assert error(answer)["code"] == "file_closed", path
    assert snapshot(server.engine) == before
    # reading a closed file is fine
    assert marie.post(f"/v1/files/{d.CLOSED_FR}/open", json={"version": 1}).status_code == 200


# --------------------------------------------------------------------------- dispatch


def test_dispatch_unassigned_files_to_a_teammate(login: Login) -> None:
    jan = login(d.JAN)
    answer = jan.post(
        "/v1/files/dispatch",
        json={"assignee_id": d.SOPHIE, "files": [{"id": d.NEW_FR, "version": 1}]},
    )
    assert answer.status_code == 200, answer.text
    (item,) = answer.json()["items"]
    assert item["outcome"] == "done"
    assert item["summary"]["assignee"]["id"] == d.SOPHIE
    assert item["summary"]["status"] == "assigned"


def test_dispatch_of_a_held_file_needs_confirmation(login: Login) -> None:
    jan = login(d.JAN)
    request = {
        "assignee_id": d.SOPHIE,
        "files": [{"id": d.NEW_FR, "version": 1}, {"id": d.MARIE_A, "version": 1}],
    }
    first = jan.post("/v1/files/dispatch", json=request).json()["items"]
    outcomes = {i["file_id"]: i for i in first}
    assert outcomes[d.NEW_FR]["outcome"] == "done"
    assert outcomes[d.MARIE_A]["outcome"] == "needs_confirm"
    assert "Marie Dubois" in outcomes[d.MARIE_A]["detail"]
    assert outcomes[d.MARIE_A]["summary"]["assignee"]["id"] == d.MARIE  # untouched
    confirmed = jan.post(
        "/v1/files/dispatch",
        json={
            "assignee_id": d.SOPHIE,
            "files": [{"id": d.MARIE_A, "version": 1}],
            "confirm_reassign": True,
        },
    ).json()["items"]
    assert confirmed[0]["outcome"] == "done"
    assert confirmed[0]["summary"]["assignee"]["id"] == d.SOPHIE


def test_dispatch_to_a_non_member_and_of_a_foreign_file_is_forbidden(login: Login) -> None:
    jan = login(d.JAN)
    to_pieter = jan.post(
        "/v1/files/dispatch",
        json={"assignee_id": d.PIETER, "files": [{"id": d.NEW_FR, "version": 1}]},
    ).json()["items"][0]
    assert to_pieter["outcome"] == "forbidden" and "Pieter Janssens" in to_pieter["detail"]
    foreign = jan.post(
        "/v1/files/dispatch",
        json={"assignee_id": d.MARIE, "files": [{"id": d.NEW_PARTNER, "version": 1}]},
    ).json()["items"][0]
    assert foreign["outcome"] == "forbidden"
    stale = jan.post(
        "/v1/files/dispatch",
        json={"assignee_id": d.MARIE, "files": [{"id": d.NEW_FR, "version": 7}]},
    ).json()["items"][0]
    assert stale["outcome"] == "conflict"
    unknown = jan.post(
        "/v1/files/dispatch", json={"assignee_id": 999, "files": [{"id": d.NEW_FR, "version": 1}]}
    )
    assert unknown.status_code == 422 and error(unknown)["field"] == "assignee_id"


def test_treated_pages(login: Login) -> None:
    marie = login(d.MARIE)
    assert [t["id"] for t in marie.get("/v1/files/treated").json()] == [d.CLOSED_FR]
    assert marie.get("/v1/files/treated", params={"offset": 1}).json() == []
    assert marie.get("/v1/files/treated", params={"limit": 0}).status_code == 422


def test_a_file_encoded_by_an_agent_names_the_channel_and_the_agent(login: Login) -> None:
    marie = login(d.MARIE)
    file = {"category": "other", "question": "Ma pension?"}
    purpose = {"reason": "phone call from the citizen"}
    created = marie.post(
        "/v1/citizens/new-file", json={"niss": d.EMILE, "purpose": purpose, "file": file}
    )
    assert created.status_code == 200, created.text
    body = created.json()
    # The channel is the contact center's application, not the agent who typed it.
    assert body["summary"]["channel"] == "agent"
    assert body["summary"]["channel_name"] == "Athena Career Contactcenter"
    assert body["encoded_by"] == {"id": d.MARIE, "name": "Marie Dubois"}
    again = marie.get(f"/v1/files/{body['summary']['id']}").json()
    assert again["encoded_by"] == body["encoded_by"]
    # Files of the other channels were encoded by nobody.
    assert marie.get(f"/v1/files/{d.NEW_FR}").json()["encoded_by"] is None
