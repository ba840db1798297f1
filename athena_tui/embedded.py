"""Starts the reference server in-process for ``athena-tui --demo`` (seeded SQLite)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from athena_server.db import create_all, make_engine
from athena_server.feed import DEFAULT_RATE, DemoFeed
from athena_server.runner import RunningServer, start_server
from athena_server.seed import seed_demo
from athena_server.settings import ServerSettings
from athena_tui.localdb import create_private_file

DEMO_DB = "demo.db"


@dataclass
class EmbeddedServer:
    """A demo server on loopback; ``fresh`` is True when its database was just seeded
    (replicas of an earlier demo database no longer match it)."""

    url: str
    db_path: Path
    fresh: bool
    running: RunningServer
    feed: DemoFeed | None = None

    def stop(self) -> None:
        """Stop the demo feed, then serving (blocks until both threads ended)."""
        if self.feed is not None:
            self.feed.stop()
        self.running.stop()


def _remove_db(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        candidate.unlink(missing_ok=True)


def start_embedded(
    data_dir: Path,
    *,
    reset: bool = False,
    files: int = 10_000,
    feed_rate: float | None = DEFAULT_RATE,
) -> EmbeddedServer:
    """Create (or reuse) ``demo.db`` under ``data_dir`` and serve it on 127.0.0.1 with a
    free port, demo login enabled, and the demo feed writing in ``feed_rate`` times a
    minute (a new file or a citizen's answer every 15 s by default; None turns it off).

    Blocking: seeding 10,000 files takes seconds. Call it off the event loop
    (``asyncio.to_thread`` or a ``@work(thread=True)`` worker).
    """
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    db_path = data_dir / DEMO_DB
    if reset:
        _remove_db(db_path)
    fresh = not db_path.exists()
    if fresh:
        # Seed into a side file and rename it into place, so a run killed while seeding
        # leaves no half-filled demo database behind.
        partial = data_dir / (DEMO_DB + ".partial")
        _remove_db(partial)
        create_private_file(partial)
        seeding = make_engine(f"sqlite:///{partial}")
        try:
            create_all(seeding)
            seed_demo(seeding, seed=42, files=files)
            with seeding.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            seeding.dispose()
        os.replace(partial, db_path)
        _remove_db(partial)
    url = f"sqlite:///{db_path}"
    engine = make_engine(url)
    create_all(engine)  # a database from an older version gains its new tables
    running = start_server(ServerSettings(db_url=url, demo=True), engine=engine)
    feed = None
    if feed_rate:
        # start_server runs uvicorn without its lifespan, so the feed the app would start
        # there is started (and stopped) here
        feed = DemoFeed(running.engine, running.state.notifier, rate=feed_rate)
        feed.start()
    return EmbeddedServer(url=running.url, db_path=db_path, fresh=fresh, running=running, feed=feed)
