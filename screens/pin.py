"""PIN entry for the eID card: a masked field of 4 to 12 digits."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from athena_tui.i18n import t

PIN_PATTERN = re.compile(r"[0-9]{4,12}")


def valid_pin(value: str) -> bool:
    """The card's PIN: 4 to 12 digits."""
    return PIN_PATTERN.fullmatch(value) is not None


class PinScreen(ModalScreen[str | None]):
    """Ask the card's PIN; the value leaves this screen once and the field is cleared."""

    DEFAULT_CSS = """
    PinScreen #pin-box { width: 64; max-width: 100%; }
    PinScreen #pin-hint { color: $text-muted; height: auto; }
    PinScreen #pin-error { color: $error; height: auto; }
    """

    BINDINGS = [
        Binding("escape", "cancel", t("Cancel"), id="pin.cancel", tooltip=t("Cancel the login")),
    ]

    def __init__(self, holder: str) -> None:
        super().__init__()
        self.holder = holder

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box", classes="dialog"):
            yield Label(t("PIN of the eID card"), classes="dialog-title")
            yield Static(t("Card of {name}", name=self.holder), id="pin-holder", markup=False)
            yield Input(
                placeholder=t("PIN (4 to 12 digits)"),
                password=True,
                restrict=r"[0-9]*",
                max_length=12,
                id="pin",
            )
            yield Static(
                t("The card blocks after 3 wrong PINs in a row."), id="pin-hint", markup=False
            )
            yield Static("", id="pin-error", markup=False)

    @property
    def field(self) -> Input:
        return self.query_one("#pin", Input)

    def on_mount(self) -> None:
        self.field.focus()

    @on(Input.Submitted, "#pin")
    def submitted(self, event: Input.Submitted) -> None:
        value = event.value
        if not valid_pin(value):
            self.query_one("#pin-error", Static).update(t("The PIN has 4 to 12 digits."))
            return
        # the value is handed over once; nothing on this screen keeps it
        self.field.value = ""
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.field.value = ""
        self.dismiss(None)
