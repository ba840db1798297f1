"""The lock screen: hides every screen below it until the same agent logs in again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.widgets import Label, Static

from athena_tui.i18n import t
from backend_client.errors import ApiError
from backend_client.models import RoleChoice, Session
from screens.base import AthenaScreen
from widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from screens.eid_login import EidLogin


class LockScreen(AthenaScreen[None]):
    """Athena is locked: an opaque screen over the agent's screens (which stay as they
    were, with their drafts; the outbox is kept). The eID login unlocks it with the card
    and its PIN, a demo session with its agent's demo login; either must be the same
    agent in the same role. ``ctrl+q`` still quits."""

    DEFAULT_CSS = """
    LockScreen { align: center middle; }
    LockScreen #lock-box {
        width: 72; max-width: 100%; height: auto; padding: 1 2;
        border: round $primary; background: $surface;
    }
    LockScreen #lock-status { height: auto; margin-top: 1; }
    LockScreen.-refused #lock-status { color: $error; }
    """

    BINDINGS = [
        Binding(
            "enter",
            "unlock",
            t("Unlock"),
            id="lock.unlock",
            tooltip=t("Log in again to unlock"),
        ),
    ]

    def compose(self) -> ComposeResult:
        services = self.athena.services
        session = services.session
        name = session.agent.name if session is not None else ""
        with Center(), Vertical(id="lock-box"):
            yield Label(t("Athena is locked"), classes="dialog-title")
            yield Static(
                t("Session of {name}. Your screens, drafts and outbox are kept.", name=name),
                id="lock-who",
                markup=False,
            )
            yield Static(self.prompt(), id="lock-status", markup=False)
        yield KeyFooter()

    def prompt(self) -> str:
        if self.uses_card:
            return t("Log in again with your eID card to unlock.")
        return t("Demo session: press enter to log in again as the same agent.")

    @property
    def uses_card(self) -> bool:
        return self.athena.services.login_method == "eid"

    def on_mount(self) -> None:
        if self.uses_card:
            self.mount_card_login()

    def mount_card_login(self) -> None:
        from screens.eid_login import EidLogin

        session = self.athena.services.session
        panel = EidLogin(role=session.role if session is not None else None)
        self.query_one("#lock-box").mount(panel)
        panel.focus()

    def say(self, text: str, *, refused: bool = False) -> None:
        self.query_one("#lock-status", Static).update(text)
        self.set_class(refused, "-refused")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # with the card, enter belongs to the card panel (it logs in with the card)
        if action == "unlock":
            return None if self.uses_card else True
        return True

    def action_unlock(self) -> None:
        if not self.uses_card:
            # Keys typed from this Enter on were aimed at the lock: an Enter typed twice
            # must not open the file under the dashboard's cursor. They count again once
            # the screen behind the lock is painted (or the unlock is refused).
            self.athena.key_gate.drop_typed_ahead()
            self.demo_unlock()

    @work(exclusive=True, group="unlock", exit_on_error=False)
    async def demo_unlock(self) -> None:
        services = self.athena.services
        session = services.session
        if session is None:
            return
        self.say(t("Logging in…"))
        try:
            answer = await services.login_demo(session.agent.id, session.role)
        except ApiError as error:
            self.athena.key_gate.screen_shown()
            self.say(t("Login refused: {reason}", reason=error.message), refused=True)
            return
        if isinstance(answer, RoleChoice):  # the role was named: the server does not ask
            self.athena.key_gate.screen_shown()
            self.say(self.prompt())
            return
        await self.renew(answer)

    # named handler: the card panel loads only for eID sessions
    async def on_eid_login_logged_in(self, event: EidLogin.LoggedIn) -> None:
        event.stop()
        await self.renew(event.session)

    async def renew(self, session: Session) -> None:
        services = self.athena.services
        # keys typed while the session renews (after a card's PIN too) were aimed at the
        # lock; they count again once the screen behind it is painted
        self.athena.key_gate.drop_typed_ahead()
        try:
            await services.renew_session(session)
        except ValueError:
            self.athena.key_gate.screen_shown()
            locked = services.session
            self.say(
                t(
                    "This card is of {other}; the locked session is {name}'s. "
                    "Quit (ctrl+q) to log in as someone else.",
                    other=session.agent.name,
                    name=locked.agent.name if locked is not None else "",
                ),
                refused=True,
            )
            if self.uses_card:
                self.query_one("#lock-box").query("EidLogin").remove()
                self.mount_card_login()
            return
        self.athena.unlocked()
