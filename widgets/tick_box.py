"""A checkbox whose ticked and unticked states differ by their glyph, not by colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """``X`` in the box when ticked, a blank when not: readable under NO_COLOR and in 16
    colours (Textual's Checkbox draws an X in both states, told apart by colour)."""

    TICKED = "X"
    UNTICKED = " "

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = self.TICKED if self.value else self.UNTICKED
        return super()._button
