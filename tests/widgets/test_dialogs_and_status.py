"""ConfirmDialog, ChoiceDialog and StatusLine."""

from __future__ import annotations

import datetime as dt

from textual.app import App
from textual.widgets import OptionList, Static

from tests.widgets.hosts import ANSI, MARKUP, StatusHost
from widgets.confirm import Choice, ChoiceDialog, ConfirmDialog
from widgets.status_line import StatusLine


class DialogHost(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []

    def ask(self, screen: ConfirmDialog | ChoiceDialog) -> None:
        self.push_screen(screen, self.results.append)


def _confirm() -> ConfirmDialog:
    return ConfirmDialog(
        "Dispatch 2 files?",
        [f"SR0000001 {MARKUP}", f"SR0000002 {ANSI}"],
        confirm_label="Dispatch",
        cancel_label="Cancel",
    )


async def test_confirm_with_y_enter_and_cancel_with_n_escape() -> None:
    app = DialogHost()
    async with app.run_test() as pilot:
        for key, expected in (("y", True), ("enter", True), ("n", False), ("escape", False)):
            app.ask(_confirm())
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            assert app.results[-1] is expected, key
        assert len(app.results) == 4


async def test_confirm_buttons_and_safe_body() -> None:
    app = DialogHost()
    async with app.run_test() as pilot:
        app.ask(_confirm())
        await pilot.pause()
        body = [
            str(static.render())
            for static in app.screen.query(Static)
            if static.parent is not None and static.parent.id == "confirm-body"
        ]
        assert body == [f"SR0000001 {MARKUP}", "SR0000002 [31mred"]
        await pilot.press("tab", "enter")  # focus moves to the cancel button
        await pilot.pause()
        assert app.results == [False]


CHOICES = [
    Choice("7", "Anne Claes", "12 open"),
    Choice("8", "Bart Maes", "3 open"),
    Choice("9", f"Karim {MARKUP}", "0 open"),
]


async def test_choice_filters_and_picks() -> None:
    app = DialogHost()
    async with app.run_test() as pilot:
        app.ask(ChoiceDialog("Dispatch to", CHOICES))
        await pilot.pause()
        await pilot.press("m", "a", "e")
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["8"]


async def test_choice_arrows_escape_and_empty_filter() -> None:
    app = DialogHost()
    async with app.run_test() as pilot:
        app.ask(ChoiceDialog("Teammate", CHOICES, selected="8"))
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.results == ["9"]
        app.ask(ChoiceDialog("Teammate", CHOICES))
        await pilot.pause()
        await pilot.press("z", "z", "enter")
        assert app.screen.has_class("-empty")
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == ["9", None]
        app.ask(ChoiceDialog("Teammate", CHOICES))
        await pilot.pause()
        await pilot.press("[", "/")
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        assert MARKUP in str(options.get_option_at_index(0).prompt)


async def test_status_line_shows_state_and_marks() -> None:
    app = StatusHost()
    async with app.run_test(size=(100, 3)) as pilot:
        status = app.query_one(StatusLine)
        status.agent = f"Anne {MARKUP}"
        status.role = "Contact center"
        status.connection = "live"
        status.last_sync = dt.datetime(2025, 3, 14, 9, 58, 7, tzinfo=dt.UTC)
        status.marked = 3
        await pilot.pause()
        text = str(status.render())
        assert text.startswith(f"Anne {MARKUP} · Contact center  ● live  last sync 09:58:07")
        assert text.rstrip().endswith("3 marked")
        assert len(text) == status.content_region.width
        status.connection = "reconnecting"
        status.marked = 0
        status.last_sync = None
        await pilot.pause()
        text = str(status.render())
        assert "◐ reconnecting" in text and "never" in text and "marked" not in text
        status.connection = "offline"
        status.labels["offline"] = "hors ligne"
        status.refresh()
        assert "○ hors ligne" in str(status.render())
        status.connection = "paused"  # type: ignore[assignment]
        assert "○ hors ligne" in str(status.render())


async def test_a_narrow_status_line_drops_the_role_before_the_sync_time() -> None:
    app = StatusHost()
    async with app.run_test(size=(60, 3)) as pilot:
        status = app.query_one(StatusLine)
        status.agent = "Sophie Dubois"
        status.role = "Athena Centre de Contact"
        status.connection = "live"
        status.last_sync = dt.datetime(2025, 3, 14, 9, 58, 7, tzinfo=dt.UTC)
        await pilot.pause()
        text = str(status.render())
        assert "Centre de Contact" not in text
        assert text.startswith("Sophie Dubois  ● live  last sync 09:58:07")


async def test_choice_ignores_the_slash_typed_to_filter() -> None:
    app = DialogHost()
    async with app.run_test() as pilot:
        app.ask(ChoiceDialog("Teammate", CHOICES))
        await pilot.pause()
        await pilot.press("slash", "b", "a")  # "/" filters every other list
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["8"]
