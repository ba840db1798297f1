"""Ticket numbers: ``SR`` followed by seven digits."""

from __future__ import annotations

import re

_TICKET = re.compile(r"^SR\d{7}$")


class TicketError(ValueError):
    """A string that is not a ticket number."""


def normalize_ticket(raw: str) -> str:
    """``sr 1234567`` → ``SR1234567``; raise TicketError otherwise."""
    value = raw.strip().upper().replace(" ", "")
    if value.isdigit() and len(value) == 7:
        value = "SR" + value
    if not _TICKET.match(value):
        raise TicketError("a ticket is SR followed by 7 digits, e.g. SR1234567")
    return value


def make_ticket(number: int) -> str:
    """Format a ticket number."""
    return f"SR{number:07d}"
