"""Wakes waiting long-polls when this process commits a change."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable


class Notifier:
    """Writer threads call ``notify``; async sync requests ``wait`` for it, and listeners
    (the change hub) are called.

    Only changes committed by this process are announced; the change hub also re-reads
    the change feed every poll interval so that other processes' changes are seen.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        self._listeners: list[Callable[[], None]] = []
        self._parked = 0
        self.closed = False

    def close(self) -> None:
        """Wake every waiter for good: the server is stopping."""
        self.closed = True
        self.notify()

    @property
    def waiting(self) -> int:
        """How many requests wait for a change right now."""
        with self._lock:
            return len(self._waiters) + self._parked

    def park(self) -> None:
        """A request waits for a change elsewhere (in the change hub)."""
        with self._lock:
            self._parked += 1

    def unpark(self) -> None:
        with self._lock:
            self._parked -= 1

    def add_listener(self, listener: Callable[[], None]) -> None:
        """``listener`` is called (from the writer's thread) after every notification."""
        with self._lock:
            self._listeners.append(listener)

    def notify(self) -> None:
        with self._lock:
            waiters = list(self._waiters)
            listeners = list(self._listeners)
        for loop, event in waiters:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:  # the loop is closed: the server is stopping
                pass
        for listener in listeners:
            listener()

    def subscribe(self) -> asyncio.Event:
        """An event set at the next notification; ``unsubscribe`` it when done."""
        event = asyncio.Event()
        with self._lock:
            self._waiters.add((asyncio.get_running_loop(), event))
        return event

    def unsubscribe(self, event: asyncio.Event) -> None:
        with self._lock:
            self._waiters = {w for w in self._waiters if w[1] is not event}
