"""NISS (Belgian national register number) parsing, check digits and formatting."""

from __future__ import annotations

import datetime as dt
import re

_SEPARATORS = re.compile(r"[\s.\-/]")


class NissError(ValueError):
    """A NISS that cannot be right; the message says why."""


def normalize_niss(raw: str) -> str:
    """Return the 11 bare digits of ``raw`` (``85.07.30-033.28`` or ``85073003328``).

    Raises NissError naming the problem: wrong length, non-digits, bad check digits.
    """
    digits = _SEPARATORS.sub("", raw.strip())
    if not digits:
        raise NissError("NISS is empty")
    if not digits.isdigit():
        raise NissError("NISS may only contain digits, dots and dashes")
    if len(digits) != 11:
        raise NissError(f"NISS must have 11 digits, not {len(digits)}")
    if century_of(digits) is None:
        raise NissError("NISS check digits are wrong")
    return digits


def check_digits(first_nine: str, born_2000_or_later: bool) -> int:
    """Check digits for the first nine digits; births from 2000 prefix a ``2``."""
    base = int(("2" + first_nine) if born_2000_or_later else first_nine)
    return 97 - (base % 97)


def century_of(digits: str) -> int | None:
    """1900 or 2000 depending on which rule the check digits satisfy, else None."""
    body, check = digits[:9], int(digits[9:])
    if check_digits(body, False) == check:
        return 1900
    if check_digits(body, True) == check:
        return 2000
    return None


def is_valid_niss(raw: str) -> bool:
    """True when ``raw`` is a well-formed NISS with correct check digits."""
    try:
        normalize_niss(raw)
    except NissError:
        return False
    return True


def format_niss(digits: str) -> str:
    """``85073003328`` → ``85.07.30-033.28``."""
    d = digits
    return f"{d[0:2]}.{d[2:4]}.{d[4:6]}-{d[6:9]}.{d[9:11]}"


def make_niss(birth: dt.date, counter: int) -> str:
    """Build a valid NISS for a birth date and day counter (1–998)."""
    body = f"{birth:%y%m%d}{counter:03d}"
    check = check_digits(body, birth.year >= 2000)
    return f"{body}{check:02d}"
