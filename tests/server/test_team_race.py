"""Two agents at once on the same files: one dispatches them, the other takes them.
Every file ends with exactly one assignee and its audit trail tells who won."""

from __future__ import annotations

import threading
from typing import Any

import httpx

from athena_server.runner import RunningServer
from tests.server import dataset as d
from tests.server.conftest import Login

FILES = 16
ROUNDS = 3
CHUNK = 4


def new_files(client: httpx.Client, count: int) -> list[int]:
    """Fresh open files of fr-desk, un-assigned (created by Sophie, then released)."""
    ids = []
    for n in range(count):
        file = {"category": "Race", "question": f"question {n}", "group_id": d.FR}
        purpose = {"file_id": d.NEW_FR}  # a file of Emile in fr-desk
        created = client.post(
            "/v1/citizens/new-file", json={"niss": d.EMILE, "purpose": purpose, "file": file}
        )
        assert created.status_code == 200, created.text
        summary = created.json()["summary"]
        released = client.post(
            f"/v1/files/{summary['id']}/release", json={"version": summary["version"]}
        )
        assert released.status_code == 200, released.text
        ids.append(summary["id"])
    return ids


def current(client: httpx.Client, file_id: int) -> dict[str, Any]:
    answer = client.get(f"/v1/files/{file_id}")
    assert answer.status_code == 200, answer.text
    summary: dict[str, Any] = answer.json()["summary"]
    return summary


def audit(client: httpx.Client, file_id: int) -> list[dict[str, Any]]:
    answer = client.get(f"/v1/files/{file_id}/audit")
    assert answer.status_code == 200, answer.text
    entries: list[dict[str, Any]] = answer.json()
    return entries


def race(
    sophie: httpx.Client, marie: httpx.Client, ids: list[int], seen: dict[int, dict[str, Any]]
) -> tuple[dict[int, dict[str, Any]], dict[int, int]]:
    """Sophie dispatches the files to Jan (a few per request, from the top) while Marie
    takes them one by one (from the bottom); both start together and send the versions
    they saw. Returns the dispatch item per file and Marie's status code per file."""
    barrier = threading.Barrier(2)
    dispatch_answers: list[httpx.Response] = []
    take_answers: dict[int, int] = {}

    def dispatch_all() -> None:
        barrier.wait()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            dispatch_answers.append(
                sophie.post(
                    "/v1/files/dispatch",
                    json={
                        "assignee_id": d.JAN,
                        "files": [{"id": i, "version": seen[i]["version"]} for i in chunk],
                        "confirm_reassign": True,
                    },
                )
            )

    def take_all() -> None:
        barrier.wait()
        for i in reversed(ids):
            answer = marie.post(f"/v1/files/{i}/take", json={"version": seen[i]["version"]})
            take_answers[i] = answer.status_code

    threads = [threading.Thread(target=dispatch_all), threading.Thread(target=take_all)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [a.status_code for a in dispatch_answers] == [200] * len(dispatch_answers)
    outcomes = {
        item["file_id"]: item for answer in dispatch_answers for item in answer.json()["items"]
    }
    assert set(outcomes) == set(ids) and set(take_answers) == set(ids)
    return outcomes, take_answers


def test_dispatch_and_take_race_leaves_one_assignee_and_a_true_audit(
    login: Login, server: RunningServer
) -> None:
    sophie = login(d.SOPHIE, "contact_center")
    marie = login(d.MARIE)
    ids = new_files(sophie, FILES)
    wins = {"dispatch": 0, "take": 0}
    for _ in range(ROUNDS):
        seen = {i: current(sophie, i) for i in ids}
        assert all(s["assignee"] is None for s in seen.values())
        audit_before = {i: len(audit(sophie, i)) for i in ids}
        outcomes, take_answers = race(sophie, marie, ids, seen)

        for i in ids:
            dispatched = outcomes[i]["outcome"] == "done"
            taken = take_answers[i] == 200
            # exactly one of the two writes won; the loser was told so
            assert dispatched != taken, (i, outcomes[i], take_answers[i])
            wins["dispatch" if dispatched else "take"] += 1
            if dispatched:
                assert take_answers[i] == 409
                winner, action, by = d.JAN, "dispatch", d.SOPHIE
            else:
                assert outcomes[i]["outcome"] == "conflict", outcomes[i]
                winner, action, by = d.MARIE, "take", d.MARIE
            final = current(sophie, i)
            assert final["assignee"]["id"] == winner
            assert final["version"] == seen[i]["version"] + 1
            # the trail: one new entry, by the winner's agent, from the version both saw
            entries = audit(sophie, i)
            assert len(entries) == audit_before[i] + 1
            last = entries[-1]
            assert last["action"] == action and last["agent"]["id"] == by
            assert last["before"]["assignee_id"] is None
            assert last["before"]["version"] == seen[i]["version"]
            assert last["after"]["assignee_id"] == winner
            assert last["after"]["version"] == final["version"]

        # hand every file back for the next round (Sophie, as a member of the group)
        for i in ids:
            summary = current(sophie, i)
            answer = sophie.post(f"/v1/files/{i}/release", json={"version": summary["version"]})
            assert answer.status_code == 200, answer.text

    # both agents won files: the two really ran into each other
    assert wins["dispatch"] > 0 and wins["take"] > 0, wins
    # across all rounds the versions chain without a gap: no write went unaudited
    for i in ids:
        # (the creation entry has no "before"; every later one names both versions)
        changes = [e for e in audit(sophie, i) if e["before"] is not None]
        assert len(changes) == 1 + ROUNDS * 2  # setup release, then win + release each round
        for before, after in zip(changes, changes[1:], strict=False):
            assert after["before"]["version"] == before["after"]["version"]
