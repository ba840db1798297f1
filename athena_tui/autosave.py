"""Draft autosave: one writer thread, newest draft wins, nothing written out of order."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Autosaver(Generic[T]):
    """Coalesces saves: ``submit`` returns at once; a single thread writes the newest
    value. Saves therefore never block the UI and never land out of order."""

    def __init__(self, write: Callable[[T], None], on_error: Callable[[Exception], None]) -> None:
        self._write = write
        self._on_error = on_error
        self._pending: T | None = None
        self._has_pending = False
        self._lock = threading.Condition()
        self._closed = False
        self._busy = False
        self._thread = threading.Thread(target=self._run, name="draft-autosave", daemon=True)
        self._thread.start()

    def submit(self, value: T) -> None:
        """Queue ``value`` to be written, replacing any not yet written."""
        with self._lock:
            self._pending = value
            self._has_pending = True
            self._lock.notify()

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything submitted is written; False on timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._has_pending and not self._busy, timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Write what is pending, then stop the thread."""
        self.flush(timeout)
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._has_pending or self._closed)
                if not self._has_pending and self._closed:
                    return
                value = self._pending
                self._has_pending = False
                self._busy = True
            try:
                assert value is not None
                self._write(value)
            except Exception as error:  # reported, never raised into the UI thread
                self._on_error(error)
            finally:
                with self._lock:
                    self._busy = False
                    self._lock.notify_all()
