"""The local store's per-thread connections: close() never pulls a connection from under
a thread that is reading with it."""

from __future__ import annotations

import threading
from pathlib import Path

from athena_tui.localdb import LocalDb


def test_close_leaves_a_reading_thread_its_connection(tmp_path: Path) -> None:
    db = LocalDb(tmp_path / "store.db")
    with db.transaction() as conn:
        conn.execute("CREATE TABLE t (n INTEGER)")
        conn.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(1000)])
    reading, closed = threading.Event(), threading.Event()
    seen: list[int] = []
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            cursor = db.connection().execute("SELECT n FROM t ORDER BY n")
            seen.extend(row[0] for row in cursor.fetchmany(10))
            reading.set()
            closed.wait(10)
            # The statement goes on after another thread closed the store.
            seen.extend(row[0] for row in cursor.fetchall())
            # The next use of the store in this thread opens a fresh connection.
            seen.append(db.connection().execute("SELECT count(*) FROM t").fetchone()[0])
        except BaseException as exc:  # reported to the test thread
            errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    assert reading.wait(10)
    db.close()
    closed.set()
    thread.join(10)
    assert errors == []
    assert seen == [*range(1000), 1000]
    db.close()  # the finished thread's connection is closed now


def test_this_threads_connection_is_closed_and_reopened(tmp_path: Path) -> None:
    db = LocalDb(tmp_path / "store.db")
    first = db.connection()
    db.close()
    second = db.connection()
    assert second is not first
    assert second.execute("SELECT 1").fetchone() == (1,)
    db.close()
