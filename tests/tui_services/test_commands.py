"""Typed commands: each stores as the outbox's kind and JSON payload and comes back equal;
chaining and retry change only the version."""

from __future__ import annotations

import json

import pytest

from athena_tui.commands import (
    ActionKind,
    Command,
    MarkRead,
    Move,
    Release,
    Reply,
    SetPriority,
    SetStatus,
    Take,
    from_record,
    kind_of,
    on_version,
    to_payload,
)
from backend_client.models import Priority, Status

EVERY: list[Command] = [
    Take(1, 3),
    Release(1, 4),
    Move(2, 1, "nl-desk"),
    SetPriority(3, 7, Priority.HIGH),
    SetStatus(3, 8, Status.WAITING),
    Reply(4, 2, "Bonjour <b>Madame</b>\n", visible_to_citizen=True, final=False),
    MarkRead(5),
]


@pytest.mark.parametrize("command", EVERY, ids=lambda c: type(c).__name__)
def test_a_command_survives_the_store(command: Command) -> None:
    stored = json.loads(json.dumps(to_payload(command)))
    assert from_record(kind_of(command).value, command.file_id, stored) == command


def test_every_kind_has_its_command() -> None:
    assert {kind_of(c) for c in EVERY} == set(ActionKind)
    assert to_payload(SetPriority(3, 7, Priority.LOW)) == {"version": 7, "priority": "low"}


def test_a_new_version_changes_nothing_else() -> None:
    assert on_version(SetStatus(3, 8, Status.WAITING), 9) == SetStatus(3, 9, Status.WAITING)
    assert on_version(MarkRead(5), 9) == MarkRead(5)
