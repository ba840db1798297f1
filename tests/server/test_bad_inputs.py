"""A table of bad inputs: each gets a clear 4xx naming the field, and changes nothing."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import pytest

from athena_server.runner import RunningServer
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error, snapshot


@dataclass(frozen=True)
class Bad:
    method: str
    path: str
    status: int
    field: str | None
    json: Any = None
    data: dict[str, str] | None = None
    params: dict[str, str] | None = None
    content: bytes | None = None
    headers: dict[str, str] = dataclasses.field(default_factory=dict)


B = f"/v1/files/{d.MARIE_A}"
NEW_FILE = "/v1/citizens/new-file"
SEARCH = "/v1/citizens/search"
CALL = {"reason": "phone call from the citizen"}


def new_file(niss: str, **file: Any) -> dict[str, Any]:
    return {"niss": niss, "purpose": CALL, "file": file}


CASES = {
    "version not a number": Bad("POST", f"{B}/take", 422, "version", json={"version": "abc"}),
    "no body": Bad("POST", f"{B}/take", 422, "body"),
    "broken json": Bad(
        "POST",
        f"{B}/take",
        422,
        "body",
        content=b"{nope",
        headers={"Content-Type": "application/json"},
    ),
    "unknown field": Bad("POST", f"{B}/take", 422, "colour", json={"version": 1, "colour": 1}),
    "file id not a number": Bad("POST", "/v1/files/abc/take", 422, "file_id", json={"version": 1}),
    "unknown file": Bad("POST", "/v1/files/999/take", 404, None, json={"version": 1}),
    "unknown group": Bad(
        "POST", f"{B}/move", 422, "group_id", json={"version": 1, "group_id": "x"}
    ),
    "same group": Bad("POST", f"{B}/move", 422, "group_id", json={"version": 1, "group_id": d.FR}),
    "bad priority": Bad(
        "POST", f"{B}/priority", 422, "priority", json={"version": 1, "priority": "urgent"}
    ),
    "status closed": Bad(
        "POST", f"{B}/status", 422, "status", json={"version": 1, "status": "closed"}
    ),
    "status new": Bad("POST", f"{B}/status", 422, "status", json={"version": 1, "status": "new"}),
    "empty reply": Bad("POST", f"{B}/messages", 422, "body", data={"version": "1", "body": " "}),
    "final note": Bad(
        "POST",
        f"{B}/messages",
        422,
        "final",
        data={"version": "1", "body": "x", "visible_to_citizen": "false"},
    ),
    "reply without version": Bad("POST", f"{B}/messages", 422, "version", data={"body": "x"}),
    "reply bad boolean": Bad(
        "POST", f"{B}/messages", 422, "final", data={"version": "1", "body": "x", "final": "maybe"}
    ),
    "dispatch no files": Bad(
        "POST", "/v1/files/dispatch", 422, "files", json={"assignee_id": d.JAN, "files": []}
    ),
    "dispatch bad assignee": Bad(
        "POST",
        "/v1/files/dispatch",
        422,
        "assignee_id",
        json={"assignee_id": "jan", "files": [{"id": 1, "version": 1}]},
    ),
    "dispatch same file twice": Bad(
        "POST",
        "/v1/files/dispatch",
        422,
        "files",
        json={"assignee_id": d.JAN, "files": [{"id": 1, "version": 1}, {"id": 1, "version": 1}]},
    ),
    "merge one file": Bad(
        "POST", "/v1/files/merge", 422, "files", json={"files": [{"id": 2, "version": 1}]}
    ),
    "split without message": Bad("POST", f"{B}/split", 422, "message", json={"version": 1}),
    "new file empty question": Bad(
        "POST",
        NEW_FILE,
        422,
        "file.question",
        json=new_file(d.EMILE, category="c", question=""),
    ),
    "new file blank category": Bad(
        "POST", NEW_FILE, 422, "category", json=new_file(d.EMILE, category=" ", question="q")
    ),
    "new file bad year": Bad(
        "POST",
        NEW_FILE,
        422,
        "file.career_year",
        json=new_file(d.EMILE, category="c", question="q", career_year=1800),
    ),
    "new file bad niss": Bad(
        "POST", NEW_FILE, 422, "niss", json=new_file("12345678901", category="c", question="q")
    ),
    "new file unknown citizen": Bad(
        "POST", NEW_FILE, 404, "niss", json=new_file(d.NOBODY, category="c", question="q")
    ),
    "search short niss": Bad("POST", SEARCH, 422, "niss", json={"niss": "12345"}),
    "search letters in niss": Bad("POST", SEARCH, 422, "niss", json={"niss": "85O73003328"}),
    "search bad birth date": Bad(
        "POST", SEARCH, 422, "birth_date", json={"last_name": "xyz", "birth_date": "soon"}
    ),
    "ticket malformed": Bad("GET", "/v1/files/by-ticket/XX12", 422, "ticket"),
    "sync wait too long": Bad("GET", "/v1/sync", 422, "wait", params={"wait": "100"}),
    "sync limit zero": Bad("GET", "/v1/sync", 422, "limit", params={"limit": "0"}),
    "sync bad cursor": Bad("GET", "/v1/sync", 422, "cursor", params={"cursor": "d.x"}),
    "treated negative offset": Bad(
        "GET", "/v1/files/treated", 422, "offset", params={"offset": "-1"}
    ),
    "career bad view": Bad(
        "POST",
        "/v1/citizens/career",
        422,
        "view",
        json={"niss": d.EMILE, "view": "x", "purpose": CALL},
    ),
    "idempotency key too long": Bad(
        "POST",
        f"{B}/take",
        422,
        "Idempotency-Key",
        json={"version": 1},
        headers={"Idempotency-Key": "k" * 101},
    ),
}


@pytest.mark.parametrize("case", list(CASES.values()), ids=list(CASES))
def test_bad_input_is_a_clear_4xx_and_changes_nothing(
    case: Bad, login: Login, server: RunningServer
) -> None:
    marie = login(d.MARIE)
    before = snapshot(server.engine)
    answer = marie.request(
        case.method,
        case.path,
        json=case.json,
        data=case.data,
        params=case.params,
        content=case.content,
        headers=case.headers,
    )
    assert answer.status_code == case.status, answer.text
    body = error(answer)
    assert body["message"]
    if case.field is not None:
        assert body["field"] == case.field, body
    assert snapshot(server.engine) == before
