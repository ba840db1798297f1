"""Hostile bodies on a real socket: a crafted JSON or multipart body gets a small 422 in
our envelope, never a huge answer, never a bare 400."""

from __future__ import annotations

import json

import httpx
import pytest

from athena_server.runner import RunningServer
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error

MANY_KEYS = json.dumps({f"k{i}": 1 for i in range(85_000)}, separators=(",", ":")).encode()


@pytest.mark.parametrize("path", ["/v1/auth/eid", "/v1/auth/eid/role", "/v1/auth/demo"])
def test_many_unknown_keys_get_a_small_answer(anon: httpx.Client, path: str) -> None:
    assert len(MANY_KEYS) < 1024 * 1024
    answer = anon.post(path, content=MANY_KEYS, headers={"Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text[:300]
    assert len(answer.content) < 4_000
    assert error(answer)["field"] == "body"
    assert anon.get("/v1/health").status_code == 200


def test_errors_listed_are_capped(login: Login) -> None:
    marie = login(d.MARIE)
    # under the key cap, each a validation error: the list stops at 20, the count is all
    body = {f"k{i}": 1 for i in range(49)}
    answer = marie.post(f"/v1/files/{d.MARIE_A}/take", json=body)
    assert answer.status_code == 422
    details = error(answer)["details"]
    assert len(details["errors"]) == 20
    assert details["errors_total"] == 50  # 49 unknown keys and the missing version


@pytest.mark.parametrize(
    "content",
    [
        b'{"version": "\xff\xfe"}',
        b"[" * 5_000 + b"]" * 5_000,
        b'{"version": ' + b"9" * 5_000 + b"}",
        b"[" * 40 + b"]" * 40,
        json.dumps({"version": 1, "x": list(range(1_001))}).encode(),
    ],
    ids=["bad utf-8", "deep", "5000 digits", "41 deep", "long list"],
)
def test_malformed_json_is_a_422_naming_the_body(login: Login, content: bytes) -> None:
    marie = login(d.MARIE)
    answer = marie.post(
        f"/v1/files/{d.MARIE_A}/take",
        content=content,
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 422, answer.text[:300]
    assert error(answer)["field"] == "body"


def test_a_good_body_still_passes(server: RunningServer, login: Login) -> None:
    marie = login(d.MARIE)
    answer = marie.post(f"/v1/files/{d.MARIE_A}/priority", json={"version": 1, "priority": "low"})
    assert answer.status_code in (200, 409), answer.text


@pytest.mark.parametrize("name", ["\u202efdp.exe", "a\u200bb\u2067c\ufeff.pdf", "x\u0085y.txt"])
def test_an_attachment_name_is_served_without_bidi_or_invisible_characters(
    login: Login, name: str
) -> None:
    marie = login(d.MARIE)
    current = marie.get(f"/v1/files/{d.MARIE_A}").json()["summary"]["version"]
    answer = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data={"version": str(current), "body": "see attached", "final": "false"},
        files=[("attachments", (name, b"hello", "text/plain"))],
    )
    assert answer.status_code == 200, answer.text
    [meta] = answer.json()["messages"][-1]["attachments"]
    served = marie.get(f"/v1/attachments/{meta['id']}")
    assert served.status_code == 200
    header = served.headers["content-disposition"]
    for encoded in ("%E2%80%AE", "%E2%80%8B", "%E2%81%A7", "%EF%BB%BF", "%C2%85"):
        assert encoded not in header.upper(), header
    assert header.isascii()


def reply_form(marie: httpx.Client, **extra: str) -> dict[str, str]:
    current = marie.get(f"/v1/files/{d.MARIE_A}").json()["summary"]["version"]
    return {"version": str(current), "body": "see attached", "final": "false", **extra}


def test_a_file_name_too_long_for_the_form_parser_is_a_422_naming_the_field(
    login: Login,
) -> None:
    marie = login(d.MARIE)
    answer = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data=reply_form(marie),
        files=[("attachments", ("a" * 5_000 + ".pdf", b"hello", "text/plain"))],
    )
    assert answer.status_code == 422, answer.text
    assert error(answer)["field"] == "attachments"
    # a long name the parser takes is cut to 255 characters
    cut = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data=reply_form(marie),
        files=[("attachments", ("b" * 1_000 + ".pdf", b"hello", "text/plain"))],
    )
    assert cut.status_code == 200, cut.text
    [meta] = cut.json()["messages"][-1]["attachments"]
    assert meta["name"] == "b" * 255


def test_too_many_form_fields_is_a_422_in_our_envelope(login: Login) -> None:
    marie = login(d.MARIE)
    data = reply_form(marie, **{f"f{i}": "v" for i in range(1_001)})
    answer = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data=data,
        files=[("attachments", ("a.pdf", b"hello", "text/plain"))],
    )
    assert answer.status_code == 422, answer.text
    assert error(answer)["code"] == "validation"
    assert error(answer)["field"] == "body"
