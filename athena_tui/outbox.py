"""Actions made while the server was unreachable, persisted and replayed exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from athena_tui.localdb import LocalDb
from backend_client.errors import ApiError, Unavailable
from backend_client.models import ContactFile, FileSummary, Priority, Status

if TYPE_CHECKING:
    from backend_client.client import AthenaClient


class ActionKind(StrEnum):
    """Actions that may wait in the outbox (the ones whose outcome the agent can live
    with later: no attachments to re-read, no multi-file decisions)."""

    TAKE = "take"
    RELEASE = "release"
    MOVE = "move"
    PRIORITY = "priority"
    STATUS = "status"
    REPLY = "reply"
    MARK_READ = "mark_read"


class ActionState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class OutboxAction:
    """One queued action, with the idempotency key it was first created with."""

    key: str
    kind: ActionKind
    file_id: int
    payload: dict[str, Any]
    state: ActionState
    error: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class ReplayResult:
    """What the server said to one replayed action."""

    action: OutboxAction
    summary: FileSummary | None = None
    """The file's new summary (from the answer) when the action succeeded."""
    error: ApiError | None = None


class Outbox:
    """Persisted FIFO of actions; ``replay`` sends each pending one with its stored
    idempotency key, so a replay after a crash between send and ``mark_done`` is
    answered by the server's first answer and changes nothing twice."""

    def __init__(self, path: Path) -> None:
        self._db = LocalDb(path)
        self._db.connection().execute(
            """CREATE TABLE IF NOT EXISTS outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, file_id INTEGER NOT NULL,
                payload TEXT NOT NULL, state TEXT NOT NULL, error TEXT,
                created_at TEXT NOT NULL
            )"""
        )
        self._replaying = asyncio.Lock()

    def enqueue(
        self, kind: ActionKind | str, file_id: int, payload: dict[str, Any], idempotency_key: str
    ) -> OutboxAction:
        """Store an action to send later (enqueueing the same key twice is a no-op)."""
        kind = ActionKind(kind)
        now = dt.datetime.now(dt.UTC)
        self._db.connection().execute(
            "INSERT OR IGNORE INTO outbox (key, kind, file_id, payload, state, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (idempotency_key, kind.value, file_id, json.dumps(payload), "pending", now.isoformat()),
        )
        action = self.get(idempotency_key)
        assert action is not None
        return action

    def get(self, key: str) -> OutboxAction | None:
        rows = self._select("WHERE key = ?", (key,))
        return rows[0] if rows else None

    def pending(self) -> list[OutboxAction]:
        """Actions still to send, oldest first."""
        return self._select("WHERE state = 'pending' ORDER BY seq", ())

    def failed(self) -> list[OutboxAction]:
        """Actions the server refused on replay (the UI shows them with the reason)."""
        return self._select("WHERE state = 'failed' ORDER BY seq", ())

    def counts(self) -> tuple[int, int]:
        """How many actions wait to be sent, and how many the server refused."""
        row = (
            self._db.connection()
            .execute(
                "SELECT COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'failed'), 0)"
                " FROM outbox"
            )
            .fetchone()
        )
        return int(row[0]), int(row[1])

    def mark_done(self, key: str) -> None:
        self._db.connection().execute("UPDATE outbox SET state = 'done' WHERE key = ?", (key,))

    def mark_failed(self, key: str, error: str) -> None:
        self._db.connection().execute(
            "UPDATE outbox SET state = 'failed', error = ? WHERE key = ?", (error, key)
        )

    def discard(self, key: str) -> None:
        """Forget an action (a failed one the agent has seen)."""
        self._db.connection().execute("DELETE FROM outbox WHERE key = ?", (key,))

    def purge_done(self) -> None:
        self._db.connection().execute("DELETE FROM outbox WHERE state = 'done'")

    def close(self) -> None:
        self._db.close()

    async def replay(self, client: AthenaClient) -> list[ReplayResult]:
        """Send the pending actions in order. Stops at the first ``Unavailable`` (the
        rest stay pending); an action the server refuses is marked failed and the next
        one is sent. Concurrent calls run one after the other."""
        results: list[ReplayResult] = []
        async with self._replaying:
            for action in await asyncio.to_thread(self.pending):
                try:
                    summary = await send(
                        client, action.kind, action.file_id, action.payload, action.key
                    )
                except Unavailable:
                    break
                except ApiError as exc:
                    await asyncio.to_thread(self.mark_failed, action.key, exc.message)
                    results.append(ReplayResult(action, error=exc))
                    continue
                await asyncio.to_thread(self.mark_done, action.key)
                results.append(ReplayResult(action, summary=summary))
        return results

    def _select(self, where: str, params: tuple[Any, ...]) -> list[OutboxAction]:
        rows = self._db.connection().execute(
            "SELECT key, kind, file_id, payload, state, error, created_at FROM outbox " + where,
            params,
        )
        return [
            OutboxAction(
                key=key,
                kind=ActionKind(kind),
                file_id=file_id,
                payload=json.loads(payload),
                state=ActionState(state),
                error=error,
                created_at=dt.datetime.fromisoformat(created_at),
            )
            for key, kind, file_id, payload, state, error, created_at in rows
        ]


async def send(
    client: AthenaClient, kind: ActionKind, file_id: int, p: dict[str, Any], key: str
) -> FileSummary | None:
    """Send one action with its key; the file's new summary when the answer has one."""
    answer: FileSummary | ContactFile | None
    match kind:
        case ActionKind.TAKE:
            answer = await client.take(file_id, p["version"], idempotency_key=key)
        case ActionKind.RELEASE:
            answer = await client.release(file_id, p["version"], idempotency_key=key)
        case ActionKind.MOVE:
            answer = await client.move(file_id, p["version"], p["group_id"], idempotency_key=key)
        case ActionKind.PRIORITY:
            answer = await client.set_priority(
                file_id, p["version"], Priority(p["priority"]), idempotency_key=key
            )
        case ActionKind.STATUS:
            answer = await client.set_status(
                file_id, p["version"], Status(p["status"]), idempotency_key=key
            )
        case ActionKind.REPLY:
            answer = await client.reply(
                file_id,
                p["version"],
                p["body"],
                visible_to_citizen=p["visible_to_citizen"],
                final=p["final"],
                idempotency_key=key,
            )
        case ActionKind.MARK_READ:
            await client.mark_read(file_id, idempotency_key=key)
            answer = None
    if isinstance(answer, ContactFile):
        return answer.summary
    return answer
