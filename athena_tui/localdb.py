"""A private local SQLite file (mode 0600, WAL) with one connection per thread."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def create_private_file(path: Path) -> None:
    """Create the database file readable by the user only (SQLite gives its -wal and
    -shm files the same mode)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


class LocalDb:
    """Per-thread connections to one private SQLite file.

    The UI thread reads while worker threads write; a sqlite3 connection must not be
    shared between threads at the same time, so each thread opens its own and WAL lets
    readers and the writer overlap. Commits are durable against a killed process.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        create_private_file(path)
        self._local = threading.local()
        self._connections: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._lock = threading.Lock()
        self._generation = 0

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use), in autocommit mode."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and getattr(self._local, "generation", -1) != self._generation:
            # Closed meanwhile by another thread's close(): this thread closes its own.
            conn.close()
            with self._lock:
                self._connections = [(t, c) for t, c in self._connections if c is not conn]
            conn = None
        if conn is None:
            conn = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=10.0
            )
            conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode survives a killed process (the WAL is written at each
            # commit); only an OS crash or power loss may drop the newest commits.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA temp_store=MEMORY")
            self._local.conn = conn
            with self._lock:
                self._local.generation = self._generation
                self._connections.append((threading.current_thread(), conn))
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT on this thread's connection (ROLLBACK on error)."""
        conn = self.connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        """Close this thread's connection and those of finished threads; a live thread's
        connection is closed by that thread on its next use, which then opens a new one.

        Closing a connection while another thread runs a statement on it crashes the
        interpreter (a segfault in sqlite3), so close() never touches a connection a
        live thread may be using.
        """
        me = threading.current_thread()
        with self._lock:
            self._generation += 1
            kept: list[tuple[threading.Thread, sqlite3.Connection]] = []
            for owner, conn in self._connections:
                if owner is me or not owner.is_alive():
                    conn.close()
                else:
                    kept.append((owner, conn))
            self._connections = kept
        if getattr(self._local, "conn", None) is not None:
            self._local.conn = None
