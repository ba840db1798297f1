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

_GENERIC_ACTIONS = {
    "scroll_left",
    "scroll_right",
    "page_left",
    "page_right",
    "scroll_home",
    "scroll_end",
}


def key_rows(screen: Screen[object]) -> list[tuple[str, str, str, str]]:
    """(keys, description, tooltip, binding ids) for every described binding active on
    ``screen``: the screen's own actions first, then the focused widget's, then the app's.
    The ids are what the config's ``[keymap]`` rebinds."""
    from textual.app import App

    by_action: dict[tuple[str, str], list[str]] = {}
    ids: dict[tuple[str, str], list[str]] = {}
    details: dict[tuple[str, str], str] = {}
    rank: dict[tuple[str, str], int] = {}
    app = screen.app
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.action in _GENERIC_ACTIONS:
            continue
        ident = (binding.action, binding.description)
        by_action.setdefault(ident, []).append(app.get_key_display(binding) or key)
        if binding.id:
            ids.setdefault(ident, []).append(binding.id)
        details[ident] = binding.tooltip
        node = active.node
        rank[ident] = 0 if node is screen else 2 if isinstance(node, App) else 1
    rows = [
        (
            " / ".join(dict.fromkeys(keys)),
            description,
            details[(action, description)],
            ", ".join(dict.fromkeys(ids.get((action, description), []))),
        )
        for (action, description), keys in sorted(by_action.items(), key=lambda item: rank[item[0]])
    ]
    return rows


class HelpScreen(ModalScreen[None]):
    """Keys of the current screen, the shared conventions and the support contact (F16)."""

    BINDINGS = [
        Binding("escape", "close", t("Close"), id="help.close"),
        Binding("question_mark", "close", t("Close"), id="help.close2", show=False),
        Binding("q", "close", t("Close"), id="help.close3", show=False),
        Binding("j", "scroll(1)", t("Scroll down"), id="help.down", show=False),
        Binding("k", "scroll(-1)", t("Scroll up"), id="help.up", show=False),
    ]

    def __init__(self, underlying: Screen[object]) -> None:
        super().__init__()
        self.underlying = underlying

    def compose(self) -> ComposeResult:
        rows = key_rows(self.underlying)
        table = Text()
        width = max((len(keys) for keys, _, _, _ in rows), default=4) + 2
        id_width = max((len(ids) for _, _, _, ids in rows), default=0) + 2
        for keys, description, tooltip, ids in rows:
            table.append(keys.ljust(width), style="bold")
            # the id the config's [keymap] rebinds, beside its key
            table.append(ids.ljust(id_width), style="dim")
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
            yield Static(
                Text(
                    t(
                        "Support: for any other question, remark or problem, write to {email}.",
                        email=SUPPORT_EMAIL,
                    )
                ),
                id="help-support",
            )
            with VerticalScroll(id="help-keys"):
                yield Static(table, id="help-table")
            yield Static(conventions, id="help-conventions")
            yield Label(t("esc closes · j/k scroll"), classes="dim")

    def on_mount(self) -> None:
        self.query_one("#help-keys", VerticalScroll).focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-keys", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
