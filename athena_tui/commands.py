"""The single-file actions as typed commands: built by the gateway, sent by ``execute``,
stored and replayed by the outbox (as a kind and a JSON payload)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from backend_client.models import ContactFile, FileSummary, Priority, Status

if TYPE_CHECKING:
    from backend_client.client import AthenaClient


class ActionKind(StrEnum):
    """Actions that may wait in the outbox (the ones whose outcome the agent can live
    with later: no attachments to re-read, no multi-file decisions)."""

    TAKE = "take"
    RELEASE = "release"
    MOVE = "move"
    PRIORITY = "priority"
    STATUS = "status"
    REPLY = "reply"
    MARK_READ = "mark_read"

    @property
    def versioned(self) -> bool:
        """Whether the action names the file version it applies to."""
        return self is not ActionKind.MARK_READ


@dataclass(frozen=True)
class Take:
    file_id: int
    version: int


@dataclass(frozen=True)
class Release:
    file_id: int
    version: int


@dataclass(frozen=True)
class Move:
    file_id: int
    version: int
    group_id: str


@dataclass(frozen=True)
class SetPriority:
    file_id: int
    version: int
    priority: Priority


@dataclass(frozen=True)
class SetStatus:
    file_id: int
    version: int
    status: Status


@dataclass(frozen=True)
class Reply:
    """A message without attachments (those are re-read from disk at send time, so a
    reply with attachments is never stored)."""

    file_id: int
    version: int
    body: str
    visible_to_citizen: bool
    final: bool


@dataclass(frozen=True)
class MarkRead:
    file_id: int


Command = Take | Release | Move | SetPriority | SetStatus | Reply | MarkRead

_KINDS: dict[type[Any], ActionKind] = {
    Take: ActionKind.TAKE,
    Release: ActionKind.RELEASE,
    Move: ActionKind.MOVE,
    SetPriority: ActionKind.PRIORITY,
    SetStatus: ActionKind.STATUS,
    Reply: ActionKind.REPLY,
    MarkRead: ActionKind.MARK_READ,
}
_CLASSES: dict[ActionKind, type[Any]] = {kind: cls for cls, kind in _KINDS.items()}


def kind_of(command: Command) -> ActionKind:
    return _KINDS[type(command)]


def to_payload(command: Command) -> dict[str, Any]:
    """The command's fields but the file id, as JSON values (what the outbox stores)."""
    values = dataclasses.asdict(command)
    values.pop("file_id")
    return {k: (v.value if isinstance(v, Priority | Status) else v) for k, v in values.items()}


def from_record(kind: ActionKind | str, file_id: int, payload: dict[str, Any]) -> Command:
    """The command an outbox row stands for (unknown payload keys are ignored)."""
    cls = _CLASSES[ActionKind(kind)]
    names = {f.name for f in dataclasses.fields(cls)} - {"file_id"}
    values: dict[str, Any] = {k: v for k, v in payload.items() if k in names}
    if cls is SetPriority:
        values["priority"] = Priority(values["priority"])
    if cls is SetStatus:
        values["status"] = Status(values["status"])
    command: Command = cls(file_id=file_id, **values)
    return command


def on_version(command: Command, version: int) -> Command:
    """The same command aimed at another version of its file (chained replay, retry)."""
    if isinstance(command, MarkRead):
        return command
    return dataclasses.replace(command, version=version)


async def execute(client: AthenaClient, command: Command, key: str) -> FileSummary | None:
    """Send one command with its idempotency key; the file's new summary when the
    answer has one."""
    answer: FileSummary | ContactFile | None
    match command:
        case Take(file_id, version):
            answer = await client.take(file_id, version, idempotency_key=key)
        case Release(file_id, version):
            answer = await client.release(file_id, version, idempotency_key=key)
        case Move(file_id, version, group_id):
            answer = await client.move(file_id, version, group_id, idempotency_key=key)
        case SetPriority(file_id, version, priority):
            answer = await client.set_priority(file_id, version, priority, idempotency_key=key)
        case SetStatus(file_id, version, status):
            answer = await client.set_status(file_id, version, status, idempotency_key=key)
        case Reply(file_id, version, body, visible, final):
            answer = await client.reply(
                file_id, version, body, visible_to_citizen=visible, final=final, idempotency_key=key
            )
        case MarkRead(file_id):
            await client.mark_read(file_id, idempotency_key=key)
            answer = None
    if isinstance(answer, ContactFile):
        return answer.summary
    return answer
