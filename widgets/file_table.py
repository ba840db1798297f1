"""A virtual (Line API) table of contact files that reads only the rows it shows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal, NamedTuple, Protocol, runtime_checkable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from backend_client.niss import format_niss
from backend_client.text import one_line


class FileRow(NamedTuple):
    """What one line of the table shows: a contact file summary, flattened to plain
    values so 100,000 of them stay small (perf.md: keep rows as tuples)."""

    id: int
    ticket: str
    citizen_name: str
    citizen_niss: str
    subject: str
    channel_name: str
    priority: str
    status: str
    assignee_name: str
    created_at: dt.datetime
    updated_at: dt.datetime
    unread: bool
    group_id: str
    version: int
    closed_at: dt.datetime | None = None
    pending: bool = False
    """An action of the agent's on this file waits in the outbox (shown ⇡)."""


class RowSource(Protocol):
    """Rows in display order; the table asks only for the rows it shows."""

    def __len__(self) -> int: ...

    def row_at(self, index: int) -> FileRow: ...

    def rows(self, start: int, stop: int) -> Sequence[FileRow]: ...

    def index_of(self, file_id: int) -> int | None: ...


@runtime_checkable
class IdSource(Protocol):
    """Optional fast path: a source that knows all its file ids without reading rows
    (used by "mark all")."""

    def file_ids(self) -> Sequence[int]: ...


class ListRowSource:
    """A RowSource over an in-memory list (tests, benchmarks, small views)."""

    def __init__(self, rows: Iterable[FileRow] = ()) -> None:
        self._rows: list[FileRow] = list(rows)
        self._index: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def row_at(self, index: int) -> FileRow:
        return self._rows[index]

    def rows(self, start: int, stop: int) -> Sequence[FileRow]:
        return self._rows[start:stop]

    def index_of(self, file_id: int) -> int | None:
        if self._index is None:
            # Built on first use: most sources are looked up once, right after a sort.
            self._index = {row.id: i for i, row in enumerate(self._rows)}
        return self._index.get(file_id)

    def file_ids(self) -> Sequence[int]:
        return [row.id for row in self._rows]


SortKey = Literal[
    "ticket", "citizen", "subject", "channel", "priority", "status", "assignee", "closed", "age"
]
SORT_KEYS: tuple[SortKey, ...] = (
    "ticket",
    "citizen",
    "subject",
    "channel",
    "priority",
    "status",
    "assignee",
    "closed",
    "age",
)
DEFAULT_COLUMNS: tuple[SortKey, ...] = tuple(key for key in SORT_KEYS if key != "closed")
"""The columns of a table that is not told otherwise (every one but the closing date)."""

DEFAULT_COLUMN_LABELS: dict[str, str] = {
    "ticket": "Ticket",
    "citizen": "Citizen",
    "subject": "Subject",
    "channel": "Channel",
    "priority": "Priority",
    "status": "Status",
    "assignee": "Assignee",
    "closed": "Closed",
    "age": "Age",
}
"""Header labels; the app replaces them with translated ones."""

DEFAULT_VALUE_LABELS: dict[str, str] = {
    "high": "high",
    "medium": "medium",
    "low": "low",
    "new": "new",
    "assigned": "assigned",
    "waiting": "waiting",
    "closed": "closed",
}
"""Words shown for priority and status values; the app replaces them with translations."""


class _Column(NamedTuple):
    key: SortKey
    min_width: int
    weight: float  # 0 means fixed at min_width
    max_width: int
    right: bool = False


# Order on screen; channel then assignee are dropped first when the terminal is narrow.
_COLUMNS: tuple[_Column, ...] = (
    _Column("ticket", 9, 0, 9),
    _Column("citizen", 16, 4, 60),
    _Column("subject", 12, 5, 200),
    _Column("channel", 8, 1.5, 16),
    _Column("priority", 8, 0, 8),
    _Column("status", 8, 0, 8),
    _Column("assignee", 8, 2, 24),
    _Column("closed", 10, 0, 10),
    _Column("age", 4, 0, 4, right=True),
)
# When the terminal is narrow: the channel goes first (the least read), then the status
# (in the group queue a holder's name says "assigned" too), then the holder; ticket,
# citizen, subject, priority and age always stay.
_DROP_ORDER: tuple[SortKey, ...] = ("channel", "status", "assignee", "closed")
_SUBJECT_ROOM = 10
"""Cells the subject gets beyond its minimum before a droppable column is kept."""
_PART_SUFFIX = re.compile(r" \(\d+/\d+\)$")
"""The " (1/2)" a split gives its parts: kept when a subject is cut, or the parts of
one file would read the same in a narrow column."""
_GUTTER = 2  # mark glyph + unread dot
_NISS_WIDTH = 15
_MARK_GLYPH = "▌"
_UNREAD_GLYPH = "●"
_PENDING_GLYPH = "⇡"
_ELLIPSIS = "…"


def compute_widths(
    width: int, keys: Sequence[SortKey] = DEFAULT_COLUMNS
) -> list[tuple[_Column, int]]:
    """Widths of the columns ``keys`` for a table ``width`` cells wide (one space between
    columns), dropping the least needed ones when they do not fit."""
    columns = [c for c in _COLUMNS if c.key in keys]
    droppable = [key for key in _DROP_ORDER if key in keys]
    while True:
        needed = _GUTTER + sum(c.min_width for c in columns) + len(columns)
        # A column is worth its place only if the subject keeps room to be read.
        if not droppable or needed + _SUBJECT_ROOM <= width:
            break
        drop = droppable.pop(0)
        columns = [c for c in columns if c.key != drop]
    spare = max(0, width - (_GUTTER + sum(c.min_width for c in columns) + len(columns)))
    total_weight = sum(c.weight for c in columns) or 1.0
    widths = []
    for column in columns:
        extra = int(spare * column.weight / total_weight)
        widths.append(min(column.max_width, column.min_width + extra))
    # Give what rounding and max widths left over to the subject column.
    left = width - (_GUTTER + sum(widths) + len(columns))
    if left > 0:
        for i, column in enumerate(columns):
            if column.key == "subject":
                widths[i] += left
    return list(zip(columns, widths, strict=True))


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` cut with an ellipsis or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    length = len(text) if text.isascii() else cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + _ELLIPSIS
    if right:
        return " " * (width - length) + text
    return text + " " * (width - length)


def fit_subject(text: str, width: int) -> str:
    """Like ``fit``, but a split part's " (1/2)" stays visible when the subject is cut."""
    suffix = _PART_SUFFIX.search(text)
    if suffix is None or cell_len(text) <= width or width < len(suffix.group()) + 2:
        return fit(text, width)
    tail = suffix.group()
    return fit(text[: suffix.start()], width - len(tail)) + tail


def short_date(moment: dt.datetime | None) -> str:
    """A day as YYYY-MM-DD (empty when unknown)."""
    return "" if moment is None else moment.date().isoformat()


def compact_age(created: dt.datetime, now: dt.datetime) -> str:
    """How old something is, in at most four cells: 5m, 3h, 2d, 5w, 2y."""
    if created.tzinfo is None:
        created = created.replace(tzinfo=dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    seconds = max(0, int((now - created).total_seconds()))
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes}m"
    hours = minutes // 60
    if hours < 24:
        return f"{hours}h"
    days = hours // 24
    if days < 14:
        return f"{days}d"
    weeks = days // 7
    if weeks < 104:
        return f"{weeks}w"
    return f"{days // 365}y"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


NISS_MASK = "•••.••"


def format_niss_cell(niss: str, *, revealed: bool = False) -> str:
    """A NISS as lists show it: the birth date part only (``78.01.13-•••.••``), whole
    when ``revealed``; what is not 11 digits is masked whole."""
    if len(niss) == 11 and niss.isdigit():
        return format_niss(niss) if revealed else f"{format_niss(niss)[:9]}{NISS_MASK}"
    return one_line(niss) if revealed else "•" * min(len(niss), 15)


class FileTable(ScrollView, can_focus=True):
    """Contact files, one per line, with a fixed header, a cursor and marks.

    Line 0 of the viewport is the header; row ``i`` of the source is virtual line
    ``i + 1``. Rendered lines are cached by (row id, version, unread, age, cursor,
    marked, width), so moving the cursor repaints two lines and scrolling renders
    only the rows that came into view.
    """

    DEFAULT_CSS = """
    FileTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        color: $foreground;
        scrollbar-gutter: stable;
        & > .file-table--header { background: $panel; color: $foreground; text-style: bold; }
        & > .file-table--cursor { background: $block-cursor-blurred-background; }
        &:focus > .file-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        /* Without colour the cursor is reverse video (bold too when focused). */
        &:nocolor > .file-table--cursor { text-style: reverse; }
        &:nocolor:focus > .file-table--cursor { text-style: bold reverse; }
        /* A quiet band behind marked rows (an accent tint became a bright orange, or
           red, in 256 and 16 colours and hid the values drawn in the accent colour);
           the glyph in the gutter says "marked" in every mode. */
        & > .file-table--marked { background: $panel; }
        & > .file-table--mark-glyph { color: $foreground; text-style: bold; }
        & > .file-table--unread { color: $primary; }
        & > .file-table--niss { color: $text-muted; }
        & > .file-table--empty { color: $text-muted; text-style: italic; }
        /* Not by colour alone: 16 colours draw $error and $warning in one red, and
           NO_COLOR turns red into a dark grey. */
        & > .file-table--priority-high { color: $error; text-style: bold underline; }
        &:nocolor > .file-table--priority-high { color: $foreground; }
        & > .file-table--priority-medium { color: $warning; }
        & > .file-table--priority-low { color: $text-muted; }
        & > .file-table--status-new { color: $accent; text-style: bold; }
        & > .file-table--status-assigned { color: $primary; }
        & > .file-table--status-waiting { color: $warning; }
        & > .file-table--status-closed { color: $text-muted; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "file-table--header",
        "file-table--cursor",
        "file-table--marked",
        "file-table--mark-glyph",
        "file-table--unread",
        "file-table--niss",
        "file-table--empty",
        "file-table--priority-high",
        "file-table--priority-medium",
        "file-table--priority-low",
        "file-table--status-new",
        "file-table--status-assigned",
        "file-table--status-waiting",
        "file-table--status-closed",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="file_table.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="file_table.up"),
        Binding("g,home", "cursor_first", "First", show=False, id="file_table.first"),
        Binding("G,end", "cursor_last", "Last", show=False, id="file_table.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="file_table.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="file_table.page_up"),
        Binding("ctrl+d", "half_page_down", "Half page down", show=False),
        Binding("ctrl+u", "half_page_up", "Half page up", show=False),
        Binding("enter", "open", "Open", id="file_table.open", tooltip="Open the file"),
        Binding("space", "toggle_mark", "Mark", id="file_table.mark", tooltip="Mark and move down"),
        Binding("shift+down", "extend_down", "Mark down", show=False),
        Binding("shift+up", "extend_up", "Mark up", show=False),
        Binding(
            "v", "range_mark", "Range", id="file_table.range", tooltip="Start/end a range mark"
        ),
        Binding("asterisk", "mark_all", "Mark all", show=False, id="file_table.mark_all"),
        Binding("escape", "clear_marks", "Clear marks", id="file_table.clear_marks", show=False),
        Binding("s", "cycle_sort", "Sort", id="file_table.sort", tooltip="Sort by next column"),
        Binding("S", "reverse_sort", "Reverse sort", show=False, id="file_table.reverse_sort"),
        Binding(
            "N",
            "reveal_niss",
            "Show NISS",
            show=False,  # in the help and the palette; the footer keeps the file actions
            id="file_table.reveal_niss",
            tooltip="Show the whole NISS of the file under the cursor (hidden again once "
            "the cursor moves)",
        ),
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another file (None: the table is empty)."""

        file_id: int | None

    @dataclass
    class Opened(Message):
        """Enter was pressed on a file."""

        file_id: int

    @dataclass
    class MarksChanged(Message):
        """The set of marked files changed; ``count`` is its new size."""

        count: int

    @dataclass
    class SortRequested(Message):
        """The user asked for another order; the owner re-sorts and sets a new source."""

        column: SortKey
        descending: bool

    def __init__(
        self,
        source: RowSource | None = None,
        *,
        empty_text: str = "No contact files",
        column_labels: dict[str, str] | None = None,
        value_labels: dict[str, str] | None = None,
        now: Callable[[], dt.datetime] = _utc_now,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._source: RowSource = source if source is not None else ListRowSource()
        self.empty_text = empty_text
        self.column_labels = dict(column_labels or DEFAULT_COLUMN_LABELS)
        self.value_labels = dict(value_labels or DEFAULT_VALUE_LABELS)
        self.now: Callable[[], dt.datetime] = now
        self._cursor = 0
        # the one file whose NISS is shown whole, while the cursor stays on it
        self._revealed: int | None = None
        self._marks: set[int] = set()
        self._anchor: int | None = None
        self.sort_column: SortKey | None = None
        self.sort_descending = False
        self._columns: tuple[SortKey, ...] = DEFAULT_COLUMNS
        self._window_start = 0
        self._window: Sequence[FileRow] = ()
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self._layout: list[tuple[_Column, int]] = []
        self._layout_width = -1
        self._last_highlighted: int | None = None
        self.virtual_size = Size(0, len(self._source) + 1)

    # ------------------------------------------------------------------ public API

    @property
    def source(self) -> RowSource:
        """The rows shown, in display order."""
        return self._source

    @source.setter
    def source(self, source: RowSource) -> None:
        self.set_source(source)

    @property
    def row_count(self) -> int:
        return len(self._source)

    @property
    def cursor_row(self) -> int:
        """Index of the cursor in the current source."""
        return self._cursor

    @property
    def cursor_file_id(self) -> int | None:
        """Id of the file under the cursor, None when the table is empty."""
        row = self._row(self._cursor)
        return None if row is None else row.id

    @property
    def marked_ids(self) -> frozenset[int]:
        """Ids of the marked files (they survive re-sorting and filtering)."""
        return frozenset(self._marks)

    @property
    def range_anchor(self) -> int | None:
        """Row index where a `v` range started, None when no range is open."""
        return self._anchor

    def set_source(
        self, source: RowSource, *, keep_file_id: int | None | Literal["current"] = "current"
    ) -> None:
        """Show ``source``. The cursor stays on ``keep_file_id`` ("current": the file
        under the cursor now) if that file is still there, at the same screen line
        where possible; otherwise it stays at the same index, clamped."""
        wanted = self.cursor_file_id if keep_file_id == "current" else keep_file_id
        screen_line = self._cursor - int(self.scroll_y)
        self._source = source
        self._window = ()
        self._window_start = 0
        self._strips.clear()
        self._anchor = None
        self.virtual_size = Size(0, len(source) + 1)
        found = source.index_of(wanted) if wanted is not None else None
        count = len(source)
        if found is not None:
            self._cursor = found
        elif keep_file_id is None:
            self._cursor = 0
        else:
            self._cursor = min(self._cursor, max(0, count - 1))
        self.scroll_to(y=max(0, self._cursor - screen_line), animate=False, force=True)
        self._scroll_cursor_into_view()
        self.refresh()
        self._post_highlighted()

    @property
    def columns(self) -> tuple[SortKey, ...]:
        """The columns shown (before the narrow terminal drops some)."""
        return self._columns

    def set_columns(self, keys: Sequence[SortKey]) -> None:
        """Show the columns ``keys`` (in the table's own order)."""
        keys = tuple(keys)
        if keys != self._columns:
            self._columns = keys
            self._layout_width = -1
            self._strips.clear()
            self.refresh()

    def set_sort(self, column: SortKey | None, descending: bool = False) -> None:
        """Draw the sort indicator (the owner sorts the source)."""
        self.sort_column = column
        self.sort_descending = descending
        self.refresh()

    def move_cursor(self, index: int) -> None:
        """Put the cursor on row ``index`` (clamped) and scroll it into view."""
        count = len(self._source)
        new = max(0, min(index, count - 1)) if count else 0
        old = self._cursor
        self._cursor = new
        if new != old:
            self._revealed = None
        if self._anchor is not None:
            self._mark_range(self._anchor, new)
        if not self._scroll_cursor_into_view() and old != new:
            self.refresh_line(old + 1)
            self.refresh_line(new + 1)
        self._post_highlighted()

    def clear_marks(self) -> None:
        """Unmark every file."""
        if self._marks or self._anchor is not None:
            self._marks.clear()
            self._anchor = None
            self._marks_changed()

    def set_marks(self, file_ids: Iterable[int]) -> None:
        """Replace the marks (e.g. keep the ones still in scope after a sync)."""
        self._marks = set(file_ids)
        self._marks_changed()

    # ------------------------------------------------------------------ actions

    def action_cursor_down(self) -> None:
        self.move_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self._cursor - 1)

    def action_cursor_first(self) -> None:
        self.move_cursor(0)

    def action_cursor_last(self) -> None:
        self.move_cursor(len(self._source) - 1)

    def action_page_down(self) -> None:
        self._page(self._page_rows())

    def action_page_up(self) -> None:
        self._page(-self._page_rows())

    def action_half_page_down(self) -> None:
        self._page(max(1, self._page_rows() // 2))

    def action_half_page_up(self) -> None:
        self._page(-max(1, self._page_rows() // 2))

    def action_open(self) -> None:
        file_id = self.cursor_file_id
        if file_id is not None:
            self.post_message(self.Opened(file_id))

    def action_toggle_mark(self) -> None:
        file_id = self.cursor_file_id
        if file_id is None:
            return
        if file_id in self._marks:
            self._marks.discard(file_id)
        else:
            self._marks.add(file_id)
        self.refresh_line(self._cursor + 1)
        self._marks_changed(repaint=False)
        self.move_cursor(self._cursor + 1)

    def action_extend_down(self) -> None:
        self._extend(+1)

    def action_extend_up(self) -> None:
        self._extend(-1)

    def action_range_mark(self) -> None:
        """First press drops an anchor; moving marks anchor..cursor; second press ends."""
        if self._anchor is None:
            if len(self._source):
                self._anchor = self._cursor
                self._mark_range(self._cursor, self._cursor)
        else:
            self._anchor = None
            self._marks_changed(repaint=False)

    def action_mark_all(self) -> None:
        source = self._source
        if isinstance(source, IdSource):
            ids: Iterable[int] = source.file_ids()
        else:
            ids = (row.id for row in source.rows(0, len(source)))
        self._marks.update(ids)
        self._marks_changed()

    def action_clear_marks(self) -> None:
        self.clear_marks()

    def action_cycle_sort(self) -> None:
        # Through the columns on screen, in their order.
        shown = [c.key for c, _ in self._layout] or list(self._columns)
        if self.sort_column is None or self.sort_column not in shown:
            column: SortKey = shown[0]
        else:
            column = shown[(shown.index(self.sort_column) + 1) % len(shown)]
        self.set_sort(column, False)
        self.post_message(self.SortRequested(column, False))

    def action_reveal_niss(self) -> None:
        """Show (or hide again) the whole NISS of the file under the cursor. Nothing is
        logged or sent: the NISS is already in the local store."""
        row = self._row(self._cursor)
        if row is None:
            return
        self._revealed = None if self._revealed == row.id else row.id
        self.refresh_line(self._cursor + 1)

    def action_reverse_sort(self) -> None:
        column = self.sort_column or self._columns[0]
        descending = not self.sort_descending if self.sort_column else False
        self.set_sort(column, descending)
        self.post_message(self.SortRequested(column, descending))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without marks, escape is not ours: let it bubble to the screen ("back").
        if action == "clear_marks":
            return bool(self._marks) or self._anchor is not None
        return True

    # ------------------------------------------------------------------ events

    def _on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self._scroll_cursor_into_view()

    def _on_focus(self, event: events.Focus) -> None:
        self._repaint_cursor()

    def _on_blur(self, event: events.Blur) -> None:
        self._repaint_cursor()

    def _on_mount(self, event: events.Mount) -> None:
        # Ages are part of the cache key, so a periodic repaint keeps them current.
        self.set_interval(60, self.refresh)
        self._post_highlighted()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        self.move_cursor(int(self.scroll_y) + offset.y - 1)
        if event.chain == 2:
            self.action_open()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    # ------------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._layout_width:
            self._layout = compute_widths(width, self._columns)
            self._layout_width = width
            self._strips.clear()
        if y == 0:
            return self._render_header(width)
        index = int(self.scroll_y) + y - 1
        row = self._row(index)
        if row is None:
            if index == 0:
                return self._render_empty(width)
            return Strip.blank(width, self.rich_style)
        age = compact_age(row.created_at, self.now())
        is_cursor = index == self._cursor
        is_marked = row.id in self._marks
        revealed = is_cursor and row.id == self._revealed
        key = (
            row.id,
            row.version,
            row.unread,
            row.pending,
            age,
            is_cursor,
            is_marked,
            width,
            revealed,
        )
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(row, age, is_cursor, is_marked, width, revealed)
            self._strips[key] = strip
        return strip

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            if name == "base":
                style = self.rich_style
            else:
                style = self.get_component_rich_style(f"file-table--{name}", partial=True)
            self._styles[name] = style
        return style

    def _render_header(self, width: int) -> Strip:
        style = self.rich_style + self._style("header")
        segments = [Segment(" " * _GUTTER, style)]
        for column, col_width in self._layout:
            label = one_line(self.column_labels.get(column.key, column.key))
            if column.key == self.sort_column:
                arrow = "▼" if self.sort_descending else "▲"
                label = fit(label, col_width - 1).rstrip() + arrow
            segments.append(Segment(fit(label, col_width, column.right) + " ", style))
        return Strip(segments).adjust_cell_length(width, style)

    def _render_empty(self, width: int) -> Strip:
        style = self.rich_style + self._style("empty")
        text = fit(one_line(self.empty_text), max(0, width - _GUTTER))
        return Strip([Segment(" " * _GUTTER + text, style)]).adjust_cell_length(width, style)

    def _render_row(
        self,
        row: FileRow,
        age: str,
        is_cursor: bool,
        is_marked: bool,
        width: int,
        revealed: bool = False,
    ) -> Strip:
        base = self.rich_style
        if is_marked:
            base += self._style("marked")
        if row.unread:
            base += Style(bold=True)
        mark_style = base + self._style("mark-glyph")
        segments = [
            Segment(_MARK_GLYPH if is_marked else " ", mark_style),
            # a waiting action says more than news: the row is not what the server has yet
            Segment(
                _PENDING_GLYPH if row.pending else _UNREAD_GLYPH if row.unread else " ",
                base + self._style("unread"),
            ),
        ]
        for column, col_width in self._layout:
            key = column.key
            if key == "citizen":
                segments.extend(self._citizen_cell(row, col_width, base, revealed))
                continue
            style = base
            if key == "ticket":
                text = row.ticket
            elif key == "subject":
                segments.append(Segment(fit_subject(one_line(row.subject), col_width), base))
                segments.append(Segment(" ", base))
                continue
            elif key == "channel":
                text = row.channel_name
            elif key == "priority":
                text = self.value_labels.get(row.priority, row.priority)
                style = base + self._style(f"priority-{row.priority}")
            elif key == "status":
                text = self.value_labels.get(row.status, row.status)
                style = base + self._style(f"status-{row.status}")
            elif key == "assignee":
                text = row.assignee_name
            elif key == "closed":
                text = short_date(row.closed_at)
            else:
                text = age
            segments.append(Segment(fit(one_line(text), col_width, column.right), style))
            segments.append(Segment(" ", base))
        if is_cursor:
            # The cursor's colours win over every cell's own (a post-style): applied
            # under them, as Strip.apply_style does, the row's background hid it.
            cursor = self._style("cursor")
            segments = list(Segment.apply_style(segments, post_style=cursor))
            base += cursor
        return Strip(segments).adjust_cell_length(width, base)

    def _citizen_cell(
        self, row: FileRow, width: int, base: Style, revealed: bool = False
    ) -> list[Segment]:
        name = one_line(row.citizen_name)
        if width >= _NISS_WIDTH + 11 and row.citizen_niss:
            niss = format_niss_cell(row.citizen_niss, revealed=revealed)
            name_width = width - _NISS_WIDTH - 1
            return [
                Segment(fit(name, name_width) + " ", base),
                Segment(fit(niss, _NISS_WIDTH) + " ", base + self._style("niss")),
            ]
        return [Segment(fit(name, width) + " ", base)]

    # ------------------------------------------------------------------ internals

    def _row(self, index: int) -> FileRow | None:
        """Row ``index``, read through a window around the viewport."""
        if index < 0:
            return None
        start = self._window_start
        if start <= index < start + len(self._window):
            return self._window[index - start]
        count = len(self._source)
        if index >= count:
            return None
        # Read one viewport before and after, so one-line scrolls rarely hit the source.
        page = max(16, self.scrollable_content_region.height)
        start = max(0, min(index - page, int(self.scroll_y) - page))
        stop = min(count, max(index + 1, int(self.scroll_y)) + 2 * page)
        self._window = self._source.rows(start, stop)
        self._window_start = start
        if start <= index < start + len(self._window):
            return self._window[index - start]
        return self._source.row_at(index)

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _page(self, delta: int) -> None:
        """Move cursor and viewport together by ``delta`` rows, as pagers do."""
        count = len(self._source)
        if not count:
            return
        new = max(0, min(self._cursor + delta, count - 1))
        self.scroll_to(y=int(self.scroll_y) + delta, animate=False, force=True)
        self.move_cursor(new)

    def _scroll_cursor_into_view(self) -> bool:
        """Scroll so the cursor row is visible under the header; True if it scrolled."""
        height = self.scrollable_content_region.height - 1  # minus the header
        if height <= 0:
            return False
        top = int(self.scroll_y)
        if self._cursor < top:
            target = self._cursor
        elif self._cursor >= top + height:
            target = self._cursor - height + 1
        else:
            return False
        self.scroll_to(y=target, animate=False, force=True)
        return int(self.scroll_y) != top

    def _extend(self, delta: int) -> None:
        file_id = self.cursor_file_id
        if file_id is None:
            return
        self._marks.add(file_id)
        self.refresh_line(self._cursor + 1)
        self.move_cursor(self._cursor + delta)
        file_id = self.cursor_file_id
        if file_id is not None:
            self._marks.add(file_id)
            self.refresh_line(self._cursor + 1)
        self._marks_changed(repaint=False)

    def _mark_range(self, a: int, b: int) -> None:
        low, high = min(a, b), max(a, b)
        self._marks.update(row.id for row in self._source.rows(low, high + 1))
        self._marks_changed()

    def _marks_changed(self, repaint: bool = True) -> None:
        if repaint:
            self.refresh()
        self.refresh_bindings()
        self.post_message(self.MarksChanged(len(self._marks)))

    def _repaint_cursor(self) -> None:
        self._styles.clear()
        self._strips.clear()
        self.refresh()

    def _post_highlighted(self) -> None:
        file_id = self.cursor_file_id
        if file_id != self._last_highlighted:
            self._last_highlighted = file_id
            self.post_message(self.Highlighted(file_id))
