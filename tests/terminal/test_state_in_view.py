"""The connection state and the outbox are on every screen; quitting never hides work."""

from __future__ import annotations

import pytest

from athena_server.runner import RunningServer
from tests.terminal.conftest import TerminalFactory, log_in
from tests.terminal.harness import DOWN, ENTER, ESC, TAB, Terminal
from tests.terminal.test_bursts import my_files, open_first_file

pytestmark = pytest.mark.terminal


def status_line(term: Terminal) -> str:
    """The line above the footer."""
    return term.lines()[term.rows - 2]


def test_every_screen_shows_the_connection_and_the_queued_actions(
    launch: TerminalFactory, server: RunningServer
) -> None:
    term = launch()
    log_in(term)
    assert "● live" in status_line(term)
    my_files(term)
    open_first_file(term)
    term.wait_until(lambda: "● live" in status_line(term), what="live in the file view")
    term.send("c")
    term.wait_for_text("All contact files")
    term.wait_until(lambda: "● live" in status_line(term), what="live on the citizen screen")
    term.send(ESC)
    term.wait_for_text("Subject:")
    server.stop()  # the connection goes away
    term.wait_until(lambda: "live" not in status_line(term), timeout=30, what="not live")
    term.send("p" + DOWN + ENTER)  # a priority change, offline: it waits in the outbox
    term.wait_until(lambda: "⇡ 1 queued" in status_line(term), what="1 queued in the file view")
    term.send("r")
    term.wait_until(lambda: "⇡ 1 queued" in status_line(term), what="1 queued in the reply")
    term.send(ESC + ESC)
    term.wait_until(lambda: "⇡ 1 queued" in status_line(term), what="1 queued on the dashboard")


def test_quitting_with_a_draft_asks_first_and_stay_is_the_default(
    launch: TerminalFactory,
) -> None:
    term = launch()
    log_in(term)
    my_files(term)
    open_first_file(term)
    term.send("r")
    term.wait_for_text("Send")
    term.send("Une réponse commencée")
    term.settle()
    term.send(ESC + ESC)  # back to the file, back to the dashboard: the draft is kept
    term.wait_until(lambda: term.find_row("Ticket") is not None, what="the dashboard")
    term.send("q")
    term.wait_for_text("Quit Athena?")
    assert term.find_row("1 reply draft is kept") is not None
    term.send(ENTER)  # Enter on the default button: stay
    term.wait_gone("Quit Athena?")
    assert term.process.isalive()
    term.send("q")
    term.wait_for_text("Quit Athena?")
    term.send(TAB + TAB + ENTER)  # to "Quit"
    term.wait_until(lambda: not term.process.isalive(), what="athena-tui to exit")


def test_the_status_line_stays_in_view_behind_a_dialog(launch: TerminalFactory) -> None:
    term = launch(size=(80, 24))
    log_in(term)
    my_files(term)
    term.send("o")  # the operations menu
    term.wait_for_text("Other operations")
    term.wait_until(lambda: "● live" in status_line(term), what="the status line behind it")
    term.send(ESC)
