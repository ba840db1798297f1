"""The outbox: actions waiting for the connection and those the server refused, with
retry and cancel."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from athena_tui.app import Pending
from athena_tui.i18n import t
from athena_tui.outbox import ActionKind, OutboxAction
from athena_tui.outbox_view import OutboxRow, action_label, outbox_rows
from screens.base import AthenaScreen, bottom_bar
from widgets.confirm import ConfirmDialog
from widgets.row_table import RowTable


class OutboxScreen(AthenaScreen[None]):
    """Every queued or refused action: file, action, queued at, state, reason."""

    BINDINGS = [
        Binding(
            "r",
            "retry",
            t("Retry"),
            id="outbox.retry",
            tooltip=t("Send a refused action again, on the file as it is now"),
        ),
        Binding(
            "x,delete",
            "drop",
            t("Cancel action"),
            id="outbox.drop",
            tooltip=t("Forget the action; a reply's text stays in its draft"),
        ),
        Binding("escape", "back", t("Back"), id="outbox.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[OutboxRow] = []
        self.actions: dict[str, OutboxAction] = {}

    @property
    def table(self) -> RowTable:
        return self.query_one(RowTable)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("Outbox"), id="outbox-title", markup=False)
        yield RowTable(id="outbox-table", cursor_type="row", zebra_stripes=False)
        yield Static("", id="outbox-empty", markup=False)
        yield from bottom_bar()

    def on_mount(self) -> None:
        self.sub_title = t("Outbox")
        self.table.add_columns(t("Ticket"), t("Action"), t("Queued at"), t("State"), t("Reason"))
        self.watch(self.athena, "pending", self._pending_changed, init=False)
        self.reload()
        self.table.focus()

    def _pending_changed(self, _pending: Pending) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="outbox", exit_on_error=False)
    def reload(self) -> None:
        """Read the outbox and the files' tickets off the UI thread."""
        services = self.athena.services
        actions = services.outbox.waiting()
        tickets: dict[int, str] = {}
        for action in actions:
            known = services.replica.get(action.file_id)
            if known is not None:
                tickets[action.file_id] = known.ticket
        self.app.call_from_thread(self._show, actions, outbox_rows(actions, tickets))

    def _show(self, actions: list[OutboxAction], rows: list[OutboxRow]) -> None:
        self.actions = {a.key: a for a in actions}
        self.rows = rows
        table = self.table
        current = self.selected
        table.clear()
        for row in rows:
            style = "bold" if row.refused else ""
            table.add_row(
                Text(row.ticket),
                Text(row.action),
                Text(row.queued_at),
                Text(("✗ " if row.refused else "⇡ ") + row.state, style=style),
                Text(row.reason),
                key=row.key,
            )
        if current is not None and current.key in {r.key for r in rows}:
            table.move_cursor(row=next(i for i, r in enumerate(rows) if r.key == current.key))
        empty = self.query_one("#outbox-empty", Static)
        empty.update("" if rows else t("Nothing waits to be sent."))
        self.refresh_bindings()

    @property
    def selected(self) -> OutboxRow | None:
        if not self.rows:
            return None
        index = self.table.cursor_row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            row = self.selected
            return None if row is None or not row.refused else True
        if action == "drop":
            return None if self.selected is None else True
        return True

    def action_back(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()

    @work(exclusive=True, group="outbox-action", exit_on_error=False)
    async def action_retry(self) -> None:
        row = self.selected
        action = None if row is None else self.actions.get(row.key)
        if row is None or action is None or not row.refused:
            return
        await self.athena.services.gateway.retry_action(action)
        self.notify(
            t("{ticket}: {action} will be sent again.", ticket=row.ticket, action=row.action),
            markup=False,
        )
        self.athena.count_pending()
        self.athena.replay_now()
        self.reload()

    @work(exclusive=True, group="outbox-action", exit_on_error=False)
    async def action_drop(self) -> None:
        row = self.selected
        action = None if row is None else self.actions.get(row.key)
        if row is None or action is None:
            return
        lines = [f"{row.ticket}: {action_label(action)}"]
        if action.kind is ActionKind.REPLY:
            lines.append(t("Its text stays in the file's draft."))
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog(
                t("Cancel this action?"),
                lines,
                confirm_label=t("Cancel action"),
                cancel_label=t("Keep it"),
                default="cancel",
            )
        )
        if not confirmed:
            return
        await self.athena.services.gateway.drop_action(action)
        self.athena.count_pending()
        self.reload()
