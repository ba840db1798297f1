"""The contact-file state machine as pure functions: checks and planned column changes.

Every function takes plain values (no database), raises a DomainError naming the
problem, or returns the columns the store must change. The store applies them with a
conditional UPDATE on the version, so these checks and the write cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from athena_server.errors import DomainError, conflict, forbidden, invalid
from backend_client.models import CareerView, DispatchOutcome, Priority, Role, Status
from backend_client.roles import may_see_career

try:
    LOCAL_TZ: dt.tzinfo = ZoneInfo("Europe/Brussels")
except ZoneInfoNotFoundError:  # pragma: no cover - minimal containers without tzdata
    LOCAL_TZ = dt.UTC

OPEN_STATES = frozenset({Status.NEW, Status.ASSIGNED, Status.WAITING})
SETTABLE_STATES = frozenset({Status.ASSIGNED, Status.WAITING})


@dataclass(frozen=True)
class Actor:
    """The agent of the session doing the action."""

    id: int
    name: str
    groups: frozenset[str]


@dataclass(frozen=True)
class FileState:
    """What the rules need to know of a contact file."""

    id: int
    ticket: str
    niss: str
    group_id: str
    status: Status
    version: int
    priority: Priority = Priority.MEDIUM
    assignee_id: int | None = None
    assignee_name: str | None = None
    closed_by: int | None = None
    updated_at: dt.datetime | None = None
    updated_by_name: str | None = None
    last_action: str | None = None

    @property
    def closed(self) -> bool:
        return self.status is Status.CLOSED


Changes = dict[str, Any]


# --------------------------------------------------------------------------- access


def can_read(actor: Actor, file: FileState) -> bool:
    """Members of the file's group, its assignee and the agent who closed it may see it."""
    return (
        file.group_id in actor.groups
        or file.assignee_id == actor.id
        or (file.closed_by is not None and file.closed_by == actor.id)
    )


def require_read(actor: Actor, file: FileState) -> None:
    if not can_read(actor, file):
        raise forbidden(f"{file.ticket} belongs to group {file.group_id}, which is not yours")


def require_handle(actor: Actor, file: FileState) -> None:
    """Acting on a file needs membership of its group, or holding it."""
    if file.group_id not in actor.groups and file.assignee_id != actor.id:
        raise forbidden(f"{file.ticket} belongs to group {file.group_id}, which is not yours")


def require_open(file: FileState) -> None:
    if file.closed:
        raise DomainError(
            "file_closed",
            f"{file.ticket} is closed; a closed file accepts no action",
            details={"ticket": file.ticket},
        )


def format_time(at: dt.datetime) -> str:
    """HH:MM in the contact center's local time, for messages shown to agents."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(LOCAL_TZ).strftime("%H:%M")


def stale_error(file: FileState) -> DomainError:
    """409 telling who changed the file, when and how."""
    who = file.updated_by_name or ""
    action = file.last_action or ""
    when = format_time(file.updated_at) if file.updated_at is not None else ""
    parts = [f"{file.ticket} was changed"]
    if who:
        parts.append(f"by {who}")
    if when:
        parts.append(f"at {when}")
    message = " ".join(parts) + (f" ({action})" if action else "")
    return DomainError(
        "stale_version",
        message,
        field="version",
        details={
            "current_version": file.version,
            "changed_by": who,
            "changed_at": file.updated_at.isoformat() if file.updated_at else None,
            "action": action,
        },
    )


def require_version(file: FileState, version: int) -> None:
    if file.version != version:
        raise stale_error(file)


def _held_by_other(actor: Actor, file: FileState) -> DomainError:
    name = file.assignee_name or f"agent {file.assignee_id}"
    return DomainError(
        "conflict",
        f"{file.ticket} is held by {name}",
        details={"assignee": {"id": file.assignee_id, "name": name}},
    )


def _require_holder(actor: Actor, file: FileState, what: str) -> None:
    if file.assignee_id is None:
        raise conflict(f"{file.ticket} is not assigned; take it before you {what}")
    if file.assignee_id != actor.id:
        raise _held_by_other(actor, file)


# --------------------------------------------------------------------------- roles

# The matrix itself is shared with the client: backend_client/roles.py.


def require_career_view(role: Role, view: CareerView) -> None:
    """403 naming the role when the session's role may not see this view."""
    if not may_see_career(role, view):
        raise DomainError(
            "forbidden",
            f"the role {role.value} does not show the {view.value} view of a career",
            field="view",
            details={"reason": "role", "role": role.value, "view": view.value},
        )


# --------------------------------------------------------------------------- actions


def plan_take(actor: Actor, file: FileState, version: int) -> Changes:
    """Assign to myself. Empty changes when I already hold it."""
    if file.group_id not in actor.groups:
        raise forbidden(f"{file.ticket} belongs to group {file.group_id}, which is not yours")
    require_open(file)
    require_version(file, version)
    if file.assignee_id == actor.id:
        return {}
    if file.assignee_id is not None:
        raise _held_by_other(actor, file)
    return {"assignee_id": actor.id, "status": Status.ASSIGNED}


def plan_open(actor: Actor, file: FileState, version: int) -> Changes:
    """Opening reads; an unassigned open file in my group is taken (F2)."""
    require_read(actor, file)
    if file.closed or file.assignee_id is not None or file.group_id not in actor.groups:
        return {}
    require_version(file, version)
    return {"assignee_id": actor.id, "status": Status.ASSIGNED}


def plan_release(actor: Actor, file: FileState, version: int) -> Changes:
    """Back to the group queue, un-assigned (F7, F8)."""
    require_handle(actor, file)
    require_open(file)
    require_version(file, version)
    if file.assignee_id is None:
        raise conflict(f"{file.ticket} is not assigned; there is nothing to release")
    return {"assignee_id": None, "status": Status.NEW}


def plan_move(actor: Actor, file: FileState, version: int, group_id: str) -> Changes:
    """To another group's queue, un-assigned (F11)."""
    require_handle(actor, file)
    require_open(file)
    require_version(file, version)
    if group_id == file.group_id:
        raise invalid("group_id", f"{file.ticket} is already in group {group_id}")
    return {"group_id": group_id, "assignee_id": None, "status": Status.NEW}


def plan_priority(actor: Actor, file: FileState, version: int, priority: Priority) -> Changes:
    require_handle(actor, file)
    require_open(file)
    require_version(file, version)
    return {"priority": priority}


def plan_status(actor: Actor, file: FileState, version: int, status: Status) -> Changes:
    """Assigned ⇄ waiting, by the agent holding the file."""
    if status not in SETTABLE_STATES:
        raise invalid("status", "status can only be set to assigned or waiting")
    require_handle(actor, file)
    require_open(file)
    require_version(file, version)
    _require_holder(actor, file, "change its status")
    return {"status": status}


def check_reply(
    *,
    body: str,
    visible: bool,
    final: bool,
    attachment_count: int,
    max_attachments: int,
) -> None:
    """The reply form's own rules (F4), before any file is looked at."""
    if not body.strip():
        raise invalid("body", "the message is empty")
    if final and not visible:
        raise invalid("final", "an internal note cannot be a final answer")
    if attachment_count > max_attachments:
        raise invalid(
            "attachments", f"at most {max_attachments} attachments, not {attachment_count}"
        )


def plan_reply(actor: Actor, file: FileState, version: int, *, final: bool) -> Changes:
    """A reply by the holder; a final answer closes the file."""
    require_handle(actor, file)
    require_open(file)
    require_version(file, version)
    _require_holder(actor, file, "reply")
    if final:
        return {"status": Status.CLOSED, "assignee_id": None, "closed_by": actor.id}
    return {}


def plan_dispatch_item(
    actor: Actor,
    file: FileState,
    version: int,
    *,
    target_id: int,
    target_name: str,
    target_groups: frozenset[str],
    confirm_reassign: bool,
) -> tuple[DispatchOutcome, str, Changes]:
    """One file of a dispatch (F10): outcome, a sentence for the agent, changes.

    The target is named only when they share a group with the caller (whose members the
    caller may list); anyone else is "agent N", so dispatch lists no other group."""
    if not target_groups & actor.groups:
        target_name = f"agent {target_id}"
    if file.group_id not in actor.groups:
        return DispatchOutcome.FORBIDDEN, f"{file.ticket} is not in one of your groups", {}
    if file.group_id not in target_groups:
        return (
            DispatchOutcome.FORBIDDEN,
            f"{target_name} is not a member of group {file.group_id}",
            {},
        )
    if file.closed:
        return DispatchOutcome.CONFLICT, f"{file.ticket} is closed", {}
    if file.version != version:
        return DispatchOutcome.CONFLICT, stale_error(file).message, {}
    if file.assignee_id == target_id:
        return DispatchOutcome.DONE, f"{file.ticket} is already held by {target_name}", {}
    if file.assignee_id is not None and not confirm_reassign:
        holder = file.assignee_name or f"agent {file.assignee_id}"
        return (
            DispatchOutcome.NEEDS_CONFIRM,
            f"{file.ticket} is held by {holder}; confirm to reassign it to {target_name}",
            {},
        )
    status = Status.ASSIGNED if file.status is Status.NEW else file.status
    return DispatchOutcome.DONE, "", {"assignee_id": target_id, "status": status}


def check_merge(actor: Actor, files: Sequence[FileState], versions: dict[int, int]) -> None:
    """Two or more open files of one citizen, all held by me, at the versions I saw (F13)."""
    if len(files) < 2:
        raise invalid("files", "merge needs two or more different files")
    for file in files:
        require_read(actor, file)
    closed = [f.ticket for f in files if f.closed]
    if closed:
        raise DomainError(
            "file_closed",
            f"cannot merge: {', '.join(closed)} {'is' if len(closed) == 1 else 'are'} closed",
            field="files",
            details={"tickets": closed},
        )
    citizens = {f.niss for f in files}
    if len(citizens) > 1:
        raise invalid("files", "cannot merge files of different citizens")
    not_mine = [f.ticket for f in files if f.assignee_id != actor.id]
    if not_mine:
        raise conflict(
            f"cannot merge: {', '.join(not_mine)} {'is' if len(not_mine) == 1 else 'are'} "
            "not yours; take them first",
            tickets=not_mine,
        )
    for file in files:
        require_version(file, versions[file.id])


def check_split(actor: Actor, file: FileState, version: int, message: str) -> None:
    """One open file I hold, and a message for the parts (F14)."""
    require_read(actor, file)
    require_open(file)
    if not message.strip():
        raise invalid("message", "the split message is empty")
    if file.assignee_id != actor.id:
        raise conflict(f"cannot split: {file.ticket} is not yours; take it first")
    require_version(file, version)


def pick_group(
    citizen_language: str, my_groups: Sequence[tuple[str, str]], requested: str | None
) -> str:
    """Group of a file encoded for a citizen (F9): the requested one, else my first group
    speaking the citizen's language, else my first group. ``my_groups`` = (id, language)."""
    ids = [g for g, _ in my_groups]
    if requested is not None:
        if requested not in ids:
            raise forbidden(f"you are not a member of group {requested}", field="group_id")
        return requested
    if not ids:
        raise forbidden("you belong to no group")
    for group_id, language in my_groups:
        if language == citizen_language:
            return group_id
    return ids[0]
