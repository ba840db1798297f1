"""Contact file, agent view (F3): header, thread and the single-file actions."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, LoadingIndicator, Static

from athena_tui.gateway import Queued
from athena_tui.i18n import t
from athena_tui.outbox_view import with_pending
from backend_client.errors import ApiError, Conflict, Unavailable
from backend_client.models import AgentRef, ChannelKind, ContactFile, Priority, Status
from backend_client.niss import format_niss
from backend_client.text import one_line
from screens.base import AthenaScreen, bottom_bar
from screens.file_actions import outcome, release_file, take_file
from screens.widget_labels import choice_dialog, thread_labels
from widgets.confirm import ConfirmDialog
from widgets.message_thread import MessageThread

PRIORITY_LABELS = {"high": "High", "medium": "Medium", "low": "Low"}
STATUS_LABELS = {
    "new": "New",
    "assigned": "Assigned",
    "waiting": "Waiting",
    "closed": "Closed",
}


def priority_label(priority: str) -> str:
    return t(PRIORITY_LABELS.get(str(priority), str(priority)))


def status_label(status: str) -> str:
    return t(STATUS_LABELS.get(str(status), str(status)))


def offline_mark(cached_at: dt.datetime, tz: dt.tzinfo | None = None) -> str:
    """The line over a file read from the local copy: since when it may be out of date."""
    return t("Offline — as of {time}", time=f"{cached_at.astimezone(tz):%H:%M}")


def file_header(
    contact: ContactFile,
    group_name: str | None = None,
    *,
    offline: str | None = None,
    pending: Sequence[str] = (),
) -> Text:
    """The header block of a file; every data field is plain text. ``offline`` is the
    mark of a copy read from the local store (see ``offline_mark``); ``pending`` the
    labels of the agent's actions on it still waiting in the outbox."""
    s = contact.summary
    text = Text()
    if offline is not None:
        text.append(f" {offline} ", style="bold reverse")
        text.append("\n")
    if pending:
        text.append("⇡ " + t("Waiting to be sent: {actions}", actions="; ".join(pending)))
        text.append("\n")
    text.append(s.ticket, style="bold")
    text.append("  ")
    text.append(one_line(s.citizen_name), style="bold")
    text.append(f" ({format_niss(s.citizen_niss)})")
    text.append("  ")
    text.append(f" {status_label(s.status)} ", style="reverse")
    text.append("  ")
    text.append(t("Priority: {value}", value=priority_label(s.priority)))
    text.append("\n")
    text.append(t("Subject") + ": ", style="dim")
    text.append(one_line(s.subject))
    text.append("\n")
    # A file an agent encoded for the citizen (F9) came through no channel of theirs:
    # it says who encoded it.
    if s.channel is ChannelKind.AGENT and contact.encoded_by is not None:
        origin = (t("Encoded by") + " ", one_line(contact.encoded_by.name))
    else:
        origin = (t("Channel") + ": ", one_line(s.channel_name))
    fields = [
        origin,
        (t("Group") + ": ", one_line(group_name or s.group_id)),
        (t("Assignee") + ": ", one_line(s.assignee.name) if s.assignee else t("nobody")),
        (t("Created") + ": ", f"{s.created_at:%Y-%m-%d %H:%M}"),
    ]
    if s.closed_at is not None:
        closer = one_line(s.closed_by.name) if s.closed_by else "?"
        fields.append((t("Closed") + ": ", f"{s.closed_at:%Y-%m-%d %H:%M} · {closer}"))
    for index, (label, value) in enumerate(fields):
        if index:
            text.append("  ·  ", style="dim")
        text.append(label, style="dim")
        text.append(value)
    links = []
    if contact.merged_from:
        links.append(t("merged from {tickets}", tickets=", ".join(contact.merged_from)))
    if contact.merged_into:
        links.append(t("merged into {ticket}", ticket=contact.merged_into))
    if contact.split_from:
        links.append(t("split from {ticket}", ticket=contact.split_from))
    if contact.split_into:
        links.append(t("split into {tickets}", tickets=", ".join(contact.split_into)))
    if links:
        text.append("\n")
        text.append(" · ".join(links), style="italic")
    return text


class ContactFileScreen(AthenaScreen[None]):
    """All messages of one file, newest first, with its actions."""

    BINDINGS = [
        Binding("r", "reply", t("Reply"), id="file.reply", tooltip=t("Write an answer or a note")),
        Binding(
            "p", "priority", t("Priority"), id="file.priority", tooltip=t("High / medium / low")
        ),
        Binding("s", "status", t("Status"), id="file.status", tooltip=t("Assigned / waiting")),
        Binding("t", "take", t("Take"), id="file.take", tooltip=t("Assign the file to myself")),
        Binding(
            "l", "release", t("Release"), id="file.release", tooltip=t("Back to the group queue")
        ),
        Binding("m", "move", t("Move"), id="file.move", tooltip=t("Assign to another group")),
        Binding(
            "c",
            "citizen",
            t("Citizen"),
            id="file.citizen",
            tooltip=t("The citizen's files and career"),
        ),
        Binding("a", "save_attachments", t("Save attachments"), id="file.attachments"),
        Binding(
            "o", "flip_order", t("Order"), id="file.order", tooltip=t("Newest or oldest first")
        ),
        Binding("ctrl+r", "reload", t("Reload"), id="file.reload", show=False),
        Binding("escape", "back", t("Back"), id="file.back"),
    ]

    def __init__(
        self, file_id: int, *, preloaded: ContactFile | None = None, take: bool = True
    ) -> None:
        super().__init__()
        self.file_id = file_id
        self.take = take
        self.contact: ContactFile | None = preloaded
        self.newest_first = True
        self.offline_since: dt.datetime | None = None
        """When the copy shown was kept, while the file is read offline; else None."""
        self.pending: list[str] = []
        """Labels of the agent's actions on this file still waiting in the outbox."""

    @property
    def thread(self) -> MessageThread:
        return self.query_one(MessageThread)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="file-header", markup=False)
        yield LoadingIndicator(id="file-loading")
        yield MessageThread(id="thread", labels=thread_labels())
        yield from bottom_bar()

    def on_mount(self) -> None:
        self.watch(self.athena, "sync_generation", self._synced, init=False)
        if self.contact is not None:
            self.show(self.contact)
            self.mark_read()
        else:
            # Until the file is here the thread has nothing to say; an empty thread
            # would read "No messages" under the loading bar.
            self.thread.display = False
            self.load(open_it=self.take)

    def _synced(self, _generation: int) -> None:
        self.check_news()

    @work(thread=True, exclusive=True, group="news", exit_on_error=False)
    def check_news(self) -> None:
        """Sync brought changes: when this file moved past the version shown (a citizen's
        message, a colleague's action), reload it without a key press. The replica is
        read off the UI thread."""
        latest = self.athena.services.replica.get(self.file_id)
        shown = self.contact
        if latest is not None and shown is not None and latest.version > shown.summary.version:
            self.app.call_from_thread(self._reload_news)

    def _reload_news(self) -> None:
        self.load(open_it=False)
        self.mark_read()  # the agent is looking at it: the news is read

    # ------------------------------------------------------------------ loading

    @work(exclusive=True, group="load", exit_on_error=False)
    async def load(self, open_it: bool = False) -> None:
        self.query_one("#file-loading").display = True
        gateway = self.athena.services.gateway
        try:
            if open_it:
                before = await asyncio.to_thread(self.athena.services.replica.get, self.file_id)
                contact = await gateway.open_file(self.file_id)
                me = self.athena.services.session
                taken = before is not None and before.assignee is None
                if taken and me is not None and contact.summary.assignee is not None:
                    if contact.summary.assignee.id == me.agent.id:
                        # Opening an unassigned file takes it (manual, F2): say so.
                        self.notify(
                            t("{ticket} is now assigned to you", ticket=contact.summary.ticket),
                            timeout=4,
                        )
            else:
                contact = await gateway.get_file(self.file_id)
                if not self.take:
                    self.mark_read()
        except Unavailable:
            cached = await gateway.cached_file(self.file_id)
            if cached is not None:
                shown, pending = await self._with_pending(cached.contact)
                self.show(shown, offline_since=cached.cached_at, pending=pending)
                return
            self.query_one("#file-loading").display = False
            if self.contact is None:
                self.notify(
                    t("This file is not available offline: it was never opened here."),
                    title=t("Cannot open the file"),
                    severity="error",
                )
                self.dismiss_screen()
            else:
                self.notify(
                    t("The server cannot be reached; the file shown may be out of date."),
                    severity="warning",
                )
            return
        except ApiError as error:
            self.query_one("#file-loading").display = False
            self.notify(
                error.message, title=t("Cannot open the file"), severity="error", markup=False
            )
            if self.contact is None:
                self.dismiss_screen()
            return
        shown, pending = await self._with_pending(contact)
        self.show(shown, pending=pending)
        self.athena.notify_files_changed([contact.summary.id])

    async def _with_pending(self, contact: ContactFile) -> tuple[ContactFile, list[str]]:
        """The file as the agent's queued actions will leave it (shown as pending)."""
        services = self.athena.services
        actions = await asyncio.to_thread(services.outbox.pending_for, contact.summary.id)
        if not actions:
            return contact, []
        session = services.session
        me = None if session is None else AgentRef(id=session.agent.id, name=session.agent.name)
        view = with_pending(contact.summary, actions, me)
        return contact.model_copy(update={"summary": view.summary}), view.labels

    @work(exclusive=True, group="read", exit_on_error=False)
    async def mark_read(self) -> None:
        try:
            await self.athena.services.gateway.mark_read(self.file_id)
        except ApiError:
            return  # a read mark is a comfort; the next open sets it again

    def show(
        self,
        contact: ContactFile,
        *,
        offline_since: dt.datetime | None = None,
        pending: Sequence[str] = (),
    ) -> None:
        self.contact = contact
        self.offline_since = offline_since
        self.pending = list(pending)
        self.query_one("#file-loading").display = False
        mark = None if offline_since is None else offline_mark(offline_since)
        self.query_one("#file-header", Static).update(
            file_header(contact, offline=mark, pending=pending)
        )
        self.thread.set_messages(contact.messages, newest_first=self.newest_first)
        self.thread.display = True
        self.sub_title = contact.summary.ticket
        self.refresh_bindings()
        self.thread.focus()

    def dismiss_screen(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()

    # ------------------------------------------------------------------ bindings state

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take":
            if self.contact is None:
                return None
            summary = self.contact.summary
            mine = summary.assignee is not None and summary.assignee.id == self.me
            return summary.status is not Status.CLOSED and not mine
        if action in {"reply", "priority", "status", "release", "move"}:
            if self.contact is None:
                return None
            if self.contact.summary.status is Status.CLOSED:
                return False
            if action in {"release", "status"} and self.contact.summary.assignee is None:
                return None
        if action == "save_attachments":
            return self.contact is not None and any(m.attachments for m in self.contact.messages)
        return True

    # ------------------------------------------------------------------ actions

    def action_back(self) -> None:
        self.dismiss_screen()

    def action_reload(self) -> None:
        self.load()

    def action_flip_order(self) -> None:
        self.newest_first = not self.newest_first
        if self.contact is not None:
            self.thread.set_messages(self.contact.messages, newest_first=self.newest_first)
        order = t("newest first") if self.newest_first else t("oldest first")
        self.notify(t("Messages: {order}", order=order), timeout=2)

    def action_reply(self) -> None:
        from screens.reply import ReplyScreen

        if self.contact is None:
            return

        def after(outcome: str | None) -> None:
            if outcome == "closed":
                # Manual §11: after a closing answer the agent is back on the dashboard.
                self.dismiss_screen()
            elif outcome == "sent" and self.app.screen is self:
                self.load()

        self.app.push_screen(ReplyScreen(self.contact), after)

    async def _conflict(self, error: ApiError) -> None:
        title = t("Changed meanwhile") if isinstance(error, Conflict) else t("Not done")
        self.notify(error.message, title=title, severity="error", markup=False, timeout=8)
        if isinstance(error, Conflict):
            self.load()

    @work(exclusive=True, group="action", exit_on_error=False)
    async def action_priority(self) -> None:
        if self.contact is None:
            return
        options = [(p.value, priority_label(p.value), "") for p in Priority]
        choice = await self.app.push_screen_wait(
            choice_dialog(
                t("Priority of {ticket}", ticket=self.contact.summary.ticket),
                options,
                selected=self.contact.summary.priority.value,
            )
        )
        if choice is None or choice == self.contact.summary.priority.value:
            return
        ticket = self.contact.summary.ticket
        try:
            result = await self.athena.services.gateway.set_priority(
                self.contact.summary, Priority(choice)
            )
        except ApiError as error:
            await self._conflict(error)
            return
        if isinstance(result, Queued):
            self.notify(outcome(result, "", ticket), markup=False)
            self.athena.count_pending()
        self.load()

    @work(exclusive=True, group="action", exit_on_error=False)
    async def action_status(self) -> None:
        if self.contact is None:
            return
        options = [(s.value, status_label(s.value), "") for s in (Status.ASSIGNED, Status.WAITING)]
        choice = await self.app.push_screen_wait(
            choice_dialog(
                t("Status of {ticket}", ticket=self.contact.summary.ticket),
                options,
                selected=self.contact.summary.status.value,
            )
        )
        if choice is None or choice == self.contact.summary.status.value:
            return
        ticket = self.contact.summary.ticket
        try:
            result = await self.athena.services.gateway.set_status(
                self.contact.summary, Status(choice)
            )
        except ApiError as error:
            await self._conflict(error)
            return
        if isinstance(result, Queued):
            self.notify(outcome(result, "", ticket), markup=False)
            self.athena.count_pending()
        self.load()

    @property
    def me(self) -> int | None:
        session = self.athena.services.session
        return None if session is None else session.agent.id

    @work(exclusive=True, group="action", exit_on_error=False)
    async def action_take(self) -> None:
        """``t`` as on the dashboard: the same rules and messages (screens/file_actions)."""
        if self.contact is None:
            return
        summary = self.contact.summary
        taken = await take_file(self.app, self.athena.services.gateway, summary, self.me)
        if taken is not None:
            self.athena.notify_files_changed([summary.id])
            self.load()

    @work(exclusive=True, group="action", exit_on_error=False)
    async def action_release(self) -> None:
        if self.contact is None:
            return
        summary = self.contact.summary
        # The dashboard asks the same question (screens/file_actions.py).
        released = await release_file(self.app, self.athena.services.gateway, summary, self.me)
        if released is None:
            return
        self.athena.notify_files_changed([summary.id])
        if released:
            self.dismiss_screen()
        else:
            self.load()  # refused: the file changed meanwhile, show it as it is now

    @work(exclusive=True, group="action", exit_on_error=False)
    async def action_move(self) -> None:
        if self.contact is None:
            return
        summary = self.contact.summary
        try:
            groups = await self.athena.services.gateway.groups()
        except ApiError as error:
            await self._conflict(error)
            return
        options = [
            (group.id, one_line(group.name), group.id)
            for group in groups
            if group.id != summary.group_id
        ]
        title = t("Move {ticket} to group", ticket=self.contact.summary.ticket)
        choice = await self.app.push_screen_wait(choice_dialog(title, options))
        if choice is None:
            return
        name = next((g.name for g in groups if g.id == choice), choice)
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog(
                t("Move {ticket}?", ticket=summary.ticket),
                [t("It goes to the queue of {group}, un-assigned.", group=one_line(name))],
                confirm_label=t("Move"),
                cancel_label=t("Cancel"),
            )
        )
        if not confirmed:
            return
        try:
            await self.athena.services.gateway.move(summary, choice)
        except ApiError as error:
            await self._conflict(error)
            return
        self.athena.notify_files_changed([summary.id])
        self.notify(t("{ticket} moved to {group}.", ticket=summary.ticket, group=one_line(name)))
        self.dismiss_screen()

    def action_citizen(self) -> None:
        from screens.citizen import CitizenScreen

        if self.contact is None:
            return
        self.app.push_screen(CitizenScreen(self.contact.summary.citizen_niss))

    @work(exclusive=True, group="action", exit_on_error=False)
    async def action_save_attachments(self) -> None:
        from screens.prompt import PromptScreen

        if self.contact is None:
            return
        attachments = [a for m in self.contact.messages for a in m.attachments]
        if not attachments:
            return
        options = [("*", t("All attachments ({count})", count=len(attachments)), "")]
        options += [(str(a.id), one_line(a.name), human_size(a.size)) for a in attachments]
        choice = await self.app.push_screen_wait(choice_dialog(t("Save attachments"), options))
        if choice is None:
            return
        chosen = attachments if choice == "*" else [a for a in attachments if str(a.id) == choice]
        folder_text = await self.app.push_screen_wait(
            PromptScreen(t("Save into folder"), value=str(Path.cwd()), validate=check_folder)
        )
        if not folder_text:
            return
        folder = Path(folder_text).expanduser()
        saved: list[str] = []
        for attachment in chosen:
            try:
                path = await self.athena.services.gateway.save_attachment(attachment, folder)
            except ApiError as error:
                await self._conflict(error)
                return
            except OSError as error:
                self.notify(str(error), title=t("Not saved"), severity="error")
                return
            saved.append(path.name)
        self.notify(
            t("Saved in {folder}: {names}", folder=str(folder), names=", ".join(saved)),
            markup=False,
        )


def check_folder(raw: str) -> str | None:
    """None when ``raw`` names a folder we can write into (or create)."""
    if not raw:
        return t("Give a folder.")
    path = Path(raw).expanduser()
    if path.exists() and not path.is_dir():
        return t("{path} is not a folder.", path=raw)
    return None


def human_size(size: int) -> str:
    """``120 kB``-style size."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"
