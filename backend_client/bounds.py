"""Constrained types of the wire: ids and counts both stores hold, bounded NUL-free text."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

INT32_MAX = 2**31 - 1
"""Ids, versions and counters are INTEGER columns: PostgreSQL holds int32, no more."""

TEXT_MAX = 20_000
"""A message body or question: the manual's longest citizen text."""

LINE_MAX = 300
"""A subject, a career element, a split message's first line: one line of text."""

NAME_MAX = 255
"""A file name or a media type (the attachments' columns)."""

WORD_MAX = 100
"""A code: group id, category, nonce, ticket, role, search word."""

TOKEN_MAX = 16_384
"""A base64 certificate or signature (a card's certificate is ~1.5 KiB of DER)."""


def no_nul(value: str) -> str:
    """PostgreSQL text cannot hold NUL, and no citizen or agent types one."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Id = Annotated[int, Field(ge=1, le=INT32_MAX)]
"""A row id: positive and within int32."""

Version = Annotated[int, Field(ge=0, le=INT32_MAX)]
"""A file's version as the caller saw it."""

Year = Annotated[int, Field(ge=1900, le=2100)]
"""A career year."""


Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX), AfterValidator(no_nul)]
Line = Annotated[str, Field(min_length=1, max_length=LINE_MAX), AfterValidator(no_nul)]
Word = Annotated[str, Field(min_length=1, max_length=WORD_MAX), AfterValidator(no_nul)]
Token = Annotated[str, Field(max_length=TOKEN_MAX), AfterValidator(no_nul)]

MANY_FILES = 1_000
"""At most this many files in one dispatch or merge (a whole queue page, not more)."""
