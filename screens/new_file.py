"""New contact file on behalf of a citizen (F9), also reached by "report a problem"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Input, Label, Select, Static, TextArea

from athena_tui.i18n import t
from backend_client.bounds import TEXT_MAX
from backend_client.errors import ApiError, ValidationFailed
from backend_client.models import Citizen, Group, NewFileRequest, Priority
from screens.base import AthenaScreen, bottom_bar
from screens.citizen import citizen_title
from widgets.confirm import ConfirmDialog
from widgets.timeline import CAREER_DATA_CATEGORY, ProblemContext

CATEGORIES: tuple[tuple[str, str], ...] = (
    (CAREER_DATA_CATEGORY, "Career data"),
    ("pension", "Pension estimate"),
    ("attestation", "Attestation"),
    ("other", "Other"),
)
"""(stable key sent to the server, English label) of the form's first question."""

PRIORITIES: tuple[tuple[Priority, str], ...] = (
    (Priority.HIGH, "High"),
    (Priority.MEDIUM, "Medium"),
    (Priority.LOW, "Low"),
)
FIRST_YEAR = 1900
YEARS_AHEAD = 5  # notice periods and other data dated in the future
FIELDS = ("category", "career_year", "career_element", "question", "priority", "group_id")


def validate_form(
    *,
    category: str | None,
    year: str,
    element: str,
    question: str,
    priority: Priority | None,
    group_id: str | None,
    today: dt.date,
) -> NewFileRequest | dict[str, str]:
    """The request, or a translated message per wrong field (keys as in ``FIELDS``)."""
    problems: dict[str, str] = {}
    if not category:
        problems["category"] = t("Choose a category")
    career_year: int | None = None
    year = year.strip()
    if year:
        last_year = today.year + YEARS_AHEAD
        if len(year) != 4 or not year.isdigit():
            problems["career_year"] = t("The year has 4 digits, e.g. 2012")
        elif not FIRST_YEAR <= int(year) <= last_year:
            problems["career_year"] = t(
                "The year must lie between {first} and {last}", first=FIRST_YEAR, last=last_year
            )
        else:
            career_year = int(year)
    if len(element.strip()) > 300:
        problems["career_element"] = t("The career element is too long (300 characters at most)")
    if not question.strip():
        problems["question"] = t("The question is required")
    elif len(question) > TEXT_MAX:
        problems["question"] = t(
            "The question is too long ({count} characters at most)", count=TEXT_MAX
        )
    elif "\x00" in question:
        problems["question"] = t("The question holds a character that cannot be stored")
    if priority is None:
        problems["priority"] = t("Choose a priority")
    if not group_id:
        problems["group_id"] = t("Choose a group")
    if problems:
        return problems
    assert category is not None and priority is not None
    return NewFileRequest(
        category=category,
        career_year=career_year,
        career_element=element.strip() or None,
        question=question,
        priority=priority,
        group_id=group_id,
    )


def my_groups(groups: list[Group], mine: list[str]) -> list[Group]:
    """The agent's groups in the agent's own order."""
    by_id = {group.id: group for group in groups}
    return [by_id[group_id] for group_id in mine if group_id in by_id]


def default_group(groups: list[Group], language: str | None) -> Group | None:
    """The server's own rule: my first group speaking the citizen's language, else my
    first group."""
    speaking = [group for group in groups if language and group.language == language]
    candidates = speaking or groups
    return candidates[0] if candidates else None


class NewFileScreen(AthenaScreen[None]):
    """The form of a new contact file; `ctrl+s` creates it, assigned to me, and opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "create",
            t("Create"),
            id="new_file.create",
            priority=True,
            tooltip=t("Create the contact file, assigned to me, and open it"),
        ),
        Binding("escape", "back", t("Back"), id="new_file.back"),
    ]

    def __init__(
        self,
        niss: str,
        prefill: ProblemContext | None = None,
        *,
        citizen: Citizen | None = None,
    ) -> None:
        super().__init__()
        self.niss = niss
        self.prefill = prefill
        self.citizen = citizen
        self.groups: list[Group] = []
        self.busy = False
        self._initial: dict[str, object] = {}

    # ------------------------------------------------------------------ typed accessors

    @property
    def category(self) -> Select[str]:
        return self.query_one("#new-category", Select)

    @property
    def year(self) -> Input:
        return self.query_one("#new-year", Input)

    @property
    def element(self) -> Input:
        return self.query_one("#new-element", Input)

    @property
    def question(self) -> TextArea:
        return self.query_one("#new-question", TextArea)

    @property
    def priority(self) -> Select[Priority]:
        return self.query_one("#new-priority", Select)

    @property
    def group(self) -> Select[str]:
        return self.query_one("#new-group", Select)

    def error_of(self, field: str) -> Static:
        return self.query_one(f"#new-error-{field}", Static)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        prefill = self.prefill
        yield Header()
        yield Static(citizen_title(self.niss, self.citizen), id="new-file-title", markup=False)
        with VerticalScroll(id="new-file-form"):
            with Horizontal(classes="form-row"):
                yield Label(t("Category"), classes="form-label")
                yield Select[str](
                    [(t(label), key) for key, label in CATEGORIES],
                    prompt=t("Choose a category"),
                    value=prefill.category if prefill else Select.NULL,
                    compact=True,
                    id="new-category",
                )
            yield self._error("category")
            with Horizontal(classes="form-row"):
                yield Label(t("Year"), classes="form-label")
                yield Input(
                    value=str(prefill.year) if prefill and prefill.year else "",
                    placeholder=t("e.g. 2012"),
                    restrict=r"\d{0,4}",
                    max_length=4,
                    compact=True,
                    id="new-year",
                )
            yield self._error("career_year")
            with Horizontal(classes="form-row"):
                yield Label(t("Career element"), classes="form-label")
                yield Input(
                    value=prefill.element if prefill else "",
                    placeholder=t("employer, period, attestation…"),
                    max_length=300,
                    compact=True,
                    id="new-element",
                )
            yield self._error("career_element")
            if prefill is not None and prefill.agent_only:
                yield Static(
                    t(
                        "The reported block holds data the citizen never sees (a sanction, "
                        "future data): the subject and the question reach the citizen, "
                        "so neither may name it."
                    ),
                    id="new-agent-only",
                    classes="dim",
                    markup=False,
                )
            with Horizontal(classes="form-row"):
                yield Label(t("Priority"), classes="form-label")
                yield Select[Priority](
                    [(t(label), value) for value, label in PRIORITIES],
                    value=Priority.MEDIUM,
                    allow_blank=False,
                    compact=True,
                    id="new-priority",
                )
            yield self._error("priority")
            with Horizontal(classes="form-row"):
                yield Label(t("Group"), classes="form-label")
                yield Select[str]([], prompt=t("Loading groups…"), compact=True, id="new-group")
            yield self._error("group_id")
            yield Label(t("Question"), classes="form-label")
            yield TextArea(id="new-question", soft_wrap=True, show_line_numbers=False)
            yield self._error("question")
            yield Static("", id="new-error-form", classes="error", markup=False)
        yield from bottom_bar()

    def _error(self, field: str) -> Static:
        return Static("", id=f"new-error-{field}", classes="error field-error", markup=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The focused field's row is marked: its label then stands out (athena.tcss).
        for row in self.query(".form-row"):
            row.set_class(event.widget in row.walk_children(), "-current")

    def on_mount(self) -> None:
        self.sub_title = t("New contact file")
        # With the first answers filled, the agent goes straight to the question.
        if self.prefill is not None:
            self.question.focus()
        else:
            self.category.focus()
        self._initial = self._values()
        self.load_groups()

    @work(exclusive=True, group="groups", exit_on_error=False)
    async def load_groups(self) -> None:
        session = self.athena.services.session
        mine = list(session.agent.groups) if session is not None else []
        select = self.group
        try:
            groups = await self.athena.services.gateway.groups()
        except ApiError as error:
            select.prompt = t("No group available")
            self.error_of("group_id").update(error.message)
            return
        self.groups = my_groups(groups, mine) or groups
        # The blank entry of the list now means "no group chosen", not "loading".
        select.prompt = t("Choose a group")
        select.set_options((group.name, group.id) for group in self.groups)
        if self.citizen is None:
            try:
                self.citizen = await self.athena.services.gateway.citizen(self.niss)
            except ApiError:
                pass  # the default group is then simply my first one
        language = self.citizen.language if self.citizen is not None else None
        chosen = default_group(self.groups, language)
        if chosen is not None:
            select.value = chosen.id
        self._initial["group_id"] = select.value

    # ------------------------------------------------------------------ values

    def _values(self) -> dict[str, object]:
        return {
            "category": self.category.value,
            "career_year": self.year.value,
            "career_element": self.element.value,
            "question": self.question.text,
            "priority": self.priority.value,
            "group_id": self.group.value,
        }

    @property
    def dirty(self) -> bool:
        """Something was typed or chosen since the form opened."""
        return self._values() != self._initial

    def show_problems(self, problems: Mapping[str, str]) -> None:
        for field in FIELDS:
            self.error_of(field).update(problems.get(field, ""))
        self.error_of("form").update(problems.get("form", ""))

    # ------------------------------------------------------------------ actions

    def action_create(self) -> None:
        if self.busy:
            return
        category = self.category.value
        priority = self.priority.value
        group_id = self.group.value
        result = validate_form(
            category=category if isinstance(category, str) else None,
            year=self.year.value,
            element=self.element.value,
            question=self.question.text,
            priority=priority if isinstance(priority, Priority) else None,
            group_id=group_id if isinstance(group_id, str) else None,
            today=self.athena.now().date(),
        )
        if isinstance(result, dict):
            self.show_problems(result)
            first = next(field for field in FIELDS if field in result)
            target = {
                "category": self.category,
                "career_year": self.year,
                "career_element": self.element,
                "question": self.question,
                "priority": self.priority,
                "group_id": self.group,
            }[first]
            target.focus()
            return
        self.show_problems({})
        self.create(result)

    @work(exclusive=True, group="create", exit_on_error=False)
    async def create(self, request: NewFileRequest) -> None:
        from screens.contact_file import ContactFileScreen

        self.busy = True
        try:
            created = await self.athena.services.gateway.new_file(self.niss, request)
        except ValidationFailed as error:
            # The request nests the form under "file" (CitizenNewFile): "file.question".
            named = (error.field or "").removeprefix("file.")
            field = named if named in FIELDS else "form"
            self.show_problems({field: error.message})
            return
        except ApiError as error:
            self.show_problems({"form": t("Not created: {reason}", reason=error.message)})
            return
        finally:
            self.busy = False
        self.athena.notify_files_changed([created.summary.id])
        self.notify(t("Contact file {ticket} created", ticket=created.summary.ticket), timeout=4)
        # The file replaces the form: back from it leads to where the form was opened.
        self.app.switch_screen(ContactFileScreen(created.summary.id, preloaded=created, take=False))

    def action_back(self) -> None:
        self.leave()

    @work(exclusive=True, group="leave", exit_on_error=False)
    async def leave(self) -> None:
        if self.dirty:
            discard = await self.app.push_screen_wait(
                ConfirmDialog(
                    t("Discard this new contact file?"),
                    [t("What you typed will be lost.")],
                    confirm_label=t("Discard"),
                    cancel_label=t("Keep editing"),
                    danger=True,
                    default="cancel",  # enter must never throw the typed form away
                )
            )
            if not discard:
                return
        if self.app.screen is self:
            self.app.pop_screen()
