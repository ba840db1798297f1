"""Translated labels for the widgets, which cannot import the app's t() themselves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from athena_tui.i18n import t
from widgets import file_table, message_thread, status_line
from widgets.confirm import Choice, ChoiceDialog


def translated(labels: Mapping[str, str]) -> dict[str, str]:
    """A widget's English labels in the interface language, same keys."""
    return {key: t(value) for key, value in labels.items()}


def column_labels() -> dict[str, str]:
    """FileTable column headers."""
    return translated(file_table.DEFAULT_COLUMN_LABELS)


def value_labels() -> dict[str, str]:
    """FileTable priority and status words."""
    return translated(file_table.DEFAULT_VALUE_LABELS)


def status_labels() -> dict[str, str]:
    """StatusLine words (``marked`` stays a ``{count}`` template)."""
    return translated(status_line.DEFAULT_LABELS)


def thread_labels() -> dict[str, str]:
    """MessageThread sides, note and final-answer banners, empty text."""
    return translated(message_thread.DEFAULT_LABELS)


def choice_dialog(
    title: str, choices: Sequence[Choice | tuple[str, str, str]], *, selected: str | None = None
) -> ChoiceDialog:
    """A ChoiceDialog whose filter placeholder and empty text are translated too."""
    return ChoiceDialog(
        title,
        choices,
        placeholder=t("Filter…"),
        empty_text=t("Nothing matches"),
        selected=selected,
    )
