"""Outbox: persisted FIFO, replayed in order with the stored keys, exactly once."""

from __future__ import annotations

from pathlib import Path

import httpx

from athena_tui.outbox import ActionKind, ActionState, Outbox
from backend_client.client import AthenaClient
from tests.tui_services.factories import summary


class DedupServer:
    """A fake API that, like the real one, answers a repeated key with its first answer;
    ``down`` makes it refuse connections."""

    def __init__(self) -> None:
        self.down = False
        self.applied: list[tuple[str, int]] = []
        self.answers: dict[str, httpx.Response] = {}
        self.version = 1

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("refused", request=request)
        key = request.headers.get("Idempotency-Key", "")
        if key in self.answers:
            return self.answers[key]
        file_id = int(request.url.path.split("/")[3])
        if file_id == 99:
            answer = httpx.Response(
                409, json={"error": {"code": "file_closed", "message": "SR0000099 is closed"}}
            )
        else:
            self.applied.append((request.url.path.rsplit("/", 1)[1], file_id))
            self.version += 1
            body = summary(file_id, version=self.version).model_dump(mode="json")
            answer = httpx.Response(200, json=body)
        self.answers[key] = answer
        return answer


def _client(fake: DedupServer) -> AthenaClient:
    return AthenaClient("http://athena", transport=httpx.MockTransport(fake), retry_delays=())


def test_enqueue_is_persisted_in_order(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "o.db")
    outbox.enqueue(ActionKind.TAKE, 1, {"version": 1}, "k1")
    outbox.enqueue("priority", 2, {"version": 3, "priority": "high"}, "k2")
    outbox.enqueue(ActionKind.TAKE, 1, {"version": 1}, "k1")  # same key: once
    outbox.close()
    reopened = Outbox(tmp_path / "o.db")
    pending = reopened.pending()
    assert [(a.key, a.kind, a.file_id) for a in pending] == [
        ("k1", ActionKind.TAKE, 1),
        ("k2", ActionKind.PRIORITY, 2),
    ]
    assert pending[1].payload == {"version": 3, "priority": "high"}
    reopened.mark_done("k1")
    reopened.mark_failed("k2", "stale")
    assert reopened.pending() == []
    failed = reopened.failed()
    assert [(a.key, a.state, a.error) for a in failed] == [("k2", ActionState.FAILED, "stale")]


async def test_replay_sends_each_action_once_in_order(tmp_path: Path) -> None:
    fake = DedupServer()
    outbox = Outbox(tmp_path / "o.db")
    outbox.enqueue(ActionKind.TAKE, 1, {"version": 1}, "k1")
    outbox.enqueue(ActionKind.STATUS, 1, {"version": 2, "status": "waiting"}, "k2")
    outbox.enqueue(ActionKind.RELEASE, 99, {"version": 4}, "k3")
    outbox.enqueue(ActionKind.MOVE, 2, {"version": 1, "group_id": "nl-desk"}, "k4")
    async with _client(fake) as client:
        results = await outbox.replay(client)
        assert [r.action.key for r in results] == ["k1", "k2", "k3", "k4"]
        assert results[2].error is not None and "closed" in results[2].error.message
        assert results[0].summary is not None and results[0].summary.id == 1
        assert await outbox.replay(client) == []
    assert fake.applied == [("take", 1), ("status", 1), ("move", 2)]
    assert [a.key for a in outbox.failed()] == ["k3"]


async def test_crash_between_send_and_mark_done_changes_the_server_once(tmp_path: Path) -> None:
    fake = DedupServer()
    outbox = Outbox(tmp_path / "o.db")
    outbox.enqueue(ActionKind.TAKE, 1, {"version": 1}, "k1")
    async with _client(fake) as client:
        # The first replay reached the server but "crashed" before mark_done: simulate by
        # sending the stored action directly, leaving it pending.
        await client.take(1, 1, idempotency_key="k1")
        assert [a.key for a in outbox.pending()] == ["k1"]
        results = await outbox.replay(client)
    assert results[0].error is None
    assert fake.applied == [("take", 1)]
    assert outbox.pending() == []


async def test_replay_stops_while_the_server_is_down(tmp_path: Path) -> None:
    fake = DedupServer()
    fake.down = True
    outbox = Outbox(tmp_path / "o.db")
    outbox.enqueue(ActionKind.TAKE, 1, {"version": 1}, "k1")
    outbox.enqueue(
        ActionKind.REPLY,
        1,
        {"version": 2, "body": "Hi", "visible_to_citizen": True, "final": False},
        "k2",
    )
    async with _client(fake) as client:
        assert await outbox.replay(client) == []
        assert [a.key for a in outbox.pending()] == ["k1", "k2"]
        fake.down = False
        fake.answers["k2"] = httpx.Response(
            200,
            json={"summary": summary(1, version=3).model_dump(mode="json"), "messages": []},
        )
        results = await outbox.replay(client)
    assert [r.action.key for r in results] == ["k1", "k2"]
    assert results[1].summary is not None and results[1].summary.version == 3
    assert fake.applied == [("take", 1)]


def test_counts_tell_queued_and_refused_actions_apart(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.db")
    assert outbox.counts() == (0, 0)
    outbox.enqueue(ActionKind.TAKE, 1, {"version": 1}, "k1")
    outbox.enqueue(ActionKind.TAKE, 2, {"version": 1}, "k2")
    outbox.enqueue(ActionKind.TAKE, 3, {"version": 1}, "k3")
    outbox.mark_failed("k2", "taken by a colleague")
    outbox.mark_done("k3")
    assert outbox.counts() == (1, 1)
    outbox.close()


def test_purging_keeps_what_a_waiting_action_is_chained_to(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "o.db")
    outbox.enqueue(ActionKind.PRIORITY, 1, {"version": 1, "priority": "high"}, "k1")
    outbox.enqueue(ActionKind.STATUS, 1, {"version": 1, "status": "waiting"}, "k2")
    outbox.enqueue(ActionKind.TAKE, 2, {"version": 1}, "k3")
    outbox.mark_done("k1", 2)
    outbox.mark_done("k3", 2)
    outbox.purge_done()
    assert outbox.get("k1") is not None  # k2 still needs the version k1 produced
    assert outbox.get("k3") is None
    assert [a.key for a in outbox.pending()] == ["k2"]
