"""Escape and the next key in one read, told apart from an alt key the app never binds.

A terminal sends alt+X as ESC followed by X, so when Esc and a key arrive in one read
(typed fast, or coalesced by SSH) Textual's parser reports a single alt key: ``Esc 2``
becomes "™" (its macOS option-key table), ``Esc j`` becomes alt+j, and both keys are lost.
Athena binds no alt key, so outside a text field such a key is taken as the two keys the
agent typed. In a text field the character stays (an agent may type "£").
"""

from __future__ import annotations

from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual.keys import _character_to_key

_OPTION_CHARACTERS: dict[str, str] = {
    value: sequence[1]
    for sequence, value in ANSI_SEQUENCES_KEYS.items()
    if isinstance(value, str) and len(sequence) == 2 and sequence[0] == "\x1b"
}
"""Characters the parser makes of ESC + a key (ESC 2 → ™), to the key typed after Esc."""


def typed_after_escape(key: str, character: str | None) -> str | None:
    """The character typed right after Esc, when ``key`` is what the parser made of the
    two; None for a key that is not such a pair."""
    if character is not None and character in _OPTION_CHARACTERS:
        return _OPTION_CHARACTERS[character]
    if key.startswith("alt+") and character is not None and len(character) == 1:
        if character.isprintable() and not character.isspace():
            return character
    return None


def split_escape_burst(event: events.Key, *, in_text_field: bool) -> list[events.Key] | None:
    """Esc and the key typed after it, for a key the parser made of both; None for any
    other key, and in a text field (where the character is kept as typed)."""
    if in_text_field:
        return None
    after = typed_after_escape(event.key, event.character)
    if after is None:
        return None
    name = after if after.isalnum() else _character_to_key(after)
    return [events.Key("escape", "\x1b"), events.Key(name, after)]
