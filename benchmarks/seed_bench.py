"""Demo seed benchmark: time ``seed_demo`` for 10,000 and 100,000 files into SQLite.

Run ``python -m benchmarks.seed_bench`` (``--sizes 10000 100000 --repeat 3``). Each run
seeds a fresh temporary SQLite file opened like the server opens it (WAL, foreign keys)
and the script prints a Markdown table: best and median seconds, rows and file size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from athena_server import schema
from athena_server.db import create_all, make_engine
from athena_server.seed import seed_demo

TODAY = dt.date(2026, 5, 20)
COUNTED = ("citizens", "career_periods", "contact_files", "messages", "attachments")


@dataclass(frozen=True)
class Run:
    seconds: float
    rows: dict[str, int]
    bytes_on_disk: int


def seed_once(files: int, seed: int) -> Run:
    """Create the schema and seed it in a new temporary SQLite file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        engine = make_engine(f"sqlite:///{path}")
        started = time.perf_counter()
        create_all(engine)
        seed_demo(engine, seed=seed, files=files, today=TODAY)
        seconds = time.perf_counter() - started
        with engine.connect() as conn:
            rows = {
                name: conn.execute(
                    sa.select(sa.func.count()).select_from(schema.metadata.tables[name])
                ).scalar_one()
                for name in COUNTED
            }
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
    return Run(seconds, rows, size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (best is kept)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    print(
        f"Python {platform.python_version()}, SQLAlchemy {sa.__version__}, "
        f"{os.cpu_count()} CPUs, {platform.machine()}\n"
    )
    print("| files | best s | median s | career periods | messages | attachments | MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for files in args.sizes:
        runs = [seed_once(files, args.seed) for _ in range(max(1, args.repeat))]
        seconds = [r.seconds for r in runs]
        last = runs[-1]
        print(
            f"| {files:,} | {min(seconds):.2f} | {statistics.median(seconds):.2f} "
            f"| {last.rows['career_periods']:,} | {last.rows['messages']:,} "
            f"| {last.rows['attachments']:,} | {last.bytes_on_disk / 1e6:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
