"""Reply editor (F4): body, up to 5 attachments, visible / final, autosaved draft."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import Suggester
from textual.widgets import Checkbox, Header, Input, Label, Static, TextArea

from athena_tui.autosave import Autosaver
from athena_tui.drafts import Draft
from athena_tui.i18n import t
from athena_tui.reply_rules import (
    check_attachment,
    check_attachment_count,
    check_reply,
    human_bytes,
)
from backend_client.errors import ApiError, Conflict
from backend_client.limits import MAX_ATTACHMENTS
from backend_client.models import ContactFile, Message, Side
from backend_client.text import one_line, safe_text
from screens.base import AthenaScreen, bottom_bar
from widgets.confirm import ConfirmDialog
from widgets.tick_box import TickBox


def path_matches(value: str) -> list[str]:
    """The names of the visible filesystem entries that extend ``value`` (folders end
    with ``/``), sorted."""
    if not value:
        return []
    folder, prefix = os.path.split(os.path.expanduser(value))
    try:
        names = sorted(os.listdir(folder or "."))
    except OSError:
        return []
    return [
        name + ("/" if os.path.isdir(os.path.join(folder, name)) else "")
        for name in names
        if name.startswith(prefix) and name != prefix and not name.startswith(".")
    ]


def complete_path(value: str) -> str | None:
    """``value`` extended as far as every matching entry agrees, as a shell's Tab does
    (``pie`` → ``piece`` with piece1 and piece2 there); None when it cannot grow."""
    matches = path_matches(value)
    if not matches:
        return None
    prefix = os.path.split(os.path.expanduser(value))[1]
    common = os.path.commonprefix(matches)
    return value + common[len(prefix) :] if len(common) > len(prefix) else None


def last_citizen_message(contact: ContactFile) -> Message | None:
    """The citizen's newest message: what the reply answers."""
    asked = [m for m in contact.messages if m.side is Side.CITIZEN]
    return max(asked, key=lambda m: (m.created_at, m.id), default=None)


def citizen_message_text(message: Message) -> Text:
    """``Last message from the citizen · author · date`` then its body, as plain text."""
    text = Text()
    text.append(t("Last message from the citizen"), style="bold")
    when = message.created_at.astimezone() if message.created_at.tzinfo else message.created_at
    text.append(f" · {one_line(message.author)} · {when:%Y-%m-%d %H:%M}", style="dim")
    text.append("\n")
    text.append(safe_text(message.body))
    for attachment in message.attachments:
        text.append(f"\n▪ {one_line(attachment.name)}", style="dim")
    return text


MAX_MATCHES_SHOWN = 12
"""Matching names listed under the attachment field after Tab."""


class PathSuggester(Suggester):
    """Completes file paths (right arrow accepts), reading folders off the UI thread."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return await asyncio.to_thread(complete_path, value)


class ReplyScreen(AthenaScreen[str | None]):
    """Write an answer; ctrl+s sends, esc goes back and keeps the draft.

    Dismissed with "sent", "closed", "queued", or None (back, draft kept).
    """

    BINDINGS = [
        Binding(
            "ctrl+s",
            "send",
            t("Send"),
            id="reply.send",
            priority=True,
            tooltip=t("Send the message"),
        ),
        Binding(
            "ctrl+o",
            "attach",
            t("Attach"),
            id="reply.attach",
            priority=True,
            tooltip=t("Add a file by path (tab or right arrow completes)"),
        ),
        Binding(
            "ctrl+x",
            "remove_attachment",
            t("Remove attachment"),
            id="reply.detach",
            priority=True,
            tooltip=t("Remove the last attachment"),
        ),
        Binding(
            "escape",
            "back",
            t("Back"),
            id="reply.back",
            tooltip=t("Back to the file; the draft is kept"),
        ),
    ]

    def __init__(self, contact: ContactFile) -> None:
        super().__init__()
        self.contact = contact
        self.attachments: list[str] = []
        self._loaded = False
        self._sending = False
        self._autosaver: Autosaver[Draft] | None = None

    @property
    def body(self) -> TextArea:
        return self.query_one("#reply-body", TextArea)

    @property
    def visible_box(self) -> Checkbox:
        return self.query_one("#reply-visible", Checkbox)

    @property
    def final_box(self) -> Checkbox:
        return self.query_one("#reply-final", Checkbox)

    def compose(self) -> ComposeResult:
        s = self.contact.summary
        yield Header()
        title = Text()
        title.append(t("Reply to {ticket}", ticket=s.ticket), style="bold")
        title.append("  ")
        title.append(one_line(s.citizen_name))
        title.append(" — ")
        title.append(one_line(s.subject))
        yield Static(title, id="reply-title")
        asked = last_citizen_message(self.contact)
        if asked is not None:
            # What the agent answers, in view while writing (a thread can be long).
            with VerticalScroll(id="reply-question"):
                yield Static(citizen_message_text(asked), markup=False)
        yield TextArea(
            id="reply-body", soft_wrap=True, show_line_numbers=False, tab_behavior="focus"
        )
        with Horizontal(id="reply-options"):
            yield TickBox(t("Visible to the citizen"), True, id="reply-visible")
            yield TickBox(t("Final answer (closes the file)"), True, id="reply-final")
        with Vertical(id="reply-attachments-box"):
            yield Label("", id="reply-attachments-label", classes="dim")
            yield Static("", id="reply-attachments", markup=False)
            yield Input(
                placeholder=t("Path of a file to attach, enter adds it"),
                suggester=PathSuggester(),
                id="reply-attach",
            )
            yield Static("", id="reply-attach-matches", classes="dim", markup=False)
        yield Static("", id="reply-error", classes="error", markup=False)
        yield Static("", id="reply-saved", classes="dim", markup=False)
        yield from bottom_bar()

    def on_mount(self) -> None:
        self.query_one("#reply-attach").display = False
        self.query_one("#reply-attach-matches").display = False
        drafts = self.athena.services.drafts
        self._autosaver = Autosaver(drafts.save, self._autosave_failed)
        self.load_draft()

    def on_unmount(self) -> None:
        if self._autosaver is not None:
            self._autosaver.close()

    def _autosave_failed(self, error: Exception) -> None:
        self.app.call_from_thread(
            self.notify,
            t("The draft could not be saved: {error}", error=str(error)),
            severity="error",
        )

    # ------------------------------------------------------------------ draft

    @work(thread=True, exclusive=True, group="draft-load", exit_on_error=False)
    def load_draft(self) -> None:
        draft = self.athena.services.drafts.load(self.contact.summary.id)
        self.app.call_from_thread(self._restore, draft)

    def _restore(self, draft: Draft | None) -> None:
        if draft is not None:
            self.body.text = draft.body
            self.visible_box.value = draft.visible_to_citizen
            self.final_box.value = draft.final and draft.visible_to_citizen
            self.attachments = list(draft.attachments)
            self.query_one("#reply-saved", Static).update(
                t("Draft restored (saved {at:%Y-%m-%d %H:%M}).", at=draft.updated_at)
            )
        self.final_box.disabled = not self.visible_box.value
        self._show_attachments()
        self._loaded = True
        self.body.focus()
        self.body.move_cursor(self.body.document.end)

    def current_draft(self) -> Draft:
        return Draft(
            file_id=self.contact.summary.id,
            body=self.body.text,
            visible_to_citizen=self.visible_box.value,
            final=self.final_box.value and self.visible_box.value,
            attachments=list(self.attachments),
            updated_at=dt.datetime.now(dt.UTC),
        )

    def save_draft(self) -> None:
        if self._loaded and not self._sending and self._autosaver is not None:
            self._autosaver.submit(self.current_draft())

    @on(TextArea.Changed, "#reply-body")
    def body_changed(self) -> None:
        self.query_one("#reply-error", Static).update("")
        self.save_draft()

    @on(Checkbox.Changed, "#reply-visible")
    def visible_changed(self, event: Checkbox.Changed) -> None:
        # An internal note can never be a final answer (manual §3).
        if not event.value:
            self.final_box.value = False
        self.final_box.disabled = not event.value
        self.save_draft()

    @on(Checkbox.Changed, "#reply-final")
    def final_changed(self) -> None:
        self.save_draft()

    # ------------------------------------------------------------------ attachments

    def _show_attachments(self) -> None:
        self.query_one("#reply-attachments-label", Label).update(
            t(
                "Attachments: {count} (at most {n})",
                count=len(self.attachments),
                n=MAX_ATTACHMENTS,
            )
        )
        lines = []
        for index, raw in enumerate(self.attachments, start=1):
            path = Path(raw).expanduser()
            size = human_bytes(path.stat().st_size) if path.is_file() else t("missing")
            lines.append(f"{index}. {one_line(raw)} · {size}")
        text = "\n".join(lines) if lines else t("none")
        self.query_one("#reply-attachments", Static).update(text)

    def on_key(self, event: events.Key) -> None:
        # Tab completes the attachment path as a shell does, as the tooltip says, and
        # never leaves the field (a path typed there would be left behind unseen).
        attach = self.query_one("#reply-attach", Input)
        if event.key == "tab" and self.focused is attach:
            event.stop()
            event.prevent_default()
            self.complete_attachment_path(attach.value)

    # not a background group: keys typed after Tab wait for the completion
    @work(thread=True, exclusive=True, group="attach-complete", exit_on_error=False)
    def complete_attachment_path(self, value: str) -> None:
        completed, matches = complete_path(value), path_matches(value)
        self.app.call_from_thread(self._path_completed, value, completed, matches)

    def _path_completed(self, value: str, completed: str | None, matches: list[str]) -> None:
        attach = self.query_one("#reply-attach", Input)
        if attach.value != value:  # typed on meanwhile
            return
        if completed is not None:
            attach.value = completed
            attach.cursor_position = len(completed)
        # Several entries still match: list them, as a shell's second Tab does.
        shown = matches if completed is None or len(matches) > 1 else []
        listing = "  ".join(one_line(name) for name in shown[:MAX_MATCHES_SHOWN])
        if len(shown) > MAX_MATCHES_SHOWN:
            listing += "  …"
        self._show_matches(listing if len(shown) > 1 else "")

    def _show_matches(self, listing: str) -> None:
        matches = self.query_one("#reply-attach-matches", Static)
        matches.update(listing)
        matches.display = bool(listing)

    def action_attach(self) -> None:
        problem = check_attachment_count(len(self.attachments) + 1)
        if problem:
            self.query_one("#reply-error", Static).update(problem.message)
            return
        field = self.query_one("#reply-attach", Input)
        field.display = True
        field.focus()

    @on(Input.Submitted, "#reply-attach")
    def attach_submitted(self, event: Input.Submitted) -> None:
        self._show_matches("")
        raw = event.value.strip()
        if not raw:
            event.input.display = False
            self.body.focus()
            return
        self.add_attachment(raw)

    @work(thread=True, exclusive=True, group="attach", exit_on_error=False)
    def add_attachment(self, raw: str) -> None:
        problem = check_attachment_count(len(self.attachments) + 1) or check_attachment(
            Path(raw).expanduser()
        )
        self.app.call_from_thread(
            self._attachment_checked, raw, problem.message if problem else None
        )

    def _attachment_checked(self, raw: str, problem: str | None) -> None:
        error = self.query_one("#reply-error", Static)
        if problem:
            error.update(problem)
            return
        error.update("")
        self.attachments.append(raw)
        field = self.query_one("#reply-attach", Input)
        field.value = ""
        field.display = False
        self._show_attachments()
        self.save_draft()
        self.body.focus()

    def action_remove_attachment(self) -> None:
        if self.attachments:
            self.attachments.pop()
            self._show_attachments()
            # "At most 5 attachments" (or a problem with the removed file) no longer holds.
            self.query_one("#reply-error", Static).update("")
            self.save_draft()

    # ------------------------------------------------------------------ send / back

    def action_back(self) -> None:
        field = self.query_one("#reply-attach", Input)
        if field.display and self.focused is field:
            field.value = ""
            field.display = False
            self.body.focus()
            return
        self.save_draft()
        if self._autosaver is not None:
            self._autosaver.flush()
        self.dismiss(None)

    @work(exclusive=True, group="send", exit_on_error=False)
    async def action_send(self) -> None:
        draft = self.current_draft()
        problems = await asyncio.to_thread(
            check_reply, draft.body, draft.attachments, draft.visible_to_citizen, draft.final
        )
        error = self.query_one("#reply-error", Static)
        if problems:
            error.update("\n".join(p.message for p in problems))
            return
        ticket = self.contact.summary.ticket
        if draft.final:
            confirmed = await self.app.push_screen_wait(
                ConfirmDialog(
                    t("Send the final answer?"),
                    [
                        t("The citizen will see this answer."),
                        t("{ticket} will be closed.", ticket=ticket),
                    ],
                    confirm_label=t("Send and close"),
                    cancel_label=t("Keep editing"),
                )
            )
            if not confirmed:
                return
        self._sending = True
        error.update(t("Sending…"))
        try:
            result = await self.athena.services.gateway.reply(self.contact, draft)
        except Conflict as problem:
            self._sending = False
            error.update(problem.message)
            self.notify(problem.message, title=t("Not sent"), severity="error", timeout=8)
            return
        except ApiError as problem:
            self._sending = False
            error.update(problem.message)
            self.notify(problem.message, title=t("Not sent"), severity="error", timeout=8)
            return
        from athena_tui.gateway import Queued

        self.athena.notify_files_changed([self.contact.summary.id])
        if isinstance(result, Queued):
            self.notify(
                t("Offline: the message waits in the outbox and will be sent on reconnection.")
            )
        elif draft.final:
            self.notify(t("Final answer sent; {ticket} is closed.", ticket=ticket))
        else:
            self.notify(t("Message sent."))
        if isinstance(result, Queued):
            self.dismiss("queued")
        else:
            self.dismiss("closed" if draft.final else "sent")
