"""What the timeline and career-detail screens share: loading one citizen's career in a
view, the title, errors, and "report a problem" leading to the new-file form."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Header, LoadingIndicator, Static

from athena_tui.i18n import t
from athena_tui.purposes import is_purpose_refusal
from backend_client.errors import ApiError
from backend_client.models import Career, CareerView, Citizen
from backend_client.roles import may_see_career
from screens.base import AthenaScreen, bottom_bar
from screens.citizen import citizen_title
from screens.purpose_prompt import ensure_purpose, refusal_text, role_refusal
from widgets.timeline import ProblemContext


class CareerScreen(AthenaScreen[None]):
    """A citizen's career in the agent view or exactly as the citizen sees it (the
    server filters the citizen view; the screen draws what it gets)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r", "reload", t("Reload"), id="career_screen.reload", show=False),
        Binding("escape", "back", t("Back"), id="career_screen.back"),
    ]

    def __init__(self, niss: str, view: CareerView, *, citizen: Citizen | None = None) -> None:
        super().__init__()
        self.niss = niss
        self.view = view
        self.citizen = citizen
        self.career: Career | None = None

    # Subclasses: the view's name, its body, and how it shows a loaded career.

    def view_name(self) -> str:
        raise NotImplementedError

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def show_career(self, career: Career) -> None:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._title(), id="career-title", markup=False)
        yield LoadingIndicator(id="career-loading")
        yield Static("", id="career-error", classes="error hidden", markup=False)
        yield from self.compose_body()
        yield from bottom_bar()

    def _title(self) -> Text:
        text = citizen_title(self.niss, self.citizen)
        text.append("  ·  ", style="dim")
        text.append(self.view_name())
        return text

    def on_mount(self) -> None:
        self.sub_title = self.view_name()
        self.load()

    @work(exclusive=True, group="load", exit_on_error=False)
    async def load(self) -> None:
        gateway = self.athena.services.gateway
        loading = self.query_one("#career-loading")
        error_line = self.query_one("#career-error", Static)
        loading.display = True

        def failed(reason: str) -> None:
            loading.display = False
            error_line.update(t("The career could not be loaded: {reason}", reason=reason))
            error_line.remove_class("hidden")

        session = self.athena.services.session
        if not may_see_career(None if session is None else session.role, self.view):
            failed(role_refusal())  # the server would refuse it too; nothing is asked
            return
        for attempt in (1, 2):
            if not await ensure_purpose(self.app, gateway, self.niss):
                self.app.pop_screen()
                return
            try:
                if self.citizen is None:
                    self.citizen = await gateway.citizen(self.niss)
                career = await gateway.career(self.niss, self.view)
            except ApiError as error:
                if attempt == 1 and is_purpose_refusal(error):
                    continue  # the purpose was forgotten: ask for a reason
                failed(refusal_text(error))
                return
            break
        loading.display = False
        error_line.add_class("hidden")
        self.career = career
        self.query_one("#career-title", Static).update(self._title())
        self.show_career(career)

    def report_problem(self, context: ProblemContext) -> None:
        """The new-file form, its first questions filled from the element (F9)."""
        from screens.new_file import NewFileScreen

        self.app.push_screen(NewFileScreen(self.niss, prefill=context, citizen=self.citizen))

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()
