"""NISS in lists: masked to the birth date part, one key shows the cursor row's whole."""

from __future__ import annotations

from backend_client.niss import format_niss
from tests.widgets.hosts import FileTableHost, make_rows
from widgets.file_table import format_niss_cell


def screen_lines(host: FileTableHost) -> list[str]:
    table = host.table
    return [table.render_line(y).text for y in range(table.size.height)]


def test_the_mask_keeps_the_birth_date_part() -> None:
    assert format_niss_cell("78011300111") == "78.01.13-•••.••"
    assert format_niss_cell("78011300111", revealed=True) == "78.01.13-001.11"
    assert format_niss_cell("not-a-niss") == "••••••••••"
    assert format_niss_cell("not-a-niss", revealed=True) == "not-a-niss"


async def test_lists_mask_the_niss_and_the_key_reveals_the_cursor_row_only() -> None:
    rows = make_rows(6)
    host = FileTableHost(rows)
    async with host.run_test(size=(140, 12)) as pilot:
        host.table.focus()
        await pilot.pause()
        text = "\n".join(screen_lines(host))
        for row in rows:
            assert format_niss(row.citizen_niss) not in text
            assert format_niss(row.citizen_niss)[:9] + "•••.••" in text
        await pilot.press("N")
        await pilot.pause()
        lines = screen_lines(host)
        shown = [r for r in rows if format_niss(r.citizen_niss) in "\n".join(lines)]
        assert shown == [rows[0]]  # the cursor's row, and it alone
        await pilot.press("j")  # moving on hides it again
        await pilot.pause()
        assert not any(format_niss(r.citizen_niss) in "\n".join(screen_lines(host)) for r in rows)
        await pilot.press("N", "N")  # the key toggles
        await pilot.pause()
        assert format_niss(rows[1].citizen_niss) not in "\n".join(screen_lines(host))
