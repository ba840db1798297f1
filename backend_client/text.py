"""Sanitising untrusted text (citizen-written data) before it reaches a terminal."""

from __future__ import annotations

import re

# C0 controls except \t and \n, DEL, and C1 controls (which include CSI/OSC openers).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Characters that draw nothing yet change what the agent reads: bidi embeddings,
# overrides, isolates and marks ("invoice\u202efdp.exe" shows as "invoiceexe.pdf"),
# zero-width spaces and joiners, the BOM, invisible operators, interlinear annotation,
# tag characters, soft hyphen, line and paragraph separators. Shown as ⟨U+XXXX⟩.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)

# Lone surrogates (JSON may carry "\ud800"): no terminal encoding can write them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"


def safe_text(value: str | None) -> str:
    """Strip control characters (keeping newline and tab) so no escape sequence
    from data ever reaches the terminal, and show invisible formatting characters
    (bidi controls, zero-width characters) as ``⟨U+202E⟩`` so what the agent reads
    is what was written. Markup safety is the caller's job: wrap the result in
    ``rich.text.Text`` / ``Content`` or use ``markup=False``."""
    if not value:
        return ""
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if value.isascii():
        return text
    return _SURROGATE.sub("\ufffd", _INVISIBLE.sub(_visible, text))


def one_line(value: str | None) -> str:
    """safe_text, with line breaks and tabs folded to single spaces (table cells)."""
    return " ".join(safe_text(value).split())
