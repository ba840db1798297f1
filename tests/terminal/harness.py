"""The real ``athena-tui`` in a pseudo-terminal, its output read through a terminal
emulator (pyte), so a test sees the screen the agent sees: text and, per cell, colour,
bold and reverse video."""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import ptyprocess
import pyte

DEFAULT_TIMEOUT = 20.0
STEP = 0.02

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
ESC = "\x1b"
TAB = "\t"
CTRL_S = "\x13"
CTRL_Q = "\x11"
CTRL_L = "\x0c"

COLOUR_MODES: dict[str, dict[str, str]] = {
    "truecolor": {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    "256": {"TERM": "xterm-256color"},
    "16": {"TERM": "xterm"},
    "nocolor": {"TERM": "xterm-256color", "NO_COLOR": "1"},
}
"""Environments of the colour modes the tests run in (Rich reads TERM and COLORTERM)."""

SIZES: dict[str, tuple[int, int]] = {"120x40": (120, 40), "80x24": (80, 24)}


def athena_tui_command() -> list[str]:
    """The installed ``athena-tui`` entry point of this interpreter's environment."""
    script = Path(sys.executable).with_name("athena-tui")
    if script.exists():
        return [str(script)]
    found = shutil.which("athena-tui")
    if found is None:  # pragma: no cover - the package is installed for the tests
        raise RuntimeError("athena-tui is not installed in this environment")
    return [found]


@dataclass(frozen=True)
class Cell:
    """One screen cell as the terminal would paint it."""

    char: str
    fg: str
    bg: str
    bold: bool
    reverse: bool
    underline: bool = False

    @property
    def look(self) -> tuple[str, str, bool, bool, bool]:
        """What the cell looks like apart from its character."""
        return (self.fg, self.bg, self.bold, self.reverse, self.underline)


class Terminal:
    """A child process on a pty of ``cols`` × ``rows``, emulated by pyte."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cols: int = 120,
        rows: int = 40,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.cols, self.rows = cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self._lock = threading.Lock()
        self._output = bytearray()
        child_env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "COLORTERM"}}
        child_env.update(env or {})
        child_env.setdefault("TERM", "xterm-256color")
        child_env["COLUMNS"], child_env["LINES"] = str(cols), str(rows)
        self.process = ptyprocess.PtyProcess.spawn(
            list(argv), dimensions=(rows, cols), env=child_env, cwd=str(cwd) if cwd else None
        )
        self._reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self._reader.start()

    # ------------------------------------------------------------------ IO

    def _read(self) -> None:
        while True:
            try:
                data = self.process.read(65536)
            except (EOFError, OSError):
                return
            with self._lock:
                self._output.extend(data)
                self.stream.feed(data)

    def send(self, keys: str | bytes) -> None:
        """Write ``keys`` in one write, as a terminal or SSH delivers a burst."""
        data = keys.encode() if isinstance(keys, str) else keys
        self.process.write(data)

    @property
    def output(self) -> bytes:
        """Every byte the program wrote so far."""
        with self._lock:
            return bytes(self._output)

    def close(self) -> None:
        """Stop the program (ctrl+q, then signals) and the reader."""
        if self.process.isalive():
            try:
                self.send(CTRL_Q)
            except OSError:
                pass
            deadline = time.monotonic() + 3
            while self.process.isalive() and time.monotonic() < deadline:
                time.sleep(STEP)
        if self.process.isalive():
            self.process.terminate(force=True)
        self._reader.join(2)

    # ------------------------------------------------------------------ reading the screen

    def lines(self) -> list[str]:
        """The screen's text, one string per row."""
        with self._lock:
            return list(self.screen.display)

    def text(self) -> str:
        return "\n".join(self.lines())

    def cells(self, y: int) -> list[Cell]:
        """Row ``y`` cell by cell."""
        with self._lock:
            line = self.screen.buffer[y]
            return [
                Cell(c.data, c.fg, c.bg, c.bold, c.reverse, c.underscore)
                for c in (line[x] for x in range(self.cols))
            ]

    def find_row(self, text: str) -> int | None:
        """The first row containing ``text``."""
        for y, line in enumerate(self.lines()):
            if text in line:
                return y
        return None

    def rows_containing(self, text: str) -> Iterator[int]:
        for y, line in enumerate(self.lines()):
            if text in line:
                yield y

    # ------------------------------------------------------------------ waiting

    def wait_until(
        self, predicate: Callable[[], bool], timeout: float = DEFAULT_TIMEOUT, what: str = ""
    ) -> None:
        """Poll the emulated screen until ``predicate`` holds (bounded; never a bare sleep)."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if not self.process.isalive():
                raise AssertionError(
                    f"athena-tui exited ({self.process.exitstatus}) waiting for {what}\n"
                    + self.text()
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"not on screen within {timeout} s: {what}\n{self.text()}")
            time.sleep(STEP)

    def wait_for_text(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Wait until ``text`` is on screen; return its row."""
        self.wait_until(lambda: self.find_row(text) is not None, timeout, repr(text))
        row = self.find_row(text)
        assert row is not None
        return row

    def wait_gone(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.wait_until(lambda: self.find_row(text) is None, timeout, f"{text!r} gone")

    def settle(self, quiet: float = 0.3, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until the program has written nothing for ``quiet`` seconds: its frame is
        complete (a condition on the output, bounded by ``timeout``)."""
        deadline = time.monotonic() + timeout
        last = len(self.output)
        changed = time.monotonic()
        while time.monotonic() - changed < quiet:
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen kept changing for {timeout} s")
            time.sleep(STEP)
            now = len(self.output)
            if now != last:
                last, changed = now, time.monotonic()


def row_background(
    term: Terminal, y: int, start: int = 0, stop: int | None = None
) -> tuple[tuple[str, bool], ...]:
    """How row ``y`` is painted behind its text: each cell's background and reverse video
    (what makes a cursor or a marked row stand out; text colours vary row by row)."""
    return tuple((c.bg, c.reverse) for c in term.cells(y)[start:stop])
