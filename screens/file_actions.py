"""Take and release of one file, shared by the dashboard, the file view and the
citizen's list: the same rules, the same confirmation and the same messages wherever
the agent presses the key. Plain async functions over the app (notify, modal dialogs)
and the gateway; they must run in a worker (they await dialogs)."""

from __future__ import annotations

from typing import Any

from textual.app import App

from athena_tui.gateway import Gateway, Queued
from athena_tui.i18n import t
from backend_client.errors import ApiError
from backend_client.models import FileSummary, Status
from backend_client.text import one_line
from screens.operations import SPACER, file_line
from widgets.confirm import ConfirmDialog


def outcome(result: object, done: str, ticket: str) -> str:
    """The toast after an action: done, or saved in the outbox until reconnection."""
    if isinstance(result, Queued):
        return t(
            "{ticket}: offline — saved, it will be sent when the connection is back.", ticket=ticket
        )
    return done.format(ticket=ticket)


def take_refusal(summary: FileSummary, me: int | None) -> str | None:
    """Why ``t`` does not take this file (closed, already mine, held by a colleague),
    or None when it can be taken. The server refuses the same cases."""
    if summary.status is Status.CLOSED:
        return t("{ticket} is closed.", ticket=summary.ticket)
    if summary.assignee is None:
        return None
    if summary.assignee.id == me:
        return t("{ticket} is already yours.", ticket=summary.ticket)
    return t(
        "{ticket} is held by {name}. Release it first (l), then take it.",
        ticket=summary.ticket,
        name=one_line(summary.assignee.name),
    )


async def take_file(
    app: App[Any], gateway: Gateway, summary: FileSummary, me: int | None
) -> bool | None:
    """Take ``summary`` for me (F2): True when it is mine now (or queued offline),
    False when the server refused (the file changed meanwhile), None when it was not
    asked (see ``take_refusal``)."""
    refusal = take_refusal(summary, me)
    if refusal is not None:
        mine = summary.assignee is not None and summary.assignee.id == me
        app.notify(refusal, severity="information" if mine else "warning", markup=False)
        return None
    try:
        result = await gateway.take(summary)
    except ApiError as error:
        app.notify(error.message, title=t("Not taken"), severity="error", markup=False)
        return False
    app.notify(outcome(result, t("{ticket} is now yours."), summary.ticket), markup=False)
    return True


async def group_names(gateway: Gateway) -> dict[str, str]:
    """Group id → name; empty when the server cannot say (offline: ids are shown)."""
    try:
        groups = await gateway.groups()
    except ApiError:
        return {}
    return {group.id: one_line(group.name) for group in groups}


def release_dialog(summary: FileSummary, me: int | None) -> ConfirmDialog:
    """The one confirmation of a single file's release (F7, F8), the same on the
    dashboard and in the file view; a colleague's file says whose it is."""
    body = [file_line(summary), SPACER]
    colleague = summary.assignee is not None and summary.assignee.id != me
    if colleague and summary.assignee is not None:
        body.append(
            t("{ticket} is held by {name}.", ticket=summary.ticket, name=summary.assignee.name)
        )
    body.append(t("It goes back to the group queue, un-assigned."))
    if colleague:
        body.append(t("Then take it with t."))
    title = t("Release a colleague's file?") if colleague else None
    return ConfirmDialog(
        title or t("Release {ticket}?", ticket=summary.ticket),
        body,
        confirm_label=t("Release"),
        cancel_label=t("Cancel"),
    )


async def release_file(
    app: App[Any], gateway: Gateway, summary: FileSummary, me: int | None
) -> bool | None:
    """Ask, then release ``summary``: True when released (or queued offline), False
    when the server refused, None when the agent cancelled or nobody holds it."""
    if summary.assignee is None or summary.status is Status.CLOSED:
        app.notify(
            t("{ticket} is not assigned.", ticket=summary.ticket), severity="warning", markup=False
        )
        return None
    if not await app.push_screen_wait(release_dialog(summary, me)):
        return None
    try:
        result = await gateway.release(summary)
    except ApiError as error:
        app.notify(error.message, title=t("Not released"), severity="error", markup=False)
        return False
    app.notify(outcome(result, t("{ticket} released."), summary.ticket), markup=False)
    return True
