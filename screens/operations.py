"""Team operations on several files: the rules checked before asking the server, the
preview lines, the per-file report dialog and the split message editor."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from athena_tui.i18n import t
from backend_client.models import FileSummary, Status
from backend_client.text import one_line, safe_text

MAX_PREVIEW_LINES = 200
"""A preview of more files names the first ones and counts the rest (the dialog
scrolls, but thousands of Static lines would make it slow to open)."""


SPACER = " "
"""An empty line in a dialog body (an empty Static would take no height)."""


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut with an ellipsis after ``width`` characters."""
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def file_line(summary: FileSummary) -> str:
    """``SR1234567  Dubois Marie — subject`` (plain text, one line, short)."""
    name = shorten(summary.citizen_name, 24)
    return f"{summary.ticket}  {name} — {shorten(summary.subject, 30)}"


def holder_name(summary: FileSummary) -> str:
    """Who holds the file, or the group queue when nobody does."""
    if summary.assignee is None:
        return t("group queue")
    return one_line(summary.assignee.name)


def capped(lines: Sequence[str], limit: int = MAX_PREVIEW_LINES) -> list[str]:
    """At most ``limit`` lines, the rest counted on a last line."""
    if len(lines) <= limit:
        return list(lines)
    return [*lines[:limit], t("… and {count} more", count=len(lines) - limit)]


# --------------------------------------------------------------------------- merge and split


def merge_problem(files: Sequence[FileSummary], me: int) -> str | None:
    """Why these files cannot be merged (F13), or None when they can. Checked before
    calling the server, which refuses the same cases."""
    if len(files) < 2:
        return t("Merge needs two or more marked files of the same citizen (space marks a file).")
    citizens = {f.citizen_niss for f in files}
    if len(citizens) > 1:
        names = sorted({one_line(f.citizen_name) for f in files})
        return t("Cannot merge files of different citizens: {names}.", names=", ".join(names))
    closed = [f.ticket for f in files if f.status is Status.CLOSED]
    if closed:
        return t("Cannot merge: {tickets} is closed.", tickets=", ".join(closed))
    not_mine = [f for f in files if f.assignee is None or f.assignee.id != me]
    if not_mine:
        held = ", ".join(f"{f.ticket} ({holder_name(f)})" for f in not_mine)
        return t("Cannot merge: {tickets} is not yours. Take it first.", tickets=held)
    return None


def merge_preview(files: Sequence[FileSummary]) -> list[str]:
    """What a merge will do, for its confirmation."""
    total = sum(f.message_count for f in files)
    name = one_line(files[0].citizen_name)
    return [
        t("Citizen: {name}", name=name),
        SPACER,
        *capped([file_line(f) for f in files]),
        SPACER,
        t("• These {count} files are closed and handed back to the citizen.", count=len(files)),
        t("• One new file holds all {count} messages, with their attachments.", count=total),
        t("• The new file is assigned to you."),
    ]


def split_problem(files: Sequence[FileSummary], me: int) -> str | None:
    """Why this selection cannot be split (F14), or None."""
    if len(files) != 1:
        return t("Split works on one file; {count} are marked.", count=len(files))
    file = files[0]
    if file.status is Status.CLOSED:
        return t("Cannot split: {ticket} is closed.", ticket=file.ticket)
    if file.assignee is None or file.assignee.id != me:
        return t("Cannot split: {ticket} is not yours. Take it first.", ticket=file.ticket)
    return None


def split_preview(file: FileSummary, message: str) -> list[str]:
    """What a split will do, for its confirmation."""
    return [
        file_line(file),
        SPACER,
        t("Message to the parts:"),
        *[f"  {line}" for line in safe_text(message).splitlines()[:8]],
        SPACER,
        t("• The original gets this message (visible), is closed and handed back to the citizen."),
        t(
            "• Two new files, each with all {count} messages and their attachments,"
            " are assigned to you.",
            count=file.message_count + 1,
        ),
    ]


# --------------------------------------------------------------------------- dialogs


class ReportDialog(ModalScreen[None]):
    """What happened to each file of a team operation; enter or escape closes it.

    ``lines`` are shown as plain text (never markup) and kept for tests.
    """

    DEFAULT_CSS = """
    ReportDialog {
        align: center middle;
        background: $background 60%;
        & > #report-box {
            width: auto;
            min-width: 40;
            max-width: 90%;
            height: auto;
            max-height: 90%;
            border: thick $warning;
            background: $surface;
            padding: 1 2;
        }
        &.-ok > #report-box { border: thick $success; }
        & #report-title { text-style: bold; margin-bottom: 1; width: auto; }
        & #report-body { height: auto; max-height: 24; width: auto; }
        & #report-body > Static { width: auto; }
        & #report-buttons { height: auto; width: auto; margin-top: 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", t("Close"), id="report.close", tooltip=t("Close the report")),
        Binding("escape", "close", t("Close"), show=False),
    ]

    def __init__(self, title: str, lines: Iterable[str], *, ok: bool = False) -> None:
        super().__init__(classes="-ok" if ok else None)
        self.title_text = one_line(title)
        self.lines = capped([safe_text(line) for line in lines])

    def compose(self) -> ComposeResult:
        with Vertical(id="report-box"):
            yield Static(Text(self.title_text), id="report-title")
            with VerticalScroll(id="report-body"):
                for line in self.lines:
                    yield Static(Text(line), markup=False)
            with Horizontal(id="report-buttons"):
                yield Button(Content(t("Close")), variant="primary", id="report-close")

    def on_mount(self) -> None:
        self.query_one("#report-close", Button).focus()

    @on(Button.Pressed, "#report-close")
    def action_close(self) -> None:
        self.dismiss(None)


class SplitMessageDialog(ModalScreen[str | None]):
    """The message to the parts of a split (F14); None when cancelled."""

    DEFAULT_CSS = """
    SplitMessageDialog {
        align: center middle;
        background: $background 60%;
        & > #split-box {
            width: 80;
            max-width: 95%;
            height: auto;
            max-height: 90%;
            border: thick $primary;
            background: $surface;
            padding: 1 2;
        }
        & #split-title { text-style: bold; color: $primary; }
        & #split-hint { color: $text-muted; margin-bottom: 1; }
        & #split-message { height: 8; }
        & #split-error { color: $error; height: auto; display: none; }
        &.-error #split-error { display: block; }
        & #split-buttons { height: auto; width: auto; margin-top: 1; }
        & #split-buttons > Button { margin-right: 2; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "submit",
            t("Continue"),
            id="split.submit",
            tooltip=t("Go on to the confirmation"),
            priority=True,
        ),
        Binding("escape", "cancel", t("Cancel"), id="split.cancel", tooltip=t("Do not split")),
    ]

    def __init__(self, file: FileSummary) -> None:
        super().__init__()
        self.file = file

    def compose(self) -> ComposeResult:
        with Vertical(id="split-box"):
            yield Static(Text(t("Split {ticket}", ticket=self.file.ticket)), id="split-title")
            yield Static(Text(file_line(self.file)), markup=False)
            yield Static(
                Text(t("Message to the parts (visible to the citizen). ctrl+s continues.")),
                id="split-hint",
            )
            yield TextArea(id="split-message", soft_wrap=True, show_line_numbers=False)
            yield Static(Text(t("Write a message for the parts.")), id="split-error")
            with Horizontal(id="split-buttons"):
                yield Button(Content(t("Continue")), variant="primary", id="split-continue")
                yield Button(Content(t("Cancel")), id="split-cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#split-continue")
    def action_submit(self) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            self.add_class("-error")
            return
        self.dismiss(text)

    @on(Button.Pressed, "#split-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
