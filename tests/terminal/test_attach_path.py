"""Tab completes an attachment's path in the reply, as its tooltip says."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.terminal.conftest import TerminalFactory, log_in
from tests.terminal.harness import TAB
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
