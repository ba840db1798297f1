"""Dashboard benchmark: FileTable over 100,000 SQLite rows against Textual's DataTable.

Run ``python -m benchmarks.dashboard_bench`` (see benchmarks/README.md). Each part runs in
its own process so its peak RSS is its own; the parent prints a Markdown table.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from backend_client.models import AttachmentMeta, Message, Side
from backend_client.niss import make_niss
from backend_client.text import one_line
from benchmarks.frame_probe import FrameProbe, Timings
from widgets.file_table import FileRow, FileTable
from widgets.message_thread import MessageThread

SIZE = (160, 50)
NOW = dt.datetime(2025, 6, 2, 9, 30, tzinfo=dt.UTC)
PARTS = ("table", "datatable", "cold", "thread")

_FIRST = "Marie Luc Anne Pieter Jan Sofie Ahmed Fatima Jean Els Bart Nadia Tom Lies Karim".split()
_LAST = (
    "Dubois Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters "
    "Lambert Dupont Martin Simon Laurent Lejeune El Amrani Vermeulen"
).split()
_TOPICS = [
    "Question sur ma pension",
    "Vraag over mijn loopbaan",
    "Frage zu meinen Arbeitsjahren",
    "Période de chômage manquante",
    "Military service not in my career",
    "Attestation de carrière incorrecte",
    "Ziekteperiode ontbreekt",
    "Remboursement cotisations",
    "Études: assimilation possible ?",
    "Change of address abroad",
]
_CHANNELS = ["My Career", "My Career", "My Career", "Partner: SFP", "Partner: INASTI", "Agent"]
_AGENTS = ["", "", "Anne Claes", "Bart Maes", "Sofie Wouters", "Karim El Amrani", "Jan Peeters"]
_COLUMNS = (
    "id, ticket, citizen_name, citizen_niss, subject, channel_name, priority, status, "
    "assignee_name, created_at, updated_at, unread, group_id, version"
)


def generate(db_path: Path, count: int, seed: int = 7) -> None:
    """Write ``count`` realistic contact-file summaries to a fresh SQLite file."""
    rng = random.Random(seed)
    con = sqlite3.connect(db_path)
    con.execute(
        "CREATE TABLE files (id INTEGER PRIMARY KEY, ticket TEXT, citizen_name TEXT, "
        "citizen_niss TEXT, subject TEXT, channel_name TEXT, priority TEXT, status TEXT, "
        "assignee_name TEXT, created_at TEXT, updated_at TEXT, unread INTEGER, "
        "group_id TEXT, version INTEGER)"
    )

    def row(i: int) -> tuple[object, ...]:
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 20000))
        created = NOW - dt.timedelta(minutes=rng.randrange(1, 60 * 24 * 400))
        assignee = rng.choice(_AGENTS)
        status = "closed" if rng.random() < 0.2 else ("assigned" if assignee else "new")
        if status == "assigned" and rng.random() < 0.3:
            status = "waiting"
        return (
            i,
            f"SR{1_000_000 + i:07d}",
            f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            make_niss(birth, rng.randrange(1, 998)),
            f"{rng.choice(_TOPICS)} ({birth.year})",
            rng.choice(_CHANNELS),
            rng.choice(["high", "medium", "medium", "low"]),
            status,
            assignee,
            created.isoformat(),
            (created + dt.timedelta(hours=rng.randrange(0, 200))).isoformat(),
            int(rng.random() < 0.1),
            rng.choice(["fr", "nl", "de"]),
            rng.randrange(1, 9),
        )

    con.executemany(
        f"INSERT INTO files ({_COLUMNS}) VALUES ({', '.join('?' * 14)})",
        (row(i) for i in range(1, count + 1)),
    )
    # The replica keeps an index per sort order; the default view is newest first.
    con.execute("CREATE INDEX files_created_at ON files(created_at)")
    con.commit()
    con.close()


def _to_row(values: Sequence[Any]) -> FileRow:
    return FileRow(
        values[0],
        values[1],
        values[2],
        values[3],
        values[4],
        values[5],
        values[6],
        values[7],
        values[8],
        dt.datetime.fromisoformat(values[9]),
        dt.datetime.fromisoformat(values[10]),
        bool(values[11]),
        values[12],
        values[13],
    )


class SqliteRowSource:
    """A RowSource that keeps only the ordered ids in memory and reads visible rows."""

    def __init__(self, con: sqlite3.Connection, order_by: str = "created_at DESC") -> None:
        self._con = con
        self._ids: list[int] = [
            r[0] for r in con.execute(f"SELECT id FROM files ORDER BY {order_by}")
        ]
        self._index: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def row_at(self, index: int) -> FileRow:
        return self.rows(index, index + 1)[0]

    def rows(self, start: int, stop: int) -> Sequence[FileRow]:
        ids = self._ids[start:stop]
        if not ids:
            return []
        found: dict[int, FileRow] = {}
        # SQLite caps host parameters; 500 per query is well under it.
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            query = f"SELECT {_COLUMNS} FROM files WHERE id IN ({','.join('?' * len(part))})"
            for values in self._con.execute(query, part):
                found[values[0]] = _to_row(values)
        return [found[i] for i in ids]

    def index_of(self, file_id: int) -> int | None:
        if self._index is None:
            self._index = {file_id: i for i, file_id in enumerate(self._ids)}
        return self._index.get(file_id)

    def file_ids(self) -> Sequence[int]:
        return self._ids


class TableHost(App[None]):
    """One FileTable over the SQLite source, nothing else."""

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path

    def compose(self) -> ComposeResult:
        con = sqlite3.connect(self.db_path)
        yield FileTable(SqliteRowSource(con), now=lambda: NOW)


class DataTableHost(App[None]):
    """Textual's DataTable with the same rows and columns (cells as Text: no markup)."""

    def __init__(self, rows: list[FileRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(
            "", "Ticket", "Citizen", "Subject", "Channel", "Priority", "Status", "Assignee", "Age"
        )
        table.add_rows(
            [
                (
                    Text("●" if r.unread else " "),
                    Text(r.ticket),
                    Text(one_line(r.citizen_name)),
                    Text(one_line(r.subject)),
                    Text(r.channel_name),
                    Text(r.priority),
                    Text(r.status),
                    Text(r.assignee_name),
                    Text(str(r.created_at.date())),
                )
                for r in self.rows
            ]
        )


async def _measure_keys(
    probe: FrameProbe, keys: dict[str, str], height: int, repeat: int
) -> list[Timings]:
    """j in view, j scrolling, page down, jump to last; ``keys`` maps op → key."""
    down, first, last, page = keys["down"], keys["first"], keys["last"], keys["page"]
    in_view = Timings("j / down (in viewport)")
    rows_on_screen = height - 4
    while len(in_view.samples) < repeat:
        await probe.send(first)
        for _ in range(rows_on_screen - 2):
            in_view.samples.append(await probe.press(down))
    scrolling = Timings("j / down (scrolls one row)")
    await probe.send(first)
    for _ in range(rows_on_screen):
        await probe.send(down)
    scrolling.samples = (await probe.measure("", down, repeat)).samples
    await probe.send(first)
    paging = await probe.measure("page down", page, max(20, repeat // 2))
    jump = Timings("G / end (jump to last)")
    for _ in range(max(10, repeat // 5)):
        await probe.send(first)
        jump.samples.append(await probe.press(last))
    return [in_view, scrolling, paging, jump]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run_table(db_path: Path, repeat: int) -> dict[str, Any]:
    app = TableHost(db_path)
    started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        probe = FrameProbe(app)
        await pilot.pause()
        ready_ms = (time.perf_counter() - started) * 1000
        table = app.query_one(FileTable)
        table.focus()
        await probe.settle()
        keys = {"down": "j", "first": "g", "last": "G", "page": "pagedown"}
        timings = await _measure_keys(probe, keys, SIZE[1], repeat)
        rows = len(table.source)
    return {
        "widget": "FileTable",
        "rows": rows,
        "load_ms": ready_ms,
        "timings": [(t.name, t.median, t.p99, len(t.samples)) for t in timings],
        "rss_mb": _peak_rss_mb(),
    }


async def run_datatable(db_path: Path, repeat: int, limit: int) -> dict[str, Any]:
    con = sqlite3.connect(db_path)
    rows = [
        _to_row(v)
        for v in con.execute(
            f"SELECT {_COLUMNS} FROM files ORDER BY created_at DESC LIMIT ?", (limit,)
        )
    ]
    con.close()
    app = DataTableHost(rows)
    started = time.perf_counter()
    async with app.run_test(size=SIZE) as pilot:
        probe = FrameProbe(app)
        await pilot.pause()
        await probe.settle()
        load_ms = (time.perf_counter() - started) * 1000
        app.query_one(DataTable).focus()
        await probe.settle()
        # DataTable's home/end move between columns; ctrl+home/end move between rows.
        keys = {"down": "down", "first": "ctrl+home", "last": "ctrl+end", "page": "pagedown"}
        timings = await _measure_keys(probe, keys, SIZE[1], repeat)
    return {
        "widget": "DataTable",
        "rows": len(rows),
        "load_ms": load_ms,
        "timings": [(t.name, t.median, t.p99, len(t.samples)) for t in timings],
        "rss_mb": _peak_rss_mb(),
    }


def make_messages(count: int, seed: int = 11) -> list[Message]:
    """A realistic thread: citizen questions, answers, notes, a few attachments."""
    rng = random.Random(seed)
    words = (
        "pension carrière période chômage attestation loopbaan ziekte werkgever year "
        "employer missing please check my record since the last letter I received"
    ).split()
    messages = []
    for i in range(count):
        side = rng.choice([Side.CITIZEN, Side.CONTACT_CENTER, Side.CONTACT_CENTER, Side.SYSTEM])
        body = " ".join(rng.choice(words) for _ in range(rng.randrange(8, 120)))
        attachments = [
            AttachmentMeta(
                id=i * 10 + k,
                name=f"document-{k}.pdf",
                media_type="application/pdf",
                size=rng.randrange(2_000, 4_000_000),
                sha256="0" * 64,
            )
            for k in range(rng.choice([0, 0, 0, 1, 2]))
        ]
        messages.append(
            Message(
                id=i + 1,
                side=side,
                author="Marie Dubois" if side == Side.CITIZEN else "Anne Claes",
                body=body,
                visible_to_citizen=side != Side.CONTACT_CENTER or rng.random() > 0.2,
                final=False,
                created_at=NOW - dt.timedelta(hours=count - i),
                attachments=attachments,
            )
        )
    return messages


class ThreadHost(App[None]):
    def compose(self) -> ComposeResult:
        yield MessageThread(timezone=dt.UTC)


async def run_thread(repeat: int, count: int = 200) -> dict[str, Any]:
    """set_messages(200 messages) → first frame, then End and n → frame."""
    messages = make_messages(count)
    app = ThreadHost()
    opening = Timings(f"thread: set_messages({count}) → first frame")
    async with app.run_test(size=SIZE) as pilot:
        probe = FrameProbe(app)
        await pilot.pause()
        thread = app.query_one(MessageThread)
        thread.focus()
        for _ in range(max(5, repeat // 20)):
            thread.set_messages([])
            await probe.settle()
            waiter = probe.arm()
            started = time.perf_counter()
            thread.set_messages(messages)
            opening.samples.append((await asyncio.wait_for(waiter, 2) - started) * 1000)
        await probe.settle()
        end = Timings("thread: G / end → frame")
        for _ in range(max(5, repeat // 10)):
            await probe.send("g")
            end.samples.append(await probe.press("G"))
        await probe.send("g")
        following = await probe.measure(
            "thread: n (next message) → frame", "n", min(repeat, count - 1)
        )
    return {
        "widget": "MessageThread",
        "rows": count,
        "timings": [(t.name, t.median, t.p99, len(t.samples)) for t in (opening, end, following)],
        "rss_mb": _peak_rss_mb(),
    }


async def _cold_child(db_path: Path) -> None:
    """Runs in a fresh interpreter: print the monotonic time of the first frame."""
    app = TableHost(db_path)
    async with app.run_test(size=SIZE):
        probe = FrameProbe(app)
        first = await probe.next_frame(timeout=10)
        del first
        print(json.dumps({"first_frame": time.monotonic(), "rss_mb": _peak_rss_mb()}))


def run_cold(db_path: Path, runs: int) -> dict[str, Any]:
    """Spawn → first frame of the FileTable host, measured on CLOCK_MONOTONIC."""
    samples = []
    rss = 0.0
    for _ in range(runs):
        start = time.monotonic()
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.dashboard_bench", "--cold-child", str(db_path)],
            check=True,
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        ).stdout
        result = json.loads(out.strip().splitlines()[-1])
        samples.append((result["first_frame"] - start) * 1000)
        rss = max(rss, result["rss_mb"])
    t = Timings("cold start → first frame", samples)
    return {
        "widget": "FileTable",
        "timings": [(t.name, t.median, t.p99, len(samples))],
        "rss_mb": rss,
    }


def _child(part: str, db_path: Path, args: argparse.Namespace) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.dashboard_bench",
            "--part-child",
            part,
            "--db",
            str(db_path),
            "--repeat",
            str(args.repeat),
            "--datatable-rows",
            str(args.datatable_rows),
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def markdown(results: list[dict[str, Any]], rows: int) -> str:
    lines = [
        f"Run {dt.date.today().isoformat()} on {platform.node()} "
        f"({platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}), {rows:,} rows, {SIZE[0]}×{SIZE[1]}.",
        "",
        "| widget | rows | operation | median ms | p99 ms | n |",
        "|---|---|---|---|---|---|",
    ]
    for result in results:
        widget, count = result["widget"], result.get("rows", rows)
        if "load_ms" in result:
            lines.append(
                f"| {widget} | {count:,} | load → ready (run_test) "
                f"| {result['load_ms']:.0f} | | 1 |"
            )
        for name, median, p99, n in result["timings"]:
            lines.append(f"| {widget} | {count:,} | {name} | {median:.1f} | {p99:.1f} | {n} |")
        lines.append(f"| {widget} | {count:,} | peak RSS (MB) | {result['rss_mb']:.0f} | | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--datatable-rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--only", choices=PARTS, action="append", help="repeatable")
    parser.add_argument("--db", type=Path, help="reuse this SQLite file")
    parser.add_argument("--part-child", choices=PARTS, help=argparse.SUPPRESS)
    parser.add_argument("--cold-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.cold_child:
        asyncio.run(_cold_child(args.cold_child))
        return
    if args.part_child:
        if args.part_child == "table":
            result = asyncio.run(run_table(args.db, args.repeat))
        elif args.part_child == "thread":
            result = asyncio.run(run_thread(args.repeat))
        else:
            result = asyncio.run(run_datatable(args.db, args.repeat, args.datatable_rows))
        print(json.dumps(result))
        return

    parts = args.only or list(PARTS)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "replica.sqlite"
        if not db_path.exists():
            started = time.perf_counter()
            generate(db_path, args.rows)
            print(
                f"generated {args.rows:,} rows in {time.perf_counter() - started:.1f} s",
                file=sys.stderr,
            )
        results = []
        for part in parts:
            started = time.perf_counter()
            if part == "cold":
                results.append(run_cold(db_path, args.cold_runs))
            else:
                results.append(_child(part, db_path, args))
            print(f"{part}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        print(markdown(results, args.rows))


if __name__ == "__main__":
    main()
