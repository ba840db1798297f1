"""Tab completes an attachment's path in the reply, as its tooltip says."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.terminal.conftest import TerminalFactory, log_in
from tests.terminal.harness import ENTER, TAB
from tests.terminal.test_bursts import my_files, open_first_file

pytestmark = pytest.mark.terminal


def test_tab_completes_the_attachment_path(launch: TerminalFactory, tmp_path: Path) -> None:
    folder = tmp_path / "pieces"
    folder.mkdir()
    (folder / "attestation-2012.pdf").write_bytes(b"%PDF-1.4\n")
    term = launch()
    log_in(term)
    my_files(term)
    open_first_file(term)
    term.send("r")
    term.wait_for_text("Attachments")
    term.settle()
    term.send("\x0f")  # ctrl+o: the path prompt
    term.settle()
    term.send(f"{folder}/att")
    term.settle()
    term.send(TAB + "#")  # a character typed after Tab lands after the completed name
    # (the suggestion is drawn as a grey tail before Tab: it is not what the test reads)
    term.wait_for_text(f"{folder}/attestation-2012.pdf#")


def test_tab_stops_where_names_part_and_lists_them_then_enter_attaches(
    launch: TerminalFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "att"
    folder.mkdir()
    for n in range(1, 4):
        (folder / f"piece{n}.txt").write_text(f"pièce {n}\n", encoding="utf-8")
    term = launch()
    log_in(term)
    my_files(term)
    open_first_file(term)
    term.send("r")
    term.wait_for_text("Attachments")
    term.settle()
    term.send("\x0f")  # ctrl+o
    term.settle()
    # Tab thrice, one write: the name grows to where the three part, they are listed, and
    # the focus stays in the field (before, the third Tab left it and Enter did nothing)
    term.send(f"{folder}/pie" + TAB * 3)
    term.wait_for_text("piece1.txt  piece2.txt  piece3.txt")
    term.send("2" + TAB + ENTER)  # the name made whole, then added
    term.wait_for_text("Attachments: 1")
    term.wait_for_text("piece2.txt · ")
