"""Purpose-bound reads of citizens' data and their access log, through real HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from athena_server.cli import main
from athena_server.runner import RunningServer
from athena_server.schema import citizen_access
from backend_client.niss import format_niss
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error

CALL = "phone call from the citizen, ref T-1"


def log_rows(engine: sa.Engine, **where: Any) -> list[dict[str, Any]]:
    query = sa.select(citizen_access).order_by(citizen_access.c.id)
    for column, value in where.items():
        query = query.where(citizen_access.c[column] == value)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


# Every route that reads one citizen, with the body it needs besides the purpose.
READS: dict[str, tuple[str, dict[str, Any]]] = {
    "identity": ("/v1/citizens/identity", {}),
    "files": ("/v1/citizens/files", {}),
    "career_citizen": ("/v1/citizens/career", {"view": "citizen"}),
    "new_file": ("/v1/citizens/new-file", {"file": {"category": "c", "question": "q"}}),
}


@pytest.mark.parametrize("what", list(READS))
def test_a_read_without_purpose_is_refused_without_citizen_data(
    login: Login, server: RunningServer, what: str
) -> None:
    path, extra = READS[what]
    marie = login(d.MARIE)
    answer = marie.post(path, json={"niss": d.EMILE, **extra})
    assert answer.status_code == 403, answer.text
    assert error(answer)["details"]["reason"] == "purpose_required"
    assert error(answer)["field"] == "purpose"
    for data in (d.EMILE, format_niss(d.EMILE), "Lefèvre", "Émile", "1985"):
        assert data not in answer.text
    empty = marie.post(path, json={"niss": d.EMILE, "purpose": {}, **extra})
    assert empty.status_code == 403
    assert log_rows(server.engine) == []


@pytest.mark.parametrize("what", list(READS))
def test_a_read_with_a_reason_is_logged_with_it(
    login: Login, server: RunningServer, what: str
) -> None:
    path, extra = READS[what]
    answer = login(d.MARIE).post(
        path, json={"niss": d.EMILE, "purpose": {"reason": f"  {CALL}\n"}, **extra}
    )
    assert answer.status_code == 200, answer.text
    (row,) = log_rows(server.engine)
    assert row["agent_id"] == d.MARIE and row["role"] == "contact_center"
    assert row["niss"] == d.EMILE and row["what"] == what
    assert row["purpose"] == "reason" and row["reason"] == CALL
    if what == "new_file":
        assert row["file_id"] == answer.json()["summary"]["id"]
    else:
        assert row["file_id"] is None
    assert row["at"] is not None


def test_a_file_of_the_citizen_in_my_group_is_a_purpose(
    login: Login, server: RunningServer
) -> None:
    marie = login(d.MARIE)
    purpose = {"file_id": d.MARIE_A}  # Emile's file, fr-desk
    answer = marie.post("/v1/citizens/files", json={"niss": d.EMILE, "purpose": purpose})
    assert answer.status_code == 200, answer.text
    (row,) = log_rows(server.engine)
    assert (row["purpose"], row["file_id"], row["reason"]) == ("file", d.MARIE_A, None)


@pytest.mark.parametrize(
    "file_id",
    [
        d.MARIE_C,  # fr-desk, but Marc's file: not this citizen's
        d.NEW_NL,  # Anna's file in nl-desk, where Marie is no member
        999,  # no such file
    ],
)
def test_a_file_that_is_not_a_purpose_is_refused(
    login: Login, server: RunningServer, file_id: int
) -> None:
    niss = d.ANNA if file_id == d.NEW_NL else d.EMILE
    answer = login(d.MARIE).post(
        "/v1/citizens/identity", json={"niss": niss, "purpose": {"file_id": file_id}}
    )
    assert answer.status_code == 403, answer.text
    assert error(answer)["details"]["reason"] == "purpose_refused"
    assert niss not in answer.text and "Janssens" not in answer.text
    # no read is logged, only the refused try: who tried which NISS on which file
    rows = log_rows(server.engine)
    assert [(r["what"], r["niss"], r["file_id"]) for r in rows] == [("refused", niss, file_id)]


def test_a_reason_too_short_or_too_long_or_both_grounds_is_422(
    login: Login, server: RunningServer
) -> None:
    marie = login(d.MARIE)
    for purpose, field in (
        ({"reason": "  call \x07  "}, "purpose.reason"),
        ({"reason": "x" * 301}, "purpose.reason"),
        ({"reason": CALL, "file_id": d.MARIE_A}, "purpose"),
    ):
        answer = marie.post("/v1/citizens/identity", json={"niss": d.EMILE, "purpose": purpose})
        assert answer.status_code == 422, answer.text
        assert error(answer)["field"] == field
    assert log_rows(server.engine) == []


def test_searches_log_every_hit_and_a_search_without_hits(
    login: Login, server: RunningServer
) -> None:
    jan = login(d.JAN)
    assert jan.post("/v1/citizens/search", json={"last_name": "jan"}).status_code == 200
    assert jan.post("/v1/citizens/search", json={"last_name": "zzz"}).status_code == 200
    rows = log_rows(server.engine, what="search")
    assert [(r["niss"], r["purpose"], r["agent_id"]) for r in rows] == [
        (d.ANNA, "search", d.JAN),
        (None, "search", d.JAN),
    ]
    assert rows[0]["request_id"] != rows[1]["request_id"]


def test_reading_a_file_and_its_attachment_is_logged(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    assert marie.get(f"/v1/files/{d.NEW_FR}").status_code == 200
    assert marie.get(f"/v1/files/by-ticket/{d.ticket(d.MARIE_A)}").status_code == 200
    attachment = marie.get(f"/v1/attachments/{d.ATTACHMENT_ID}")
    assert attachment.content == d.ATTACHMENT_BYTES
    opened = marie.post(f"/v1/files/{d.NEW_FR}/open", json={"version": 1})
    assert opened.status_code == 200, opened.text
    rows = log_rows(server.engine)
    assert [(r["what"], r["niss"], r["file_id"], r["attachment_id"]) for r in rows] == [
        ("file", d.EMILE, d.NEW_FR, None),
        ("file", d.EMILE, d.MARIE_A, None),
        ("attachment", d.EMILE, d.NEW_FR, d.ATTACHMENT_ID),
        ("file", d.EMILE, d.NEW_FR, None),
    ]
    assert {r["purpose"] for r in rows} == {"file"}
    # a refused read (Marie is not in nl-desk) leaves no trace: nothing was read
    assert marie.get(f"/v1/files/{d.NEW_NL}").status_code == 403
    assert len(log_rows(server.engine)) == 4


def test_the_cli_prints_the_log_of_one_citizen(login: Login, server: RunningServer) -> None:
    marie, jan = login(d.MARIE), login(d.JAN)
    purpose = {"reason": "letter from the citizen\tref 42"}
    marie.post("/v1/citizens/identity", json={"niss": d.EMILE, "purpose": purpose})
    jan.post("/v1/citizens/career", json={"niss": d.EMILE, "view": "citizen", "purpose": purpose})
    jan.post("/v1/citizens/identity", json={"niss": d.MARC, "purpose": purpose})
    url = str(server.engine.url.render_as_string(hide_password=False))
    runner = CliRunner()
    result = runner.invoke(main, ["access-log", "--niss", format_niss(d.EMILE), "--db", url])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["when", "(UTC)", "agent"]
    body = lines[1:-1]
    assert len(body) == 2 and lines[-1] == "2 accesses"
    assert "Marie Dubois (2)" in body[0] and "identity" in body[0]
    assert "Jan Peeters (1)" in body[1] and "career_citizen" in body[1]
    assert "letter from the citizen ref 42" in body[0]
    assert all(d.EMILE in line for line in body) and d.MARC not in result.output

    by_agent = runner.invoke(main, ["access-log", "--agent", str(d.JAN), "--db", url])
    assert by_agent.output.splitlines()[-1] == "2 accesses"
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).date().isoformat()
    later = runner.invoke(main, ["access-log", "--niss", d.EMILE, "--since", tomorrow, "--db", url])
    assert later.output.strip() == "no access found"
    bad = runner.invoke(main, ["access-log", "--niss", "12345678901", "--db", url])
    assert bad.exit_code == 2 and "--niss" in bad.output
