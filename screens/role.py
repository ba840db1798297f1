"""Role choice for an agent holding both roles (F1)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from athena_tui.app import role_label
from athena_tui.i18n import t
from backend_client.models import Role
from widgets.picker import Picker


class RoleScreen(ModalScreen[Role | None]):
    """Choose the role of this session; changing it later means logging in again."""

    BINDINGS = [
        Binding("escape", "cancel", t("Back"), id="role.cancel", tooltip=t("Back to login")),
    ]

    def __init__(self, agent_name: str, roles: list[Role]) -> None:
        super().__init__()
        self.agent_name = agent_name
        self.roles = roles

    def compose(self) -> ComposeResult:
        with Vertical(id="role-box", classes="dialog"):
            yield Label(t("Choose your role"), classes="dialog-title")
            yield Label(t("{name} holds several roles.", name=self.agent_name), markup=False)
            yield Picker(
                *[Option(role_label(role), id=str(role)) for role in self.roles], id="roles"
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(Role(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)
