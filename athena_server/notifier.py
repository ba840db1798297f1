"""Wakes waiting long-polls when this process commits a change."""

from __future__ import annotations

import asyncio
import threading


class Notifier:
    """Writer threads call ``notify``; async sync requests ``wait`` for it.

    Only changes committed by this process are announced; a waiting sync also re-reads
    the change feed every poll interval so that other processes' changes are seen.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        self.closed = False

    def close(self) -> None:
        """Wake every waiter for good: the server is stopping."""
        self.closed = True
        self.notify()

    @property
    def waiting(self) -> int:
        """How many requests wait for a change right now."""
        with self._lock:
            return len(self._waiters)

    def notify(self) -> None:
        with self._lock:
            waiters = list(self._waiters)
        for loop, event in waiters:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:  # the loop is closed: the server is stopping
                pass

    def subscribe(self) -> asyncio.Event:
        """An event set at the next notification; ``unsubscribe`` it when done."""
        event = asyncio.Event()
        with self._lock:
            self._waiters.add((asyncio.get_running_loop(), event))
        return event

    def unsubscribe(self, event: asyncio.Event) -> None:
        with self._lock:
            self._waiters = {w for w in self._waiters if w[1] is not event}
