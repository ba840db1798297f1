"""Launch of the real ``athena-tui`` command in a pseudo-terminal, beside the floor.

Run ``python -m benchmarks.launch_bench`` (``--runs 9`` by default; see
benchmarks/README.md, section "Launch"). The parent starts ``athena-server --demo`` in
its own process, then launches, each in a fresh pty read through a terminal emulator
(pyte), as an agent's terminal would:

- the minimal Textual app (``benchmarks/minimal_app.py``): spawn → its text on screen,
  the floor of any Textual launch on this machine;
- ``athena-tui --server URL`` with a local store from an earlier run (the everyday
  start): spawn → first frame (the login's agent picker on screen), and spawn →
  dashboard rows, answering the agent and role pickers the moment they show. The time
  the "agent" took to answer (from a picker on screen to the key written, the poll's
  granularity) is measured and subtracted, and printed;
- the same with an empty data directory (a first start: the replica fills from nothing).

Times are wall-clock from just before the spawn, read on CLOCK_MONOTONIC in the parent.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.terminal.harness import ENTER, Terminal, athena_tui_command

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)
POLL = 0.002
TICKET_ROWS = 3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait(term: Terminal, predicate: Callable[[], bool], what: str, timeout: float = 60) -> float:
    """Poll the emulated screen every 2 ms until ``predicate``; the moment it held."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline or not term.process.isalive():
            raise RuntimeError(f"{what} not on screen:\n{term.text()}")
        time.sleep(POLL)
    return time.monotonic()


def on_screen(term: Terminal, text: str) -> Callable[[], bool]:
    return lambda: term.find_row(text) is not None


def rows_drawn(term: Terminal) -> Callable[[], bool]:
    return lambda: sum(1 for line in term.lines() if "SR1" in line) >= TICKET_ROWS


@dataclass
class Launch:
    """One launch's moments, in seconds after the spawn."""

    first_frame: float
    picker: float = 0.0
    rows: float = 0.0
    answering: float = 0.0

    @property
    def rows_without_answering(self) -> float:
        return self.rows - self.answering


def env_for(data: Path) -> dict[str, str]:
    return {
        "XDG_DATA_HOME": str(data / "data"),
        "XDG_CONFIG_HOME": str(data / "config"),
        "XDG_STATE_HOME": str(data / "state"),
        "ATHENA_CONFIG_FILE": str(data / "config" / "none.toml"),
        "TERM": "xterm-256color",
        "PYTHONDONTWRITEBYTECODE": "",
    }


def launch_minimal(folder: Path) -> Launch:
    started = time.monotonic()
    term = Terminal(
        [sys.executable, "-m", "benchmarks.minimal_app"],
        cols=SIZE[0],
        rows=SIZE[1],
        env=env_for(folder),
        cwd=ROOT,
    )
    try:
        seen = wait(term, on_screen(term, "minimal app ready"), "the minimal app")
        return Launch(first_frame=seen - started)
    finally:
        term.close()


def launch_athena(url: str, folder: Path) -> Launch:
    started = time.monotonic()
    argv = [*athena_tui_command(), "--server", url, "--language", "en"]
    term = Terminal(argv, cols=SIZE[0], rows=SIZE[1], env=env_for(folder))
    try:
        frame = wait(term, on_screen(term, "Athena Career Contactcenter"), "the first frame")
        picker = wait(term, on_screen(term, "Sophie Dubois"), "the agent picker")
        term.send(ENTER)
        answered = time.monotonic() - picker
        role = wait(term, on_screen(term, "Athena Gestion de Dossiers"), "the role picker")
        term.send(ENTER)
        answered += time.monotonic() - role
        rows = wait(term, rows_drawn(term), "dashboard rows")
        return Launch(
            first_frame=frame - started,
            picker=picker - started,
            rows=rows - started,
            answering=answered,
        )
    finally:
        term.close()


def start_server(folder: Path, files: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = shutil.which("athena-server", path=str(Path(sys.executable).parent))
    assert server is not None, "athena-server is not installed in this environment"
    argv = [server, "--db", f"sqlite:///{folder / 'server.db'}", "--demo", "--no-feed"]
    argv += ["--files", str(files), "--port", str(port)]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("athena-server did not start") from None
            time.sleep(0.1)
    return proc, url


def compile_bytecode() -> None:
    """An installed app has its bytecode; this sandbox may not write it by itself."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    packages = ["athena_tui", "screens", "widgets", "backend_client", "benchmarks"]
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *(str(ROOT / p) for p in packages)],
        check=True,
        env=env,
    )


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"{statistics.median(values) * 1000:.0f} | {p90 * 1000:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--files", type=int, default=10000, help="files in the demo store")
    args = parser.parse_args()
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="launch-bench-") as tmp:
        folder = Path(tmp)
        proc, url = start_server(folder, args.files)
        try:
            warm = folder / "warm"
            launch_athena(url, warm)  # fills the local store once
            minimal, everyday, first = [], [], []
            for run in range(args.runs):
                # interleaved, so the machine's load falls on each alike
                minimal.append(launch_minimal(folder / f"minimal-{run}"))
                everyday.append(launch_athena(url, warm))
                first.append(launch_athena(url, folder / f"first-{run}"))
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:  # long-polls left open keep it (issue 12)
                proc.kill()
                proc.wait()
    minimal_frames = [m.first_frame for m in minimal]
    floor = statistics.median(minimal_frames)
    print(f"Python {platform.python_version()}, {os.cpu_count()} cores, {args.runs} runs, ", end="")
    print(f"{args.files} files in the demo store, terminal {SIZE[0]}x{SIZE[1]}\n")
    print("| launch | measure | median ms | p90 ms |")
    print("|---|---|---|---|")
    print(f"| minimal Textual app | spawn → text on screen | {summary(minimal_frames)} |")
    rows = [
        ("athena-tui, local store", "spawn → first frame (login title)", everyday, "first"),
        ("athena-tui, local store", "spawn → agent picker filled", everyday, "picker"),
        ("athena-tui, local store", "spawn → dashboard rows, answers excluded", everyday, "rows"),
        ("athena-tui, empty store", "spawn → first frame (login title)", first, "first"),
        ("athena-tui, empty store", "spawn → dashboard rows, answers excluded", first, "rows"),
    ]
    for name, measure, launches, kind in rows:
        values = [
            {
                "first": launch.first_frame,
                "picker": launch.picker,
                "rows": launch.rows_without_answering,
            }[kind]
            for launch in launches
        ]
        print(f"| {name} | {measure} | {summary(values)} |")
    ratio = statistics.median(launch.first_frame for launch in everyday) / floor
    answering = statistics.median(launch.answering for launch in everyday + first)
    print(f"\nfirst frame / floor: {ratio:.2f}×; picker answers took {answering * 1000:.0f} ms")
    print("(median, subtracted from the rows figures)")


if __name__ == "__main__":
    main()
