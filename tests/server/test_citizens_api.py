"""Citizen search, a citizen's files, files on their behalf and careers through real HTTP."""

from __future__ import annotations

import datetime as dt

import pytest

from athena_server.runner import RunningServer
from backend_client.niss import format_niss, make_niss
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error, snapshot


@pytest.mark.parametrize("niss", [d.EMILE, format_niss(d.EMILE)])
def test_search_by_niss_bare_or_formatted(login: Login, niss: str) -> None:
    found = login(d.MARIE).get("/v1/citizens", params={"niss": niss}).json()
    assert [c["niss"] for c in found] == [d.EMILE]


def test_search_by_niss_born_after_2000(login: Login) -> None:
    found = login(d.MARIE).get("/v1/citizens", params={"niss": d.ANNA}).json()
    assert [c["last_name"] for c in found] == ["Janssens"]


def test_bad_niss_is_422_naming_niss(login: Login) -> None:
    marie = login(d.MARIE)
    bad = d.EMILE[:-2] + f"{(int(d.EMILE[-2:]) + 1) % 100:02d}"
    answer = marie.get("/v1/citizens", params={"niss": bad})
    assert answer.status_code == 422
    assert error(answer)["field"] == "niss" and "check digits" in error(answer)["message"]
    assert marie.get(f"/v1/citizens/{bad}").status_code == 422


def test_search_by_name_ignores_accents_and_case(login: Login) -> None:
    marie = login(d.MARIE)
    found = marie.get("/v1/citizens", params={"last_name": "lefevre"}).json()
    assert [c["niss"] for c in found] == [d.EMILE]
    assert found[0]["last_name"] == "Lefèvre"
    with_first = marie.get("/v1/citizens", params={"last_name": "LEF", "first_name": "emi"})
    assert [c["niss"] for c in with_first.json()] == [d.EMILE]
    wrong_birth = marie.get(
        "/v1/citizens", params={"last_name": "Lefèvre", "birth_date": "1990-01-01"}
    )
    assert wrong_birth.json() == []
    right_birth = marie.get(
        "/v1/citizens", params={"last_name": "Lefèvre", "birth_date": "1985-07-30"}
    )
    assert len(right_birth.json()) == 1


def test_search_needs_niss_or_last_name(login: Login) -> None:
    answer = login(d.MARIE).get("/v1/citizens")
    assert answer.status_code == 422 and error(answer)["field"] == "last_name"


def test_citizen_and_all_files_newest_first(login: Login) -> None:
    marie = login(d.MARIE)
    assert marie.get(f"/v1/citizens/{d.MARC}").json()["first_name"] == "Marc"
    files = marie.get(f"/v1/citizens/{d.MARC}/files").json()
    assert [f["id"] for f in files] == [d.MARIE_C, d.NEW_PARTNER, d.CLOSED_FR]
    assert files[-1]["status"] == "closed"
    unknown = make_niss(dt.date(1990, 1, 1), 5)
    assert marie.get(f"/v1/citizens/{unknown}/files").status_code == 404


def test_new_file_on_behalf_of_a_citizen(login: Login) -> None:
    jan = login(d.JAN)  # member of nl-desk then fr-desk; Emile speaks French
    answer = jan.post(
        f"/v1/citizens/{d.EMILE}/files",
        json={
            "category": "Career correction",
            "career_year": 2009,
            "career_element": "Acme SA",
            "question": "My 2009 salary is missing.",
            "priority": "high",
        },
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
    anna = jan.post(f"/v1/citizens/{d.ANNA}/files", json={"category": "c", "question": "q"})
    assert anna.json()["summary"]["group_id"] == d.NL


def test_a_known_category_reads_in_the_citizens_language(login: Login) -> None:
    jan = login(d.JAN)
    for niss, expected in ((d.EMILE, "Données de carrière"), (d.ANNA, "Loopbaangegevens")):
        answer = jan.post(
            f"/v1/citizens/{niss}/files",
            json={"category": "career_data", "career_year": 2012, "question": "?"},
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["summary"]["subject"] == f"{expected} (2012)"
        assert answer.json()["category"] == "career_data"


def test_new_file_in_a_group_not_mine_is_refused(login: Login, server: RunningServer) -> None:
    marie = login(d.MARIE)
    before = snapshot(server.engine)
    answer = marie.post(
        f"/v1/citizens/{d.EMILE}/files",
        json={"category": "c", "question": "q", "group_id": d.NL},
    )
    assert answer.status_code == 403 and error(answer)["field"] == "group_id"
    assert snapshot(server.engine) == before


def test_career_agent_view_shows_everything(login: Login) -> None:
    career = login(d.MARIE).get(f"/v1/citizens/{d.EMILE}/career").json()
    assert career["view"] == "agent"
    kinds = [p["kind"] for p in career["periods"]]
    assert len(kinds) == 6
    assert {"sanction_inami", "sanction_late_declaration", "sanction_medical_absence"} <= set(kinds)
    notice = next(p for p in career["periods"] if p["kind"] == "notice_period")
    assert notice["future"] is True
    assert career["last_attestation"] == d.TODAY.isoformat()


def test_career_citizen_view_is_filtered_on_the_server(login: Login) -> None:
    answer = login(d.MARIE).get(f"/v1/citizens/{d.EMILE}/career", params={"view": "citizen"})
    career = answer.json()
    assert career["view"] == "citizen"
    assert [p["kind"] for p in career["periods"]] == ["employee", "unemployment"]
    # clipped nothing: the kept periods are whole
    assert career["periods"][0]["start"] == "2005-01-01"
    assert career["periods"][0]["end"] == "2010-12-31"
    assert career["last_attestation"] == "2011-03-01"


def test_career_bad_view_is_422(login: Login) -> None:
    answer = login(d.MARIE).get(f"/v1/citizens/{d.EMILE}/career", params={"view": "boss"})
    assert answer.status_code == 422 and error(answer)["field"] == "view"
