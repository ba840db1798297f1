"""The agent's words for queued actions: what each does, why it was refused, and the file
as it will be once they are sent (the pending overlay of the file header)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from athena_tui.i18n import t
from athena_tui.outbox import CHAIN_REFUSED, ActionKind, ActionState, OutboxAction
from backend_client.models import AgentRef, FileSummary, Priority, Status
from backend_client.text import one_line


def _word(value: str) -> str:
    """A priority or status value in the agent's language (literal t() calls, so the
    catalog test sees each word)."""
    words = {
        "high": lambda: t("High"),
        "medium": lambda: t("Medium"),
        "low": lambda: t("Low"),
        "new": lambda: t("New"),
        "assigned": lambda: t("Assigned"),
        "waiting": lambda: t("Waiting"),
        "closed": lambda: t("Closed"),
    }
    word = words.get(value)
    return value if word is None else word()


def action_label(action: OutboxAction) -> str:
    """``Priority → High``, ``Take``, ``Reply: "Bonjour Madame…"``: one line."""
    p = action.payload
    match action.kind:
        case ActionKind.TAKE:
            return t("Take")
        case ActionKind.RELEASE:
            return t("Release")
        case ActionKind.MOVE:
            return t("Move to {group}", group=one_line(str(p.get("group_id", ""))))
        case ActionKind.PRIORITY:
            value = str(p.get("priority", ""))
            return t("Priority → {value}", value=_word(value))
        case ActionKind.STATUS:
            value = str(p.get("status", ""))
            return t("Status → {value}", value=_word(value))
        case ActionKind.REPLY:
            body = one_line(str(p.get("body", "")))
            short = body if len(body) <= 40 else body[:39] + "…"
            return t("Reply: “{text}”", text=short)
        case ActionKind.MARK_READ:
            return t("Mark read")


def state_label(action: OutboxAction) -> str:
    return t("refused") if action.state is ActionState.FAILED else t("waiting")


def _did(action: str) -> str:
    """A colleague's last action on a file, as the audit names it, in words."""
    words = {
        "take": lambda: t("Take"),
        "open": lambda: t("Take"),
        "release": lambda: t("Release"),
        "move": lambda: t("Move"),
        "priority": lambda: t("Priority"),
        "status": lambda: t("Status"),
        "reply": lambda: t("Reply"),
        "dispatch": lambda: t("Dispatch"),
    }
    word = words.get(action)
    return one_line(action) if word is None else word()


def refusal_reason(action: OutboxAction, tz: dt.tzinfo | None = None) -> str:
    """Why the server refused it, from the refusal's code and details (who changed the
    file, when, doing what); the server's own sentence only for codes not known here."""
    details = action.details or {}
    if action.code == CHAIN_REFUSED:
        return t("the earlier action on this file was refused")
    if action.code == "stale_version" and details.get("changed_by"):
        at = details.get("changed_at")
        when = f"{dt.datetime.fromisoformat(str(at)).astimezone(tz):%H:%M}" if at else "?"
        return t(
            "changed by {name} at {time} ({action})",
            name=one_line(str(details["changed_by"])),
            time=when,
            action=_did(str(details.get("action") or "")),
        )
    if action.code == "file_closed":
        return t("the file is closed")
    assignee = details.get("assignee")
    if isinstance(assignee, dict) and assignee.get("name"):
        return t("held by {name}", name=one_line(str(assignee["name"])))
    return one_line(action.error or "")


OUTBOX_KEY = "ctrl+b"
"""The app-wide key of the outbox screen (named in the refusal notices)."""


def refusal_notice(action: OutboxAction, ticket: str, reason: str, key: str = OUTBOX_KEY) -> str:
    """The toast telling the agent a replayed action was not done, and what now."""
    if action.kind is ActionKind.REPLY:
        return t(
            "{ticket}: {action} was refused — {reason}. Its text is back in the draft; "
            "see the outbox ({key}).",
            ticket=ticket,
            action=action_label(action),
            reason=reason,
            key=key,
        )
    return t(
        "{ticket}: {action} was refused — {reason}. Retry or drop it in the outbox ({key}).",
        ticket=ticket,
        action=action_label(action),
        reason=reason,
        key=key,
    )


@dataclass(frozen=True)
class OutboxRow:
    """One line of the outbox screen."""

    key: str
    ticket: str
    action: str
    queued_at: str
    state: str
    reason: str
    refused: bool


def outbox_rows(
    actions: Sequence[OutboxAction], tickets: Mapping[int, str], tz: dt.tzinfo | None = None
) -> list[OutboxRow]:
    """The outbox screen's rows: every waiting or refused action, oldest first (read
    markers are left out: they are not the agent's decisions)."""
    return [
        OutboxRow(
            key=action.key,
            ticket=tickets.get(action.file_id, f"#{action.file_id}"),
            action=action_label(action),
            queued_at=f"{action.created_at.astimezone(tz):%Y-%m-%d %H:%M}",
            state=state_label(action),
            reason=refusal_reason(action) if action.state is ActionState.FAILED else "",
            refused=action.state is ActionState.FAILED,
        )
        for action in actions
        if action.kind is not ActionKind.MARK_READ
    ]


@dataclass(frozen=True)
class PendingView:
    """A file as the agent's queued actions will leave it, and their labels."""

    summary: FileSummary
    labels: list[str]


def with_pending(
    summary: FileSummary, actions: Sequence[OutboxAction], me: AgentRef | None
) -> PendingView:
    """Apply the queued (unsent) actions of ``summary``'s file to it, optimistically,
    so that the header shows what the agent did offline; the version stays the one the
    server gave (the outbox chains the versions)."""
    changes: dict[str, object] = {}
    labels: list[str] = []
    for action in actions:
        if action.file_id != summary.id or action.state is not ActionState.PENDING:
            continue
        p = action.payload
        match action.kind:
            case ActionKind.PRIORITY:
                changes["priority"] = Priority(p["priority"])
            case ActionKind.STATUS:
                changes["status"] = Status(p["status"])
            case ActionKind.TAKE if me is not None:
                changes["assignee"] = me
                changes["status"] = Status.ASSIGNED
            case ActionKind.RELEASE:
                changes["assignee"] = None
            case ActionKind.MOVE:
                changes["group_id"] = str(p["group_id"])
                changes["assignee"] = None
            case _:
                pass
        if action.kind is not ActionKind.MARK_READ:
            labels.append(action_label(action))
    return PendingView(summary.model_copy(update=changes) if changes else summary, labels)
