"""Timeline screen (F6): a citizen's career as lanes, agent or citizen view, with the
detail of a zoomed block and "report a problem"."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label

from athena_tui.i18n import t
from backend_client.models import Career, CareerPeriod, CareerView
from screens.career_base import CareerScreen
from widgets.timeline import (
    DEFAULT_KIND_LABELS,
    DEFAULT_LABELS,
    ProblemContext,
    Timeline,
    TimelineDetail,
    period_problem,
)


def kind_labels() -> dict[str, str]:
    """The kinds of period in the interface language."""
    return {key: t(value) for key, value in DEFAULT_KIND_LABELS.items()}


def timeline_labels() -> dict[str, str]:
    """The timeline's other words in the interface language."""
    return {key: t(value) for key, value in DEFAULT_LABELS.items()}


def view_title(view: CareerView, what: str) -> str:
    """``Timeline (agent view)`` and the like."""
    if view is CareerView.CITIZEN:
        return t("{what} (citizen view)", what=t(what))
    return t("{what} (agent view)", what=t(what))


class BlockDetailScreen(ModalScreen[ProblemContext | None]):
    """The detail of a zoomed block; `!` answers the block's problem report."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "exclamation_mark",
            "report",
            t("Report a problem"),
            id="block_detail.report",
            tooltip=t("Open a new contact file about this block"),
        ),
        Binding("escape,enter", "close", t("Close"), id="block_detail.close"),
    ]

    def __init__(self, period: CareerPeriod) -> None:
        super().__init__()
        self.period = period

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="block-detail-box"):
            yield Label(t("Block detail"), classes="dialog-title")
            yield TimelineDetail(
                self.period, labels=timeline_labels(), kind_labels=kind_labels(), id="block-detail"
            )
            yield Label(t("!: report a problem · esc: close"), classes="dim")

    def action_report(self) -> None:
        labels = timeline_labels()
        self.dismiss(period_problem(self.period, kind_labels(), labels["days"]))

    def action_close(self) -> None:
        self.dismiss(None)


class TimelineScreen(CareerScreen):
    """The timeline of one citizen in the agent view or exactly as the citizen sees it.

    The citizen view is filtered by the server; the widget only draws what it gets.
    """

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    def view_name(self) -> str:
        return view_title(self.view, "Timeline")

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="timeline-scroll", can_focus=False):
            banner = t("Citizen view — exactly what the citizen sees")
            yield Timeline(
                banner=banner if self.view is CareerView.CITIZEN else "",
                labels=timeline_labels(),
                kind_labels=kind_labels(),
                id="timeline",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.timeline.focus()

    def show_career(self, career: Career) -> None:
        self.timeline.set_career(career, self.athena.now().date())

    # ------------------------------------------------------------------ blocks

    @on(Timeline.BlockZoomed)
    def _block_zoomed(self, event: Timeline.BlockZoomed) -> None:
        event.stop()
        self.show_detail(event.period)

    @work(exclusive=True, group="detail", exit_on_error=False)
    async def show_detail(self, period: CareerPeriod) -> None:
        context = await self.app.push_screen_wait(BlockDetailScreen(period))
        if context is not None:
            self.report_problem(context)

    @on(Timeline.ReportProblem)
    def _report(self, event: Timeline.ReportProblem) -> None:
        event.stop()
        self.report_problem(event.context)
