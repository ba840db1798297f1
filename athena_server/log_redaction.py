"""A logging filter that hides NISS numbers in server logs (uvicorn's access log above all)."""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

# 11 digits standing alone, bare (85073003328) or split by single separators as people
# and forms write them (85.07.30-033.28, 850730-03328, 85 07 30 033 28, 85+07+30…); any
# such number is hidden: a log line loses little, a leaked national number is a breach.
NISS_PATTERN = re.compile(r"(?<!\d)\d(?:[ .\-_+]?\d){10}(?!\d)")
# a run of digits, separators and percent escapes: where a NISS may hide, percent-encoded
# (%30%32…, 02%2008%2009…) or not
RUN = re.compile(r"(?:%[0-9A-Fa-f]{2}|[\d .\-_+])+")
MASK = "[NISS]"
LOGGERS = ("uvicorn.access", "uvicorn.error", "uvicorn", "athena_server")


def _decoded(run: str) -> str:
    """The run percent-decoded until it no longer changes (double encoding too)."""
    for _ in range(3):
        plain = unquote(run)
        if plain == run:
            break
        run = plain
    return run


def _mask_run(match: re.Match[str]) -> str:
    run = match.group(0)
    plain = _decoded(run)
    if not NISS_PATTERN.search(plain):
        return run
    if plain == run:
        return NISS_PATTERN.sub(MASK, run)
    # encoded: the whole run goes (never the decoded text, which may hold line breaks)
    stripped = run.strip()
    start = run.index(stripped)
    return run[:start] + MASK + run[start + len(stripped) :]


def redact(text: str) -> str:
    return RUN.sub(_mask_run, text)


class NissRedactor(logging.Filter):
    """Rewrites the message and its string arguments in place, keeping the arguments'
    shape (uvicorn's access formatter unpacks them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        return True


def install() -> None:
    """Add the filter to the server's loggers once (a second line of defence: the API
    keeps the NISS out of URLs in the first place)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, NissRedactor) for f in logger.filters):
            logger.addFilter(NissRedactor())
