"""Citizen screen: identity, All contact files (closed ones included) and the career
menu (F6, F9, F12)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from athena_tui.i18n import t
from athena_tui.purposes import is_purpose_refusal
from athena_tui.rows import row_from_summary
from backend_client.errors import ApiError
from backend_client.models import CareerView, Citizen, FileSummary, Role
from backend_client.niss import format_niss
from backend_client.roles import may_see_career
from backend_client.text import one_line
from screens.base import AthenaScreen, bottom_bar
from screens.file_actions import take_file
from screens.purpose_prompt import ensure_purpose, refusal_text, role_refusal
from screens.widget_labels import column_labels, value_labels
from widgets.file_table import FileTable, ListRowSource, SortKey
from widgets.picker import Picker

MENU: tuple[tuple[str, str, str], ...] = (
    ("files", "1", "All contact files"),
    ("timeline_agent", "2", "Timeline (agent view)"),
    ("timeline_citizen", "3", "Timeline (citizen view)"),
    ("detail_agent", "4", "Career detail (agent view)"),
    ("detail_citizen", "5", "Career detail (citizen view)"),
    ("new_file", "n", "New contact file"),
)
"""(action, key, English label) of the citizen menu, in the manual's order."""

AGENT_VIEWS = {"timeline_agent", "detail_agent"}
"""Menu actions that show the agent view of the career (a role decides: backend_client.roles)."""


def citizen_title(niss: str, citizen: Citizen | None) -> Text:
    """``Citizen: 85.07.30-033.28  DUPONT Jean`` (the name once known)."""
    text = Text()
    text.append(t("Citizen") + ": ", style="dim")
    text.append(format_niss(niss), style="bold")
    if citizen is not None:
        text.append("  ")
        text.append(one_line(f"{citizen.last_name.upper()} {citizen.first_name}"), style="bold")
    return text


def citizen_header(citizen: Citizen, file_count: int | None) -> Text:
    """The title line, then birth date, language and the number of files."""
    text = citizen_title(citizen.niss, citizen)
    text.append("\n")
    text.append(t("Born") + ": ", style="dim")
    text.append(f"{citizen.birth_date:%d/%m/%Y}")
    text.append("  ·  ", style="dim")
    text.append(t("Language") + ": ", style="dim")
    text.append(citizen.language.upper())
    if file_count is not None:
        text.append("  ·  ", style="dim")
        text.append(t("{count} contact files", count=file_count))
    return text


def newest_first(files: list[FileSummary]) -> list[FileSummary]:
    """All contact files, newest first (manual §8)."""
    return sorted(files, key=lambda f: (f.created_at, f.id), reverse=True)


CITIZEN_FILE_COLUMNS: tuple[SortKey, ...] = (
    "ticket",
    "subject",
    "channel",
    "priority",
    "status",
    "assignee",
    "closed",
    "age",
)


class CitizenScreen(AthenaScreen[None]):
    """Who the citizen is, every contact file they have in every state, and the way
    to their career."""

    BINDINGS = [
        Binding(
            "1",
            "menu('files')",
            t("Files"),
            id="citizen.files",
            tooltip=t("All contact files of the citizen, closed ones included"),
        ),
        Binding(
            "2",
            "menu('timeline_agent')",
            t("Timeline"),
            id="citizen.timeline_agent",
            tooltip=t("Timeline (agent view)"),
        ),
        Binding(
            "3",
            "menu('timeline_citizen')",
            t("Timeline (citizen)"),
            id="citizen.timeline_citizen",
            show=False,
            tooltip=t("Timeline (citizen view)"),
        ),
        Binding(
            "4",
            "menu('detail_agent')",
            t("Career detail"),
            id="citizen.detail_agent",
            tooltip=t("Career detail (agent view)"),
        ),
        Binding(
            "5",
            "menu('detail_citizen')",
            t("Career detail (citizen)"),
            id="citizen.detail_citizen",
            show=False,
            tooltip=t("Career detail (citizen view)"),
        ),
        Binding(
            "n",
            "menu('new_file')",
            t("New file"),
            id="citizen.new_file",
            tooltip=t("Encode a new contact file on behalf of the citizen"),
        ),
        Binding(
            "t",
            "take",
            t("Take"),
            id="citizen.take",
            tooltip=t("Assign the highlighted file to myself"),
        ),
        # Under a role without the agent view, 2 and 4 say why instead (check_action
        # hides the entries above and lets these answer the key).
        Binding(
            "2",
            "why_not_agent_view",
            t("Agent view not available"),
            show=False,
            id="citizen.why_no_agent_timeline",
            tooltip=t("Why your role does not show the agent view"),
        ),
        Binding(
            "4",
            "why_not_agent_view",
            t("Agent view not available"),
            show=False,
            id="citizen.why_no_agent_detail",
            tooltip=t("Why your role does not show the agent view"),
        ),
        Binding("ctrl+r", "reload", t("Reload"), id="citizen.reload", show=False),
        Binding("escape", "back", t("Back"), id="citizen.back"),
    ]

    # Below 100 columns the menu goes above the files, so the table keeps its columns.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(
        self, niss: str, *, citizen: Citizen | None = None, file_id: int | None = None
    ) -> None:
        super().__init__()
        self.niss = niss
        self.citizen: Citizen | None = citizen
        self.files: list[FileSummary] | None = None
        self.file_id = file_id
        """The contact file the agent came from: the purpose of the reads, silently."""

    @property
    def role(self) -> Role | None:
        session = self.athena.services.session
        return None if session is None else session.role

    def agent_view_allowed(self) -> bool:
        return may_see_career(self.role, CareerView.AGENT)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "menu" and parameters and parameters[0] in AGENT_VIEWS:
            return self.agent_view_allowed()
        if action == "why_not_agent_view":
            return not self.agent_view_allowed()
        return True

    def action_why_not_agent_view(self) -> None:
        self.notify(role_refusal(), title=t("Not for your role"), severity="warning")

    @property
    def table(self) -> FileTable:
        return self.query_one(FileTable)

    @property
    def menu(self) -> OptionList:
        return self.query_one("#citizen-menu", OptionList)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(citizen_title(self.niss, self.citizen), id="citizen-header", markup=False)
        with Horizontal(id="citizen-body"):
            yield Picker(
                *(
                    Option(Text(f"{key}  {t(label)}"), id=action)
                    for action, key, label in MENU
                    if action not in AGENT_VIEWS or self.agent_view_allowed()
                ),
                id="citizen-menu",
            )
            with Vertical(id="citizen-files-box"):
                yield Label(
                    t("All contact files"), classes="dialog-title", id="citizen-files-title"
                )
                table = FileTable(
                    id="citizen-files",
                    now=self.athena.now,
                    column_labels=column_labels(),
                    value_labels=value_labels(),
                )
                table.empty_text = t("No contact files")
                # One citizen's files: the name would repeat on every row; closed ones
                # (F12) say when.
                table.set_columns(CITIZEN_FILE_COLUMNS)
                yield table
        yield from bottom_bar()

    def on_mount(self) -> None:
        self.table.focus()
        self.load()

    @work(exclusive=True, group="load", exit_on_error=False)
    async def load(self) -> None:
        gateway = self.athena.services.gateway
        if self.file_id is not None:
            gateway.purposes.remember_file(self.niss, self.file_id)
        # a purpose the server refuses (the file left my groups) is forgotten: ask once more
        for attempt in (1, 2):
            if not await ensure_purpose(self.app, gateway, self.niss):
                self.app.pop_screen()  # no purpose, no citizen: back where the agent was
                return
            try:
                citizen = await gateway.citizen(self.niss)
                files = await gateway.citizen_files(self.niss)
            except ApiError as error:
                if attempt == 1 and is_purpose_refusal(error):
                    continue
                self.notify(refusal_text(error), title=t("Citizen"), severity="error")
                return
            break
        self.citizen = citizen
        self.files = newest_first(files)
        self.sub_title = format_niss(citizen.niss)
        self.query_one("#citizen-header", Static).update(citizen_header(citizen, len(files)))
        self.table.set_source(ListRowSource(row_from_summary(f) for f in self.files))

    @on(FileTable.Opened)
    def open_file(self, event: FileTable.Opened) -> None:
        from screens.contact_file import ContactFileScreen

        event.stop()
        # Read-only: looking a file up from the citizen never takes it (F12).
        self.app.push_screen(ContactFileScreen(event.file_id, take=False))

    @on(OptionList.OptionSelected, "#citizen-menu")
    def _menu_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.action_menu(event.option.id)

    def action_menu(self, choice: str) -> None:
        from screens.career_detail import CareerDetailScreen
        from screens.new_file import NewFileScreen
        from screens.timeline import TimelineScreen

        if choice in AGENT_VIEWS and not self.agent_view_allowed():
            self.action_why_not_agent_view()
        elif choice == "files":
            self.table.focus()
        elif choice == "timeline_agent":
            self.app.push_screen(TimelineScreen(self.niss, CareerView.AGENT, citizen=self.citizen))
        elif choice == "timeline_citizen":
            self.app.push_screen(
                TimelineScreen(self.niss, CareerView.CITIZEN, citizen=self.citizen)
            )
        elif choice == "detail_agent":
            self.app.push_screen(
                CareerDetailScreen(self.niss, CareerView.AGENT, citizen=self.citizen)
            )
        elif choice == "detail_citizen":
            self.app.push_screen(
                CareerDetailScreen(self.niss, CareerView.CITIZEN, citizen=self.citizen)
            )
        elif choice == "new_file":
            self.app.push_screen(NewFileScreen(self.niss, citizen=self.citizen))

    def highlighted(self) -> FileSummary | None:
        """The summary of the file under the cursor in All contact files."""
        file_id = self.table.cursor_file_id
        return next((f for f in self.files or () if f.id == file_id), None)

    @work(exclusive=True, group="action", exit_on_error=False)
    async def action_take(self) -> None:
        """``t`` as on the dashboard: the same rules and messages (screens/file_actions)."""
        summary = self.highlighted()
        if summary is None:
            return
        session = self.athena.services.session
        me = None if session is None else session.agent.id
        taken = await take_file(self.app, self.athena.services.gateway, summary, me)
        if taken is not None:
            self.athena.notify_files_changed([summary.id])
            self.load()

    def on_screen_resume(self) -> None:
        # A file may have been created or closed meanwhile.
        if self.files is not None:
            self.load()

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()
