"""The floor of a launch: the smallest Textual app, started the way athena-tui is."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    """One line of text; ctrl+q quits."""

    def compose(self) -> ComposeResult:
        yield Static("minimal app ready")


def main() -> None:
    Minimal().run()


if __name__ == "__main__":
    main()
