"""The base of the app's full screens: typed access to the Athena app and its services,
and the status line every screen keeps in view."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen

from athena_tui.app import AthenaApp, Pending, role_label
from screens.widget_labels import status_labels
from widgets.key_footer import KeyFooter
from widgets.status_line import StatusLine, as_connection_state

ResultT = TypeVar("ResultT")


class AthenaScreen(Screen[ResultT]):
    """A screen of the Athena app (never mounted in another app)."""

    @property
    def athena(self) -> AthenaApp:
        """The app, typed: its services, clock and live state."""
        assert isinstance(self.app, AthenaApp)
        return self.app

    def on_mount(self) -> None:
        # Textual calls this besides a subclass's own on_mount (one handler per class).
        for line in self.query(StatusLine):
            self._follow_session_state(line)

    def _follow_session_state(self, line: StatusLine) -> None:
        """Keep ``line`` on the app's state: who, connection, last sync, the outbox."""
        app = self.athena
        session = app.services.session
        if session is not None:
            line.agent = session.agent.name
            line.role = role_label(session.role)

        def connection(value: str) -> None:
            line.connection = as_connection_state(value)

        def last_sync(value: dt.datetime | None) -> None:
            if value is not None:
                line.last_sync = value

        def pending(value: Pending) -> None:
            line.queued, line.failed = value.queued, value.failed

        self.watch(app, "connection", connection)
        self.watch(app, "last_sync", last_sync)
        self.watch(app, "pending", pending)


def bottom_bar() -> ComposeResult:
    """The status line above the footer, docked together at the bottom (two widgets
    docked on one edge would be drawn over each other)."""
    with Vertical(classes="bottom-bar"):
        yield StatusLine(id="status-line", labels=status_labels())
        yield KeyFooter()
