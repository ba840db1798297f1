"""An option list that moves with j/k and g/G too, like every list of the app, and
shows its highlighted option without colour."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.style import Style as VisualStyle
from textual.widgets import OptionList

_HIGHLIGHTED = "option-list--option-highlighted"


class Picker(OptionList):
    """OptionList with the app's movement keys (the arrows, home and end still work)."""

    # The highlight is the choice Enter takes, also while the filter above has the focus:
    # drawn with the cursor's colours and bold, never Textual's blurred dark teal, which
    # hardly differs from the background in 256 colours.
    DEFAULT_CSS = """
    Picker > .option-list--option-highlighted,
    Picker:focus > .option-list--option-highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def get_visual_style(self, *component_classes: str, partial: bool = False) -> VisualStyle:
        style = super().get_visual_style(*component_classes, partial=partial)
        if _HIGHLIGHTED in component_classes and self.app.no_color:
            # Textual tells the highlighted option by colour only, which NO_COLOR removes.
            style += VisualStyle(reverse=True)
        return style
