"""FileTable: cursor, paging, marks, sort requests, source swaps and text safety."""

from __future__ import annotations

import datetime as dt

from textual.pilot import Pilot

from tests.widgets.hosts import ANSI, MARKUP, NOW, BackHost, FileTableHost, make_rows
from widgets.file_table import (
    FileTable,
    ListRowSource,
    SortKey,
    compact_age,
    compute_widths,
    fit,
)


def screen_text(app: FileTableHost) -> list[str]:
    table = app.table
    return [table.render_line(y).text for y in range(table.scrollable_content_region.height)]


async def test_cursor_moves_and_posts_highlighted() -> None:
    app = FileTableHost(make_rows(50))
    async with app.run_test(size=(120, 20)) as pilot:
        table = app.table
        table.focus()
        await pilot.press("j", "j", "down")
        assert table.cursor_row == 3
        await pilot.press("k", "up")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == 49
        assert table.scroll_y > 0
        await pilot.press("g")
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("end", "home")
        await pilot.pause()
        highlighted = [m.file_id for m in app.of_type(FileTable.Highlighted)]
        assert highlighted[0] == 1000
        assert 1003 in highlighted and 1049 in highlighted
        assert highlighted[-1] == 1000


async def test_paging_keeps_cursor_visible() -> None:
    app = FileTableHost(make_rows(200))
    async with app.run_test(size=(120, 20)) as pilot:
        table = app.table
        table.focus()
        page = table.scrollable_content_region.height - 1
        await pilot.press("pagedown")
        assert table.cursor_row == page
        top = int(table.scroll_y)
        assert top <= table.cursor_row < top + page
        await pilot.press("pagedown", "pageup")
        assert table.cursor_row == page
        await pilot.press("ctrl+d")
        assert table.cursor_row == page + page // 2
        await pilot.press("ctrl+u", "ctrl+u")
        assert table.cursor_row == page - page // 2
        await pilot.press("G", "pagedown")
        assert table.cursor_row == 199


async def test_enter_posts_opened() -> None:
    app = FileTableHost(make_rows(5))
    async with app.run_test(size=(120, 20)) as pilot:
        app.table.focus()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert [m.file_id for m in app.of_type(FileTable.Opened)] == [1001]


async def _marks(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_space_marks_and_moves_down_and_escape_clears() -> None:
    app = FileTableHost(make_rows(10))
    async with app.run_test(size=(120, 20)) as pilot:
        table = app.table
        table.focus()
        await _marks(pilot, "space", "space")
        assert table.marked_ids == {1000, 1001}
        assert table.cursor_row == 2
        await _marks(pilot, "k", "space")
        assert table.marked_ids == {1000}
        lines = screen_text(app)
        assert lines[1].startswith("▌") and not lines[2].startswith("▌")
        await _marks(pilot, "escape")
        assert table.marked_ids == set()
        counts = [m.count for m in app.of_type(FileTable.MarksChanged)]
        assert counts == [1, 2, 1, 0]


async def test_escape_bubbles_without_marks() -> None:
    app = BackHost(make_rows(3))
    async with app.run_test(size=(120, 20)) as pilot:
        app.table.focus()
        await _marks(pilot, "escape")
        assert app.backs == 1
        await _marks(pilot, "space", "escape")
        assert app.backs == 1 and app.table.marked_ids == set()
        await _marks(pilot, "escape")
        assert app.backs == 2


async def test_range_marks_with_v_and_shift_arrows() -> None:
    app = FileTableHost(make_rows(20))
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.table
        table.focus()
        await _marks(pilot, "j", "v", "j", "j", "j")
        assert table.range_anchor == 1
        assert table.marked_ids == {1001, 1002, 1003, 1004}
        await _marks(pilot, "v", "j", "j")
        assert table.range_anchor is None
        assert table.marked_ids == {1001, 1002, 1003, 1004}
        await _marks(pilot, "shift+down", "shift+down")
        assert table.marked_ids == {1001, 1002, 1003, 1004, 1006, 1007, 1008}
        await _marks(pilot, "shift+up")
        assert table.cursor_row == 7


async def test_star_marks_all_rows_of_the_source() -> None:
    app = FileTableHost(make_rows(300))
    async with app.run_test(size=(120, 20)) as pilot:
        app.table.focus()
        await _marks(pilot, "asterisk")
        assert len(app.table.marked_ids) == 300


async def test_sort_keys_post_requests_and_draw_indicator() -> None:
    app = FileTableHost(make_rows(5))
    async with app.run_test(size=(120, 20)) as pilot:
        table = app.table
        table.focus()
        await pilot.press("s", "s", "S", "S", "S")
        await pilot.pause()
        requests = [(m.column, m.descending) for m in app.of_type(FileTable.SortRequested)]
        assert requests == [
            ("ticket", False),
            ("citizen", False),
            ("citizen", True),
            ("citizen", False),
            ("citizen", True),
        ]
        header = table.render_line(0).text
        assert "Citizen▼" in header and "▲" not in header
        table.set_sort("age", False)
        assert table.render_line(0).text.rstrip().endswith("Age▲")


async def test_set_source_keeps_cursor_on_same_file_and_marks() -> None:
    rows = make_rows(100)
    app = FileTableHost(rows)
    async with app.run_test(size=(120, 20)) as pilot:
        table = app.table
        table.focus()
        await pilot.press(*["j"] * 30, "space")
        await pilot.pause()
        file_id = table.cursor_file_id
        assert file_id == 1031
        screen_line = table.cursor_row - int(table.scroll_y)
        table.set_source(ListRowSource(list(reversed(rows))))
        await pilot.pause()
        assert table.cursor_file_id == 1031
        assert table.cursor_row == 99 - 31
        assert table.cursor_row - int(table.scroll_y) == screen_line
        assert table.marked_ids == {1030}
        # A filter that drops the file: the cursor stays at the index, clamped.
        table.set_source(ListRowSource(rows[:10]))
        assert table.cursor_row == 9
        table.set_source(ListRowSource(rows), keep_file_id=1050)
        assert table.cursor_file_id == 1050
        table.set_source(ListRowSource(rows), keep_file_id=None)
        assert table.cursor_row == 0


async def test_empty_state_shows_empty_text() -> None:
    app = FileTableHost([], empty_text="Aucun dossier")
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.press("j", "enter", "space")
        assert "Aucun dossier" in app.table.render_line(1).text
        assert app.table.cursor_file_id is None
        assert not app.of_type(FileTable.Opened)


async def test_markup_and_ansi_from_data_are_shown_literally() -> None:
    app = FileTableHost(make_rows(3, unsafe_first=True))
    async with app.run_test(size=(160, 10)) as pilot:
        await pilot.pause()
        line = app.table.render_line(1)
        assert MARKUP in line.text
        assert "\x1b" not in line.text
        assert "[31mred" in line.text
        assert ANSI not in line.text


async def test_cursor_move_in_viewport_refreshes_two_lines() -> None:
    app = FileTableHost(make_rows(100))
    async with app.run_test(size=(120, 30)) as pilot:
        table = app.table
        table.focus()
        await pilot.pause()
        rendered: list[int] = []
        original = table.render_line

        def spy(y: int) -> object:
            rendered.append(y)
            return original(y)

        table.render_line = spy  # type: ignore[assignment,method-assign]
        await pilot.press("j")
        await pilot.pause()
        assert sorted(set(rendered)) == [1, 2]


def test_column_widths_fill_the_width_and_drop_columns_when_narrow() -> None:
    for width in (80, 100, 120, 160, 200):
        layout = compute_widths(width)
        assert 2 + sum(w for _, w in layout) + len(layout) == width
    assert "channel" not in {c.key for c, _ in compute_widths(80)}
    assert "channel" in {c.key for c, _ in compute_widths(120)}


def test_fit_and_compact_age() -> None:
    assert fit("abcdef", 4) == "abc…"
    assert fit("ab", 4) == "ab  "
    assert fit("ab", 4, right=True) == "  ab"
    assert fit("日本語", 4) == "日 …"
    ages = [compact_age(NOW - dt.timedelta(minutes=m), NOW) for m in (5, 180, 2 * 1440, 35 * 1440)]
    assert ages == ["5m", "3h", "2d", "5w"]
    assert compact_age(NOW - dt.timedelta(days=800), NOW) == "2y"
    assert compact_age(NOW.replace(tzinfo=None), NOW) == "0m"


def test_a_cut_subject_keeps_the_split_part_number() -> None:
    from widgets.file_table import fit_subject

    assert fit_subject("Attestation de mon employeur 2003 (1/2)", 20) == "Attestation d… (1/2)"
    assert fit_subject("Attestation de mon employeur 2003 (2/2)", 20) == "Attestation d… (2/2)"
    assert fit_subject("Court (1/2)", 14) == "Court (1/2)   "
    assert fit_subject("Attestation de mon employeur", 10) == fit(
        "Attestation de mon employeur", 10
    )


def test_columns_are_chosen_per_table_and_the_closing_date_drops_last() -> None:
    keys: tuple[SortKey, ...] = (
        "ticket",
        "citizen",
        "subject",
        "channel",
        "priority",
        "closed",
        "age",
    )
    wide = [c.key for c, _ in compute_widths(120, keys)]
    assert wide == list(keys)
    narrow = [c.key for c, _ in compute_widths(80, keys)]
    assert "closed" in narrow and "channel" not in narrow
    assert "status" not in wide and "assignee" not in wide
