"""Several agents take the same file at the same moment: exactly one wins."""

from __future__ import annotations

import threading

import httpx

from athena_server.runner import RunningServer
from tests.server import dataset as d
from tests.server.conftest import Login

ROUNDS = 4


def test_concurrent_takes_have_exactly_one_winner(login: Login, server: RunningServer) -> None:
    # two sessions for each member of the French desk: six threads per round
    clients = [
        login(a, "contact_center" if a == d.SOPHIE else None)
        for a in (d.JAN, d.MARIE, d.SOPHIE) * 2
    ]
    version = 1
    winners: list[int] = []
    for _ in range(ROUNDS):
        barrier = threading.Barrier(len(clients))
        answers: list[httpx.Response | None] = [None] * len(clients)

        def attempt(
            n: int,
            client: httpx.Client,
            barrier: threading.Barrier = barrier,
            answers: list[httpx.Response | None] = answers,
            v: int = version,
        ) -> None:
            barrier.wait()
            answers[n] = client.post(f"/v1/files/{d.NEW_FR}/take", json={"version": v})

        threads = [threading.Thread(target=attempt, args=(n, c)) for n, c in enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        statuses = [a.status_code for a in answers if a is not None]
        assert len(statuses) == len(clients)
        assert statuses.count(200) == 1, statuses
        assert set(statuses) <= {200, 409}, statuses
        winner = next(a for a in answers if a is not None and a.status_code == 200)
        winner_client = clients[answers.index(winner)]
        winners.append(winner.json()["assignee"]["id"])
        # put it back for the next round
        released = winner_client.post(
            f"/v1/files/{d.NEW_FR}/release", json={"version": version + 1}
        )
        assert released.status_code == 200, released.text
        version += 2
    audit = clients[0].get(f"/v1/files/{d.NEW_FR}/audit").json()
    assert [a["action"] for a in audit] == ["take", "release"] * ROUNDS
    assert [a["agent"]["id"] for a in audit if a["action"] == "take"] == winners
