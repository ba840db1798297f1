"""Bounded predicate polls for tests that wait on another thread or process (a server,
a sync engine): never a bare sleep, always a condition and a deadline."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

STEP = 0.01


def wait_for(predicate: Callable[[], bool], timeout: float = 10.0, what: str = "") -> float:
    """Block until ``predicate()`` holds; return the seconds it took, fail after ``timeout``."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what or 'condition'} not met within {timeout} s")
        time.sleep(STEP)
    return time.monotonic() - started


async def await_for(predicate: Callable[[], bool], timeout: float = 10.0, what: str = "") -> float:
    """``wait_for`` for coroutines: yields to the event loop between checks."""
    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what or 'condition'} not met within {timeout} s")
        await asyncio.sleep(STEP)
    return time.monotonic() - started
