"""A virtualised (Line API) thread of contact-file messages, pre-wrapped per width."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message as TextualMessage
from textual.scroll_view import ScrollView
from textual.strip import Strip

from backend_client.models import Message, Side
from backend_client.text import one_line, safe_text

DEFAULT_LABELS: dict[str, str] = {
    "citizen": "Citizen",
    "contact_center": "Contact center",
    "system": "System",
    "internal": "INTERNAL NOTE — not visible to the citizen",
    "final": "FINAL ANSWER",
    "empty": "No messages",
}
"""Words the thread shows; the app replaces them with translated ones."""


class _Box(NamedTuple):
    top_left: str
    top_right: str
    bottom_left: str
    bottom_right: str
    horizontal: str
    vertical: str


# Border shapes tell message kinds apart even without colour (NO_COLOR terminals).
_ROUND = _Box("╭", "╮", "╰", "╯", "─", "│")
_HEAVY = _Box("┏", "┓", "┗", "┛", "━", "┃")
_DOUBLE = _Box("╔", "╗", "╚", "╝", "═", "║")
_ATTACHMENT = "▪"

GUTTER = 2
"""Columns left of the messages for the selection marker."""
_MARK_HEADER = "▶ "
_MARK_BODY = "▌ "
_NO_MARK = "  "


def human_size(size: int) -> str:
    """Bytes in decimal units, the way people read them: 532 B, 120 kB, 4.2 MB."""
    if size < 1000:
        return f"{size} B"
    for unit in ("kB", "MB", "GB"):
        size_f = size / 1000
        if size_f < 1000 or unit == "GB":
            return f"{size_f:.1f} {unit}" if size_f < 10 else f"{size_f:.0f} {unit}"
        size = int(size_f)
    return f"{size} GB"  # pragma: no cover - the loop always returns


def _width(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap of safe text to ``width`` cells; keeps blank lines, breaks
    words longer than a line."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.expandtabs(4).split("\n"):
        if _width(paragraph) <= width:
            lines.append(paragraph.rstrip())
            continue
        line = ""
        used = 0
        for word in paragraph.split(" "):
            size = _width(word)
            if used and used + 1 + size <= width:
                line += " " + word
                used += 1 + size
                continue
            if used:
                lines.append(line)
            while size > width:
                # set_cell_size pads where a wide character does not fit: the padding
                # is no part of the word (counting it dropped that character)
                head = set_cell_size(word, width).rstrip(" ") or word[0]
                lines.append(head)
                word = word[len(head) :]
                size = _width(word)
            line, used = word, size
        lines.append(line)
    return lines


class MessageThread(ScrollView, can_focus=True):
    """Messages of one contact file as chat bubbles, one Strip per line.

    Citizen messages sit on the right, contact-center messages on the left, system
    messages centred and dim; internal notes carry a label and a heavy warning
    border, final answers a label and a double border. The selected message (``n`` /
    ``N``) has a marker in the left gutter on each of its lines and a reversed top
    border: a shape and an attribute, so it shows in 16 colours and under NO_COLOR
    too. Only the messages needed for the first screen are wrapped before the first
    frame; the rest follow right after.
    """

    DEFAULT_CSS = """
    MessageThread {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        color: $foreground;
        scrollbar-gutter: stable;
        & > .message-thread--citizen { color: $primary; }
        & > .message-thread--contact { color: $secondary; }
        & > .message-thread--system { color: $text-muted; text-style: italic; }
        & > .message-thread--internal { color: $text-warning; background: $warning-muted; }
        & > .message-thread--internal-label {
            color: $text-warning; background: $warning-muted; text-style: bold underline;
        }
        & > .message-thread--final { color: $success; text-style: bold; }
        & > .message-thread--meta { color: $text-muted; }
        & > .message-thread--selected { text-style: bold reverse; }
        & > .message-thread--marker { color: $accent; text-style: bold; }
        & > .message-thread--empty { color: $text-muted; text-style: italic; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "message-thread--citizen",
        "message-thread--contact",
        "message-thread--system",
        "message-thread--internal",
        "message-thread--internal-label",
        "message-thread--final",
        "message-thread--meta",
        "message-thread--selected",
        "message-thread--marker",
        "message-thread--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line_down", "Down", show=False, id="message_thread.down"),
        Binding("k,up", "line_up", "Up", show=False, id="message_thread.up"),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("g,home", "first", "First", show=False, id="message_thread.first"),
        Binding("G,end", "last", "Last", show=False, id="message_thread.last"),
        Binding(
            "n,right_square_bracket",
            "next_message",
            "Next message",
            show=False,
            id="message_thread.next",
            tooltip="Select the next message",
        ),
        Binding(
            "N,left_square_bracket",
            "previous_message",
            "Previous message",
            show=False,
            id="message_thread.previous",
            tooltip="Select the previous message",
        ),
    ]

    @dataclass
    class Selected(TextualMessage):
        """Another message was selected (None: the thread is empty)."""

        message_id: int | None

    def __init__(
        self,
        messages: Iterable[Message] = (),
        *,
        newest_first: bool = True,
        labels: dict[str, str] | None = None,
        timezone: dt.tzinfo | None = None,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.labels = dict(labels or DEFAULT_LABELS)
        self.timezone = timezone
        self._messages: list[Message] = []
        self._selected = 0
        self._styles: dict[str, Style] = {}
        self._layout_width = 0
        self._lines: list[Strip] = []
        self._owners: list[int] = []  # display index of the message of each line
        self._starts: list[int] = []  # first line (the header) of each laid-out message
        self._ends: list[int] = []
        self._spans: list[tuple[int, int]] = []  # (first cell, width) of each box
        self._laid = 0
        self._selected_header: tuple[int, Strip] | None = None
        self._layout_pending = False
        self.set_messages(messages, newest_first=newest_first)

    # ------------------------------------------------------------------ public API

    @property
    def messages(self) -> Sequence[Message]:
        """The messages in display order."""
        return self._messages

    @property
    def selected_index(self) -> int:
        return self._selected

    @property
    def selected_message(self) -> Message | None:
        """The message whose header is highlighted (attachments are saved from it)."""
        if not self._messages:
            return None
        return self._messages[self._selected]

    def set_messages(self, messages: Iterable[Message], newest_first: bool = True) -> None:
        """Show ``messages`` (any order); the newest on top unless ``newest_first`` is
        False. The selection stays on the same message id when it is still there."""
        previous = self.selected_message
        ordered = sorted(messages, key=lambda m: (m.created_at, m.id), reverse=newest_first)
        self._messages = ordered
        self._selected = 0
        if previous is not None:
            for index, message in enumerate(ordered):
                if message.id == previous.id:
                    self._selected = index
                    break
        self._reset_layout(self._layout_width)
        if self.is_mounted:
            self.scroll_to(y=0, animate=False, force=True)
            self.refresh()
            self._post_selected()

    def select(self, index: int) -> None:
        """Select message ``index`` (display order) and bring its header into view."""
        if not self._messages:
            return
        old = self._selected
        self._selected = max(0, min(index, len(self._messages) - 1))
        self._ensure_laid_out(self._selected + 1)
        top = self._starts[self._selected]
        # The marker runs down the whole message: repaint both messages' lines.
        if old < self._laid:
            self.refresh_lines(self._starts[old], self._ends[old] - self._starts[old])
        self.refresh_lines(top, self._ends[self._selected] - top)
        height = self.scrollable_content_region.height
        bottom = self._ends[self._selected]
        if top < self.scroll_y or bottom > self.scroll_y + height:
            self.scroll_to(y=top, animate=False, force=True)
        if old != self._selected:
            self._post_selected()

    # ------------------------------------------------------------------ actions

    def action_line_down(self) -> None:
        self._ensure_laid_out(None)
        self.scroll_to(y=self.scroll_y + 1, animate=False, force=True)

    def action_line_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False, force=True)

    def action_page_down(self) -> None:
        self._ensure_laid_out(None)
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y + page, animate=False, force=True)

    def action_page_up(self) -> None:
        page = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_y - page, animate=False, force=True)

    def action_first(self) -> None:
        self.select(0)
        self.scroll_to(y=0, animate=False, force=True)

    def action_last(self) -> None:
        self._ensure_laid_out(None)
        self.select(len(self._messages) - 1)
        self.scroll_to(y=self.max_scroll_y, animate=False, force=True)

    def action_next_message(self) -> None:
        self.select(self._selected + 1)

    def action_previous_message(self) -> None:
        self.select(self._selected - 1)

    # ------------------------------------------------------------------ events

    def _on_mount(self, event: events.Mount) -> None:
        self._post_selected()

    def _on_resize(self, event: events.Resize) -> None:
        width = self._content_width()
        if width != self._layout_width:
            self._reset_layout(width)
            self._ensure_laid_out(None)
            self.refresh()

    def _on_focus(self, event: events.Focus) -> None:
        self._restyle()

    def _on_blur(self, event: events.Blur) -> None:
        self._restyle()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = int(self.scroll_y) + offset.y
        if 0 <= line < len(self._owners) and self._owners[line] >= 0:
            self.select(self._owners[line])

    # ------------------------------------------------------------------ rendering

    def _content_width(self) -> int:
        """Cells left for the messages, right of the marker gutter."""
        return max(1, self.scrollable_content_region.width - GUTTER)

    def render_line(self, y: int) -> Strip:
        full = self.scrollable_content_region.width
        width = self._content_width()
        if width != self._layout_width:
            self._reset_layout(width)
        line = int(self.scroll_y) + y
        self._ensure_laid_out_lines(line + 1)
        if not self._messages:
            if y == 0:
                style = self.rich_style + self._style("empty")
                text = set_cell_size(" " + one_line(self.labels.get("empty", "")), full)
                return Strip([Segment(text, style)], full)
            return Strip.blank(full, self.rich_style)
        if line >= len(self._lines):
            return Strip.blank(full, self.rich_style)
        owner = self._owners[line]
        if owner != self._selected:
            return Strip.join([self._gutter(_NO_MARK), self._lines[line]])
        if line != self._starts[owner]:
            return Strip.join([self._gutter(_MARK_BODY), self._lines[line]])
        cached = self._selected_header
        if cached is None or cached[0] != owner:
            cached = (owner, self._highlight(self._lines[line], *self._spans[owner]))
            self._selected_header = cached
        return cached[1]

    def _gutter(self, mark: str) -> Strip:
        style = self.rich_style
        if mark != _NO_MARK:
            style += self._style("marker")
        return Strip([Segment(mark, style)], GUTTER)

    def _highlight(self, header: Strip, left: int, box_width: int) -> Strip:
        """The selected message's top line: marker, then its box border reversed (the
        indent and the space beside the box stay as they are)."""
        width = header.cell_length
        right = min(width, left + box_width)
        box = Segment.apply_style(header.crop(left, right), post_style=self._style("selected"))
        return Strip.join(
            [
                self._gutter(_MARK_HEADER),
                header.crop(0, left),
                Strip(box, right - left),
                header.crop(right, width),
            ]
        )

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(f"message-thread--{name}", partial=True)
            self._styles[name] = style
        return style

    # ------------------------------------------------------------------ layout

    def _reset_layout(self, width: int) -> None:
        self._layout_width = width
        self._lines = []
        self._owners = []
        self._starts = []
        self._ends = []
        self._spans = []
        self._laid = 0
        self._selected_header = None
        self._layout_pending = False
        self._estimate()

    def _estimate(self) -> None:
        """Virtual height: exact for laid-out messages, estimated for the rest."""
        width = max(20, self._layout_width)
        estimate = sum(
            5 + len(m.body) // max(1, width * 3 // 4 - 4) + m.body.count("\n") + len(m.attachments)
            for m in self._messages[self._laid :]
        )
        self.virtual_size = Size(0, len(self._lines) + estimate)

    def _restyle(self) -> None:
        self._styles.clear()
        self._reset_layout(self._layout_width)
        self.refresh()

    @property
    def laid_out(self) -> bool:
        """True once every message is wrapped (the first screen is wrapped first)."""
        return self._laid >= len(self._messages)

    def _ensure_laid_out_lines(self, lines: int) -> None:
        if len(self._lines) >= lines or self._laid >= len(self._messages):
            return
        while self._laid < len(self._messages) and len(self._lines) < lines:
            self._lay_out_next()
        if self._laid < len(self._messages) and not self._layout_pending:
            # Wrap the rest once this frame is out: the first frame stays fast.
            self._layout_pending = True
            self.call_after_refresh(self._finish_layout)
        self._estimate()

    def _finish_layout(self) -> None:
        self._layout_pending = False
        self._ensure_laid_out(None)

    def _ensure_laid_out(self, count: int | None) -> None:
        target = len(self._messages) if count is None else min(count, len(self._messages))
        if self._laid >= target or self._layout_width <= 0:
            return
        while self._laid < target:
            self._lay_out_next()
        self._estimate()

    def _lay_out_next(self) -> None:
        index = self._laid
        message = self._messages[index]
        lines, span = self._render_message(message, self._layout_width)
        self._spans.append(span)
        self._starts.append(len(self._lines))
        self._lines.extend(lines)
        self._owners.extend([index] * len(lines))
        self._ends.append(len(self._lines))
        # One blank line between messages.
        self._lines.append(Strip.blank(self._layout_width, self.rich_style))
        self._owners.append(-1)
        self._laid += 1

    def _render_message(self, message: Message, width: int) -> tuple[list[Strip], tuple[int, int]]:
        """The lines of one message and where its box lies (first cell, width)."""
        base = self.rich_style
        if message.side == Side.SYSTEM:
            return self._render_system(message, width, base + self._style("system"))
        internal = not message.visible_to_citizen
        citizen = message.side == Side.CITIZEN
        indent = max(2, width // 4)
        box_width = max(12, width - indent)
        left = indent if citizen else 0
        if internal:
            box, border = _HEAVY, base + self._style("internal")
        elif message.final:
            box, border = _DOUBLE, base + self._style("final")
        else:
            box = _ROUND
            border = base + self._style("citizen" if citizen else "contact")
        fill = border if internal else base
        meta = fill + self._style("meta")
        inner = box_width - 4

        def boxed(segments: list[Segment], used: int) -> Strip:
            pad = max(0, inner - used)
            return Strip(
                [
                    Segment(" " * left, base),
                    Segment(box.vertical + " ", border),
                    *segments,
                    Segment(" " * pad, fill),
                    Segment(" " + box.vertical, border),
                ]
            ).adjust_cell_length(width, base)

        when = message.created_at
        if when.tzinfo is not None:
            when = when.astimezone(self.timezone)
        side_label = self.labels.get(message.side.value, message.side.value)
        prefix = ""
        if message.final and not internal:
            prefix = f" {one_line(self.labels.get('final', 'FINAL ANSWER'))} ·"
        author = one_line(message.author)
        title = f"{prefix} {author} · {one_line(side_label)} · {when:%Y-%m-%d %H:%M} "
        if _width(title) > box_width - 3:
            # Narrow terminal: the side shows in the alignment already; keep the date.
            title = f"{prefix} {author} · {when:%Y-%m-%d %H:%M} "
        title = set_cell_size(title, min(_width(title), box_width - 3))
        rule = box_width - 3 - _width(title)
        lines = [
            Strip(
                [
                    Segment(" " * left, base),
                    Segment(box.top_left + box.horizontal, border),
                    Segment(title, border + Style(bold=True)),
                    Segment(box.horizontal * rule + box.top_right, border),
                ]
            ).adjust_cell_length(width, base)
        ]
        if internal:
            label = one_line(self.labels.get("internal", DEFAULT_LABELS["internal"]))
            label = set_cell_size(label, min(_width(label), inner))
            label_style = fill + self._style("internal-label")
            lines.append(boxed([Segment(label, label_style)], _width(label)))
        for text in wrap(safe_text(message.body), inner):
            lines.append(boxed([Segment(text, fill)], _width(text)))
        for attachment in message.attachments:
            text = f"{_ATTACHMENT} {one_line(attachment.name)} · {human_size(attachment.size)}"
            text = set_cell_size(text, min(_width(text), inner))
            lines.append(boxed([Segment(text, meta)], _width(text)))
        lines.append(
            Strip(
                [
                    Segment(" " * left, base),
                    Segment(box.bottom_left + box.horizontal * (box_width - 2), border),
                    Segment(box.bottom_right, border),
                ]
            ).adjust_cell_length(width, base)
        )
        return lines, (left, box_width)

    def _render_system(
        self, message: Message, width: int, style: Style
    ) -> tuple[list[Strip], tuple[int, int]]:
        when = message.created_at
        if when.tzinfo is not None:
            when = when.astimezone(self.timezone)
        text_width = max(10, width * 3 // 4)
        header = f"— {one_line(message.author)} · {when:%Y-%m-%d %H:%M} —"
        texts = [header, *wrap(safe_text(message.body), text_width)]
        texts.extend(
            f"{_ATTACHMENT} {one_line(a.name)} · {human_size(a.size)}" for a in message.attachments
        )
        lines = []
        spans = []
        for text in texts:
            text = set_cell_size(text, min(_width(text), width))
            left = (width - _width(text)) // 2
            spans.append((left, _width(text)))
            lines.append(
                Strip(
                    [Segment(" " * left, self.rich_style), Segment(text, style)]
                ).adjust_cell_length(width, self.rich_style)
            )
        return lines, spans[0]

    def _post_selected(self) -> None:
        message = self.selected_message
        self.post_message(self.Selected(None if message is None else message.id))
