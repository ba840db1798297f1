"""Login screen: connects to the server, then the eID card login or a demo-agent picker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Input, Label, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from athena_tui.app import role_label
from athena_tui.connection import describe_failure
from athena_tui.i18n import t
from backend_client.errors import ApiError
from backend_client.models import Agent, RoleChoice
from backend_client.text import one_line
from screens.base import AthenaScreen
from widgets.key_footer import KeyFooter
from widgets.picker import Picker

if TYPE_CHECKING:
    from screens.eid_login import EidLogin


def agent_line(agent: Agent) -> str:
    """One picker line: name, groups and roles."""
    roles = " + ".join(role_label(role) for role in agent.roles)
    return one_line(f"{agent.name}  ·  {', '.join(agent.groups)}  ·  {roles}")


def matches(agent: Agent, query: str) -> bool:
    """Case-insensitive match of a filter against name and groups."""
    # "/" filters in every list: typed here out of habit, it is not part of the name
    needle = query.strip().removeprefix("/").strip().casefold()
    return not needle or needle in f"{agent.name} {' '.join(agent.groups)}".casefold()


class LoginScreen(AthenaScreen[None]):
    """Connect, then log in with the eID card, or pick a demo agent (--demo servers)."""

    BINDINGS = [
        Binding("ctrl+r", "retry", t("Retry"), id="login.retry", tooltip=t("Connect again")),
        Binding("slash", "filter", t("Filter"), id="login.filter", tooltip=t("Filter agents")),
        Binding("escape", "quit", t("Quit"), id="login.quit", tooltip=t("Quit Athena")),
        # typing filters the agents, as in every picker; the arrows move in the list
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.agents: list[Agent] = []

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="login-box"):
            yield Label(t("Athena Career Contactcenter"), classes="dialog-title")
            yield Static(t("Connecting to the server…"), id="login-status", markup=False)
            yield LoadingIndicator(id="login-spinner")
            yield Input(placeholder=t("Filter agents"), id="agent-filter", classes="hidden")
            yield Picker(id="agents", classes="hidden")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.connect()
        self.preload()

    @work(thread=True, group="preload", exit_on_error=False)
    def preload(self) -> None:
        """Import what the session needs while the agent picks or types a PIN, so the
        dashboard shows sooner after login (cold start, benchmarks/README.md)."""
        import athena_tui.replica  # noqa: F401  (sqlite-utils, the local store)
        import screens.contact_file  # noqa: F401
        import screens.dashboard  # noqa: F401

    @property
    def status(self) -> Static:
        return self.query_one("#login-status", Static)

    @work(exclusive=True, group="login", exit_on_error=False)
    async def connect(self) -> None:
        self.query_one("#login-spinner").display = True
        self.status.update(t("Connecting to the server…"))
        try:
            await self.athena.services.prepare()
            agents = await self.athena.services.demo_agents()
        except ApiError as error:
            self.query_one("#login-spinner").display = False
            self.set_focus(None)  # not the hidden agent filter: ? must open the help
            self.status.update(
                t("Cannot connect: {reason} — ctrl+r retries.", reason=describe_failure(error))
            )
            return
        except Exception as error:  # the demo server failed to start: say so, never spin
            self.query_one("#login-spinner").display = False
            self.set_focus(None)
            self.status.update(
                t(
                    "Cannot start: {reason} — ctrl+r retries; athena-tui --reset-demo "
                    "recreates the demo data.",
                    reason=one_line(str(error)) or type(error).__name__,
                )
            )
            return
        self.query_one("#login-spinner").display = False
        if agents is None:
            self.status.update(t("Log in with your eID card."))
            await self.show_card_login()
            return
        # The demo's showcase agents (ids 1 and 2) come first.
        self.agents = sorted(agents, key=lambda agent: agent.id)
        self.refresh_bindings()
        self.status.update(t("Demo server: choose an agent and press enter."))
        self.query_one("#agent-filter").remove_class("hidden")
        option_list = self.query_one("#agents", OptionList)
        option_list.remove_class("hidden")
        self.fill(option_list, "")
        self.query_one("#agent-filter", Input).focus()

    def fill(self, option_list: OptionList, query: str) -> None:
        option_list.clear_options()
        option_list.add_options(
            [
                Option(agent_line(agent), id=str(agent.id))
                for agent in self.agents
                if matches(agent, query)
            ]
        )
        if option_list.option_count:
            option_list.highlighted = 0

    @on(Input.Changed, "#agent-filter")
    def filter_agents(self, event: Input.Changed) -> None:
        self.fill(self.query_one("#agents", OptionList), event.value)

    @on(Input.Submitted, "#agent-filter")
    def submit_filter(self) -> None:
        option_list = self.query_one("#agents", OptionList)
        if option_list.highlighted is not None:
            option_list.action_select()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the agent filter belongs to the demo picker, not to the card login
        if action in {"filter", "move"}:
            return True if self.agents else None
        return True

    def action_move(self, delta: int) -> None:
        options = self.query_one("#agents", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(current + delta, options.option_count - 1))

    def action_filter(self) -> None:
        field = self.query_one("#agent-filter", Input)
        if self.agents:
            field.focus()

    @on(OptionList.OptionSelected, "#agents")
    def picked(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.log_in(int(event.option.id))

    @work(exclusive=True, group="login", exit_on_error=False)
    async def log_in(self, agent_id: int) -> None:
        from screens.role import RoleScreen

        self.status.update(t("Logging in…"))
        try:
            answer = await self.athena.services.login_demo(agent_id, None)
            if isinstance(answer, RoleChoice):
                role = await self.app.push_screen_wait(RoleScreen(answer.agent.name, answer.roles))
                if role is None:
                    self.status.update(t("Demo server: choose an agent and press enter."))
                    return
                answer = await self.athena.services.login_demo(agent_id, role)
        except ApiError as error:
            self.status.update(t("Login refused: {reason}", reason=error.message))
            return
        assert not isinstance(answer, RoleChoice)
        self.athena.begin_session(answer)

    async def show_card_login(self) -> None:
        from screens.eid_login import EidLogin

        panels = self.query(EidLogin)
        if panels:
            panels.first().restart()
        else:
            await self.query_one("#login-box").mount(EidLogin())
        self.query_one(EidLogin).focus()

    # named handler (not @on): the card panel and its crypto load only when needed
    def on_eid_login_logged_in(self, event: EidLogin.LoggedIn) -> None:
        self.athena.begin_session(event.session)

    def action_retry(self) -> None:
        self.connect()

    async def action_quit(self) -> None:
        await self.athena.action_quit()
