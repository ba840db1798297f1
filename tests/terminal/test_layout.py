"""What the dashboard and the citizen's list show, at both sizes."""

from __future__ import annotations

import re

import pytest

from tests.terminal.conftest import TerminalFactory, log_in, wait_for_rows
from tests.terminal.harness import ENTER, SIZES, Terminal
from tests.terminal.test_bursts import my_files
from tests.terminal.test_cursor import odd_rows

pytestmark = pytest.mark.terminal

DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")


def header(term: Terminal) -> list[str]:
    line = next(line for line in term.lines() if "Ticket" in line and "Subject" in line)
    return line.split()


@pytest.mark.parametrize("size", list(SIZES))
def test_each_tab_shows_the_columns_that_matter_there(launch: TerminalFactory, size: str) -> None:
    term = launch(size=SIZES[size])
    log_in(term)
    group = header(term)
    assert {"Ticket", "Citizen", "Subject", "Priority", "Assignee", "Age"} <= set(group)
    my_files(term)
    assert "Assignee" not in header(term) and "Status" in header(term)
    term.send("3")
    term.wait_until(lambda: "Closed" in header(term), what="the treated files' columns")
    wait_for_rows(term)
    rows = [line for line in term.lines() if "SR1" in line]
    assert rows and all(DATE.search(line) for line in rows), "a treated row has no closing date"


def test_the_citizens_file_list_draws_its_cursor(launch: TerminalFactory) -> None:
    term = launch()
    log_in(term)
    my_files(term)
    term.send(ENTER)
    term.wait_for_text("Subject:")
    term.settle()
    term.send("c")
    term.wait_for_text("All contact files")
    term.wait_until(lambda: len(odd_rows(term)) == 1, what="the cursor in the citizen's files")
    assert "Citizen" not in header(term), "the citizen's own name repeats on every row"
