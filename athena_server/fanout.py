"""Fan-out of the change feed to waiting long-polls: one read per batch of commits, each
waiting agent's page cut from it in memory (no query per agent)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from starlette.concurrency import run_in_threadpool

from athena_server.db import as_utc_opt
from athena_server.journal import current_seq
from athena_server.notifier import Notifier
from athena_server.pg_listen import ChangeListener
from athena_server.schema import changes, contact_files, read_marks
from athena_server.summaries import summary_select, to_summary
from athena_server.sync import Cursor, in_scope, sync_page
from backend_client.models import FileSummary, SyncPage

log = logging.getLogger("athena_server.fanout")

NOBODY = -1
"""A viewer id no agent has: summaries read for everyone carry no read mark."""
CHUNK = 500  # ids per IN (…): SQLite's bound-parameter cap stays far away


@dataclass(frozen=True)
class Change:
    """One change-feed row: every scope the change touched."""

    seq: int
    file_id: int
    old_group_id: str | None
    new_group_id: str | None
    old_assignee_id: int | None
    new_assignee_id: int | None
    closed_by: int | None

    def touches(self, agent_id: int, groups: frozenset[str]) -> bool:
        """The same test as the delta query's (``sync._delta_page``)."""
        return (
            self.old_group_id in groups
            or self.new_group_id in groups
            or self.old_assignee_id == agent_id
            or self.new_assignee_id == agent_id
            or self.closed_by == agent_id
        )


@dataclass(frozen=True)
class Latest:
    """A file's summary as read after its newest change in the window (no viewer's
    read mark: ``unread`` is set per viewer from ``news_at``)."""

    summary: FileSummary
    news_at: dt.datetime | None
    seq: int


@dataclass(eq=False)
class Waiter:
    """One waiting long-poll; ``seq`` moves forward while nothing in its scope changes."""

    agent_id: int
    groups: frozenset[str]
    seq: int
    limit: int
    answer: asyncio.Future[SyncPage] = field(repr=False)


@dataclass
class _Cut:
    waiter: Waiter
    ids: list[int]
    seq: int
    more: bool


class ChangeHub:
    """Holds a window of the newest changes and the current summaries of the files they
    touched; after a commit (coalesced over ``coalesce`` seconds) or every
    ``poll_interval`` (other processes' commits) it reads what is new once and answers
    every waiting long-poll whose scope it touches. A waiter behind the window gets a
    delta page from the store, as a request without the hub would."""

    def __init__(
        self,
        engine: sa.Engine,
        notifier: Notifier,
        *,
        poll_interval: float,
        coalesce: float = 0.05,
        window: int = 20_000,
    ) -> None:
        self.engine = engine
        self.notifier = notifier
        self.poll_interval = poll_interval
        self.coalesce = coalesce
        self.window = window
        self.loop: asyncio.AbstractEventLoop | None = None
        self.top = 0
        self.floor = 0
        self.ring: list[Change] = []
        self.seqs: list[int] = []
        self.latest: dict[int, Latest] = {}
        self.waiters: set[Waiter] = set()
        self.reads = 0  # batches read from the store (tests and figures)
        self._kick: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._starting: asyncio.Future[None] | None = None
        self.listener: ChangeListener | None = None
        self.stale = False  # commits were announced while nobody waited: not read yet
        notifier.add_listener(self._on_commit)

    # ------------------------------------------------------------------ requests

    def usable(self) -> bool:
        """False when the hub runs on another, still running event loop than the caller."""
        loop = asyncio.get_running_loop()
        if self.loop is None or self.loop is loop:
            return True
        return self.loop.is_closed() or not self.loop.is_running()

    async def wait(
        self, agent_id: int, groups: frozenset[str], cursor: Cursor, limit: int, timeout: float
    ) -> SyncPage:
        """The next page of my scope after ``cursor`` (a delta cursor), or an empty page
        with the furthest cursor nothing of mine lies behind after ``timeout`` seconds."""
        await self._start()
        loop = asyncio.get_running_loop()
        waiter = Waiter(agent_id, groups, cursor.seq, limit, loop.create_future())
        self.waiters.add(waiter)
        self.notifier.park()
        if waiter.seq != self.top or self.stale:
            self._kick_now()
        try:
            return await asyncio.wait_for(asyncio.shield(waiter.answer), timeout)
        except TimeoutError:
            return SyncPage(files=[], cursor=Cursor(full=False, seq=waiter.seq).encode())
        finally:
            self.waiters.discard(waiter)
            self.notifier.unpark()

    # ------------------------------------------------------------------ the loop

    def _on_commit(self) -> None:
        """Called by writer threads after a commit (and by ``Notifier.close``)."""
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        try:
            loop.call_soon_threadsafe(self._kick_now)
        except RuntimeError:  # the loop closed meanwhile: the server is stopping
            pass

    def _kick_now(self) -> None:
        if self._kick is not None:
            self._kick.set()

    async def _start(self) -> None:
        loop = asyncio.get_running_loop()
        if self.loop is loop and self._task is not None and not self._task.done():
            return
        if self.loop is loop and self._starting is not None:
            await asyncio.shield(self._starting)
            return
        self.loop = loop
        starting = self._starting = loop.create_future()
        try:
            self._kick = asyncio.Event()
            self.ring, self.seqs, self.latest = [], [], {}
            self.top = self.floor = await run_in_threadpool(self._current)
            self._task = loop.create_task(self._run(), name="athena-change-hub")
            if self.engine.dialect.name == "postgresql" and self.listener is None:
                # other processes' commits wake this hub at once, not at the next poll
                self.listener = ChangeListener(self.engine, self._on_commit)
                self.listener.start()
            starting.set_result(None)
        except BaseException as exc:
            starting.set_exception(exc)
            raise
        finally:
            self._starting = None

    def _current(self) -> int:
        with self.engine.connect() as conn:
            return current_seq(conn)

    async def _run(self) -> None:
        assert self._kick is not None
        while True:
            kicked = True
            try:
                await asyncio.wait_for(self._kick.wait(), self.poll_interval)
            except TimeoutError:
                kicked = False
            if self.notifier.closed:
                self._answer_all_empty()
                if self.listener is not None:
                    self.listener.stop()
                    self.listener = None
                return
            if kicked:
                # several commits in a short while are read and announced once
                await asyncio.sleep(self.coalesce)
            self._kick.clear()
            if not self.waiters:
                # nobody to answer: read later, when a long-poll arrives
                self.stale = self.stale or kicked
                continue
            self.stale = False
            try:
                await self._tick()
            except Exception:  # the hub must outlive a failed read; the waiters retry
                log.exception("change hub: reading the change feed failed")

    def _answer_all_empty(self) -> None:
        for w in list(self.waiters):
            if not w.answer.done():
                w.answer.set_result(SyncPage(files=[], cursor=Cursor(False, w.seq).encode()))

    async def _tick(self) -> None:
        fresh, summaries, overflow = await run_in_threadpool(self._read, self.top)
        self._absorb(fresh, summaries, overflow)
        self.reads += 1
        cuts: list[_Cut] = []
        behind: list[Waiter] = []
        for w in list(self.waiters):
            if w.answer.done():
                continue
            if w.seq < self.floor:
                behind.append(w)
                continue
            cut = self._cut(w)
            if cut is None:
                w.seq = max(w.seq, self.top)
            else:
                cuts.append(cut)
        if cuts:
            agents = {c.waiter.agent_id for c in cuts}
            files = {i for c in cuts for i in c.ids}
            marks = await run_in_threadpool(self._marks, agents, files)
            for cut in cuts:
                if not cut.waiter.answer.done():
                    cut.waiter.answer.set_result(self._page(cut, marks))
        for w in behind:
            await self._catch_up(w)

    # ------------------------------------------------------------------ the window

    def _read(self, top: int) -> tuple[list[Change], dict[int, Latest], bool]:
        """Changes after ``top`` and the current summaries of their files, in one read."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(changes).where(changes.c.seq > top).order_by(changes.c.seq)
            ).all()
            fresh = [
                Change(
                    r.seq,
                    r.file_id,
                    r.old_group_id,
                    r.new_group_id,
                    r.old_assignee_id,
                    r.new_assignee_id,
                    r.closed_by,
                )
                for r in rows[-self.window :]
            ]
            newest = {c.file_id: c.seq for c in fresh}
            found: dict[int, Latest] = {}
            for part in _chunks(sorted(newest)):
                for row in conn.execute(summary_select(NOBODY).where(contact_files.c.id.in_(part))):
                    s = to_summary(row)
                    found[s.id] = Latest(s, as_utc_opt(row.news_at), newest[s.id])
        # more news than the window holds: older cursors read the store instead
        return fresh, found, len(rows) > len(fresh)

    def _absorb(self, fresh: list[Change], summaries: dict[int, Latest], overflow: bool) -> None:
        if overflow:
            self.ring, self.seqs, self.latest = [], [], {}
            self.floor = fresh[0].seq - 1
        self.ring.extend(fresh)
        self.seqs.extend(c.seq for c in fresh)
        self.latest.update(summaries)
        if fresh:
            self.top = fresh[-1].seq
        if len(self.ring) > self.window:
            drop = len(self.ring) - self.window
            self.floor = self.ring[drop - 1].seq
            del self.ring[:drop], self.seqs[:drop]
            self.latest = {k: v for k, v in self.latest.items() if v.seq > self.floor}

    def _cut(self, w: Waiter) -> _Cut | None:
        """The waiter's changes after its cursor, at most ``limit`` (like the query)."""
        start = bisect_right(self.seqs, w.seq)
        touched: list[Change] = []
        for change in self.ring[start:]:
            if change.touches(w.agent_id, w.groups):
                touched.append(change)
                if len(touched) == w.limit:
                    break
        if not touched:
            return None
        more = len(touched) == w.limit
        seq = touched[-1].seq if more else self.top
        return _Cut(w, sorted({c.file_id for c in touched}), seq, more)

    def _page(self, cut: _Cut, marks: dict[tuple[int, int], dt.datetime]) -> SyncPage:
        w = cut.waiter
        files: list[FileSummary] = []
        removed: list[int] = []
        for file_id in cut.ids:
            latest = self.latest.get(file_id)
            if latest is None:  # deleted meanwhile: gone from every scope
                removed.append(file_id)
                continue
            s = latest.summary
            if not in_scope(s, w.agent_id, w.groups):
                removed.append(file_id)
                continue
            read_at = marks.get((w.agent_id, file_id))
            news = latest.news_at
            unread = news is not None and (read_at is None or read_at < news)
            files.append(s if s.unread == unread else s.model_copy(update={"unread": unread}))
        return SyncPage(
            files=files,
            removed=removed,
            cursor=Cursor(full=False, seq=cut.seq).encode(),
            more=cut.more,
        )

    def _marks(self, agents: set[int], files: set[int]) -> dict[tuple[int, int], dt.datetime]:
        """The read marks of the answered viewers on the files of their pages: one read."""
        out: dict[tuple[int, int], dt.datetime] = {}
        m = read_marks.c
        with self.engine.connect() as conn:
            for part in _chunks(sorted(files)):
                rows = conn.execute(
                    sa.select(m.agent_id, m.file_id, m.read_at).where(
                        m.agent_id.in_(sorted(agents)), m.file_id.in_(part)
                    )
                )
                for r in rows:
                    at = as_utc_opt(r.read_at)
                    if at is not None:
                        out[(r.agent_id, r.file_id)] = at
        return out

    async def _catch_up(self, w: Waiter) -> None:
        """A waiter behind the window: a delta page from the store."""

        def look() -> SyncPage:
            with self.engine.connect() as conn:
                return sync_page(conn, w.agent_id, w.groups, Cursor(False, w.seq), w.limit)

        page = await run_in_threadpool(look)
        if page.files or page.removed or page.more:
            if not w.answer.done():
                w.answer.set_result(page)
            return
        moved = Cursor(False, w.seq)
        parsed = page.cursor.split(".")
        if len(parsed) == 2 and parsed[1].isdigit():
            moved = Cursor(False, int(parsed[1]))
        w.seq = max(w.seq, moved.seq)


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]
