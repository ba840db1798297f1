"""Career detail screen (F6): My CV, per year and (agent view) per period, with
"report a problem" on any row."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, LoadingIndicator, Static

from athena_tui.i18n import t
from backend_client.errors import ApiError
from backend_client.models import Career, CareerView, Citizen
from screens.base import AthenaScreen
from screens.citizen import citizen_title
from screens.timeline import kind_labels, view_title
from widgets.career_tables import DEFAULT_TABLE_LABELS, CareerDetail, CareerTable


def table_labels() -> dict[str, str]:
    """Tab titles and column headers in the interface language."""
    return {key: t(value) for key, value in DEFAULT_TABLE_LABELS.items()}


class CareerDetailScreen(AthenaScreen[None]):
    """The career as tables, in the agent view or exactly as the citizen sees it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "reload", t("Reload"), id="career_detail_screen.reload", show=False),
        Binding("escape", "back", t("Back"), id="career_detail_screen.back"),
    ]

    def __init__(self, niss: str, view: CareerView, *, citizen: Citizen | None = None) -> None:
        super().__init__()
        self.niss = niss
        self.view = view
        self.citizen = citizen
        self.career: Career | None = None

    @property
    def detail(self) -> CareerDetail:
        return self.query_one(CareerDetail)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._title(), id="career-title", markup=False)
        yield LoadingIndicator(id="career-loading")
        yield Static("", id="career-error", classes="error hidden", markup=False)
        yield CareerDetail(
            agent_view=self.view is CareerView.AGENT,
            labels=table_labels(),
            kind_labels=kind_labels(),
            id="career-detail",
        )
        yield Footer()

    def _title(self) -> Text:
        text = citizen_title(self.niss, self.citizen)
        text.append("  ·  ", style="dim")
        text.append(view_title(self.view, "Career detail"))
        return text

    def on_mount(self) -> None:
        self.sub_title = view_title(self.view, "Career detail")
        self.detail.cv_table.focus()
        self.load()

    @work(exclusive=True, group="load", exit_on_error=False)
    async def load(self) -> None:
        gateway = self.athena.services.gateway
        loading = self.query_one("#career-loading")
        error_line = self.query_one("#career-error", Static)
        loading.display = True
        try:
            if self.citizen is None:
                self.citizen = await gateway.citizen(self.niss)
            career = await gateway.career(self.niss, self.view)
        except ApiError as error:
            loading.display = False
            error_line.update(t("The career could not be loaded: {reason}", reason=error.message))
            error_line.remove_class("hidden")
            return
        loading.display = False
        error_line.add_class("hidden")
        self.career = career
        self.query_one("#career-title", Static).update(self._title())
        self.detail.set_career(career)

    @on(CareerTable.ReportProblem)
    def _report(self, event: CareerTable.ReportProblem) -> None:
        from screens.new_file import NewFileScreen

        event.stop()
        self.app.push_screen(NewFileScreen(self.niss, prefill=event.context, citizen=self.citizen))

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()
