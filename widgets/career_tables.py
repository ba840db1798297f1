"""The career detail views — My CV, per year, per period — as tables, and their tabs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static, TabbedContent, TabPane

from backend_client.career_views import CvEntry, StatusPeriod, YearRow, cv, per_period, per_year
from backend_client.models import PROFESSIONAL_KINDS, SANCTION_KINDS, Career, CareerKind
from backend_client.text import one_line
from widgets.row_table import RowTable
from widgets.timeline import (
    CAREER_DATA_CATEGORY,
    DEFAULT_KIND_LABELS,
    ProblemContext,
    format_amount,
    format_date,
    kind_label,
)

DEFAULT_TABLE_LABELS: dict[str, str] = {
    "cv": "My CV",
    "per_year": "Per year",
    "per_period": "Per period",
    "banner": "Citizen view — exactly what the citizen sees",
    "from": "From",
    "to": "To",
    "kind": "Kind",
    "employer": "Employer / institution",
    "employers": "Employers",
    "days": "Days",
    "days_word": "days",
    "days_by_status": "Days per status",
    "remuneration": "Remuneration",
    "year": "Year",
    "status": "Status",
    "no_status": "No professional status",
    "future": "future",
    "none": "—",
}
"""Tab titles, column headers and words of the career tables; the app translates them."""

Element = TypeVar("Element", CvEntry, YearRow, StatusPeriod)
AnyElement = CvEntry | YearRow | StatusPeriod


def _label(labels: Mapping[str, str], key: str) -> str:
    return labels.get(key, DEFAULT_TABLE_LABELS[key])


def _days_text(
    days_by_kind: Sequence[tuple[CareerKind, int]], kind_labels: Mapping[str, str]
) -> str:
    return ", ".join(f"{kind_label(kind, kind_labels)} {days}" for kind, days in days_by_kind)


def _employers(employers: Sequence[str]) -> str:
    return ", ".join(one_line(name) for name in employers if one_line(name))


def _amount(value: float | None, labels: Mapping[str, str]) -> Text:
    text = _label(labels, "none") if value is None else format_amount(value)
    return Text(text, justify="right")


# --------------------------------------------------------------------------- descriptions


def describe_cv_entry(
    entry: CvEntry,
    kind_labels: Mapping[str, str] = DEFAULT_KIND_LABELS,
    labels: Mapping[str, str] = DEFAULT_TABLE_LABELS,
) -> str:
    """ "1993-01-01–1999-12-31 — Employee: ACME SA (2185 days)"."""
    head = f"{format_date(entry.start)}–{format_date(entry.end)} — "
    head += kind_label(entry.kind, kind_labels)
    days = f"({entry.days} {_label(labels, 'days_word')})"
    who = one_line(entry.employer)
    return f"{head}: {who} {days}" if who else f"{head} {days}"


def describe_year(
    row: YearRow,
    kind_labels: Mapping[str, str] = DEFAULT_KIND_LABELS,
    labels: Mapping[str, str] = DEFAULT_TABLE_LABELS,
) -> str:
    """ "2012 — Employee: ACME SA (312 days)"; several statuses are joined with "; "."""
    word = _label(labels, "days_word")
    employers = _employers(row.employers)
    professional = [kind for kind, _ in row.days_by_kind if kind in PROFESSIONAL_KINDS]
    parts = []
    for kind, days in row.days_by_kind:
        name = kind_label(kind, kind_labels)
        if employers and len(professional) == 1 and kind in PROFESSIONAL_KINDS:
            parts.append(f"{name}: {employers} ({days} {word})")
        else:
            parts.append(f"{name} ({days} {word})")
    text = f"{row.year} — " + "; ".join(parts)
    if employers and len(professional) > 1:
        text += f" — {employers}"
    return text


def describe_status_period(
    period: StatusPeriod,
    kind_labels: Mapping[str, str] = DEFAULT_KIND_LABELS,
    labels: Mapping[str, str] = DEFAULT_TABLE_LABELS,
) -> str:
    """ "2000-01-01–2007-12-31 — Self-employed: Atelier Verbeke (2496 days)"."""
    status = (
        _label(labels, "no_status")
        if period.status is None
        else kind_label(period.status, kind_labels)
    )
    head = f"{format_date(period.start)}–{format_date(period.end)} — {status}"
    days = f"({period.total_days} {_label(labels, 'days_word')})"
    employers = _employers(period.employers)
    return f"{head}: {employers} {days}" if employers else f"{head} {days}"


def _agent_only(element: AnyElement) -> bool:
    """Whether the element shows what the citizen never sees."""
    if element.future:
        return True
    if isinstance(element, CvEntry):
        return element.kind in SANCTION_KINDS
    return any(kind in SANCTION_KINDS for kind, _days in element.days_by_kind)


def problem_context(
    element: AnyElement,
    kind_labels: Mapping[str, str] = DEFAULT_KIND_LABELS,
    labels: Mapping[str, str] = DEFAULT_TABLE_LABELS,
) -> ProblemContext:
    """The new-file form's first three answers for a reported element: category, the
    year (a Par an row's year; else the element's start year), the element. An element
    holding agent-only data (a sanction, days dated in the future) gives its year alone:
    the new file's subject and question are shown to the citizen."""
    if _agent_only(element):
        year = element.year if isinstance(element, YearRow) else element.start.year
        return ProblemContext(CAREER_DATA_CATEGORY, year, "", agent_only=True)
    if isinstance(element, YearRow):
        return ProblemContext(
            CAREER_DATA_CATEGORY, element.year, describe_year(element, kind_labels, labels)
        )
    if isinstance(element, CvEntry):
        return ProblemContext(
            CAREER_DATA_CATEGORY,
            element.start.year,
            describe_cv_entry(element, kind_labels, labels),
        )
    return ProblemContext(
        CAREER_DATA_CATEGORY,
        element.start.year,
        describe_status_period(element, kind_labels, labels),
    )


# --------------------------------------------------------------------------- tables


class CareerTable(RowTable, Generic[Element]):
    """A career view as rows of Text cells (never str: DataTable parses str as markup).

    Careers are small (a few hundred rows at most), so DataTable is fine here.
    """

    DEFAULT_CSS = """
    CareerTable {
        height: 1fr;
        background: $surface;
        & > .datatable--header { text-style: bold; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "exclamation_mark",
            "report_problem",
            "Report a problem",
            id="career_table.report",
            tooltip="Open a new contact file about the selected element",
        ),
    ]

    @dataclass
    class ReportProblem(Message):
        """`!` on a row: ``context`` prefills the new-file form."""

        table: CareerTable[Any]
        element: CvEntry | YearRow | StatusPeriod
        context: ProblemContext

    COLUMNS: ClassVar[tuple[tuple[str, bool], ...]] = ()
    """(label key, right-aligned) of each column."""

    def __init__(
        self,
        elements: Sequence[Element] = (),
        *,
        labels: Mapping[str, str] | None = None,
        kind_labels: Mapping[str, str] | None = None,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, name=name, id=id, classes=classes)
        self.labels: dict[str, str] = {**DEFAULT_TABLE_LABELS, **(labels or {})}
        self.kind_labels: dict[str, str] = {**DEFAULT_KIND_LABELS, **(kind_labels or {})}
        self._elements: list[Element] = []
        self._pending: Sequence[Element] = elements

    def on_mount(self) -> None:
        for key, right in self.COLUMNS:
            self.add_column(Text(self.labels[key], justify="right" if right else "left"), key=key)
        self._load()

    @property
    def elements(self) -> list[Element]:
        """The rows shown, in display order."""
        return list(self._elements)

    @property
    def selected_element(self) -> Element | None:
        if not self._elements or not 0 <= self.cursor_row < len(self._elements):
            return None
        return self._elements[self.cursor_row]

    def set_elements(self, elements: Sequence[Element]) -> None:
        """Show ``elements`` (cursor back on the first row)."""
        self._pending = elements
        if self.is_mounted:
            self._load()

    def _load(self) -> None:
        # Also called from on_mount, when is_mounted is not yet True.
        self.clear()
        self._elements = list(self._pending)
        self.add_rows(self.cells(element) for element in self._elements)

    def cells(self, element: Element) -> list[Text]:
        """One row's cells; every data string goes through one_line, as Text."""
        raise NotImplementedError

    def action_report_problem(self) -> None:
        element = self.selected_element
        if element is None:
            return
        context = problem_context(element, self.kind_labels, self.labels)
        self.post_message(self.ReportProblem(self, element, context))

    def _future(self, text: str, future: bool) -> Text:
        if not future:
            return Text(text)
        return Text.assemble(text, " ", (f"({self.labels['future']})", "italic"))


class CvTable(CareerTable[CvEntry]):
    """My CV: jobs per employer and assimilated periods, newest first."""

    COLUMNS = (
        ("from", False),
        ("to", False),
        ("kind", False),
        ("employer", False),
        ("days", True),
        ("remuneration", True),
    )

    def cells(self, element: CvEntry) -> list[Text]:
        return [
            Text(format_date(element.start)),
            self._future(format_date(element.end), element.future),
            Text(kind_label(element.kind, self.kind_labels)),
            Text(one_line(element.employer) or self.labels["none"]),
            Text(str(element.days), justify="right"),
            _amount(element.remuneration, self.labels),
        ]


class YearTable(CareerTable[YearRow]):
    """Per year: days per status, employers, remuneration."""

    COLUMNS = (
        ("year", False),
        ("days", True),
        ("remuneration", True),
        ("employers", False),
        ("days_by_status", False),
    )

    def cells(self, element: YearRow) -> list[Text]:
        return [
            self._future(str(element.year), element.future),
            Text(str(element.total_days), justify="right"),
            # A year without any declared pay shows a dash, not a misleading 0.00 €.
            _amount(element.remuneration or None, self.labels),
            Text(_employers(element.employers) or self.labels["none"]),
            Text(_days_text(element.days_by_kind, self.kind_labels)),
        ]


class PeriodTable(CareerTable[StatusPeriod]):
    """Per period (agent view): the career cut by professional status."""

    COLUMNS = (
        ("status", False),
        ("from", False),
        ("to", False),
        ("days", True),
        ("remuneration", True),
        ("employers", False),
        ("days_by_status", False),
    )

    def cells(self, element: StatusPeriod) -> list[Text]:
        status = (
            self.labels["no_status"]
            if element.status is None
            else kind_label(element.status, self.kind_labels)
        )
        return [
            Text(status),
            Text(format_date(element.start)),
            self._future(format_date(element.end), element.future),
            Text(str(element.total_days), justify="right"),
            _amount(element.remuneration, self.labels),
            Text(_employers(element.employers) or self.labels["none"]),
            Text(_days_text(element.days_by_kind, self.kind_labels)),
        ]


# --------------------------------------------------------------------------- container


class CareerDetail(Vertical):
    """Career detail: tabs My CV / Per year / Per period (agent view only), keys 1–3,
    and the citizen-view banner when ``agent_view`` is False."""

    DEFAULT_CSS = """
    CareerDetail {
        height: 1fr;
        & > #career-detail-banner {
            height: 1;
            padding: 0 1;
            background: $warning 20%;
            color: $foreground;
            text-style: bold;
        }
        & TabbedContent { height: 1fr; }
        & TabPane { padding: 0; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "show_tab('cv')", "My CV", id="career_detail.cv", tooltip="Show My CV"),
        Binding(
            "2",
            "show_tab('per_year')",
            "Per year",
            id="career_detail.per_year",
            tooltip="Show the career per year",
        ),
        Binding(
            "3",
            "show_tab('per_period')",
            "Per period",
            id="career_detail.per_period",
            tooltip="Show the career per professional status (agent view)",
        ),
    ]

    @dataclass
    class TabChanged(Message):
        """Another view was shown: "cv", "per_year" or "per_period"."""

        detail: CareerDetail
        tab: str

    def __init__(
        self,
        career: Career | None = None,
        *,
        agent_view: bool = True,
        labels: Mapping[str, str] | None = None,
        kind_labels: Mapping[str, str] | None = None,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.agent_view = agent_view
        self.labels: dict[str, str] = {**DEFAULT_TABLE_LABELS, **(labels or {})}
        self.kind_labels: dict[str, str] = {**DEFAULT_KIND_LABELS, **(kind_labels or {})}
        self._career = career

    def compose(self) -> ComposeResult:
        if not self.agent_view:
            yield Static(
                Text(one_line(self.labels["banner"])), id="career-detail-banner", markup=False
            )
        labels, kinds = self.labels, self.kind_labels
        with TabbedContent(initial="cv"):
            with TabPane(Content(self.labels["cv"]), id="cv"):
                yield CvTable(labels=labels, kind_labels=kinds)
            with TabPane(Content(self.labels["per_year"]), id="per_year"):
                yield YearTable(labels=labels, kind_labels=kinds)
            if self.agent_view:
                with TabPane(Content(self.labels["per_period"]), id="per_period"):
                    yield PeriodTable(labels=labels, kind_labels=kinds)

    def on_mount(self) -> None:
        self._fill()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The citizen view has no "per period" tab: its key is neither shown nor live.
        if action == "show_tab" and parameters == ("per_period",):
            return self.agent_view
        return True

    # ------------------------------------------------------------------ public API

    @property
    def cv_table(self) -> CvTable:
        return self.query_one(CvTable)

    @property
    def year_table(self) -> YearTable:
        return self.query_one(YearTable)

    @property
    def period_table(self) -> PeriodTable | None:
        """None in the citizen view."""
        tables = self.query(PeriodTable)
        return tables.first() if tables else None

    @property
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active

    def set_career(self, career: Career) -> None:
        """Fill the views from ``career`` (already filtered for the citizen view)."""
        self._career = career
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        if self._career is None:
            return
        periods = self._career.periods
        self.cv_table.set_elements(cv(periods))
        self.year_table.set_elements(per_year(periods))
        table = self.period_table
        if table is not None:
            table.set_elements(per_period(periods))

    def action_show_tab(self, tab: str) -> None:
        if tab == "per_period" and not self.agent_view:
            return
        tabs = self.query_one(TabbedContent)
        tabs.active = tab
        pane = tabs.get_pane(tab)
        pane.query_one(CareerTable).focus()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            self.post_message(self.TabChanged(self, event.pane.id))
