"""A seeded demo store built once per test session, and a server of its own per test
over a copy of it (Pilot and terminal tests alike)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from athena_server.db import create_all, make_engine
from athena_server.runner import RunningServer, start_server
from athena_server.seed import seed_demo
from athena_server.settings import ServerSettings


def seed_template(path: Path, today: dt.date) -> Path:
    """600 files and 300 citizens dated from ``today``, checkpointed so a copy is whole."""
    engine = make_engine(f"sqlite:///{path}")
    create_all(engine)
    seed_demo(engine, seed=7, files=600, citizens=300, today=today)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@contextmanager
def demo_server(template: Path, folder: Path, today: dt.date) -> Iterator[RunningServer]:
    """A demo server on loopback over a copy of ``template`` in ``folder``."""
    db = folder / "server.db"
    shutil.copyfile(template, db)
    settings = ServerSettings(db_url=f"sqlite:///{db}", demo=True, poll_interval=0.1, today=today)
    running = start_server(settings)
    try:
        yield running
    finally:
        running.stop()
        running.engine.dispose()
