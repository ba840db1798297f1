"""A horizontal terminal timeline of a citizen's career: one lane per kind of status."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from backend_client.models import SANCTION_KINDS, Career, CareerKind, CareerPeriod, CareerView
from backend_client.text import one_line

# --------------------------------------------------------------------------- vocabulary

KIND_ORDER: tuple[CareerKind, ...] = (
    CareerKind.EMPLOYEE,
    CareerKind.SELF_EMPLOYED,
    CareerKind.CIVIL_SERVANT,
    CareerKind.UNEMPLOYMENT,
    CareerKind.SICKNESS,
    CareerKind.INVALIDITY,
    CareerKind.MATERNITY,
    CareerKind.CAREER_BREAK,
    CareerKind.MILITARY_SERVICE,
    CareerKind.STUDIES,
    CareerKind.NOTICE_PERIOD,
    CareerKind.SANCTION_MEDICAL_ABSENCE,
    CareerKind.SANCTION_LATE_DECLARATION,
    CareerKind.SANCTION_INAMI,
)
"""Lane order, top to bottom: professional statuses, assimilated periods, sanctions."""

# A pattern and a letter per kind, so the timeline reads in 16 colours and with NO_COLOR.
KIND_GLYPHS: dict[CareerKind, str] = {
    CareerKind.EMPLOYEE: "█",
    CareerKind.SELF_EMPLOYED: "▓",
    CareerKind.CIVIL_SERVANT: "▒",
    CareerKind.UNEMPLOYMENT: "▄",
    CareerKind.SICKNESS: "▀",
    CareerKind.INVALIDITY: "▚",
    CareerKind.MATERNITY: "▞",
    CareerKind.CAREER_BREAK: "▌",
    CareerKind.MILITARY_SERVICE: "≡",
    CareerKind.STUDIES: "▪",
    CareerKind.NOTICE_PERIOD: "▐",
    CareerKind.SANCTION_MEDICAL_ABSENCE: "×",
    CareerKind.SANCTION_LATE_DECLARATION: "≈",
    CareerKind.SANCTION_INAMI: "#",
}
KIND_LETTERS: dict[CareerKind, str] = {
    CareerKind.EMPLOYEE: "E",
    CareerKind.SELF_EMPLOYED: "S",
    CareerKind.CIVIL_SERVANT: "C",
    CareerKind.UNEMPLOYMENT: "U",
    CareerKind.SICKNESS: "K",
    CareerKind.INVALIDITY: "V",
    CareerKind.MATERNITY: "M",
    CareerKind.CAREER_BREAK: "B",
    CareerKind.MILITARY_SERVICE: "A",
    CareerKind.STUDIES: "T",
    CareerKind.NOTICE_PERIOD: "N",
    CareerKind.SANCTION_MEDICAL_ABSENCE: "X",
    CareerKind.SANCTION_LATE_DECLARATION: "L",
    CareerKind.SANCTION_INAMI: "I",
}
FUTURE_GLYPH = "░"
TODAY_GLYPH = "│"
TODAY_AXIS_GLYPH = "▼"

DEFAULT_KIND_LABELS: dict[str, str] = {
    "employee": "Employee",
    "self_employed": "Self-employed",
    "civil_servant": "Civil servant",
    "unemployment": "Unemployment",
    "sickness": "Sickness",
    "invalidity": "Invalidity",
    "maternity": "Maternity",
    "career_break": "Career break",
    "military_service": "Military service",
    "studies": "Studies",
    "notice_period": "Notice period",
    "sanction_medical_absence": "Sanction MC call",
    "sanction_late_declaration": "Sanction late decl.",
    "sanction_inami": "INAMI sanction",
}
"""Names of the kinds of period, keyed by ``CareerKind`` value; the app translates them."""

DEFAULT_LABELS: dict[str, str] = {
    "banner": "Citizen view — exactly what the citizen sees",
    "future": "future",
    "today": "today",
    "empty": "No career data",
    "none": "—",
    "days": "days",
    "zoom_career": "Whole career",
    "zoom_decade": "Decade",
    "zoom_year": "Year",
    "kind": "Kind",
    "employer": "Employer / institution",
    "period": "From – to",
    "days_title": "Days",
    "remuneration": "Remuneration",
    "attestation": "Attestation",
    "future_note": "Dated in the future (not shown to the citizen)",
    "report_hint": "! report a problem",
}
"""Other words the timeline shows; the app replaces them with translations."""

CAREER_DATA_CATEGORY = "career_data"
"""Category key of a contact file about a career element (the new-file form's first
question)."""

ZOOM_LEVELS = 3
_ZOOM_DAYS = (0, 3653, 366)  # 0: the whole career
_ZOOM_LABELS = ("zoom_career", "zoom_decade", "zoom_year")
_LABEL_MAX = 20


def format_date(value: dt.date) -> str:
    """Dates as the timeline shows them (ISO: unambiguous in the three languages)."""
    return value.isoformat()


def format_amount(value: float) -> str:
    """A remuneration in euro."""
    return f"{value:,.2f} €"


def kind_label(kind: CareerKind, kind_labels: Mapping[str, str]) -> str:
    return kind_labels.get(kind.value, DEFAULT_KIND_LABELS.get(kind.value, kind.value))


# --------------------------------------------------------------------------- problem reports


@dataclass(frozen=True)
class ProblemContext:
    """What "report a problem" hands to the new-file form: its first three questions."""

    category: str
    year: int | None
    element: str
    agent_only: bool = False
    """The reported element holds what the citizen never sees (a sanction, data dated
    in the future): ``element`` is then empty, since the new file's subject and
    question are shown to the citizen."""


def describe_period(
    period: CareerPeriod,
    kind_labels: Mapping[str, str] = DEFAULT_KIND_LABELS,
    days_word: str = "days",
) -> str:
    """One line naming a period, e.g. "1990-02-01–1995-12-31 — Employee: ACME SA (1872 days)"."""
    kind = kind_label(period.kind, kind_labels)
    who = one_line(period.employer)
    head = f"{format_date(period.start)}–{format_date(period.end)} — {kind}"
    return (
        f"{head}: {who} ({period.days} {days_word})"
        if who
        else f"{head} ({period.days} {days_word})"
    )


def period_problem(
    period: CareerPeriod,
    kind_labels: Mapping[str, str] = DEFAULT_KIND_LABELS,
    days_word: str = "days",
) -> ProblemContext:
    """The problem report of one period: its start year and its description, except
    for agent-only periods (sanctions, future data), whose description would reach
    the citizen through the new file's subject: those give the year alone."""
    if period.kind in SANCTION_KINDS or period.future:
        return ProblemContext(CAREER_DATA_CATEGORY, period.start.year, "", agent_only=True)
    return ProblemContext(
        CAREER_DATA_CATEGORY, period.start.year, describe_period(period, kind_labels, days_word)
    )


def period_detail(
    period: CareerPeriod,
    labels: Mapping[str, str] = DEFAULT_LABELS,
    kind_labels: Mapping[str, str] = DEFAULT_KIND_LABELS,
) -> Text:
    """The detail panel of a zoomed block: kind, employer, from–to, days, remuneration,
    attestation date. Data go in as plain Text (never markup)."""

    def label(key: str) -> str:
        return labels.get(key, DEFAULT_LABELS[key])

    rows: list[tuple[str, str]] = [
        (label("kind"), kind_label(period.kind, kind_labels)),
        (label("employer"), one_line(period.employer) or label("none")),
        (label("period"), f"{format_date(period.start)} – {format_date(period.end)}"),
        (label("days_title"), str(period.days)),
        (
            label("remuneration"),
            label("none") if period.remuneration is None else format_amount(period.remuneration),
        ),
        (
            label("attestation"),
            label("none")
            if period.attestation_date is None
            else format_date(period.attestation_date),
        ),
    ]
    width = max(cell_len(name) for name, _ in rows)
    text = Text()
    for i, (name, value) in enumerate(rows):
        if i:
            text.append("\n")
        text.append(name.ljust(width) + "  ", style="bold")
        text.append(value)
    if period.future:
        text.append("\n" + label("future_note"), style="italic")
    return text


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Lane:
    """The blocks of one kind, in time order."""

    kind: CareerKind
    blocks: tuple[CareerPeriod, ...]


@dataclass(frozen=True)
class TimelineLayout:
    """What the timeline shows of a career, independent of width and zoom."""

    lanes: tuple[Lane, ...]
    start: dt.date
    end: dt.date  # inclusive
    today: dt.date
    has_future: bool

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def is_future(period: CareerPeriod, today: dt.date) -> bool:
    """Wholly dated after today. The ``future`` flag is not trusted alone: servers set it
    for periods that merely run past today, and those are hatched only after today."""
    return period.start > today


def build_layout(career: Career, today: dt.date) -> TimelineLayout:
    """Lanes and time span of ``career``.

    The span runs from the first period to the last attestation received (or to the
    last period already begun when no attestation is known); in the agent view it also
    covers periods dated (partly) in the future, to their end. The citizen view drops
    sanction kinds and future data defensively, although the server never sends them,
    and never runs past today.
    """
    citizen = career.view is CareerView.CITIZEN
    periods = [
        p
        for p in career.periods
        if not (citizen and (p.kind in SANCTION_KINDS or is_future(p, today)))
    ]
    if not periods:
        return TimelineLayout((), today, today, today, False)
    by_kind: dict[CareerKind, list[CareerPeriod]] = {}
    for period in periods:
        by_kind.setdefault(period.kind, []).append(period)
    lanes = tuple(
        Lane(kind, tuple(sorted(by_kind[kind], key=lambda p: (p.start, p.end, p.id))))
        for kind in KIND_ORDER
        if kind in by_kind
    )
    start = min(p.start for p in periods)
    present = [p for p in periods if not is_future(p, today)]
    if career.last_attestation is not None:
        end = career.last_attestation
    elif present:
        end = min(max(p.end for p in present), max(today, start))
    else:
        end = start
    future = [p for p in periods if p.end > today or is_future(p, today)]
    if future and not citizen:
        end = max(end, max(p.end for p in future))
    if citizen:
        end = min(end, today)
    end = max(end, start)
    return TimelineLayout(lanes, start, end, today, bool(future) and not citizen)


@dataclass(frozen=True)
class Window:
    """The part of the span on screen: ``days`` days from ``start``."""

    start: dt.date
    days: int

    @property
    def stop(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days)


def zoom_window(layout: TimelineLayout, zoom: int, centre: dt.date | None) -> Window:
    """The window of ``zoom`` (0: whole career, 1: a decade, 2: a year) around ``centre``,
    kept inside the career's span."""
    span = layout.days
    days = _ZOOM_DAYS[zoom] if 0 < zoom < ZOOM_LEVELS else span
    if zoom == 0 or days >= span:
        return Window(layout.start, span)
    middle = centre or layout.start
    start = middle - dt.timedelta(days=days // 2)
    start = max(layout.start, min(start, layout.start + dt.timedelta(days=span - days)))
    return Window(start, days)


def block_midpoint(period: CareerPeriod) -> dt.date:
    return period.start + (period.end - period.start) / 2


def block_columns(period: CareerPeriod, window: Window, width: int) -> tuple[int, int] | None:
    """First and last column of ``period`` in a bar ``width`` cells wide, or None when
    it is outside the window. A block always takes at least one cell."""
    if width <= 0 or period.end < window.start or period.start >= window.stop:
        return None
    scale = width / window.days
    first = (period.start - window.start).days * scale
    after = ((period.end - window.start).days + 1) * scale
    c0 = max(0, int(first))
    c1 = min(width - 1, max(c0, math.ceil(after) - 1))
    return c0, c1


def date_column(day: dt.date, window: Window, width: int) -> int | None:
    if day < window.start or day >= window.stop or width <= 0:
        return None
    return min(width - 1, int((day - window.start).days * width / window.days))


def axis_ticks(window: Window, width: int) -> list[tuple[int, str]]:
    """(column, label) of the year axis; years, or months at the year zoom, spaced so
    the labels fit."""
    if width <= 0:
        return []
    per_day = width / window.days
    ticks: list[tuple[int, str]] = []
    if window.days > 2 * 366:
        step = next((s for s in (1, 2, 5, 10, 20, 50) if s * 365.25 * per_day >= 6), 100)
        year = window.start.year + (0 if window.start == dt.date(window.start.year, 1, 1) else 1)
        year += (-year) % step
        while True:
            day = dt.date(year, 1, 1)
            column = date_column(day, window, width)
            if column is None:
                break
            ticks.append((column, str(year)))
            year += step
        return ticks
    step = next((s for s in (1, 2, 3, 6) if s * 30.4 * per_day >= 4), 12)
    month_index = window.start.year * 12 + window.start.month - 1
    if window.start.day != 1:
        month_index += 1
    month_index += (-month_index) % step
    while True:
        year, month = divmod(month_index, 12)
        column = date_column(dt.date(year, month + 1, 1), window, width)
        if column is None:
            break
        ticks.append((column, str(year) if month == 0 else f"{month + 1:02d}"))
        month_index += step
    return ticks


# --------------------------------------------------------------------------- rendering

StyleOf = Callable[[str], Style]
"""Resolves a style name ("base", "axis", "employee", "selected", …) to a Rich style."""


@dataclass(frozen=True)
class RenderInput:
    """Everything one rendering of the timeline depends on."""

    layout: TimelineLayout
    window: Window
    width: int
    selection: tuple[int, int] | None
    zoom: int
    banner: str
    labels: Mapping[str, str]
    kind_labels: Mapping[str, str]


def _fit(text: str, width: int) -> str:
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def label_width(layout: TimelineLayout, width: int, kind_labels: Mapping[str, str]) -> int:
    longest = max(
        (cell_len(kind_label(lane.kind, kind_labels)) for lane in layout.lanes), default=8
    )
    return max(4, min(longest, _LABEL_MAX, width // 4)) + 1


def _runs(cells: Sequence[tuple[str, Style]]) -> list[Segment]:
    """Adjacent cells of one style merged into one Segment."""
    segments: list[Segment] = []
    chars: list[str] = []
    current: Style | None = None
    for char, style in cells:
        if style is not current and style != current:
            if chars and current is not None:
                segments.append(Segment("".join(chars), current))
            chars = []
            current = style
        chars.append(char)
    if chars and current is not None:
        segments.append(Segment("".join(chars), current))
    return segments


def render_lines(data: RenderInput, style_of: StyleOf) -> list[Strip]:
    """All lines of the timeline: banner, axis, one per lane, legend, footer."""
    layout, window, width = data.layout, data.window, data.width
    labels = data.labels
    base = style_of("base")

    def label(key: str) -> str:
        return labels.get(key, DEFAULT_LABELS[key])

    def line(segments: list[Segment]) -> Strip:
        return Strip(segments).adjust_cell_length(width, base)

    lines: list[Strip] = []
    if data.banner:
        lines.append(line([Segment(_fit(one_line(data.banner), width), style_of("banner"))]))
    if not layout.lanes:
        lines.append(line([Segment(_fit(label("empty"), width), style_of("muted"))]))
        return lines

    gutter = label_width(layout, width, data.kind_labels)
    bar = max(0, width - gutter)
    today_col = date_column(layout.today, window, bar)
    if today_col is not None:
        future_from = today_col + 1
    else:
        future_from = 0 if layout.today < window.start else bar

    # Axis: tick labels, then a ruler with ticks, the today marker and "more" arrows.
    axis_style = style_of("axis")
    label_cells = [" "] * bar
    ruler = ["─"] * bar
    free_from = 0
    for column, text in axis_ticks(window, bar):
        ruler[column] = "┬"
        if column >= free_from and column + len(text) <= bar:
            label_cells[column : column + len(text)] = list(text)
            free_from = column + len(text) + 1
    if window.start > layout.start and bar:
        ruler[0] = "◀"
    if window.stop <= layout.end and bar:
        ruler[-1] = "▶"
    zoom_name = _fit(label(_ZOOM_LABELS[data.zoom]), gutter - 1) + " "
    lines.append(
        line([Segment(zoom_name, style_of("zoom")), Segment("".join(label_cells), axis_style)])
    )
    ruler_segments = [Segment(" " * gutter, base)]
    if today_col is not None:
        ruler_segments += [
            Segment("".join(ruler[:today_col]), axis_style),
            Segment(TODAY_AXIS_GLYPH, style_of("today")),
            Segment("".join(ruler[today_col + 1 :]), axis_style),
        ]
    else:
        ruler_segments.append(Segment("".join(ruler), axis_style))
    lines.append(line(ruler_segments))

    # Lanes.
    styles: dict[tuple[CareerKind, bool, bool], Style] = {}

    def block_style(kind: CareerKind, future: bool, selected: bool) -> Style:
        key = (kind, future, selected)
        style = styles.get(key)
        if style is None:
            style = base + style_of(kind.value)
            if future:
                style += style_of("future")
            if selected:
                style += style_of("selected")
            styles[key] = style
        return style

    today_style = style_of("today")
    label_style = style_of("lane")
    selected_label_style = label_style + style_of("lane-selected")
    for lane_index, lane in enumerate(layout.lanes):
        cells: list[tuple[str, Style]] = [(" ", base)] * bar
        if today_col is not None:
            cells[today_col] = (TODAY_GLYPH, today_style)
        chosen: tuple[int, int, CareerPeriod] | None = None
        for block_index, period in enumerate(lane.blocks):
            columns = block_columns(period, window, bar)
            if columns is None:
                continue
            selected = data.selection == (lane_index, block_index)
            if selected:
                chosen = (*columns, period)
                continue
            _paint(cells, columns, period, layout.today, future_from, block_style, False)
        if chosen is not None:
            _paint(cells, chosen[:2], chosen[2], layout.today, future_from, block_style, True)
        is_lane_selected = data.selection is not None and data.selection[0] == lane_index
        name = _fit(kind_label(lane.kind, data.kind_labels), gutter - 1) + " "
        lines.append(
            line(
                [Segment(name, selected_label_style if is_lane_selected else label_style)]
                + _runs(cells)
            )
        )

    # Legend: a sample of each lane's pattern with its letter, then future and today.
    entries: list[list[Segment]] = []
    for lane in layout.lanes:
        sample = KIND_LETTERS[lane.kind] + KIND_GLYPHS[lane.kind] * 2
        entries.append(
            [
                Segment(sample, block_style(lane.kind, False, False)),
                Segment(" " + kind_label(lane.kind, data.kind_labels), base),
            ]
        )
    if layout.has_future:
        entries.append(
            [
                Segment(FUTURE_GLYPH * 3, base + style_of("future")),
                Segment(" " + label("future"), base),
            ]
        )
    if layout.start <= layout.today <= layout.end:
        entries.append([Segment(TODAY_GLYPH, today_style), Segment(" " + label("today"), base)])
    legend_style = style_of("legend")
    row: list[Segment] = []
    used = 0
    for entry in entries:
        size = sum(cell_len(s.text) for s in entry)
        if row and used + 2 + size > width:
            lines.append(line(row).apply_style(legend_style))
            row, used = [], 0
        if row:
            row.append(Segment("  ", base))
            used += 2
        row.extend(entry)
        used += size
    if row:
        lines.append(line(row).apply_style(legend_style))

    # Footer: the selected block in one line.
    footer = ""
    if data.selection is not None:
        lane_index, block_index = data.selection
        period = layout.lanes[lane_index].blocks[block_index]
        footer = describe_period(period, data.kind_labels, label("days"))
        if is_future(period, layout.today):
            footer += f" · {label('future')}"
        if period.remuneration is not None:
            footer += f" · {format_amount(period.remuneration)}"
    lines.append(line([Segment(_fit(footer, width), style_of("footer"))]))
    return lines


def _paint(
    cells: list[tuple[str, Style]],
    columns: tuple[int, int],
    period: CareerPeriod,
    today: dt.date,
    future_from: int,
    block_style: Callable[[CareerKind, bool, bool], Style],
    selected: bool,
) -> None:
    """Paint one block; the cells after today's are hatched (a job running past today
    is solid up to today, a notice period dated in the future is hatched throughout)."""
    whole_future = is_future(period, today)
    runs_past_today = period.end > today
    c0, c1 = columns
    for column in range(c0, c1 + 1):
        future = whole_future or (runs_past_today and column >= future_from)
        glyph = FUTURE_GLYPH if future else KIND_GLYPHS[period.kind]
        cells[column] = (glyph, block_style(period.kind, future, selected))
    if c1 > c0:
        # The kind's letter opens each block wide enough, so adjacent blocks of one lane
        # stay apart and the lane reads without colour.
        cells[c0] = (KIND_LETTERS[period.kind], cells[c0][1])


# --------------------------------------------------------------------------- widget


class Timeline(Widget, can_focus=True):
    """A career as a horizontal timeline: lanes per kind, a year axis, a legend and a
    one-line footer describing the selected block.

    Rendered lines are cached by (career, zoom, window, width, selection, banner,
    labels), so moving back to a zoom level or block seen before costs no rendering.
    """

    DEFAULT_CSS = """
    Timeline {
        height: auto;
        background: $surface;
        color: $foreground;
        & > .timeline--banner { background: $warning 20%; color: $foreground; text-style: bold; }
        & > .timeline--axis { color: $text-muted; }
        & > .timeline--zoom { color: $text-accent; text-style: bold; }
        & > .timeline--lane { color: $foreground; }
        & > .timeline--lane-selected { text-style: bold; color: $text-primary; }
        & > .timeline--today { color: $warning; text-style: bold; }
        & > .timeline--future { text-style: dim italic; }
        & > .timeline--selected { text-style: underline bold; }
        &:focus > .timeline--selected { text-style: reverse bold; }
        & > .timeline--legend { }
        & > .timeline--footer { background: $panel; color: $foreground; }
        & > .timeline--muted { color: $text-muted; text-style: italic; }
        & > .timeline--employee { color: $primary; }
        & > .timeline--self_employed { color: $secondary; }
        & > .timeline--civil_servant { color: $accent; }
        & > .timeline--unemployment { color: $warning; }
        & > .timeline--sickness { color: $error-lighten-2; }
        & > .timeline--invalidity { color: $error-darken-1; }
        & > .timeline--maternity { color: $success-lighten-1; }
        & > .timeline--career_break { color: $warning-darken-2; }
        & > .timeline--military_service { color: $success-darken-2; }
        & > .timeline--studies { color: $primary-lighten-2; }
        & > .timeline--notice_period { color: $secondary-lighten-1; }
        & > .timeline--sanction_medical_absence { color: $error; text-style: bold; }
        & > .timeline--sanction_late_declaration { color: $error; text-style: bold; }
        & > .timeline--sanction_inami { color: $error; text-style: bold; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--banner",
        "timeline--axis",
        "timeline--zoom",
        "timeline--lane",
        "timeline--lane-selected",
        "timeline--today",
        "timeline--future",
        "timeline--selected",
        "timeline--legend",
        "timeline--footer",
        "timeline--muted",
        *(f"timeline--{kind.value}" for kind in CareerKind),
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "h,left", "previous_block", "Previous", id="timeline.previous", tooltip="Previous block"
        ),
        Binding("l,right", "next_block", "Next", id="timeline.next", tooltip="Next block"),
        Binding(
            "k,up",
            "previous_lane",
            "Lane up",
            id="timeline.lane_up",
            show=False,
            tooltip="Lane above, block nearest in time",
        ),
        Binding(
            "j,down",
            "next_lane",
            "Lane down",
            id="timeline.lane_down",
            show=False,
            tooltip="Lane below, block nearest in time",
        ),
        Binding(
            "home",
            "first_block",
            "First",
            id="timeline.first",
            show=False,
            tooltip="First block of the lane",
        ),
        Binding(
            "end",
            "last_block",
            "Last",
            id="timeline.last",
            show=False,
            tooltip="Last block of the lane",
        ),
        Binding(
            "plus,equals_sign",
            "zoom_in",
            "Zoom in",
            id="timeline.zoom_in",
            tooltip="Zoom in on the selected block (career → decade → year)",
        ),
        Binding("minus", "zoom_out", "Zoom out", id="timeline.zoom_out", tooltip="Zoom out"),
        Binding(
            "enter", "open_block", "Detail", id="timeline.detail", tooltip="Show the block's detail"
        ),
        Binding(
            "exclamation_mark",
            "report_problem",
            "Report a problem",
            id="timeline.report",
            tooltip="Open a new contact file about the selected block",
        ),
    ]

    @dataclass
    class BlockSelected(Message):
        """The selected block changed (None: nothing to select)."""

        timeline: Timeline
        period: CareerPeriod | None

    @dataclass
    class BlockZoomed(Message):
        """Enter on a block: the screen shows its detail."""

        timeline: Timeline
        period: CareerPeriod

    @dataclass
    class ReportProblem(Message):
        """`!` on a block; ``context`` prefills the new-file form."""

        timeline: Timeline
        period: CareerPeriod
        context: ProblemContext

    zoom: reactive[int] = reactive(0, init=False)
    """0: the whole career, 1: a decade, 2: a year."""
    banner: reactive[str] = reactive("", layout=True, init=False)
    """Shown as the first line when set (the citizen view's banner)."""

    def __init__(
        self,
        career: Career | None = None,
        today: dt.date | None = None,
        *,
        banner: str = "",
        labels: Mapping[str, str] | None = None,
        kind_labels: Mapping[str, str] | None = None,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.labels: dict[str, str] = {**DEFAULT_LABELS, **(labels or {})}
        self.kind_labels: dict[str, str] = {**DEFAULT_KIND_LABELS, **(kind_labels or {})}
        self._career: Career | None = None
        self._generation = 0
        self._layout = TimelineLayout((), dt.date.min, dt.date.min, dt.date.min, False)
        self._selection: tuple[int, int] | None = None
        self._window = Window(dt.date.min, 1)
        self._cache: LRUCache[tuple[object, ...], list[Strip]] = LRUCache(32)
        self._styles: dict[str, Style] = {}
        self.set_reactive(Timeline.banner, banner)
        if career is not None:
            self.set_career(career, today or dt.date.today())

    # ------------------------------------------------------------------ public API

    @property
    def career(self) -> Career | None:
        return self._career

    @property
    def timeline_layout(self) -> TimelineLayout:
        return self._layout

    @property
    def window(self) -> Window:
        """The part of the career on screen."""
        return self._window

    @property
    def selection(self) -> tuple[int, int] | None:
        """(lane index, block index) of the selected block."""
        return self._selection

    @property
    def selected_period(self) -> CareerPeriod | None:
        if self._selection is None:
            return None
        lane, block = self._selection
        return self._layout.lanes[lane].blocks[block]

    @property
    def lane_kinds(self) -> tuple[CareerKind, ...]:
        """The kinds that have a lane, top to bottom."""
        return tuple(lane.kind for lane in self._layout.lanes)

    def set_career(self, career: Career, today: dt.date) -> None:
        """Show ``career`` as of ``today``: whole career, first block selected."""
        self._career = career
        self._generation += 1
        self._layout = build_layout(career, today)
        self._selection = (0, 0) if self._layout.lanes else None
        self.set_reactive(Timeline.zoom, 0)
        self._window = zoom_window(self._layout, 0, None)
        self.refresh(layout=True)
        if self.is_attached:
            self.post_message(self.BlockSelected(self, self.selected_period))

    def set_labels(
        self, labels: Mapping[str, str] | None = None, kind_labels: Mapping[str, str] | None = None
    ) -> None:
        """Replace the words shown (translations)."""
        if labels is not None:
            self.labels = {**DEFAULT_LABELS, **labels}
        if kind_labels is not None:
            self.kind_labels = {**DEFAULT_KIND_LABELS, **kind_labels}
        self._generation += 1
        self.refresh(layout=True)

    def select(self, lane: int, block: int) -> None:
        """Select block ``block`` of lane ``lane``; the window follows at zoomed levels."""
        lanes = self._layout.lanes
        if not lanes:
            return
        lane = max(0, min(lane, len(lanes) - 1))
        block = max(0, min(block, len(lanes[lane].blocks) - 1))
        if (lane, block) == self._selection:
            return
        self._selection = (lane, block)
        period = lanes[lane].blocks[block]
        if self.zoom and not (
            period.start < self._window.stop and period.end >= self._window.start
        ):
            self._window = zoom_window(self._layout, self.zoom, block_midpoint(period))
        self.refresh()
        self.post_message(self.BlockSelected(self, period))

    def select_period(self, period_id: int) -> bool:
        """Select the block of period ``period_id``; False when it is not shown."""
        for lane_index, lane in enumerate(self._layout.lanes):
            for block_index, period in enumerate(lane.blocks):
                if period.id == period_id:
                    self.select(lane_index, block_index)
                    return True
        return False

    # ------------------------------------------------------------------ actions

    def action_previous_block(self) -> None:
        if self._selection is not None:
            self.select(self._selection[0], max(0, self._selection[1] - 1))

    def action_next_block(self) -> None:
        if self._selection is not None:
            self.select(self._selection[0], self._selection[1] + 1)

    def action_first_block(self) -> None:
        if self._selection is not None:
            self.select(self._selection[0], 0)

    def action_last_block(self) -> None:
        if self._selection is not None:
            self.select(self._selection[0], len(self._layout.lanes[self._selection[0]].blocks) - 1)

    def action_next_lane(self) -> None:
        self._change_lane(+1)

    def action_previous_lane(self) -> None:
        self._change_lane(-1)

    def action_zoom_in(self) -> None:
        self.zoom = min(ZOOM_LEVELS - 1, self.zoom + 1)

    def action_zoom_out(self) -> None:
        self.zoom = max(0, self.zoom - 1)

    def action_open_block(self) -> None:
        period = self.selected_period
        if period is not None:
            self.post_message(self.BlockZoomed(self, period))

    def action_report_problem(self) -> None:
        period = self.selected_period
        if period is not None:
            context = period_problem(period, self.kind_labels, self.labels["days"])
            self.post_message(self.ReportProblem(self, period, context))

    def _change_lane(self, delta: int) -> None:
        """Move to the next lane up or down, onto its block nearest in time."""
        current = self.selected_period
        if self._selection is None or current is None:
            return
        lane = self._selection[0] + delta
        if not 0 <= lane < len(self._layout.lanes):
            return
        middle = block_midpoint(current)
        blocks = self._layout.lanes[lane].blocks

        def distance(period: CareerPeriod) -> int:
            if period.start <= middle <= period.end:
                return 0
            return min(abs((period.start - middle).days), abs((period.end - middle).days))

        best = min(range(len(blocks)), key=lambda i: distance(blocks[i]))
        self.select(lane, best)

    def validate_zoom(self, zoom: int) -> int:
        return max(0, min(ZOOM_LEVELS - 1, zoom))

    def watch_zoom(self, zoom: int) -> None:
        period = self.selected_period
        self._window = zoom_window(
            self._layout, zoom, None if period is None else block_midpoint(period)
        )
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click on a block selects it (a double click also opens its detail)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        hit = self.block_at(offset.x, offset.y)
        if hit is None:
            return
        self.select(*hit)
        if event.chain == 2:
            self.action_open_block()

    def block_at(self, x: int, y: int) -> tuple[int, int] | None:
        """(lane, block) drawn at content cell (x, y), None when there is no block."""
        lane = y - (2 + (1 if self.banner else 0))
        lanes = self._layout.lanes
        if not 0 <= lane < len(lanes):
            return None
        width = self.size.width
        gutter = label_width(self._layout, width, self.kind_labels)
        column = x - gutter
        bar = width - gutter
        if not 0 <= column < bar:
            return None
        hits = [
            index
            for index, period in enumerate(lanes[lane].blocks)
            if (columns := block_columns(period, self._window, bar)) is not None
            and columns[0] <= column <= columns[1]
        ]
        return (lane, hits[-1]) if hits else None

    # ------------------------------------------------------------------ rendering

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def _style_of(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            if name == "base":
                style = self.rich_style
            else:
                style = self.get_component_rich_style(f"timeline--{name}", partial=True)
            self._styles[name] = style
        return style

    def render_lines_for(self, width: int) -> list[Strip]:
        """All lines at ``width`` columns, from the cache when seen before."""
        key = (
            self._generation,
            self.zoom,
            self._window,
            width,
            self._selection,
            self.banner,
        )
        lines = self._cache.get(key)
        if lines is None:
            data = RenderInput(
                self._layout,
                self._window,
                width,
                self._selection,
                self.zoom,
                self.banner,
                self.labels,
                self.kind_labels,
            )
            lines = render_lines(data, self._style_of)
            self._cache[key] = lines
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.render_lines_for(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self.render_lines_for(width)
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(width, self.rich_style)


class TimelineDetail(Static):
    """The detail panel of a zoomed block (kind, employer, dates, days, pay, attestation)."""

    DEFAULT_CSS = """
    TimelineDetail {
        height: auto;
        padding: 0 1;
        border: round $primary;
        background: $surface;
    }
    """

    def __init__(
        self,
        period: CareerPeriod | None = None,
        *,
        labels: Mapping[str, str] | None = None,
        kind_labels: Mapping[str, str] | None = None,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        super().__init__("", markup=False, name=name, id=id, classes=classes)
        self.labels: dict[str, str] = {**DEFAULT_LABELS, **(labels or {})}
        self.kind_labels: dict[str, str] = {**DEFAULT_KIND_LABELS, **(kind_labels or {})}
        self.period: CareerPeriod | None = None
        if period is not None:
            self.show_period(period)

    def show_period(self, period: CareerPeriod | None) -> None:
        """Show ``period`` (None: empty)."""
        self.period = period
        self.update(
            Text("") if period is None else period_detail(period, self.labels, self.kind_labels)
        )
