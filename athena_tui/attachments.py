"""Saving attachments: safe file names inside a chosen folder, never overwriting."""

from __future__ import annotations

import re
from pathlib import Path

from backend_client.text import safe_text

_UNSAFE = re.compile(r"[^\w.\- ()+,@]+", re.UNICODE)
MAX_NAME = 120


def safe_filename(name: str) -> str:
    """A file name that cannot escape the folder nor hide: no separators, no
    control characters, no leading dots, bounded length."""
    base = safe_text(name).replace("\\", "/").split("/")[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    if not base:
        base = "attachment"
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            base = stem[: MAX_NAME - len(ext) - 1] + "." + ext
        else:
            base = base[:MAX_NAME]
    return base


def target_path(folder: Path, name: str) -> Path:
    """Where to save ``name`` in ``folder``: the safe name, with ``(2)``, ``(3)``…
    added when a file of that name exists."""
    base = safe_filename(name)
    candidate = folder / base
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    number = 2
    while candidate.exists():
        candidate = folder / (f"{stem} ({number}).{ext}" if ext else f"{stem} ({number})")
        number += 1
    return candidate


def save_attachment(folder: Path, name: str, content: bytes) -> Path:
    """Write ``content`` under a safe, new name in ``folder`` and return the path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = target_path(folder, name)
    with path.open("xb") as handle:
        handle.write(content)
    return path
