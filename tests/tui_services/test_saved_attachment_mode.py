"""A saved attachment is readable by the agent alone, whatever the umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from athena_tui.gateway import _write_new_file


def test_a_saved_attachment_is_0600_and_never_overwrites(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        first = _write_new_file(tmp_path, "attestation.pdf", b"%PDF-1")
        second = _write_new_file(tmp_path, "attestation.pdf", b"%PDF-2")
    finally:
        os.umask(old)
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert stat.S_IMODE(second.stat().st_mode) == 0o600
    assert first.read_bytes() == b"%PDF-1" and second.name == "attestation (2).pdf"
