"""HTTP route of delta sync with long-poll."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from athena_server.auth import session_open, unauthorized
from athena_server.deps import Me, ServerState, State
from athena_server.errors import invalid
from athena_server.sync import parse_cursor, sync_page
from backend_client.bounds import INT32_MAX
from backend_client.models import SyncPage

router = APIRouter(tags=["sync"])


@router.get("/v1/sync")
async def sync(
    state: State,
    me: Me,
    cursor: Annotated[str, Query(max_length=100)] = "0",
    # NaN would compare false with every deadline and never stop waiting
    wait: Annotated[float, Query(ge=0, le=60, allow_inf_nan=False)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> SyncPage:
    """Changes in my scope since ``cursor``; with nothing new, waits up to ``wait`` s.

    A full fill and a delta without ``wait`` read the store at once. A waiting delta is
    answered by the change hub, which reads each batch of commits once for every waiting
    request (no database connection is held, and no query runs per waiting agent).
    """
    parsed = parse_cursor(cursor)
    if parsed is not None and not (
        0 <= parsed.last_id <= INT32_MAX and 0 <= parsed.seq <= INT32_MAX
    ):
        # ids and sequence numbers are INTEGER columns: no real cursor goes beyond
        raise invalid("cursor", "unknown sync cursor; start again with cursor=0")
    settings = state.settings
    deadline = time.monotonic() + min(wait, settings.long_poll_max)
    limit = min(limit, settings.sync_limit_max)

    def look() -> SyncPage:
        with state.engine.connect() as conn:
            return sync_page(conn, me.id, me.groups, parsed, limit)

    if parsed is None or parsed.full or wait <= 0 or state.notifier.closed:
        return await run_in_threadpool(look)
    if state.hub.usable():
        page = await state.hub.wait(me.id, me.groups, parsed, limit, deadline - time.monotonic())
    else:
        page = await _poll(state, look, deadline)
    if page.files or page.removed:
        # The session may have ended while the request waited (logout, lifetime, idle,
        # the cap): what it would carry is no longer the caller's to read. One query per
        # answer with changes, not per waiting agent.
        await run_in_threadpool(_still_open, state, me.token_hash)
    return page


def _still_open(state: ServerState, token_hash: str) -> None:
    with state.engine.connect() as conn:
        if not session_open(conn, token_hash):
            raise unauthorized("your session ended; please log in again")


async def _poll(state: ServerState, look: Callable[[], SyncPage], deadline: float) -> SyncPage:
    """Without the hub (an app served by two event loops at once): re-read the feed at
    each notification of this process and every poll interval."""
    event = state.notifier.subscribe()
    try:
        while True:
            event.clear()
            page = await run_in_threadpool(look)
            remaining = deadline - time.monotonic()
            if page.files or page.removed or page.more:
                return page
            if remaining <= 0 or state.notifier.closed:
                return page
            try:
                await asyncio.wait_for(
                    event.wait(), timeout=min(state.settings.poll_interval, remaining)
                )
            except TimeoutError:
                pass
    finally:
        state.notifier.unsubscribe(event)
