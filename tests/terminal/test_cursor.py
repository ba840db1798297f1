"""The cursor row is drawn, in every list the agent moves in, in every colour mode."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.terminal.conftest import TICKET, TerminalFactory, log_in
from tests.terminal.harness import COLOUR_MODES, ESC, SIZES, Terminal, row_background


def data_rows(term: Terminal) -> list[int]:
    """Screen rows of the file table's lines (those showing a ticket)."""
    return [y for y, line in enumerate(term.lines()) if TICKET.search(line)]


def table_end(term: Terminal) -> int:
    """The column after the table's last cell, the age (the scrollbar is left out)."""
    header = next((line for line in term.lines() if "Ticket" in line and "Age" in line), None)
    return term.cols - 3 if header is None else header.rfind("Age") + len("Age")


def odd_rows(term: Terminal) -> list[int]:
    """Rows painted differently from the table's usual row (the cursor, marked rows)."""
    rows = data_rows(term)
    if not rows:
        return []
    looks = {y: row_background(term, y, 0, table_end(term)) for y in rows}
    usual, _ = Counter(looks.values()).most_common(1)[0]
    return [y for y in rows if looks[y] != usual]


def wait_for_cursor_on(term: Terminal, y: int) -> None:
    term.wait_until(lambda: odd_rows(term) == [y], what=f"the cursor alone on row {y}")


@pytest.mark.terminal
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("colours", list(COLOUR_MODES))
def test_the_dashboard_cursor_is_drawn_and_moves_with_j(
    launch: TerminalFactory, colours: str, size: str
) -> None:
    term = launch(size=SIZES[size], colours=colours)
    log_in(term)
    rows = data_rows(term)
    assert len(rows) >= 5
    # Exactly one row stands out before any key: the cursor, on the first file.
    wait_for_cursor_on(term, rows[0])
    term.send("j")
    wait_for_cursor_on(term, rows[1])
    term.send("jj")  # two keys in one write
    wait_for_cursor_on(term, rows[3])
    term.send("k")
    wait_for_cursor_on(term, rows[2])


@pytest.mark.terminal
@pytest.mark.parametrize("colours", ["256", "nocolor"])
def test_marked_rows_and_the_cursor_stay_apart(launch: TerminalFactory, colours: str) -> None:
    term = launch(colours=colours)
    log_in(term)
    rows = data_rows(term)
    term.send(" ")  # marks the first file and moves down
    term.wait_until(lambda: odd_rows(term) == rows[:2], what="a marked row and the cursor")
    marked = row_background(term, rows[0], 2, table_end(term)), term.cells(rows[0])[0].char
    cursor = row_background(term, rows[1], 2, table_end(term)), term.cells(rows[1])[0].char
    plain = row_background(term, rows[2], 2, table_end(term)), term.cells(rows[2])[0].char
    assert len({marked, cursor, plain}) == 3, "marked, cursor and plain rows look alike"
    term.send(" ")  # the cursor row marked too: still distinguishable from a marked row
    term.wait_until(lambda: odd_rows(term) == rows[:3], what="two marked rows and the cursor")
    assert row_background(term, rows[2], 2, table_end(term)) != row_background(
        term, rows[1], 2, table_end(term)
    )


@pytest.mark.terminal
@pytest.mark.parametrize("colours", ["256", "16", "nocolor"])
def test_the_cursor_stays_visible_when_the_table_loses_focus(
    launch: TerminalFactory, colours: str
) -> None:
    term = launch(colours=colours)
    log_in(term)
    rows = data_rows(term)
    term.send("j")
    wait_for_cursor_on(term, rows[1])
    term.send("/")  # the filter takes the focus
    term.wait_for_text("Filter:")
    # The table may move down under the filter line: find the rows again.
    term.wait_until(lambda: len(odd_rows(term)) == 1, what="the blurred cursor")
    assert odd_rows(term) == [data_rows(term)[1]]
    term.send(ESC)
    term.wait_until(lambda: odd_rows(term) == [data_rows(term)[1]], what="the cursor back")
