"""Sanitising untrusted text (citizen-written data) before it reaches a terminal."""

from __future__ import annotations

import re

# C0 controls except \t and \n, DEL, and C1 controls (which include CSI/OSC openers).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_text(value: str | None) -> str:
    """Strip control characters (keeping newline and tab) so no escape sequence
    from data ever reaches the terminal. Markup safety is the caller's job: wrap the
    result in ``rich.text.Text`` / ``Content`` or use ``markup=False``."""
    if not value:
        return ""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(value: str | None) -> str:
    """safe_text, with line breaks and tabs folded to single spaces (table cells)."""
    return " ".join(safe_text(value).split())
