"""Translating the widgets' own key descriptions (widgets cannot import the i18n module)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from textual.binding import Binding
from textual.dom import DOMNode

from athena_tui.i18n import t


def widget_classes() -> list[type[DOMNode]]:
    """Every widget and dialog class of ``widgets/`` that declares bindings."""
    from widgets.career_tables import CareerDetail, CareerTable
    from widgets.confirm import ChoiceDialog, ConfirmDialog
    from widgets.file_table import FileTable
    from widgets.message_thread import MessageThread
    from widgets.row_table import RowTable
    from widgets.timeline import Timeline

    roots: list[type[DOMNode]] = [
        FileTable,
        MessageThread,
        Timeline,
        RowTable,
        CareerTable,
        CareerDetail,
        ConfirmDialog,
        ChoiceDialog,
    ]
    return roots


def _with_subclasses(cls: type[DOMNode]) -> Iterator[type[DOMNode]]:
    yield cls
    for sub in cls.__subclasses__():
        yield from _with_subclasses(sub)


def translate_widget_bindings() -> None:
    """Put each widget binding's description and tooltip through ``t()``.

    Bindings are class attributes merged when a class is created, so this runs once,
    after the language is set and before any screen is built (``athena_tui.cli``);
    every subclass then merges its bindings again."""
    roots = widget_classes()
    for root in roots:
        bindings = root.__dict__.get("BINDINGS", [])
        root.BINDINGS = [
            dataclasses.replace(
                binding,
                description=t(binding.description) if binding.description else "",
                tooltip=t(binding.tooltip) if binding.tooltip else "",
            )
            if isinstance(binding, Binding)
            else binding
            for binding in bindings
        ]
    for root in roots:
        for cls in _with_subclasses(root):
            cls._merged_bindings = cls._merge_bindings()
