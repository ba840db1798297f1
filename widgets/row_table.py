"""A read-only table of rows with the keys and cursor look of the file lists."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable


class RowTable(DataTable[Text]):
    """A DataTable of Text cells with the keys and cursor look of every other list.

    Cells are ``Text``, never ``str`` (DataTable parses ``str`` as markup). Without colour
    (NO_COLOR, a monochrome terminal) the cursor row is reverse video, bold when the table
    has focus, since a grey band alone may not be seen.
    """

    DEFAULT_CSS = """
    RowTable:nocolor > .datatable--cursor { text-style: reverse; }
    RowTable:nocolor:focus > .datatable--cursor { text-style: bold reverse; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="row_table.down", tooltip="Next row"),
        Binding("k", "cursor_up", "Up", show=False, id="row_table.up", tooltip="Previous row"),
        Binding("g", "scroll_top", "First", show=False, id="row_table.first", tooltip="First row"),
        Binding("G", "scroll_bottom", "Last", show=False, id="row_table.last", tooltip="Last row"),
    ]
