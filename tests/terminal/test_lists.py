"""j/k/g/G and a visible cursor in the citizen search results and the career tables."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.terminal.conftest import TerminalFactory, log_in
from tests.terminal.harness import COLOUR_MODES, ENTER, TAB, Terminal, row_background

NISS = re.compile(r"\b\d\d\.\d\d\.\d\d-\d{3}\.\d\d\b")
PERIOD = re.compile(r"^ \d{4}-\d\d-\d\d  ")


def rows_matching(term: Terminal, pattern: re.Pattern[str]) -> list[int]:
    """Rows under the table's header (the search form's NISS placeholder also matches)."""
    lines = term.lines()
    header = next((y for y, line in enumerate(lines) if "Name" in line or "Employer" in line), 0)
    return [y for y, line in enumerate(lines) if y > header and pattern.search(line)]


def odd_rows(term: Terminal, pattern: re.Pattern[str]) -> list[int]:
    """Rows painted unlike every other row: zebra stripes give the usual rows two looks,
    the cursor row has a look of its own."""
    rows = rows_matching(term, pattern)
    looks = {y: row_background(term, y, 1, term.cols - 3) for y in rows}
    counts = Counter(looks.values())
    return [y for y in rows if counts[looks[y]] == 1]


def search_van(term: Terminal) -> list[int]:
    term.send("4")
    term.wait_for_text("Citizen search")
    term.settle()
    term.send(TAB + "Van" + ENTER)
    term.wait_for_text("citizens shown")
    term.wait_until(lambda: len(rows_matching(term, NISS)) > 4, what="a page of results")
    return rows_matching(term, NISS)


@pytest.mark.terminal
@pytest.mark.parametrize("colours", list(COLOUR_MODES))
def test_search_results_show_the_cursor_and_move_with_j_k_g_G(
    launch: TerminalFactory, colours: str
) -> None:
    term = launch(colours=colours, size=(80, 24))  # 20 results: more than the table shows
    log_in(term)
    rows = search_van(term)
    term.wait_until(lambda: odd_rows(term, NISS) == [rows[0]], what="the cursor on the first")
    term.send("jj")
    term.wait_until(lambda: odd_rows(term, NISS) == [rows[2]], what="j j: the third result")
    term.send("k")
    term.wait_until(lambda: odd_rows(term, NISS) == [rows[1]], what="k: the second result")
    first = term.lines()[rows[0]]
    term.send("G")
    term.wait_until(
        lambda: (
            odd_rows(term, NISS) == [rows_matching(term, NISS)[-1]] and first not in term.lines()
        ),
        what="G: the last result, scrolled into view",
    )
    term.send("g")
    term.wait_until(
        lambda: first in term.lines() and odd_rows(term, NISS) == [rows[0]],
        what="g: back on the first result",
    )


@pytest.mark.terminal
@pytest.mark.parametrize("colours", ["256", "nocolor"])
def test_the_career_table_shows_the_cursor_and_moves_with_j_k_g_G(
    launch: TerminalFactory, colours: str
) -> None:
    term = launch(colours=colours)
    log_in(term, role="Athena Gestion de Dossiers")  # the agent view of the career is theirs
    search_van(term)
    term.send(ENTER)  # the first citizen, opened without a file: a reason is asked
    term.wait_for_text("Why do you open this citizen's data?")
    term.settle()
    term.send("Phone call from the citizen about a missing year" + ENTER)
    term.wait_for_text("Timeline")
    term.settle()
    term.send("4")  # career detail, agent view: My CV
    term.wait_for_text("Employer")
    term.wait_until(lambda: len(rows_matching(term, PERIOD)) >= 4, what="the career periods")
    rows = rows_matching(term, PERIOD)
    term.wait_until(lambda: odd_rows(term, PERIOD) == [rows[0]], what="the cursor on the first")
    term.send("jj")
    term.wait_until(lambda: odd_rows(term, PERIOD) == [rows[2]], what="j j: the third period")
    term.send("G")
    term.wait_until(
        lambda: odd_rows(term, PERIOD) == [rows_matching(term, PERIOD)[-1]],
        what="G: the last period",
    )
    term.send("gk")  # k on the first row stays there
    term.wait_until(lambda: odd_rows(term, PERIOD) == [rows[0]], what="g: the first period")
