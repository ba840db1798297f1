"""App-wide messages: sync status and progress, changed files, expired session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.message import Message


@dataclass
class SyncStatusChanged(Message):
    """The connection state changed (live / reconnecting / offline)."""

    status: str
    last_sync: dt.datetime | None


@dataclass
class SyncProgress(Message):
    """Progress of the first fill of the replica."""

    done: int
    total: int | None


@dataclass
class FilesChanged(Message):
    """Files in the replica changed (through sync or an action of mine)."""

    ids: list[int]


@dataclass
class SessionExpired(Message):
    """The server no longer accepts the session token."""

    reason: str


@dataclass
class OutboxReplayed(Message):
    """Queued actions were sent on reconnection; ``results`` holds what the server said
    to each (``athena_tui.outbox.ReplayResult``), refusals included."""

    results: list[object]
