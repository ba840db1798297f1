"""Help: the keys of the screen below (generated from its bindings) and the support contact."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from athena_tui.app import SUPPORT_EMAIL
from athena_tui.i18n import t


def key_rows(screen: Screen[object]) -> list[tuple[str, str, str]]:
    """(keys, description, tooltip) for every described binding active on ``screen``."""
    by_action: dict[tuple[str, str], list[str]] = {}
    details: dict[tuple[str, str], str] = {}
    app = screen.app
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description:
            continue
        ident = (binding.action, binding.description)
        by_action.setdefault(ident, []).append(app.get_key_display(binding) or key)
        details[ident] = binding.tooltip
    rows = [
        (" / ".join(dict.fromkeys(keys)), description, details[(action, description)])
        for (action, description), keys in by_action.items()
    ]
    return rows


class HelpScreen(ModalScreen[None]):
    """Keys of the current screen, the shared conventions and the support contact (F16)."""

    BINDINGS = [
        Binding("escape", "close", t("Close"), id="help.close"),
        Binding("question_mark", "close", t("Close"), id="help.close2", show=False),
        Binding("q", "close", t("Close"), id="help.close3", show=False),
    ]

    def __init__(self, underlying: Screen[object]) -> None:
        super().__init__()
        self.underlying = underlying

    def compose(self) -> ComposeResult:
        rows = key_rows(self.underlying)
        table = Text()
        width = max((len(keys) for keys, _, _ in rows), default=4) + 2
        for keys, description, tooltip in rows:
            table.append(keys.ljust(width), style="bold")
            table.append(description)
            if tooltip:
                table.append(f" — {tooltip}", style="dim")
            table.append("\n")
        conventions = Text(
            t(
                "j/k or arrows move · enter opens · esc goes back · / filters · "
                "space marks · ctrl+p lists every action · ? this help"
            ),
            style="dim",
        )
        with Vertical(id="help-box", classes="dialog"):
            yield Label(t("Keys of this screen"), classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                yield Static(table, id="help-table")
            yield Static(conventions, id="help-conventions")
            yield Label(t("Support"), classes="dialog-title")
            yield Static(
                Text(
                    t(
                        "For any other question, remark or problem, write to {email}.",
                        email=SUPPORT_EMAIL,
                    )
                ),
                id="help-support",
            )
            yield Label(t("esc closes"), classes="dim")

    def action_close(self) -> None:
        self.dismiss(None)
