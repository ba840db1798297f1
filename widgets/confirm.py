"""Reusable modal dialogs: a yes/no confirmation and a filterable list picker."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar, Literal, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets._button import ButtonVariant
from textual.widgets.option_list import Option

from backend_client.text import one_line, safe_text
from widgets.picker import Picker


class ConfirmDialog(ModalScreen[bool]):
    """Ask one question; dismisses with True (confirm) or False (cancel).

    ``body`` lines are shown as plain text (never markup), so file subjects and
    citizen names can be listed safely. ``default`` is the button that has the focus
    (enter presses it): "cancel" where confirming loses the agent's work.
    """

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
        background: $background 60%;
        & > #confirm-box {
            width: auto;
            min-width: 40;
            max-width: 90%;
            height: auto;
            max-height: 90%;
            border: thick $primary;
            background: $surface;
            padding: 1 2;
        }
        & #confirm-title { text-style: bold; color: $primary; margin-bottom: 1; width: 100%; }
        & #confirm-body { height: auto; max-height: 50vh; width: 100%; }
        /* Lines wrap inside the box rather than lose their end on a narrow terminal. */
        & #confirm-body > Static { width: 100%; }
        & #confirm-buttons { height: auto; width: auto; margin-top: 1; }
        & #confirm-buttons > Button { margin-right: 2; }
        &.-danger > #confirm-box { border: thick $error; }
        &.-danger #confirm-title { color: $error; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Yes", id="confirm.yes", tooltip="Confirm"),
        Binding("enter", "confirm", "Yes", show=False),
        Binding("n", "cancel", "No", id="confirm.no", tooltip="Cancel"),
        Binding("escape", "cancel", "No", show=False),
        Binding("left", "app.focus_previous", "Previous button", show=False),
        Binding("right", "app.focus_next", "Next button", show=False),
    ]

    def __init__(
        self,
        title: str,
        body: Iterable[str] = (),
        *,
        confirm_label: str = "Yes",
        cancel_label: str = "No",
        danger: bool = False,
        default: Literal["confirm", "cancel"] = "confirm",
    ) -> None:
        super().__init__(classes="-danger" if danger else None)
        self.default = default
        self.title_text = one_line(title)
        self.body_lines = [safe_text(line) for line in body]
        self.confirm_label = one_line(confirm_label)
        self.cancel_label = one_line(cancel_label)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Text(self.title_text), id="confirm-title")
            with VerticalScroll(id="confirm-body"):
                for line in self.body_lines:
                    yield Static(Text(line), markup=False)
            with Horizontal(id="confirm-buttons"):
                # The default button, the one with the focus, is the one that looks it.
                confirm_first = self.default == "confirm"
                yes: ButtonVariant = "primary" if confirm_first else "default"
                no: ButtonVariant = "default" if confirm_first else "primary"
                yield Button(Content(self.confirm_label), variant=yes, id="confirm-yes")
                yield Button(Content(self.cancel_label), variant=no, id="confirm-no")

    def on_mount(self) -> None:
        button = "#confirm-no" if self.default == "cancel" else "#confirm-yes"
        self.query_one(button, Button).focus()
        self._fit_width()

    def on_resize(self) -> None:
        self._fit_width()

    def _fit_width(self) -> None:
        """As wide as the longest line (within 90% of the screen); longer lines wrap."""
        # The buttons: border and padding (4) each, a margin of 2 after each.
        buttons = self.confirm_label + self.cancel_label + " " * 12
        texts = [self.title_text, *self.body_lines, buttons]
        longest = max(cell_len(line) for text in texts for line in text.splitlines() or [""])
        frame = 6 + 2  # thick border and padding, both sides; the scrollbar's room
        room = max(40, int(self.size.width * 0.9)) if self.size.width else longest + frame
        self.query_one("#confirm-box").styles.width = max(40, min(longest + frame, room))

    @on(Button.Pressed, "#confirm-yes")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_cancel(self) -> None:
        self.dismiss(False)


class Choice(NamedTuple):
    """One option of a ChoiceDialog: the value returned, a label and a detail
    (e.g. a teammate's current load)."""

    value: str
    label: str
    detail: str = ""


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one value from a list filtered as you type; None when cancelled.

    Type to filter (label and detail, case-insensitive), up/down to move, enter to
    pick, escape to cancel.
    """

    DEFAULT_CSS = """
    ChoiceDialog {
        align: center middle;
        background: $background 60%;
        & > #choice-box {
            width: 60;
            max-width: 95%;
            height: auto;
            max-height: 90%;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }
        & #choice-title { text-style: bold; color: $primary; margin: 1 0; }
        & #choice-options { height: auto; max-height: 16; }
        & #choice-empty { color: $text-muted; text-style: italic; display: none; }
        &.-empty #choice-empty { display: block; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="choice.cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("enter", "pick", "Choose", id="choice.pick", priority=True),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice | tuple[str, str, str]],
        *,
        placeholder: str = "Filter…",
        empty_text: str = "Nothing matches",
        selected: str | None = None,
    ) -> None:
        super().__init__()
        self.title_text = one_line(title)
        self.choices = [Choice(*choice) for choice in choices]
        self.placeholder = one_line(placeholder)
        self.empty_text = one_line(empty_text)
        self.initial = selected
        self._shown: list[Choice] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static(Text(self.title_text), id="choice-title")
            yield Input(placeholder=self.placeholder, id="choice-filter")
            yield Picker(id="choice-options")
            yield Static(Text(self.empty_text), id="choice-empty")

    def on_mount(self) -> None:
        self._fill("")
        if self.initial is not None:
            for index, choice in enumerate(self._shown):
                if choice.value == self.initial:
                    self._options.highlighted = index
        self.query_one("#choice-filter", Input).focus()

    @property
    def _options(self) -> OptionList:
        return self.query_one("#choice-options", OptionList)

    def _fill(self, query: str) -> None:
        # "/" opens the filter in every other list: typed here out of habit, it is not
        # part of what is looked for.
        needle = query.casefold().strip().removeprefix("/").strip()
        self._shown = [
            choice
            for choice in self.choices
            if not needle or needle in f"{choice.label} {choice.detail}".casefold()
        ]
        options = self._options
        options.clear_options()
        options.add_options(Option(self._prompt(choice)) for choice in self._shown)
        if self._shown:
            options.highlighted = 0
        self.set_class(not self._shown, "-empty")

    @staticmethod
    def _prompt(choice: Choice) -> Text:
        prompt = Text(one_line(choice.label))
        if choice.detail:
            prompt.append("  ")
            prompt.append(one_line(choice.detail), style="dim")
        return prompt

    @on(Input.Changed, "#choice-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(OptionList.OptionSelected, "#choice-options")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._shown[event.option_index].value)

    def action_move(self, delta: int) -> None:
        options = self._options
        if not self._shown:
            return
        current = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(current + delta, len(self._shown) - 1))

    def action_pick(self) -> None:
        index = self._options.highlighted
        if index is not None and 0 <= index < len(self._shown):
            self.dismiss(self._shown[index].value)

    def action_cancel(self) -> None:
        self.dismiss(None)
