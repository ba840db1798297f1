"""Citizen search (F9, F12): by NISS, or by last name, first name and birth date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Header, Input, Label, Static

from athena_tui.i18n import t
from backend_client.errors import ApiError
from backend_client.models import SEARCH_MIN_CHARS, Citizen, CitizenPage
from backend_client.niss import NissError, format_niss, normalize_niss
from backend_client.text import one_line
from screens.base import AthenaScreen, bottom_bar
from screens.purpose_prompt import refusal_text
from widgets.row_table import RowTable

_NISS_SEPARATORS = re.compile(r"[\s.\-/]")
_BIRTH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def niss_problem(raw: str) -> str | None:
    """Why ``raw`` cannot be a NISS (translated), or None when it is one."""
    digits = _NISS_SEPARATORS.sub("", raw.strip())
    if not digits:
        return t("Enter a NISS, e.g. 85.07.30-033.28")
    if not digits.isdigit():
        return t("A NISS holds only digits, dots and dashes")
    if len(digits) != 11:
        return t("A NISS has 11 digits, not {count}", count=len(digits))
    try:
        normalize_niss(digits)
    except NissError:
        return t("These check digits are wrong: please check the NISS")
    return None


def search_letters(name: str) -> int:
    """Letters (and digits) of a name as the server counts them for the minimum query."""
    return sum(1 for c in name if c.isalnum())


def parse_birth_date(raw: str, today: dt.date) -> dt.date | str | None:
    """A birth date written dd/mm/yyyy; None when blank, a translated message when wrong."""
    text = raw.strip()
    if not text:
        return None
    match = _BIRTH_DATE.fullmatch(text)
    if match is None:
        return t("Write the birth date as dd/mm/yyyy")
    day, month, year = (int(part) for part in match.groups())
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return t("{date} is not a date", date=text)
    if not dt.date(1900, 1, 1) <= value <= today:
        return t("The birth date must lie between 1900 and today")
    return value


@dataclass(frozen=True)
class NameQuery:
    """A valid search by identity data."""

    last_name: str
    first_name: str | None
    birth_date: dt.date | None


def parse_name_query(
    last_name: str, first_name: str, birth_date: str, today: dt.date
) -> NameQuery | dict[str, str]:
    """The query, or translated messages keyed by field (last_name, birth_date)."""
    problems: dict[str, str] = {}
    last = last_name.strip()
    if not last:
        problems["last_name"] = t("Enter at least the last name")
    elif search_letters(last) < SEARCH_MIN_CHARS:
        problems["last_name"] = t(
            "Enter a full NISS or at least {count} letters of the last name.",
            count=SEARCH_MIN_CHARS,
        )
    born = parse_birth_date(birth_date, today)
    if isinstance(born, str):
        problems["birth_date"] = born
    if problems:
        return problems
    assert born is None or isinstance(born, dt.date)
    return NameQuery(last, first_name.strip() or None, born)


class CitizenSearchScreen(AthenaScreen[None]):
    """Find a citizen; `enter` on a result opens the citizen. A NISS that matches one
    citizen opens it at once (manual §11)."""

    BINDINGS = [
        Binding("escape", "back", t("Back"), id="citizen_search.back"),
        Binding(
            "ctrl+r",  # ctrl+l locks the app
            "clear",
            t("Clear"),
            id="citizen_search.clear",
            tooltip=t("Clear the search fields and results"),
        ),
        Binding(
            "ctrl+n",
            "more",
            t("More results"),
            id="citizen_search.more",
            tooltip=t("Show the next page of citizens found"),
        ),
    ]

    def __init__(self, niss: str = "") -> None:
        super().__init__()
        self.initial_niss = niss
        self.results: list[Citizen] = []
        self.more = False
        """The server has a next page of the current name search."""
        self._query: NameQuery | None = None
        self.searches = 0
        """Requests sent to the server (a rejected NISS sends none)."""

    @property
    def niss_input(self) -> Input:
        return self.query_one("#search-niss", Input)

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#search-results", DataTable)

    @property
    def niss_error(self) -> Static:
        return self.query_one("#search-niss-error", Static)

    @property
    def name_error(self) -> Static:
        return self.query_one("#search-name-error", Static)

    @property
    def status(self) -> Static:
        return self.query_one("#search-status", Static)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="search-form"):
            yield Label(t("Citizen search"), classes="dialog-title")
            with Horizontal(classes="search-row"):
                yield Label(t("NISS"), classes="search-label")
                yield Input(
                    value=self.initial_niss,
                    placeholder="85.07.30-033.28",
                    max_length=20,
                    compact=True,
                    id="search-niss",
                )
            yield Static("", id="search-niss-error", classes="error", markup=False)
            yield Label(t("or by identity data"), classes="dim")
            with Horizontal(classes="search-row"):
                yield Label(t("Last name"), classes="search-label")
                yield Input(max_length=100, compact=True, id="search-last-name")
                yield Label(t("First name"), classes="search-label")
                yield Input(max_length=100, compact=True, id="search-first-name")
            with Horizontal(classes="search-row"):
                yield Label(t("Birth date"), classes="search-label")
                yield Input(
                    placeholder=t("dd/mm/yyyy"), max_length=10, compact=True, id="search-birth-date"
                )
            yield Static("", id="search-name-error", classes="error", markup=False)
        yield Static("", id="search-status", classes="dim", markup=False)
        table = RowTable(cursor_type="row", zebra_stripes=True, id="search-results")
        yield table
        yield from bottom_bar()

    def on_mount(self) -> None:
        self.table.add_column(Text(t("NISS")), key="niss")
        self.table.add_column(Text(t("Name")), key="name")
        self.table.add_column(Text(t("Born")), key="born")
        self.table.add_column(Text(t("Language")), key="language")
        self.niss_input.focus()
        if self.initial_niss:
            self.search_by_niss(self.initial_niss)

    # ------------------------------------------------------------------ searching

    @on(Input.Submitted, "#search-niss")
    def _niss_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.search_by_niss(event.value)

    @on(Input.Submitted, "#search-last-name, #search-first-name, #search-birth-date")
    def _name_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.search_by_name()

    def search_by_niss(self, raw: str) -> None:
        """Check the NISS here (no request for a wrong one), then search."""
        self.name_error.update("")
        problem = niss_problem(raw)
        if problem is not None:
            self.niss_error.update(problem)
            self.niss_input.focus()
            return
        self.niss_error.update("")
        self._search(niss=normalize_niss(raw), open_single=True)

    def search_by_name(self) -> None:
        self.niss_error.update("")
        today = self.athena.now().date()
        query = parse_name_query(
            self.query_one("#search-last-name", Input).value,
            self.query_one("#search-first-name", Input).value,
            self.query_one("#search-birth-date", Input).value,
            today,
        )
        if isinstance(query, dict):
            self.name_error.update("\n".join(query.values()))
            field = "#search-last-name" if "last_name" in query else "#search-birth-date"
            self.query_one(field, Input).focus()
            return
        self.name_error.update("")
        self._query = query
        self._search(
            last_name=query.last_name,
            first_name=query.first_name,
            birth_date=query.birth_date,
            open_single=False,
        )

    @work(exclusive=True, group="search", exit_on_error=False)
    async def _search(
        self,
        *,
        niss: str | None = None,
        last_name: str | None = None,
        first_name: str | None = None,
        birth_date: dt.date | None = None,
        open_single: bool,
        offset: int = 0,
    ) -> None:
        self.status.update(t("Searching…"))
        self.searches += 1
        try:
            page = await self.athena.services.gateway.search_citizens(
                niss=niss,
                last_name=last_name,
                first_name=first_name,
                birth_date=birth_date,
                offset=offset,
            )
        except ApiError as error:
            self.status.update("")
            target = self.niss_error if niss is not None else self.name_error
            target.update(refusal_text(error))
            return
        if niss is not None:
            self._query = None
        self.show_results(page, append=offset > 0)
        if open_single and len(page.citizens) == 1:
            self.open_citizen(page.citizens[0])

    def action_more(self) -> None:
        """The next page of the last name search."""
        if not self.more or self._query is None:
            return
        query = self._query
        self._search(
            last_name=query.last_name,
            first_name=query.first_name,
            birth_date=query.birth_date,
            open_single=False,
            offset=len(self.results),
        )

    def show_results(self, page: CitizenPage | list[Citizen], *, append: bool = False) -> None:
        found = page.citizens if isinstance(page, CitizenPage) else list(page)
        self.more = isinstance(page, CitizenPage) and page.more
        table = self.table
        if not append:
            self.results = []
            table.clear()
        self.results.extend(found)
        for citizen in found:
            table.add_row(
                Text(format_niss(citizen.niss)),
                Text(one_line(f"{citizen.last_name.upper()} {citizen.first_name}")),
                Text(f"{citizen.birth_date:%d/%m/%Y}"),
                Text(citizen.language.upper()),
            )
        if not self.results:
            self.status.update(t("No citizen found"))
        elif self.more:
            self.status.update(
                t(
                    "{count} citizens shown — more results: ctrl+n; enter opens one",
                    count=len(self.results),
                )
            )
            table.focus()
        else:
            count = len(self.results)
            self.status.update(t("{count} citizens found — enter opens one", count=count))
            table.focus()

    @on(DataTable.RowSelected, "#search-results")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if 0 <= event.cursor_row < len(self.results):
            self.open_citizen(self.results[event.cursor_row])

    def open_citizen(self, citizen: Citizen) -> None:
        from screens.citizen import CitizenScreen

        self.app.push_screen(CitizenScreen(citizen.niss, citizen=citizen))

    # ------------------------------------------------------------------ actions

    def action_clear(self) -> None:
        for field in self.query(Input):
            field.value = ""
        self.niss_error.update("")
        self.name_error.update("")
        self.show_results([])
        self.status.update("")
        self.niss_input.focus()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
