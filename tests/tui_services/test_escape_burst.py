"""Esc and the next key in one read are two keys outside text fields."""

from __future__ import annotations

from textual import events
from textual._xterm_parser import XTermParser

from athena_tui.escape_burst import split_escape_burst


def parsed(data: str) -> events.Key:
    parser = XTermParser()
    keys = [e for e in [*parser.feed(data), *parser.feed("")] if isinstance(e, events.Key)]
    assert len(keys) == 1, keys
    return keys[0]


def keys_of(data: str, *, in_text_field: bool = False) -> list[tuple[str, str | None]] | None:
    split = split_escape_burst(parsed(data), in_text_field=in_text_field)
    return None if split is None else [(key.key, key.character) for key in split]


def test_escape_then_a_digit_is_two_keys() -> None:
    assert keys_of("\x1b2") == [("escape", "\x1b"), ("2", "2")]
    assert keys_of("\x1b1") == [("escape", "\x1b"), ("1", "1")]


def test_escape_then_a_letter_is_two_keys() -> None:
    assert keys_of("\x1bj") == [("escape", "\x1b"), ("j", "j")]
    assert keys_of("\x1bG") == [("escape", "\x1b"), ("G", "G")]


def test_a_text_field_keeps_the_character() -> None:
    assert keys_of("\x1b3", in_text_field=True) is None
    assert keys_of("\x1bj", in_text_field=True) is None


def test_other_keys_are_left_alone() -> None:
    for data in ("j", "2", "\x1b[B", "\r", "é", "\x1b"):
        assert keys_of(data) is None, data
