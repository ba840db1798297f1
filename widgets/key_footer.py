"""A footer that shows whole keys only: as many as fit, help always among them."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

HELP_ACTIONS = frozenset({"help", "app.help"})


class KeyFooter(Footer):
    """Textual's Footer cuts the last key that does not fit in half ("4 Citizen se");
    this one hides the keys that do not fit, from the right, and keeps help (``?``)
    first, so every key shown can be read whole."""

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.fit_keys)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit_keys)

    def fit_keys(self) -> None:
        """Show the keys that fit in the footer's width, help first."""
        keys = [key for key in self.query_children(FooterKey)]
        if not keys or not self.size.width:
            return
        palette = [key for key in keys if key.has_class("-command-palette")]
        keys = [key for key in keys if key not in palette]
        helps = [key for key in keys if key.action in HELP_ACTIONS]
        if helps and keys[0] is not helps[0]:
            self.move_child(helps[0], before=keys[0])
            keys.remove(helps[0])
            keys.insert(0, helps[0])
        room = self.size.width - sum(_width(key, self.size) for key in palette)
        used = 0
        for key in keys:
            used += _width(key, self.size)
            key.display = used <= room


def _width(key: FooterKey, container: Size) -> int:
    """The cells a key takes once laid out (content, padding, border, margin)."""
    content = key.get_content_width(container, container)
    return content + key.styles.gutter.width + key.styles.margin.width
