"""The base of the app's full screens: typed access to the Athena app and its services."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import Screen

from athena_tui.app import AthenaApp

ResultT = TypeVar("ResultT")


class AthenaScreen(Screen[ResultT]):
    """A screen of the Athena app (never mounted in another app)."""

    @property
    def athena(self) -> AthenaApp:
        """The app, typed: its services, clock and live state."""
        assert isinstance(self.app, AthenaApp)
        return self.app
