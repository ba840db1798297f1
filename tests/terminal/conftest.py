"""Terminal tests: a real server on loopback and the real ``athena-tui`` on a pty."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from athena_server.runner import RunningServer
from tests.seeded import demo_server, seed_template
from tests.terminal.harness import COLOUR_MODES, DOWN, ENTER, Terminal, athena_tui_command

TODAY = dt.date.today()
TICKET = re.compile(r"SR\d{7}")


@pytest.fixture(scope="session")
def terminal_template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo store seeded once for all terminal tests (dated from the real today: the
    child app runs on the real clock)."""
    path = tmp_path_factory.mktemp("terminal-template") / "athena.db"
    return seed_template(path, TODAY)


@pytest.fixture
def server(terminal_template_db: Path, tmp_path: Path) -> Iterator[RunningServer]:
    """A demo server of its own for each test (tests take and release files)."""
    with demo_server(terminal_template_db, tmp_path, TODAY) as running:
        yield running


TerminalFactory = Callable[..., Terminal]


@pytest.fixture
def launch(server: RunningServer, isolated_dirs: Path) -> Iterator[TerminalFactory]:
    """Start ``athena-tui --server URL`` on a pty; every terminal is closed afterwards."""
    started: list[Terminal] = []

    def start(
        *args: str,
        size: tuple[int, int] = (120, 40),
        colours: str = "256",
        language: str = "en",
        env: dict[str, str] | None = None,
    ) -> Terminal:
        child_env = {
            "XDG_CONFIG_HOME": str(isolated_dirs / "config"),
            "XDG_DATA_HOME": str(isolated_dirs / "data"),
            "XDG_STATE_HOME": str(isolated_dirs / "state"),
            "ATHENA_CONFIG_FILE": str(isolated_dirs / "config" / "athena" / "config.toml"),
            **COLOUR_MODES[colours],
            **(env or {}),
        }
        argv = [*athena_tui_command(), "--server", server.url, "--language", language, *args]
        term = Terminal(argv, cols=size[0], rows=size[1], env=child_env)
        started.append(term)
        return term

    yield start
    for term in started:
        term.close()


def log_in(term: Terminal, agent: str = "Sophie Dubois", role: str | None = None) -> None:
    """Pick ``agent`` in the demo picker (and the first role when asked) and wait for the
    dashboard's rows."""
    term.wait_for_text(agent)
    if agent != "Sophie Dubois":
        term.send(agent)
        term.settle()
    term.send(ENTER)
    if agent in {"Sophie Dubois", "Catherine Nicolay"}:
        term.wait_for_text(role or "Athena Centre de Contact")
        term.settle()
        # The role picker lists "Athena Centre de Contact" first, the Professional second.
        term.send((DOWN if role == "Athena Gestion de Dossiers" else "") + ENTER)
    wait_for_rows(term)


def wait_for_rows(term: Terminal, timeout: float = 30.0) -> None:
    """Wait until the dashboard shows file rows and has stopped painting."""
    term.wait_until(
        lambda: sum(1 for line in term.lines() if TICKET.search(line)) >= 3,
        timeout,
        "dashboard rows",
    )
    term.settle()
