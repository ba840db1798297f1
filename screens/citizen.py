"""Citizen screen: identity and All contact files, closed ones included (F9, F12)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from athena_tui.app import AthenaApp
from athena_tui.i18n import t
from athena_tui.rows import row_from_summary
from backend_client.errors import ApiError
from backend_client.models import Citizen, FileSummary
from backend_client.niss import format_niss
from backend_client.text import one_line
from widgets.file_table import FileTable, ListRowSource


def citizen_header(citizen: Citizen, file_count: int | None) -> Text:
    """``Citizen: 85.07.30-033.28  DUPONT Jean`` with birth date and language."""
    text = Text()
    text.append(t("Citizen") + ": ", style="dim")
    text.append(format_niss(citizen.niss), style="bold")
    text.append("  ")
    text.append(one_line(f"{citizen.last_name.upper()} {citizen.first_name}"), style="bold")
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


class CitizenScreen(Screen[None]):
    """Who the citizen is and every contact file they have, in every state."""

    BINDINGS = [
        Binding("ctrl+r", "reload", t("Reload"), id="citizen.reload", show=False),
        Binding("escape", "back", t("Back"), id="citizen.back"),
    ]

    def __init__(self, niss: str) -> None:
        super().__init__()
        self.niss = niss
        self.citizen: Citizen | None = None

    @property
    def athena(self) -> AthenaApp:
        assert isinstance(self.app, AthenaApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Text(t("Citizen") + ": " + format_niss(self.niss)), id="citizen-header", markup=False
        )
        yield Label(t("All contact files"), classes="dialog-title")
        table = FileTable(id="citizen-files")
        table.empty_text = t("No contact files")
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(FileTable).focus()
        self.load()

    @work(exclusive=True, group="load", exit_on_error=False)
    async def load(self) -> None:
        gateway = self.athena.services.gateway
        try:
            citizen = await gateway.citizen(self.niss)
            files = await gateway.citizen_files(self.niss)
        except ApiError as error:
            self.notify(error.message, title=t("Citizen"), severity="error")
            return
        self.citizen = citizen
        self.sub_title = format_niss(citizen.niss)
        self.query_one("#citizen-header", Static).update(citizen_header(citizen, len(files)))
        table = self.query_one(FileTable)
        table.set_source(ListRowSource(row_from_summary(f) for f in newest_first(files)))

    @on(FileTable.Opened)
    def open_file(self, event: FileTable.Opened) -> None:
        from screens.contact_file import ContactFileScreen

        event.stop()
        self.app.push_screen(ContactFileScreen(event.file_id, take=False))

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()
