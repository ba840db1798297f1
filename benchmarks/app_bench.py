"""The real app over a 100,000-file replica: key → frame, cold start and RSS, vs DataTable.

Run ``python -m benchmarks.app_bench`` (``--quick`` for a smoke run; see
benchmarks/README.md, section "The real app"). The parent starts an Athena server in its
own process (a tiny demo store, only for the demo login), builds (once, cached) a replica
file of 100,000 summaries in agent 1's scope whose sync cursor is the server's feed
position, and copies it to where ``Services.attach_session`` opens the agent's store.
Every measured part runs in a fresh process; the parent prints Markdown tables.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from textual.screen import Screen

from benchmarks.frame_probe import FrameProbe, Timings

SIZE = (160, 50)
ROOT = Path(__file__).resolve().parent.parent
AGENT_ID = 1  # the demo's showcase agent: two groups, both roles
ROLE = "contact_center"
FILTER_TEXT = "dubois"
PARTS = ("app", "cold", "datatable")


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class SettleProbe(FrameProbe):
    """A FrameProbe that can also wait for the first frame after the app reported that
    a key's work is done (the table got its new rows) and a frame condition holds."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self._applied_at: float | None = None
        self._settled: asyncio.Future[float] | None = None
        self._condition: Callable[[], bool] = lambda: True
        self.applied_sizes: list[int] = []

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        super()._display(screen, renderable)
        waiter = self._settled
        if renderable is None or waiter is None or waiter.done():
            return
        if self._applied_at is not None and self._condition():
            assert self.last_frame_at is not None
            waiter.set_result(self.last_frame_at)

    def applied(self, size: int) -> None:
        """Called by the instrumented table when new rows were set (any key's result)."""
        self._applied_at = time.perf_counter()
        self.applied_sizes.append(size)

    def arm_settled(self, condition: Callable[[], bool] = lambda: True) -> asyncio.Future[float]:
        self._applied_at = None
        self._condition = condition
        self._settled = asyncio.get_running_loop().create_future()
        return self._settled

    async def press_settled(
        self,
        key: str,
        timeout: float = 60.0,
        condition: Callable[[], bool] = lambda: True,
    ) -> tuple[float, float]:
        """(key → first frame, key → first frame after the new rows were set) in ms."""
        await self.settle()
        first = self.arm()
        settled = self.arm_settled(condition)
        start = time.perf_counter()
        self._send(key)
        first_at = await asyncio.wait_for(first, timeout)
        settled_at = await asyncio.wait_for(settled, timeout)
        return (first_at - start) * 1000, (settled_at - start) * 1000


async def _until(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """Let the app run until ``predicate`` holds (untimed set-up only)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout} s")
        await asyncio.sleep(0.005)


async def _measure_moves(
    probe: FrameProbe, keys: dict[str, str], rows_on_screen: int, repeat: int
) -> list[Timings]:
    """j in the viewport, j that scrolls, page down, jump to the last row."""
    down, first, last, page = keys["down"], keys["first"], keys["last"], keys["page"]
    in_view = Timings(f"{down} (in viewport)")
    while len(in_view.samples) < repeat:
        await probe.send(first)
        for _ in range(min(rows_on_screen - 2, repeat - len(in_view.samples))):
            in_view.samples.append(await probe.press(down))
    await probe.send(first)
    for _ in range(rows_on_screen):
        await probe.send(down)
    scrolling = await probe.measure(f"{down} (scrolls one row)", down, repeat)
    await probe.send(first)
    paging = await probe.measure(page, page, repeat)
    jump = Timings(f"{last} (jump to last row)")
    for _ in range(max(10, repeat // 4)):
        await probe.send(first)
        jump.samples.append(await probe.press(last))
    return [in_view, scrolling, paging, jump]


class GcPauses:
    """Durations of the garbage collector's runs (gen 2 ones can land in a timed key)."""

    def __init__(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses[info["generation"]].append((time.perf_counter() - self._started) * 1000)

    def summary(self) -> dict[str, Any]:
        gen2 = self.pauses[2]
        return {
            "gen2_count": len(gen2),
            "gen2_max_ms": max(gen2, default=0.0),
            "gen2_median_ms": statistics.median(gen2) if gen2 else 0.0,
            "gen01_max_ms": max(self.pauses[0] + self.pauses[1], default=0.0),
            "tracked_objects": len(gc.get_objects()),
        }


def _timings_json(timings: Sequence[Timings]) -> list[dict[str, Any]]:
    return [{"name": t.name, "samples": t.samples} for t in timings]


# --------------------------------------------------------------------------- server


def serve_child(work: Path) -> None:
    """A server over a tiny demo store (demo login only); prints url, feed position and
    agent, then serves until stdin closes."""
    from athena_server.db import create_all, make_engine
    from athena_server.journal import current_seq
    from athena_server.runner import start_server
    from athena_server.seed import seed_demo
    from athena_server.settings import ServerSettings
    from backend_client.client import AthenaClient

    db = work / "server.db"
    engine = make_engine(f"sqlite:///{db}")
    create_all(engine)
    today = dt.date(2026, 11, 2)
    seed_demo(engine, seed=7, files=200, citizens=100, today=today)
    engine.dispose()
    # A waiting long-poll re-reads the feed every poll_interval; 30 s keeps this process
    # quiet while the app is measured (nothing else writes to its store).
    settings = ServerSettings(db_url=f"sqlite:///{db}", demo=True, poll_interval=30.0, today=today)
    running = start_server(settings)
    with running.engine.connect() as conn:
        seq = current_seq(conn)

    async def agent() -> dict[str, Any]:
        client = AthenaClient(running.url)
        try:
            agents = await client.demo_agents()
        finally:
            await client.aclose()
        found = next(a for a in agents if a.id == AGENT_ID)
        return {"id": found.id, "name": found.name, "groups": list(found.groups)}

    print(json.dumps({"url": running.url, "seq": seq, "agent": asyncio.run(agent())}), flush=True)
    sys.stdin.read()
    running.stop()


class Server:
    """The serve child, from the parent's side."""

    def __init__(self, work: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.app_bench", "--serve-child", str(work)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.proc.stdout is not None
        info = json.loads(self.proc.stdout.readline())
        self.url: str = info["url"]
        self.seq: int = info["seq"]
        self.agent: dict[str, Any] = info["agent"]

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=20)


def place_replica(fixture: Path, data_dir: Path, url: str) -> Path:
    """Copy the prebuilt replica to the file ``Services.attach_session`` will open."""
    from athena_tui.services import replica_name

    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / replica_name(url, AGENT_ID)
    shutil.copyfile(fixture, target)
    os.chmod(target, 0o600)
    return target


# --------------------------------------------------------------------------- the real app


def _build_app(url: str, data_dir: Path) -> Any:
    from athena_tui.app import make_app
    from athena_tui.config import Settings
    from athena_tui.services import Services

    settings = Settings(
        server_url=url, language="en", data_dir=data_dir, config_dir=data_dir / "config"
    )
    return make_app(settings, Services(settings))


async def _log_in(app: Any) -> None:
    """The demo login of agent 1 (what the login screen does after the pick)."""
    from backend_client.models import Role, Session

    answer = await app.services.login_demo(AGENT_ID, Role(ROLE))
    assert isinstance(answer, Session)
    app.begin_session(answer)


async def _shut_down(app: Any) -> None:
    """Stop sync and let running workers end before the stores close: closing the
    replica's connections while a worker thread still reads or writes through one of
    them crashed the interpreter (SIGSEGV) in a cold-start run."""
    app.services.sync.stop()
    await app.workers.wait_for_complete()
    await app.services.close()


async def app_child(url: str, data_dir: Path, opts: dict[str, int]) -> dict[str, Any]:
    """One process: log in, wait for the live dashboard, then time the keys."""
    from athena_tui.replica import Replica
    from screens.dashboard import DashboardScreen
    from widgets.file_table import FileTable

    app = _build_app(url, data_dir)
    result: dict[str, Any] = {}
    async with app.run_test(size=SIZE):
        probe = SettleProbe(app)
        await _until(lambda: app.is_running, 10, "app running")
        started = time.perf_counter()
        await _log_in(app)

        def dashboard_rows() -> int:
            screen = app.screen
            if not isinstance(screen, DashboardScreen):
                return 0
            tables = screen.query(FileTable)  # empty until the screen has composed
            return tables.first().row_count if tables else 0

        await _until(lambda: dashboard_rows() > 0 and app.connection == "live", 30, "dashboard")
        result["login_to_rows_ms"] = (time.perf_counter() - started) * 1000
        if opts.get("gc_freeze"):
            # Experiment (--gc-freeze): what the app would gain from moving everything
            # alive after start-up out of the collector's reach.
            gc.collect()
            gc.freeze()
        gc_pauses = GcPauses()
        # The first sync answered an empty page (the replica's cursor is the server's
        # feed position); stop the long-poll so its 25 s answer cannot repaint the status
        # line inside a timed window.
        app.services.sync.stop()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one(FileTable)
        replica = app.services.replica
        tab = screen.tab
        result["rows"] = table.row_count
        result["counts"] = {str(k): v for k, v in replica.counts().items()}

        original_set_source = table.set_source

        def set_source(source: Any, **kwargs: Any) -> None:
            original_set_source(source, **kwargs)
            probe.applied(len(source))

        table.set_source = set_source  # type: ignore[method-assign]
        table.focus()
        await probe.settle()

        def drop_caches() -> None:
            # As after a sync write: orderings and counts forgotten, then what the
            # dashboard's own refresh after that write recomputes (counts, shown view).
            replica._changed()
            replica.counts()
            sort, descending = screen.sorts[tab]
            replica.view(tab, screen.filters[tab], sort, descending)

        rows_on_screen = table.scrollable_content_region.height - 1
        keys = {"down": "j", "first": "g", "last": "G", "page": "pagedown"}
        moves = await _measure_moves(probe, keys, rows_on_screen, opts["repeat"])

        # Expected filter sizes from a second Replica on the same file (its own cache).
        other = Replica(replica.path)
        other.set_scope(replica.agent_id or AGENT_ID, replica.group_ids)
        expected = [len(other.view(tab, FILTER_TEXT[: n + 1])) for n in range(len(FILTER_TEXT))]
        full = len(other.view(tab))
        other.close()
        slash = Timings("/ (filter input shown)")
        typed_first = Timings(f"typing {FILTER_TEXT!r}: key → first frame (the character)")
        typed_settled = Timings(f"typing {FILTER_TEXT!r}: key → settled filtered frame")
        per_char: list[list[float]] = [[] for _ in FILTER_TEXT]
        cleared = Timings("escape (filter cleared) → settled frame")

        def rows_are(count: int) -> Callable[[], bool]:
            return lambda: table.row_count == count

        await probe.send("g")
        for _ in range(opts["filter_reps"]):
            drop_caches()
            await probe.settle()
            slash.samples.append(await probe.press("slash"))
            for n, char in enumerate(FILTER_TEXT):
                first_ms, settled_ms = await probe.press_settled(
                    char, condition=rows_are(expected[n])
                )
                typed_first.samples.append(first_ms)
                typed_settled.samples.append(settled_ms)
                per_char[n].append(settled_ms)
            _first, settled_ms = await probe.press_settled("escape", condition=rows_are(full))
            cleared.samples.append(settled_ms)
            await _until(lambda: screen.focused is table, 5, "table focused")

        sort_first = Timings("s (sort by next column): key → first frame (indicator)")
        sort_settled = Timings("s (sort by next column, ordering not cached) → settled frame")
        reverse_settled = Timings("S (reverse the sort) → settled frame")
        for _ in range(opts["sort_reps"]):
            drop_caches()
            first_ms, settled_ms = await probe.press_settled("s")
            sort_first.samples.append(first_ms)
            sort_settled.samples.append(settled_ms)
            _first, settled_ms = await probe.press_settled("S")
            reverse_settled.samples.append(settled_ms)
        result["timings"] = _timings_json(
            [
                *moves,
                slash,
                typed_first,
                typed_settled,
                cleared,
                sort_first,
                sort_settled,
                reverse_settled,
            ]
        )
        result["per_char_settled"] = per_char
        result["expected_filter_sizes"] = expected
        result["gc"] = gc_pauses.summary()
        result["rss_mb"] = _peak_rss_mb()
        await _shut_down(app)
    return result


async def cold_child(url: str, data_dir: Path) -> dict[str, Any]:
    """Fresh interpreter: imports, app, login, first frame with dashboard rows."""
    import textual.app  # noqa: F401

    imported_textual = time.monotonic()
    app = _build_app(url, data_dir)
    imported = time.monotonic()
    marks: dict[str, float] = {}
    first_frame: asyncio.Future[float] | None = None
    rows_frame: asyncio.Future[float] | None = None
    original = app._display

    def display(screen: Screen[Any], renderable: RenderableType | None) -> None:
        original(screen, renderable)
        if renderable is None:
            return
        now = time.monotonic()
        if first_frame is not None and not first_frame.done():
            first_frame.set_result(now)
        # By name: importing the screen here would move its import before the first
        # frame (the app imports it lazily, at login).
        current = app.screen
        if (
            rows_frame is not None
            and not rows_frame.done()
            and type(current).__name__ == "DashboardScreen"
            and any(table.row_count > 0 for table in current.query("FileTable"))
        ):
            rows_frame.set_result(now)

    app._display = display
    loop = asyncio.get_running_loop()
    first_frame, rows_frame = loop.create_future(), loop.create_future()
    async with app.run_test(size=SIZE):
        marks["first_frame"] = await asyncio.wait_for(first_frame, 20)
        await _log_in(app)
        marks["logged_in"] = time.monotonic()
        marks["dashboard_rows_frame"] = await asyncio.wait_for(rows_frame, 20)
        rss = _peak_rss_mb()
        await _shut_down(app)
    marks["textual_imported"] = imported_textual
    marks["app_built"] = imported
    return {"marks": marks, "rss_mb": rss}


# --------------------------------------------------------------------------- DataTable


async def datatable_child(replica_path: Path, opts: dict[str, int]) -> dict[str, Any]:
    """Textual's DataTable with the rows the dashboard shows (group queue, its order):
    load, moves, filter (clear + add_rows of the matches) and sort (DataTable.sort)."""
    from rich.text import Text
    from textual import on
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import DataTable, Input

    from athena_tui.replica import Replica, Tab, filter_terms, fold
    from backend_client.text import one_line
    from widgets.file_table import FileRow

    replica = Replica(replica_path)
    view = replica.view(Tab.GROUP_QUEUE)
    # In chunks: a ReplicaView keeps at most CACHE_ROWS rows, and rows() of a longer
    # range answers blank placeholders for the ones it already evicted.
    rows: list[FileRow] = []
    for start in range(0, len(view), 2000):
        rows.extend(view.rows(start, start + 2000))
    assert all(r.ticket for r in rows), "placeholder rows in the DataTable data"
    replica.close()
    search = [
        "\x1f".join((r.ticket.casefold(), r.citizen_niss, fold(r.citizen_name), fold(r.subject)))
        for r in rows
    ]
    columns = (
        *("", "Ticket", "Citizen", "Subject", "Channel"),
        *("Priority", "Status", "Assignee", "Created"),
    )

    def cells(r: FileRow) -> tuple[Text, ...]:
        return (
            Text("●" if r.unread else " "),
            Text(r.ticket),
            Text(one_line(r.citizen_name)),
            Text(one_line(r.subject)),
            Text(r.channel_name),
            Text(r.priority),
            Text(r.status),
            Text(r.assignee_name),
            Text(r.created_at.strftime("%Y-%m-%d %H:%M")),
        )

    probe_box: list[SettleProbe] = []

    class Host(App[None]):
        BINDINGS = [
            Binding("slash", "filter", "Filter"),
            Binding("s", "sort", "Sort"),
            Binding("S", "reverse", "Reverse"),
        ]

        def __init__(self) -> None:
            super().__init__()
            self.sort_index = 0
            self.descending = False

        def compose(self) -> ComposeResult:
            yield Input(id="filter")
            yield DataTable(cursor_type="row")

        def on_mount(self) -> None:
            self.query_one(Input).display = False
            table = self.query_one(DataTable)
            self.keys = table.add_columns(*columns)
            table.add_rows([cells(r) for r in rows])

        def action_filter(self) -> None:
            field = self.query_one(Input)
            field.display = True
            field.focus()

        @on(Input.Changed)
        def changed(self, event: Input.Changed) -> None:
            terms = filter_terms(event.value)
            table = self.query_one(DataTable)
            table.clear()
            table.add_rows(
                [cells(r) for r, k in zip(rows, search, strict=True) if all(t in k for t in terms)]
            )
            if probe_box:
                probe_box[0].applied(table.row_count)

        def on_key(self, event: Any) -> None:
            field = self.query_one(Input)
            if event.key == "escape" and self.focused is field:
                event.stop()
                field.value = ""
                field.display = False
                self.query_one(DataTable).focus()

        def _sort(self) -> None:
            table = self.query_one(DataTable)
            table.sort(
                self.keys[1 + self.sort_index % 8],
                key=lambda cell: cell.plain.casefold(),
                reverse=self.descending,
            )
            if probe_box:
                probe_box[0].applied(table.row_count)

        def action_sort(self) -> None:
            self.sort_index += 1
            self.descending = False
            self._sort()

        def action_reverse(self) -> None:
            self.descending = not self.descending
            self._sort()

    app = Host()
    result: dict[str, Any] = {"rows": len(rows)}
    probe = SettleProbe(app)
    started = time.perf_counter()
    async with app.run_test(size=SIZE):
        table = app.query_one(DataTable)
        await _until(lambda: table.row_count == len(rows), 120, "rows added")
        await probe.settle()
        result["load_ms"] = (time.perf_counter() - started) * 1000
        probe_box.append(probe)
        table.focus()
        await probe.settle()
        rows_on_screen = table.scrollable_content_region.height - 1
        keys = {"down": "down", "first": "ctrl+home", "last": "ctrl+end", "page": "pagedown"}
        moves = await _measure_moves(probe, keys, rows_on_screen, opts["repeat"])

        def dimensions_done() -> bool:
            return not table._require_update_dimensions

        typed_settled = Timings(f"typing {FILTER_TEXT!r}: key → settled filtered frame")
        per_char: list[list[float]] = [[] for _ in FILTER_TEXT]
        cleared = Timings("escape (filter cleared) → settled frame")
        for _ in range(opts["dt_filter_reps"]):
            await probe.send("slash")
            for n, char in enumerate(FILTER_TEXT):
                _first, settled_ms = await probe.press_settled(
                    char, timeout=300, condition=dimensions_done
                )
                typed_settled.samples.append(settled_ms)
                per_char[n].append(settled_ms)
            _first, settled_ms = await probe.press_settled(
                "escape", timeout=300, condition=dimensions_done
            )
            cleared.samples.append(settled_ms)
        sort_settled = Timings("s (sort by next column) → settled frame")
        reverse_settled = Timings("S (reverse the sort) → settled frame")
        for _ in range(opts["dt_sort_reps"]):
            _first, settled_ms = await probe.press_settled("s", timeout=120)
            sort_settled.samples.append(settled_ms)
            _first, settled_ms = await probe.press_settled("S", timeout=120)
            reverse_settled.samples.append(settled_ms)
        result["timings"] = _timings_json(
            [*moves, typed_settled, cleared, sort_settled, reverse_settled]
        )
        result["per_char_settled"] = per_char
        result["applied_sizes"] = probe.applied_sizes
        result["rss_mb"] = _peak_rss_mb()
    return result


# --------------------------------------------------------------------------- parent


FAILURES: list[str] = []


def _run_child(args: list[str]) -> dict[str, Any] | None:
    """A child's JSON answer; None (noted in FAILURES) when the child failed."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.app_bench", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        FAILURES.append(f"{args[0]} exited with {done.returncode}")
        print(FAILURES[-1], file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _stats(samples: Sequence[float]) -> tuple[float, float]:
    t = Timings("", list(samples))
    return t.median, t.p99


def _merge(results: Sequence[dict[str, Any]]) -> list[tuple[str, list[float], list[float]]]:
    """Per operation: every sample of every process, and each process's median."""
    merged: dict[str, tuple[list[float], list[float]]] = {}
    for result in results:
        for timing in result["timings"]:
            if not timing["samples"]:
                continue
            samples, medians = merged.setdefault(timing["name"], ([], []))
            samples.extend(timing["samples"])
            medians.append(statistics.median(timing["samples"]))
    return [(name, s, m) for name, (s, m) in merged.items()]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import textual

    load = os.getloadavg()
    return (
        f"{dt.date.today().isoformat()}, {cpu}, nproc {os.cpu_count()}, "
        f"Python {platform.python_version()}, Textual {textual.__version__}, "
        f"load average at start {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
    )


def report(
    app_results: list[dict[str, Any]],
    cold_results: list[dict[str, Any]],
    dt_results: list[dict[str, Any]],
) -> str:
    lines: list[str] = []
    if app_results:
        first = app_results[0]
        lines += [
            f"Real app, {first['rows']:,} rows in the group queue "
            f"(replica tabs: {first['counts']}), {len(app_results)} processes.",
            "",
            "| operation | median ms | p99 ms | per-process medians | n |",
            "|---|---|---|---|---|",
        ]
        for name, samples, medians in _merge(app_results):
            med, p99 = _stats(samples)
            per = " / ".join(f"{m:.1f}" for m in medians)
            lines.append(f"| {name} | {med:.1f} | {p99:.1f} | {per} | {len(samples)} |")
        chars = [
            statistics.median(s for r in app_results for s in r["per_char_settled"][n])
            for n in range(len(FILTER_TEXT))
        ]
        sizes = first["expected_filter_sizes"]
        lines.append("")
        lines.append(
            "typing, settled median per character: "
            + ", ".join(
                f"{FILTER_TEXT[: n + 1]!r} ({sizes[n]:,} rows) {ms:.1f}"
                for n, ms in enumerate(chars)
            )
        )
        rss = [r["rss_mb"] for r in app_results]
        login = [r["login_to_rows_ms"] for r in app_results]
        gcs = [r["gc"] for r in app_results]
        lines.append(
            "gen-2 garbage collections while measuring (count, median ms, max ms, objects "
            "tracked at the end): "
            + " / ".join(
                f"{g['gen2_count']}, {g['gen2_median_ms']:.0f}, {g['gen2_max_ms']:.0f}, "
                f"{g['tracked_objects']:,}"
                for g in gcs
            )
        )
        lines.append(
            f"peak RSS per process: {' / '.join(f'{v:.0f}' for v in rss)} MB; "
            f"login → dashboard rows: {' / '.join(f'{v:.0f}' for v in login)} ms"
        )
    if cold_results:
        lines += ["", "Cold start (ms from spawn, CLOCK_MONOTONIC), median of runs:", ""]
        for mark in (
            "textual_imported",
            "app_built",
            "first_frame",
            "logged_in",
            "dashboard_rows_frame",
        ):
            values = [r["marks"][mark] for r in cold_results]
            lines.append(
                f"- {mark}: {statistics.median(values):.0f} "
                f"(runs: {', '.join(f'{v:.0f}' for v in values)})"
            )
        rss = [r["rss_mb"] for r in cold_results]
        lines.append(f"- peak RSS at the first dashboard frame: {max(rss):.0f} MB")
    if dt_results:
        first = dt_results[0]
        load = [r["load_ms"] for r in dt_results]
        lines += [
            "",
            f"DataTable, {first['rows']:,} rows, {len(dt_results)} process(es); "
            f"load → idle {' / '.join(f'{v:.0f}' for v in load)} ms; peak RSS "
            f"{' / '.join(str(round(r['rss_mb'])) for r in dt_results)} MB.",
            "",
            "| operation | median ms | p99 ms | per-process medians | n |",
            "|---|---|---|---|---|",
        ]
        for name, samples, medians in _merge(dt_results):
            med, p99 = _stats(samples)
            per = " / ".join(f"{m:.1f}" for m in medians)
            lines.append(f"| {name} | {med:.1f} | {p99:.1f} | {per} | {len(samples)} |")
        if any(r["per_char_settled"][0] for r in dt_results):
            chars = [
                statistics.median(s for r in dt_results for s in r["per_char_settled"][n])
                for n in range(len(FILTER_TEXT))
            ]
            lines.append("")
            lines.append(
                "DataTable typing, settled median per character: "
                + ", ".join(f"{FILTER_TEXT[: n + 1]!r} {ms:.0f}" for n, ms in enumerate(chars))
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=60, help="samples per move key")
    parser.add_argument("--filter-reps", type=int, default=10)
    parser.add_argument("--sort-reps", type=int, default=12)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--datatable-processes", type=int, default=1)
    parser.add_argument("--datatable-filter-reps", type=int, default=1)
    parser.add_argument("--datatable-sort-reps", type=int, default=4)
    parser.add_argument("--only", choices=PARTS, action="append", help="repeatable")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "athena-app-bench",
        help="where the prebuilt replica is kept between runs",
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: few samples")
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="experiment: gc.freeze() in the app once the dashboard shows",
    )
    parser.add_argument("--serve-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--app-child", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--cold-child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--datatable-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.serve_child:
        serve_child(args.serve_child)
        return
    if args.app_child:
        url, data_dir, opts = args.app_child
        print(json.dumps(asyncio.run(app_child(url, Path(data_dir), json.loads(opts)))))
        return
    if args.cold_child:
        url, data_dir = args.cold_child
        print(json.dumps(asyncio.run(cold_child(url, Path(data_dir)))))
        return
    if args.datatable_child:
        path, opts = args.datatable_child
        print(json.dumps(asyncio.run(datatable_child(Path(path), json.loads(opts)))))
        return

    if args.quick:
        args.processes, args.repeat, args.filter_reps, args.sort_reps = 1, 10, 2, 2
        args.cold_runs, args.datatable_filter_reps, args.datatable_sort_reps = 2, 0, 1
    opts = {
        "repeat": args.repeat,
        "filter_reps": args.filter_reps,
        "sort_reps": args.sort_reps,
        "dt_filter_reps": args.datatable_filter_reps,
        "dt_sort_reps": args.datatable_sort_reps,
        "gc_freeze": int(args.gc_freeze),
    }
    parts = args.only or list(PARTS)
    header = machine()
    print(header, file=sys.stderr)
    from backend_client.models import AgentRef
    from benchmarks._replica_fixture import build_replica

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "server").mkdir()
        server = Server(tmp / "server")
        try:
            agent = server.agent
            fixture = build_replica(
                args.cache_dir,
                args.files,
                AgentRef(id=agent["id"], name=agent["name"]),
                agent["groups"],
                cursor=f"d.{server.seq}",
            )
            app_results: list[dict[str, Any]] = []
            cold_results: list[dict[str, Any]] = []
            dt_results: list[dict[str, Any]] = []
            for n in range(args.processes if "app" in parts else 0):
                started = time.perf_counter()
                data_dir = tmp / f"app-{n}"
                place_replica(fixture, data_dir, server.url)
                answer = _run_child(["--app-child", server.url, str(data_dir), json.dumps(opts)])
                if answer is not None:
                    app_results.append(answer)
                shutil.rmtree(data_dir)
                print(
                    f"app process {n + 1}: {time.perf_counter() - started:.1f} s", file=sys.stderr
                )
            if "cold" in parts:
                # An installed app has its bytecode; this sandbox sets
                # PYTHONDONTWRITEBYTECODE, which would make every cold run compile the
                # project's modules from source.
                import compileall

                for package in ("athena_tui", "screens", "widgets", "backend_client"):
                    compileall.compile_dir(str(ROOT / package), quiet=1)
            for n in range(args.cold_runs if "cold" in parts else 0):
                data_dir = tmp / f"cold-{n}"
                place_replica(fixture, data_dir, server.url)
                spawn = time.monotonic()
                result = _run_child(["--cold-child", server.url, str(data_dir)])
                if result is None:
                    continue
                result["marks"] = {k: (v - spawn) * 1000 for k, v in result["marks"].items()}
                cold_results.append(result)
                shutil.rmtree(data_dir)
            if cold_results:
                print("cold start: done", file=sys.stderr)
            for n in range(args.datatable_processes if "datatable" in parts else 0):
                started = time.perf_counter()
                data_dir = tmp / f"dt-{n}"
                copy = place_replica(fixture, data_dir, server.url)
                answer = _run_child(["--datatable-child", str(copy), json.dumps(opts)])
                if answer is not None:
                    dt_results.append(answer)
                shutil.rmtree(data_dir)
                print(
                    f"DataTable process {n + 1}: {time.perf_counter() - started:.1f} s",
                    file=sys.stderr,
                )
        finally:
            server.stop()
    raw = args.cache_dir / "last-run.json"
    raw.write_text(json.dumps({"app": app_results, "cold": cold_results, "datatable": dt_results}))
    print(f"raw samples: {raw}", file=sys.stderr)
    print(header)
    print()
    print(report(app_results, cold_results, dt_results))
    if FAILURES:
        print("\nfailed children: " + "; ".join(FAILURES))


if __name__ == "__main__":
    main()
