"""A logging filter that hides NISS numbers in server logs (uvicorn's access log above all)."""

from __future__ import annotations

import logging
import re

# 11 digits standing alone (bare NISS) or the formatted 85.07.30-033.28; any 11-digit
# number is hidden: a log line loses little, a leaked national number is a breach.
NISS_PATTERN = re.compile(r"(?<!\d)\d{11}(?!\d)|(?<!\d)\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}(?!\d)")
MASK = "[NISS]"
LOGGERS = ("uvicorn.access", "uvicorn.error", "uvicorn", "athena_server")


def redact(text: str) -> str:
    return NISS_PATTERN.sub(MASK, text)


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
