"""One line of session state: agent, role, connection, last sync, marked count."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, Literal

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from backend_client.text import one_line

ConnectionState = Literal["live", "reconnecting", "offline"]

DEFAULT_LABELS: dict[str, str] = {
    "live": "live",
    "reconnecting": "reconnecting",
    "offline": "offline",
    "last_sync": "last sync",
    "never": "never",
    "marked": "{count} marked",
    "queued": "{count} queued",
    "failed": "{count} refused",
}
"""Words the status line shows; the app replaces them with translated ones
(``marked`` is a format string with a ``{count}`` field)."""

_DOTS: dict[str, str] = {"live": "●", "reconnecting": "◐", "offline": "○"}


class StatusLine(Widget):
    """Agent · role · ● live · last sync 14:02:31 ............ 3 marked · hint

    The dot's shape differs per state as well as its colour, so it reads on a
    terminal without colour.
    """

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $foreground;
        padding: 0 1;
        & > .status-line--live { color: $success; text-style: bold; }
        & > .status-line--reconnecting { color: $warning; text-style: bold; }
        & > .status-line--offline { color: $error; text-style: bold; }
        & > .status-line--muted { color: $text-muted; }
        & > .status-line--marked { color: $accent; text-style: bold; }
        & > .status-line--queued { color: $warning; text-style: bold; }
        & > .status-line--failed { color: $error; text-style: bold reverse; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "status-line--live",
        "status-line--reconnecting",
        "status-line--offline",
        "status-line--muted",
        "status-line--marked",
        "status-line--queued",
        "status-line--failed",
    }

    agent: reactive[str] = reactive("")
    role: reactive[str] = reactive("")
    connection: reactive[ConnectionState] = reactive[ConnectionState]("offline")
    last_sync: reactive[dt.datetime | None] = reactive[dt.datetime | None](None)
    marked: reactive[int] = reactive(0)
    queued: reactive[int] = reactive(0)
    """Actions waiting in the outbox for the connection."""
    failed: reactive[int] = reactive(0)
    """Queued actions the server refused: the agent must look at them."""
    hint: reactive[str] = reactive("")

    def __init__(
        self,
        *,
        labels: dict[str, str] | None = None,
        timezone: dt.tzinfo | None = None,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.labels = dict(labels or DEFAULT_LABELS)
        self.timezone = timezone

    def _component(self, name: str) -> Style:
        return self.get_component_rich_style(f"status-line--{name}", partial=True)

    def _left(self, muted: Style, *, with_role: bool) -> Text:
        """Agent (· role), connection state, last sync time."""
        left = Text(no_wrap=True, overflow="ellipsis", end="")
        left.append(one_line(self.agent))
        if self.role and with_role:
            left.append(" · ", muted)
            left.append(one_line(self.role))
        # Unknown states (a newer app) read as offline rather than crash the line.
        state = self.connection if self.connection in _DOTS else "offline"
        left.append("  ")
        left.append(
            f"{_DOTS[state]} {one_line(self.labels.get(state, state))}", self._component(state)
        )
        left.append("  ")
        when = self.last_sync
        stamp = (
            when.astimezone(self.timezone).strftime("%H:%M:%S")
            if when is not None
            else self.labels.get("never", "never")
        )
        left.append(f"{one_line(self.labels.get('last_sync', 'last sync'))} {stamp}", muted)
        return left

    def render(self) -> Text:
        muted = self._component("muted")
        width = self.content_region.width or self.size.width
        left = self._left(muted, with_role=True)
        if width and self.role and left.cell_len > width:
            # Narrow terminal: the connection state and sync time matter more than the
            # role, which the header shows too.
            left = self._left(muted, with_role=False)

        right = Text(no_wrap=True, end="")
        # Queued and refused actions first: they outlive the screen (glyphs for no colour).
        for name, glyph, count in (("failed", "✗", self.failed), ("queued", "⇡", self.queued)):
            if count:
                template = self.labels.get(name, "{count} " + name)
                if right:
                    right.append("  ")
                right.append(
                    f"{glyph} {one_line(template.format(count=count))}", self._component(name)
                )
        if self.marked:
            template = self.labels.get("marked", "{count} marked")
            if right:
                right.append("  ")
            right.append(one_line(template.format(count=self.marked)), self._component("marked"))
        if self.hint:
            if right:
                right.append("  ")
            right.append(one_line(self.hint), muted)

        if right and width:
            room = max(0, width - right.cell_len - 2)
            left.truncate(room, overflow="ellipsis")
            gap = max(1, width - left.cell_len - right.cell_len)
            return Text.assemble(left, " " * gap, right, no_wrap=True, end="")
        return left


def as_connection_state(value: str) -> ConnectionState:
    """Narrow a state name from the sync engine; unknown names read as offline."""
    if value == "live":
        return "live"
    if value == "reconnecting":
        return "reconnecting"
    return "offline"
