"""The key gate on a small app: keys posted in one burst (no pause between them, as a
terminal over SSH delivers them) are handled in order by the screen in front."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList

from athena_tui import keygate
from athena_tui.keygate import KeyGate
from tests.polling import await_for


@pytest.fixture(autouse=True)
def patient_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long bounds: a gate that waits for nothing it should would hang the test past its
    polls, not pass after a short timeout."""
    monkeypatch.setattr(keygate, "HOLD_TIMEOUT", 30.0)
    monkeypatch.setattr(keygate, "KEY_TIMEOUT", 30.0)


class Menu(ModalScreen[str]):
    def compose(self) -> ComposeResult:
        yield OptionList("merge", "split", id="menu")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(str(event.option.prompt))


class Burst(App[None]):
    """Opens a menu from a worker (``o``), saves its input with a priority ``ctrl+s``;
    ``ctrl+n`` focuses the second input through ``focus()`` (which goes through the app's
    queue)."""

    BINDINGS = [
        Binding("o", "menu", "Menu"),
        Binding("ctrl+n", "second", "Second input"),
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, gated: bool) -> None:
        super().__init__()
        self.gated = gated
        self.key_gate = KeyGate(self)
        self.chosen: list[str] = []
        self.saved: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(id="first")
        yield Input(id="second")

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(
            self, lambda _screen: self.key_gate.screen_changed(), immediate=True
        )
        self.query_one("#first").focus()

    async def on_event(self, event: events.Event) -> None:
        gated = isinstance(event, events.Key) and not event.is_forwarded and self.gated
        if gated:
            assert isinstance(event, events.Key)
            await self.key_gate.deliver(event, super().on_event)
            return
        await super().on_event(event)

    def post_message(self, message: Message) -> bool:
        if self.gated and self.key_gate.intercept(message):
            return True
        return super().post_message(message)

    @work
    async def action_menu(self) -> None:
        self.chosen.append(await self.push_screen_wait(Menu()))

    def action_second(self) -> None:
        self.query_one("#second").focus()

    def action_save(self) -> None:
        focused = self.focused
        assert isinstance(focused, Input)
        self.saved.append(focused.value)


def burst(app: App[Any], *keys: str) -> None:
    """Post every key at once, as a terminal's one write is parsed."""
    for key in keys:
        if key == " ":
            app.post_message(events.Key("space", " "))
        else:
            app.post_message(events.Key(key, key if len(key) == 1 else None))


@pytest.mark.parametrize("gated", [True, False])
async def test_keys_after_a_menu_key_go_to_the_menu(gated: bool) -> None:
    app = Burst(gated)
    async with app.run_test() as pilot:
        app.set_focus(None)
        await pilot.pause()
        assert app.focused is None
        burst(app, "o", "down", "enter")
        # The menu is open, or was answered: either way the burst has been handled.
        await await_for(lambda: isinstance(app.screen, Menu) or bool(app.chosen), timeout=3)
        await pilot.pause()
        if gated:
            await await_for(lambda: bool(app.chosen), timeout=3, what="a choice")
            assert app.chosen == ["split"]
        else:  # Down and Enter went to the screen under the menu
            assert app.chosen != ["split"], "the bug this gate fixes no longer shows"


@pytest.mark.parametrize("gated", [True, False])
async def test_text_typed_before_a_priority_binding_is_saved_whole(gated: bool) -> None:
    app = Burst(gated)
    async with app.run_test() as pilot:
        text = "la liste des documents"
        burst(app, *text, "ctrl+s")
        await await_for(lambda: bool(app.saved), timeout=3, what="a save")
        await pilot.pause()
        if gated:
            assert app.saved == [text]
        else:
            assert app.saved != [text], "the bug this gate fixes no longer shows"


@pytest.mark.parametrize("gated", [True, False])
async def test_keys_after_a_focus_change_go_to_the_new_focus(gated: bool) -> None:
    app = Burst(gated)
    async with app.run_test() as pilot:
        first, second = app.query_one("#first", Input), app.query_one("#second", Input)
        burst(app, "a", "ctrl+n", "b", "c")
        await await_for(lambda: len(first.value + second.value) >= 3, timeout=3)
        await pilot.pause()
        if gated:
            assert (first.value, second.value) == ("a", "bc")
        else:
            assert (first.value, second.value) != ("a", "bc"), "the bug no longer shows"
