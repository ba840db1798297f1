"""Keeps the replica in step with the server: first fill, then a long-poll on /v1/sync."""

from __future__ import annotations

import asyncio
import datetime as dt
import random
from collections.abc import Awaitable, Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from athena_tui.outbox import ReplayResult
from athena_tui.replica import Replica
from backend_client.errors import Unauthorized, Unavailable, ValidationFailed
from backend_client.models import SyncPage

if TYPE_CHECKING:
    from backend_client.client import AthenaClient


class SyncStatus(StrEnum):
    """Connection state shown in the status line."""

    LIVE = "live"
    RECONNECTING = "reconnecting"
    OFFLINE = "offline"
    EXPIRED = "expired"
    """The session is no longer accepted (401): the engine stops; log in again."""


BACKOFF: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)
JITTER = 0.25
"""Each wait is the backoff step times a random factor in [1 - JITTER, 1 + JITTER]: a
hundred clients cut off together do not all knock again in the same instant."""
OFFLINE_AFTER = 3
"""Failed attempts in a row after which the state is OFFLINE rather than RECONNECTING."""


def _ignore_status(_status: SyncStatus) -> None:
    return None


def _ignore_progress(_done: int, _total: int | None) -> None:
    return None


def _ignore_change(_ids: list[int]) -> None:
    return None


def _ignore_synced(_at: dt.datetime) -> None:
    return None


def _ignore_replayed(_results: Sequence[ReplayResult]) -> None:
    return None


class SyncEngine:
    """Fills the replica (reporting progress), then long-polls for changes.

    Callbacks run on the event loop; replica writes run in a thread
    (``asyncio.to_thread``) so the UI never waits on SQLite. On reconnect after a
    failure (and once at start), ``replay`` is awaited first, so queued actions reach
    the server before the agent sees "live" again.
    """

    def __init__(
        self,
        client: AthenaClient,
        replica: Replica,
        on_status: Callable[[SyncStatus], object] = _ignore_status,
        on_progress: Callable[[int, int | None], object] = _ignore_progress,
        on_change: Callable[[list[int]], object] = _ignore_change,
        *,
        replay: Callable[[], Awaitable[Sequence[ReplayResult]]] | None = None,
        wait: float = 25.0,
        page_size: int = 1000,
        backoff: tuple[float, ...] = BACKOFF,
        jitter: float = JITTER,
        rng: random.Random | None = None,
    ) -> None:
        self.client = client
        self.replica = replica
        self.on_status = on_status
        self.on_progress = on_progress
        self.on_change = on_change
        self.replay = replay
        self.wait = wait
        self.page_size = page_size
        self.backoff = backoff
        self.jitter = jitter
        self._rng = rng or random.Random()
        self.on_replayed: Callable[[Sequence[ReplayResult]], object] = _ignore_replayed
        """Called with what the server said to each replayed action (refusals included:
        the app shows them; they are never dropped silently)."""
        self.on_synced: Callable[[dt.datetime], object] = _ignore_synced
        """Called after every successful exchange with the server (the status line's
        "last sync" time), including empty long-poll answers."""
        self.status: SyncStatus | None = None
        self.last_sync: dt.datetime | None = replica.last_sync_at()
        self._stop = asyncio.Event()
        self._poll: asyncio.Task[SyncPage] | None = None

    @property
    def last_sync_at(self) -> dt.datetime | None:
        """When the replica last heard from the server."""
        return self.last_sync

    @property
    def live(self) -> bool:
        return self.status is SyncStatus.LIVE

    def _set_status(self, status: SyncStatus) -> None:
        if status != self.status:
            self.status = status
            self.on_status(status)

    def stop(self) -> None:
        """Ask ``run`` to return; an in-flight long-poll is cancelled."""
        self._stop.set()
        if self._poll is not None:
            self._poll.cancel()

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stop.wait(), seconds)
        except TimeoutError:
            pass

    def retry_delay(self, failures: int) -> float:
        """Seconds to wait after ``failures`` failed attempts in a row: the backoff step
        (the last one once past the end), jittered."""
        step = self.backoff[min(failures, len(self.backoff)) - 1]
        return step * (1 - self.jitter + 2 * self.jitter * self._rng.random())

    async def _failed(self, failures: int) -> None:
        self._set_status(
            SyncStatus.OFFLINE if failures >= OFFLINE_AFTER else SyncStatus.RECONNECTING
        )
        await self._sleep(self.retry_delay(failures))

    async def run(self) -> None:
        """Sync until ``stop()`` (or the session expired)."""
        self._stop.clear()
        failures = 0
        filled = 0
        live = False
        while not self._stop.is_set():
            cursor = await asyncio.to_thread(self.replica.cursor)
            filling = cursor == "0" or (filled > 0 and not live)
            # Until live, ask without waiting: the fill and the catch-up after a lost
            # connection must not sit in a long-poll.
            wait = self.wait if live else 0
            self._poll = asyncio.create_task(
                self.client.sync(cursor, wait=wait, limit=self.page_size)
            )
            try:
                page = await self._poll
            except asyncio.CancelledError:
                if self._stop.is_set():
                    return
                raise
            except Unavailable:
                failures += 1
                live = False
                await self._failed(failures)
                continue
            except Unauthorized:
                self._set_status(SyncStatus.EXPIRED)
                return
            except ValidationFailed as exc:
                if exc.field != "cursor":
                    raise
                # The server no longer knows our cursor (its database was replaced):
                # start again from scratch.
                await asyncio.to_thread(self.replica.reset)
                filled = 0
                continue
            finally:
                self._poll = None
            now = dt.datetime.now(dt.UTC)
            changed = await asyncio.to_thread(self.replica.apply, page, now=now)
            self.last_sync = now
            self.on_synced(now)
            if filling:
                filled += len(page.files)
                self.on_progress(filled, page.total)
            if changed:
                self.on_change(changed)
            if page.more:
                continue
            if not live:
                # Reconnected (or first contact): send what waited in the outbox first.
                if self.replay is not None:
                    try:
                        results = await self.replay()
                    except Unavailable:
                        failures += 1
                        await self._failed(failures)
                        continue
                    if results:
                        self.on_replayed(results)
                failures = 0
                live = True
                filled = 0
                self._set_status(SyncStatus.LIVE)
