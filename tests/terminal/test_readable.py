"""Readable without colour and on a small terminal: what only colour told apart is told
apart some other way; the footer shows whole keys."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.terminal.conftest import TICKET, TerminalFactory, log_in, wait_for_rows
from tests.terminal.harness import CTRL_S, DOWN, ENTER, ESC, TAB, Terminal
from tests.terminal.test_bursts import my_files, open_first_file

pytestmark = pytest.mark.terminal

DASHBOARD_KEYS = {
    "? Help", "⏎ Open", "space Mark", "v Range", "s Sort", "/ Filter", "t Take",
    "l Release", "d Dispatch", "m Move", ": Go to", "4 Citizen search", "q Quit",
    "o Other operations",
}  # fmt: skip


def footer_keys(term: Terminal) -> list[str]:
    line = term.lines()[term.rows - 1].split("▏")[0]
    return [chunk.strip() for chunk in re.split(r"\s{2,}", line) if chunk.strip()]


def test_the_footer_shows_whole_keys_and_help_at_80x24(launch: TerminalFactory) -> None:
    term = launch(size=(80, 24))
    log_in(term)
    keys = footer_keys(term)
    assert keys[0] == "? Help", keys
    assert set(keys) <= DASHBOARD_KEYS, f"a key cut in the footer: {keys}"
    open_first_file(term)
    term.wait_until(lambda: footer_keys(term)[:2] == ["? Help", "r Reply"], what="file keys")


@pytest.mark.parametrize("colours", ["16", "nocolor"])
def test_high_priority_stands_apart_from_medium(launch: TerminalFactory, colours: str) -> None:
    term = launch(colours=colours)
    log_in(term)
    term.send("j")  # the cursor off the first row, whose look is the cursor's

    def look_of(word: str) -> set[tuple[str, bool, bool]]:
        looks = set()
        for y, line in enumerate(term.lines()):
            if TICKET.search(line) and f" {word} " in line and y > 5:
                x = line.index(f" {word} ") + 1
                cell = term.cells(y)[x]
                looks.add((cell.fg, cell.bold, cell.underline))
        return looks

    term.wait_until(lambda: bool(look_of("high")) and bool(look_of("medium")), what="rows")
    high, medium = look_of("high"), look_of("medium")
    assert not high & medium, f"high {high} reads like medium {medium}"
    if colours == "nocolor":
        assert all(fg not in {"585858", "444444", "303030"} for fg, _, _ in high), high


@pytest.mark.parametrize("colours", ["256", "nocolor"])
def test_pickers_show_their_highlighted_option_in_colour_and_without(
    launch: TerminalFactory, colours: str
) -> None:
    term = launch(colours=colours)
    log_in(term)
    my_files(term)
    open_first_file(term)
    term.send("p")
    term.wait_for_text("Medium")

    def reversed_options() -> list[str]:
        rows = []
        for y, line in enumerate(term.lines()):
            for word in ("High", "Medium", "Low"):
                if f" {word} " in line and "Priority:" not in line:
                    x = line.index(f" {word} ") + 1
                    cell = term.cells(y)[x]
                    # reverse without colour; in colour bold on the cursor's colours
                    # (a dark background shade alone was hard to see)
                    if cell.reverse if colours == "nocolor" else cell.bold:
                        rows.append(word)
        return rows

    term.wait_until(lambda: len(reversed_options()) == 1, what="one highlighted option")
    first = reversed_options()
    term.send(DOWN)
    term.wait_until(lambda: reversed_options() not in ([], first), what="the highlight moved")
    term.send(ESC)


def test_a_ticked_box_looks_different_from_an_unticked_one(launch: TerminalFactory) -> None:
    term = launch(colours="nocolor")
    log_in(term)
    my_files(term)
    open_first_file(term)
    term.send("r")
    term.wait_for_text("Visible to the citizen")
    term.settle()

    def box(label: str) -> str:
        line = next(line for line in term.lines() if label in line)
        inside = line[: line.index(label)].rstrip()  # "… ▐X▌"
        assert inside.endswith("▌"), line
        return inside[-2].strip()

    assert box("Final answer") == "X"
    term.send(TAB + TAB + " ")  # to the final-answer box (past the visible box), untick
    term.wait_until(lambda: box("Final answer") == "", what="an empty box once unticked")
    assert box("Visible to the citizen") == "X"


def test_a_long_confirmation_keeps_its_buttons_at_80x24(launch: TerminalFactory) -> None:
    term = launch(size=(80, 24))
    log_in(term)
    my_files(term)
    term.send("L")  # release all my files: a confirmation listing 30 files
    term.wait_for_text("Release all")
    term.wait_until(
        lambda: any("Release" in line and "Cancel" in line for line in term.lines()),
        what="both buttons of the confirmation",
    )
    term.send(ESC)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_the_final_answer_confirmation_shows_whole_button_labels_in_french(
    launch: TerminalFactory, size: tuple[int, int]
) -> None:
    term = launch(size=size, language="fr")
    log_in(term)
    term.send("2")  # my files ("Mes dossiers"): no assignee column
    term.wait_until(
        lambda: any("Ticket" in line and "Assigné" not in line for line in term.lines()),
        what="my files",
    )
    wait_for_rows(term)
    term.send(ENTER)
    term.wait_for_text("Priorité:")
    term.settle()
    term.send("r")
    term.wait_for_text("Envoyer")
    term.settle()
    term.send("Bonjour madame" + CTRL_S)  # final answer is ticked by default
    term.wait_for_text("Envoyer la réponse finale")
    term.wait_until(
        lambda: any(
            "Envoyer et clôturer" in line and "Continuer à écrire" in line for line in term.lines()
        ),
        what="both whole button labels",
    )
    term.send(ESC)


def label_reversed(term: Terminal, label: str) -> bool:
    """Whether the form label ``label`` (at the start of its line) is drawn in reverse."""
    y = next(y for y, line in enumerate(term.lines()) if line.startswith(f" {label} "))
    return all(cell.reverse for cell in term.cells(y)[1 : 1 + len(label)])


@pytest.mark.parametrize("colours", ["16", "nocolor"])
def test_the_new_file_form_shows_which_field_has_the_focus(
    launch: TerminalFactory, colours: str
) -> None:
    term = launch(colours=colours)
    log_in(term)
    my_files(term)
    open_first_file(term)
    term.send("c")
    term.wait_for_text("All contact files")
    term.settle()
    term.send("n")
    term.wait_for_text("Career element")
    labels = ["Category", "Year", "Career element", "Priority", "Group"]

    def only(focused: str) -> Callable[[], bool]:
        return lambda: [label for label in labels if label_reversed(term, label)] == [focused]

    for focused in labels:
        term.wait_until(only(focused), what=f"only the {focused} label stands out")
        term.send(TAB)
