"""Citizen search, a citizen's files, files on their behalf and careers through real HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from athena_server.runner import RunningServer
from backend_client.niss import format_niss
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error, snapshot

CALL = {"reason": "phone call from the citizen, ref T-1"}


def found(client: httpx.Client, **query: Any) -> list[dict[str, Any]]:
    answer = client.post("/v1/citizens/search", json=query)
    assert answer.status_code == 200, answer.text
    citizens: list[dict[str, Any]] = answer.json()["citizens"]
    return citizens


def new_file(client: httpx.Client, niss: str, **file: Any) -> httpx.Response:
    return client.post("/v1/citizens/new-file", json={"niss": niss, "purpose": CALL, "file": file})


@pytest.mark.parametrize("niss", [d.EMILE, format_niss(d.EMILE)])
def test_search_by_niss_bare_or_formatted(login: Login, niss: str) -> None:
    assert [c["niss"] for c in found(login(d.MARIE), niss=niss)] == [d.EMILE]


def test_search_by_niss_born_after_2000(login: Login) -> None:
    assert [c["last_name"] for c in found(login(d.MARIE), niss=d.ANNA)] == ["Janssens"]


def test_bad_niss_is_422_naming_niss(login: Login) -> None:
    marie = login(d.MARIE)
    bad = d.EMILE[:-2] + f"{(int(d.EMILE[-2:]) + 1) % 100:02d}"
    answer = marie.post("/v1/citizens/search", json={"niss": bad})
    assert answer.status_code == 422
    assert error(answer)["field"] == "niss" and "check digits" in error(answer)["message"]
    read = marie.post("/v1/citizens/identity", json={"niss": bad, "purpose": CALL})
    assert read.status_code == 422


def test_search_by_name_ignores_accents_and_case(login: Login) -> None:
    marie = login(d.MARIE)
    by_name = found(marie, last_name="lefevre")
    assert [c["niss"] for c in by_name] == [d.EMILE]
    assert by_name[0]["last_name"] == "Lefèvre"
    assert [c["niss"] for c in found(marie, last_name="LEF", first_name="emi")] == [d.EMILE]
    assert found(marie, last_name="Lefèvre", birth_date="1990-01-01") == []
    assert len(found(marie, last_name="Lefèvre", birth_date="1985-07-30")) == 1


def test_search_needs_niss_or_last_name(login: Login) -> None:
    answer = login(d.MARIE).post("/v1/citizens/search", json={})
    assert answer.status_code == 422 and error(answer)["field"] == "last_name"


def test_citizen_and_all_files_newest_first(login: Login) -> None:
    marie = login(d.MARIE)
    who = marie.post("/v1/citizens/identity", json={"niss": d.MARC, "purpose": CALL})
    assert who.json()["first_name"] == "Marc"
    files = marie.post("/v1/citizens/files", json={"niss": d.MARC, "purpose": CALL}).json()
    assert [f["id"] for f in files] == [d.MARIE_C, d.NEW_PARTNER, d.CLOSED_FR]
    assert files[-1]["status"] == "closed"
    unknown = marie.post("/v1/citizens/files", json={"niss": d.NOBODY, "purpose": CALL})
    assert unknown.status_code == 404
    assert d.NOBODY not in unknown.text


def test_new_file_on_behalf_of_a_citizen(login: Login) -> None:
    jan = login(d.JAN)  # member of nl-desk then fr-desk; Emile speaks French
    answer = new_file(
        jan,
        d.EMILE,
        category="Career correction",
        career_year=2009,
        career_element="Acme SA",
        question="My 2009 salary is missing.",
        priority="high",
    )
    assert answer.status_code == 200, answer.text
    created = answer.json()
    summary = created["summary"]
    assert summary["channel"] == "agent"
    assert summary["assignee"]["id"] == d.JAN and summary["status"] == "assigned"
    assert summary["group_id"] == d.FR
    assert summary["priority"] == "high"
    assert summary["ticket"] == "SR0000009"
    assert created["career_year"] == 2009 and created["category"] == "Career correction"
    assert [m["body"] for m in created["messages"]] == ["My 2009 salary is missing."]
    assert summary["subject"] == "Career correction — Acme SA (2009)"
    anna = new_file(jan, d.ANNA, category="c", question="q")
    assert anna.json()["summary"]["group_id"] == d.NL
    nobody = new_file(jan, d.NOBODY, category="c", question="q")
    assert nobody.status_code == 404 and error(nobody)["field"] == "niss"
    assert d.NOBODY not in nobody.text


def test_a_known_category_reads_in_the_citizens_language(login: Login) -> None:
    jan = login(d.JAN)
    for niss, expected in ((d.EMILE, "Données de carrière"), (d.ANNA, "Loopbaangegevens")):
        answer = new_file(jan, niss, category="career_data", career_year=2012, question="?")
        assert answer.status_code == 200, answer.text
        assert answer.json()["summary"]["subject"] == f"{expected} (2012)"
        assert answer.json()["category"] == "career_data"


def test_new_file_in_a_group_not_mine_is_refused(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    before = snapshot(server.engine)
    answer = new_file(marie, d.EMILE, category="c", question="q", group_id=d.NL)
    assert answer.status_code == 403 and error(answer)["field"] == "group_id"
    assert snapshot(server.engine) == before


def career(client: httpx.Client, niss: str, view: str = "agent") -> httpx.Response:
    return client.post("/v1/citizens/career", json={"niss": niss, "view": view, "purpose": CALL})


def test_career_agent_view_shows_everything(login: Login) -> None:
    answer = career(login(d.SOPHIE, "case_management"), d.EMILE)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["view"] == "agent"
    kinds = [p["kind"] for p in body["periods"]]
    assert len(kinds) == 6
    assert {"sanction_inami", "sanction_late_declaration", "sanction_medical_absence"} <= set(kinds)
    notice = next(p for p in body["periods"] if p["kind"] == "notice_period")
    assert notice["future"] is True
    assert body["last_attestation"] == d.TODAY.isoformat()


def test_career_citizen_view_is_filtered_on_the_server(login: Login) -> None:
    body = career(login(d.MARIE), d.EMILE, "citizen").json()
    assert body["view"] == "citizen"
    assert [p["kind"] for p in body["periods"]] == ["employee", "unemployment"]
    # clipped nothing: the kept periods are whole
    assert body["periods"][0]["start"] == "2005-01-01"
    assert body["periods"][0]["end"] == "2010-12-31"
    assert body["last_attestation"] == "2011-03-01"


def test_career_bad_view_is_422(login: Login) -> None:
    answer = career(login(d.MARIE), d.EMILE, "boss")
    assert answer.status_code == 422 and error(answer)["field"] == "view"
