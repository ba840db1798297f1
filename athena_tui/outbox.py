"""Actions made while the server was unreachable, persisted and replayed exactly once."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from athena_tui.commands import ActionKind as ActionKind
from athena_tui.commands import Command, execute, from_record, kind_of, on_version, to_payload
from athena_tui.localdb import LocalDb
from backend_client.errors import ApiError, RateLimited, Unavailable
from backend_client.models import FileSummary

if TYPE_CHECKING:
    from backend_client.client import AthenaClient


KEEP_DONE = dt.timedelta(days=7)
"""How long a sent action is kept in the store (a record for support questions)."""

CHAIN_REFUSED = "chain_refused"
"""Error code of an action not sent because the earlier queued action on its file was
refused: it was meant for the file as that action would have left it."""


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
    after: str | None = None
    """Key of the earlier queued action on the same file this one was made on top of:
    it is replayed against the version that one produced."""
    code: str | None = None
    """The refusal's error code (``stale_version``, ``file_closed``…) when failed."""
    details: dict[str, Any] | None = None
    """The refusal's details (who changed the file, when, doing what) when failed."""

    @property
    def command(self) -> Command:
        """The typed command this row stores."""
        return from_record(self.kind, self.file_id, self.payload)


@dataclass(frozen=True)
class ReplayResult:
    """What the server said to one replayed action."""

    action: OutboxAction
    summary: FileSummary | None = None
    """The file's new summary (from the answer) when the action succeeded."""
    error: ApiError | None = None
    code: str | None = None
    """The refusal's code when ``error`` is set."""


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
        columns = {row[1] for row in self._db.connection().execute("PRAGMA table_info(outbox)")}
        # Added by issue 12; a store made before keeps its queued actions.
        for name, kind in (
            ("after", "TEXT"),
            ("code", "TEXT"),
            ("details", "TEXT"),
            ("result_version", "INTEGER"),
        ):
            if name not in columns:
                self._db.connection().execute(f"ALTER TABLE outbox ADD COLUMN {name} {kind}")
        # the lists mark files with a pending action (replica.read_rows) on every page
        self._db.connection().execute(
            "CREATE INDEX IF NOT EXISTS outbox_file_state ON outbox (file_id, state)"
        )
        self._replaying = asyncio.Lock()

    def enqueue(
        self, kind: ActionKind | str, file_id: int, payload: dict[str, Any], idempotency_key: str
    ) -> OutboxAction:
        """Store an action to send later (enqueueing the same key twice is a no-op).
        A versioned action on a file that already has one waiting is chained to it: the
        agent made it on top of the earlier one (still unsent)."""
        kind = ActionKind(kind)
        now = dt.datetime.now(dt.UTC)
        with self._db.transaction() as conn:
            after = None
            if kind.versioned:
                row = conn.execute(
                    "SELECT key FROM outbox WHERE file_id = ? AND state = 'pending'"
                    " AND kind != 'mark_read' AND key != ? ORDER BY seq DESC LIMIT 1",
                    (file_id, idempotency_key),
                ).fetchone()
                after = None if row is None else str(row[0])
            conn.execute(
                "INSERT OR IGNORE INTO outbox"
                " (key, kind, file_id, payload, state, created_at, after)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    idempotency_key,
                    kind.value,
                    file_id,
                    json.dumps(payload),
                    "pending",
                    now.isoformat(),
                    after,
                ),
            )
        action = self.get(idempotency_key)
        assert action is not None
        return action

    def enqueue_command(self, command: Command, idempotency_key: str) -> OutboxAction:
        """Store a typed command to send later (see ``enqueue``)."""
        return self.enqueue(kind_of(command), command.file_id, to_payload(command), idempotency_key)

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

    def waiting(self) -> list[OutboxAction]:
        """Pending and refused actions, oldest first (what the outbox screen lists)."""
        return self._select("WHERE state != 'done' ORDER BY seq", ())

    def pending_for(self, file_id: int) -> list[OutboxAction]:
        """Actions on one file still to send, oldest first."""
        return self._select("WHERE state = 'pending' AND file_id = ? ORDER BY seq", (file_id,))

    def mark_done(self, key: str, version: int | None = None) -> None:
        """The server applied the action; ``version`` is the file's version after it."""
        self._db.connection().execute(
            "UPDATE outbox SET state = 'done', result_version = ? WHERE key = ?", (version, key)
        )

    def mark_failed(
        self,
        key: str,
        error: str,
        code: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        self._db.connection().execute(
            "UPDATE outbox SET state = 'failed', error = ?, code = ?, details = ? WHERE key = ?",
            (error, code, json.dumps(details) if details else None, key),
        )

    def discard(self, key: str) -> None:
        """Forget an action (a failed one the agent has seen, or one the agent cancels).
        Actions chained to it are no longer chained: they keep the version they saw."""
        with self._db.transaction() as conn:
            conn.execute("UPDATE outbox SET after = NULL WHERE after = ?", (key,))
            conn.execute("DELETE FROM outbox WHERE key = ?", (key,))

    def retry(self, key: str, new_key: str, version: int | None) -> OutboxAction | None:
        """Queue a refused action again, at the end, with a new idempotency key (the
        server keeps its refusal under the old one) and, for a versioned action, the
        file's version as the agent now sees it. None when ``key`` is unknown."""
        old = self.get(key)
        if old is None:
            return None
        command = old.command if version is None else on_version(old.command, version)
        payload = to_payload(command)
        with self._db.transaction() as conn:
            conn.execute("UPDATE outbox SET after = ? WHERE after = ?", (new_key, key))
            conn.execute("DELETE FROM outbox WHERE key = ?", (key,))
            conn.execute(
                "INSERT INTO outbox (key, kind, file_id, payload, state, created_at)"
                " VALUES (?, ?, ?, ?, 'pending', ?)",
                (
                    new_key,
                    old.kind.value,
                    old.file_id,
                    json.dumps(payload),
                    old.created_at.isoformat(),
                ),
            )
        return self.get(new_key)

    def _outcome(self, key: str) -> tuple[ActionState, int | None] | None:
        row = (
            self._db.connection()
            .execute("SELECT state, result_version FROM outbox WHERE key = ?", (key,))
            .fetchone()
        )
        return None if row is None else (ActionState(row[0]), row[1])

    def purge_done(self, older_than: dt.timedelta = dt.timedelta(0)) -> None:
        """Forget sent actions queued more than ``older_than`` ago, except those a
        waiting action is chained to (its version comes from their answer)."""
        cutoff = (dt.datetime.now(dt.UTC) - older_than).isoformat()
        self._db.connection().execute(
            "DELETE FROM outbox WHERE state = 'done' AND created_at <= ?"
            " AND key NOT IN (SELECT after FROM outbox WHERE after IS NOT NULL"
            " AND state = 'pending')",
            (cutoff,),
        )

    def close(self) -> None:
        self._db.close()

    async def replay(self, client: AthenaClient) -> list[ReplayResult]:
        """Send the pending actions in order. Stops at the first ``Unavailable`` (the
        rest stay pending); an action the server refuses is marked failed and the next
        one is sent. A chained action is sent against the version its predecessor
        produced, and is refused without asking when that one was refused. Concurrent
        calls run one after the other."""
        results: list[ReplayResult] = []
        async with self._replaying:
            for action in await asyncio.to_thread(self.pending):
                command = action.command
                if action.after is not None:
                    before = await asyncio.to_thread(self._outcome, action.after)
                    if before is not None and before[0] is ActionState.FAILED:
                        error = ApiError(
                            "not sent: the earlier action on this file was refused",
                            status=409,
                        )
                        await asyncio.to_thread(
                            self.mark_failed, action.key, error.message, CHAIN_REFUSED
                        )
                        results.append(ReplayResult(action, error=error, code=CHAIN_REFUSED))
                        continue
                    if before is not None and before[1] is not None:
                        command = on_version(command, before[1])
                try:
                    summary = await execute(client, command, action.key)
                except (Unavailable, RateLimited):
                    break  # not a refusal: the server is away or busy; sent next time
                except ApiError as exc:
                    code = error_code(exc)
                    await asyncio.to_thread(
                        self.mark_failed, action.key, exc.message, code, exc.details
                    )
                    results.append(ReplayResult(action, error=exc, code=code))
                    continue
                produced = None if summary is None else summary.version
                await asyncio.to_thread(self.mark_done, action.key, produced)
                results.append(ReplayResult(action, summary=summary))
            if results:
                await asyncio.to_thread(self.purge_done, KEEP_DONE)
        return results

    def _select(self, where: str, params: tuple[Any, ...]) -> list[OutboxAction]:
        rows = self._db.connection().execute(
            "SELECT key, kind, file_id, payload, state, error, created_at, after, code, details"
            " FROM outbox " + where,
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
                after=after,
                code=code,
                details=json.loads(details) if details else None,
            )
            for key, kind, file_id, payload, state, error, created_at, after, code, details in rows
        ]


def error_code(error: ApiError) -> str:
    """The most precise code of a refusal: the server's own, else the error class's."""
    return error.server_code or error.code


async def send(
    client: AthenaClient, kind: ActionKind, file_id: int, payload: dict[str, Any], key: str
) -> FileSummary | None:
    """Send one stored action with its key (its typed command, see ``commands``)."""
    return await execute(client, from_record(kind, file_id, payload), key)
