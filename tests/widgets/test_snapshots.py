"""Snapshots of the file table and the thread at 120×40 and 80×24 (fixed data and clock)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.widgets.hosts import FileTableHost, ThreadHost, make_messages, make_rows

SnapCompare = Callable[..., bool]
SIZES = [(120, 40), (80, 24)]


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_file_table(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    app = FileTableHost(make_rows(60, unsafe_first=True))

    async def run_before(pilot: Pilot[Any]) -> None:
        app.table.focus()
        app.table.set_sort("age", True)
        await pilot.press("j", "space", "space", "j", "j")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_file_table_empty(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    assert snap_compare(FileTableHost([], empty_text="No contact files"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
def test_message_thread(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    app = ThreadHost(make_messages())

    async def run_before(pilot: Pilot[Any]) -> None:
        app.thread.focus()
        await pilot.press("n")

    assert snap_compare(app, terminal_size=size, run_before=run_before)
