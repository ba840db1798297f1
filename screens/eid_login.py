"""The eID card login: wait for the card, ask the PIN, sign the server's challenge."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static
from textual.worker import get_current_worker

from athena_tui.app import AthenaApp
from athena_tui.eid import CardInfo, CardReader, Secret, SignedLogin
from athena_tui.eid_errors import WAITING, CardError, CardProblem, card_message, refusal_message
from athena_tui.i18n import t
from backend_client.errors import ApiError
from backend_client.models import Role, RoleChoice, Session


class EidLogin(Vertical, can_focus=True):
    """Card login panel. ``state`` tells where it is: searching, waiting (no reader or
    no card), removed (taken out during a login), ready (card found: enter logs in),
    busy, failed (ctrl+r looks again), done."""

    DEFAULT_CSS = """
    EidLogin { height: auto; }
    EidLogin #eid-holder { text-style: bold; height: auto; }
    EidLogin #eid-status { height: auto; }
    EidLogin.-failed #eid-status { color: $error; }
    """

    BINDINGS = [
        Binding(
            "enter",
            "log_in",
            t("Log in"),
            id="login.card",
            tooltip=t("Log in with the eID card in the reader"),
        ),
    ]

    state: reactive[str] = reactive("searching")

    @dataclass
    class LoggedIn(Message):
        """The server opened a session for the card's holder."""

        session: Session

    @dataclass
    class _Found(Message):
        info: CardInfo

    @dataclass
    class _Problem(Message):
        problem: CardProblem

    @dataclass
    class _Signed(Message):
        nonce: str
        signed: SignedLogin

    def __init__(self, role: Role | None = None) -> None:
        super().__init__(id="eid-login")
        # the role to log in with (unlocking asks the locked session's); None: ask
        self.role = role
        self.card: CardInfo | None = None
        self._reader: CardReader | None = None

    @property
    def athena(self) -> AthenaApp:
        assert isinstance(self.app, AthenaApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Static("", id="eid-holder", markup=False)
        yield Static(t("Looking for the card reader…"), id="eid-status", markup=False)

    def on_mount(self) -> None:
        self.watch_card()

    def on_unmount(self) -> None:
        # a running card worker closes the module itself once cancelled; otherwise let
        # go of it here (C_Finalize: quick, no card IO), so the next login starts clean
        busy = any(w.node is self and w.group == "eid-card" and w.is_running for w in self.workers)
        if not busy and self._reader is not None:
            self._reader.close()

    def say(self, text: str, holder: str | None = None) -> None:
        self.query_one("#eid-status", Static).update(text)
        if holder is not None:
            self.query_one("#eid-holder", Static).update(holder)

    def watch_state(self, state: str) -> None:
        self.set_class(state == "failed", "-failed")

    # ------------------------------------------------------------------ card (threads)

    @work(thread=True, exclusive=True, group="eid-card", exit_on_error=False)
    def watch_card(self) -> None:
        """Find the module, then poll until a usable card is in a reader."""
        worker = get_current_worker()
        try:
            if self._reader is None:
                self._reader = self.athena.services.card_reader()
            info = self._reader.wait_for_card(
                lambda: worker.is_cancelled, lambda p: self.post_message(self._Problem(p))
            )
        except CardError as error:
            self.post_message(self._Problem(error.problem))
            return
        if info is None:  # cancelled: the screen is going away
            self._reader.close()
            return
        self.post_message(self._Found(info))

    @work(thread=True, exclusive=True, group="eid-card", exit_on_error=False)
    def sign(self, pin: Secret, nonce: str, message: bytes) -> None:
        """Log in to the card and sign; the module is unloaded after each attempt."""
        reader = self._reader
        if reader is None:
            pin.take()
            self.post_message(self._Problem(CardProblem.CARD_REMOVED))
            return
        try:
            signed = reader.sign_login(pin, message)
        except CardError as error:
            self.post_message(self._Problem(error.problem))
            return
        finally:
            pin.take()
            reader.close()
        self.post_message(self._Signed(nonce, signed))

    # ------------------------------------------------------------------ screen side

    @on(_Found)
    def found(self, message: _Found) -> None:
        self.card = message.info
        self.state = "ready"
        self.say(t("Press enter to log in."), holder=t("Card of {name}", name=message.info.holder))
        self.log_in()

    @on(_Problem)
    def problem(self, message: _Problem) -> None:
        problem = message.problem
        label = self.athena.settings.token_label
        if problem in WAITING:
            self.card = None
            if problem is CardProblem.NO_CARD and self.state == "removed":
                return  # "removed during the login… insert it again" says it already
            self.state = "removed" if problem is CardProblem.CARD_REMOVED else "waiting"
            self.say(card_message(problem, label=label), holder="")
            if problem is CardProblem.CARD_REMOVED:
                self.watch_card()
            return
        if problem in (CardProblem.WRONG_PIN, CardProblem.PIN_LOCKED, CardProblem.CANCELLED):
            self.state = "ready" if self.card else "failed"
        else:
            self.state = "failed"
        self.say(card_message(problem, label=label))

    @on(_Signed)
    def signed(self, message: _Signed) -> None:
        self.finish(message.nonce, message.signed)

    def action_log_in(self) -> None:
        if self.state == "ready" and self.card is not None:
            self.log_in()

    def restart(self) -> None:
        """Look for the card again from the start (ctrl+r)."""
        self.card = None
        self.state = "searching"
        self.say(t("Looking for the card reader…"), holder="")
        self.watch_card()

    @work(exclusive=True, group="eid-login", exit_on_error=False)
    async def log_in(self) -> None:
        """PIN (unless the reader has a pinpad), then a fresh challenge, then the card."""
        card = self.card
        if card is None:
            return
        self.state = "busy"
        pin: str | None = None
        if not card.pinpad:
            from screens.pin import PinScreen

            pin = await self.app.push_screen_wait(PinScreen(card.holder))
            if pin is None:
                self.post_message(self._Problem(CardProblem.CANCELLED))
                return
        secret = Secret(pin)
        del pin
        try:
            challenge, message = await self.athena.services.eid_challenge()
        except ApiError as error:
            secret.take()
            self.refused(error)
            return
        if card.pinpad:
            self.say(t("Enter your PIN on the card reader's keypad."))
        else:
            self.say(t("Checking your PIN with the card…"))
        self.sign(secret, challenge.nonce, message)

    @work(exclusive=True, group="eid-login", exit_on_error=False)
    async def finish(self, nonce: str, signed: SignedLogin) -> None:
        """Post the signature; choose the role when the agent holds two."""
        from screens.role import RoleScreen

        self.say(t("Logging in…"))
        services = self.athena.services
        try:
            answer = await services.login_eid(nonce, signed, self.role)
            if isinstance(answer, RoleChoice):
                role = await self.app.push_screen_wait(RoleScreen(answer.agent.name, answer.roles))
                if role is None or answer.ticket is None:
                    self.state = "ready"
                    self.say(card_message(CardProblem.CANCELLED))
                    return
                answer = await services.eid_choose_role(answer.ticket, role)
        except ApiError as error:
            self.refused(error)
            return
        self.state = "done"
        self.post_message(self.LoggedIn(answer))

    def refused(self, error: ApiError) -> None:
        self.state = "ready" if self.card else "failed"
        self.say(
            refusal_message(
                error.details.get("reason"), error.message, error.details.get("retry_after")
            )
        )
