"""Career detail screen (F6): My CV, per year and (agent view) per period, with
"report a problem" on any row."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult

from athena_tui.i18n import t
from backend_client.models import Career, CareerView
from screens.career_base import CareerScreen
from screens.timeline import kind_labels, view_title
from widgets.career_tables import DEFAULT_TABLE_LABELS, CareerDetail, CareerTable


def table_labels() -> dict[str, str]:
    """Tab titles and column headers in the interface language."""
    return {key: t(value) for key, value in DEFAULT_TABLE_LABELS.items()}


class CareerDetailScreen(CareerScreen):
    """The career as tables, in the agent view or exactly as the citizen sees it."""

    @property
    def detail(self) -> CareerDetail:
        return self.query_one(CareerDetail)

    def view_name(self) -> str:
        return view_title(self.view, "Career detail")

    def compose_body(self) -> ComposeResult:
        yield CareerDetail(
            agent_view=self.view is CareerView.AGENT,
            labels=table_labels(),
            kind_labels=kind_labels(),
            id="career-detail",
        )

    def on_mount(self) -> None:
        super().on_mount()
        self.detail.cv_table.focus()

    def show_career(self, career: Career) -> None:
        self.detail.set_career(career)

    @on(CareerTable.ReportProblem)
    def _report(self, event: CareerTable.ReportProblem) -> None:
        event.stop()
        self.report_problem(event.context)
