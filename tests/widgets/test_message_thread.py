"""MessageThread: order, alignment, labels, selection, navigation and text safety."""

from __future__ import annotations

import datetime as dt

from rich.style import Style
from textual.strip import Strip

from backend_client.models import Message, Side
from tests.widgets.hosts import ANSI, MARKUP, NOW, ThreadHost, make_messages
from widgets.message_thread import GUTTER, MessageThread, human_size, wrap


def lines_of(thread: MessageThread) -> list[str]:
    thread._ensure_laid_out(None)
    return [strip.text for strip in thread._lines]


def block_of(thread: MessageThread, message_id: int) -> list[str]:
    lines = lines_of(thread)
    index = next(i for i, m in enumerate(thread.messages) if m.id == message_id)
    return lines[thread._starts[index] : thread._ends[index]]


def indent(line: str) -> int:
    return len(line) - len(line.lstrip())


async def test_newest_first_by_default_and_oldest_first_on_request() -> None:
    app = ThreadHost(make_messages())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert [m.id for m in app.thread.messages] == [4, 3, 2, 1]
        assert app.thread.selected_message is not None
        assert app.thread.selected_message.id == 4
        app.thread.set_messages(make_messages(), newest_first=False)
        assert [m.id for m in app.thread.messages] == [1, 2, 3, 4]
        # The selection follows the message, not the position.
        assert app.thread.selected_message.id == 4


async def test_citizen_right_contact_center_left_system_centred() -> None:
    app = ThreadHost(make_messages())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        thread = app.thread
        citizen = block_of(thread, 1)
        answer = block_of(thread, 4)
        system = block_of(thread, 2)
        assert indent(citizen[0]) >= 100 // 4 - 2
        assert indent(answer[0]) == 0
        assert indent(citizen[1]) > indent(answer[1])
        assert indent(system[0]) > 0
        assert system[0].strip().startswith("— Athena")
        assert "Marie Dubois · Citizen · 2025-03-12 10:00" in citizen[0]
        assert any("report.pdf · 120 kB" in line for line in citizen)


async def test_internal_note_and_final_answer_are_labelled() -> None:
    app = ThreadHost(make_messages())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        thread = app.thread
        note = block_of(thread, 3)
        assert "INTERNAL NOTE — not visible to the citizen" in note[1]
        assert note[0].startswith("┏")
        final = block_of(thread, 4)
        assert "FINAL ANSWER" in final[0] and final[0].startswith("╔")
        ordinary = block_of(thread, 1)
        assert not any("INTERNAL NOTE" in line for line in ordinary)
        thread.labels["internal"] = "NOTE INTERNE"
        thread.set_messages(make_messages())
        assert "NOTE INTERNE" in block_of(thread, 3)[1]


async def test_next_previous_select_and_post_selected() -> None:
    app = ThreadHost(make_messages())
    async with app.run_test(size=(100, 12)) as pilot:
        thread = app.thread
        thread.focus()
        await pilot.press("n", "n", "]")
        assert thread.selected_index == 3
        assert thread.selected_message is not None and thread.selected_message.id == 1
        header_line = thread._starts[3]
        top = int(thread.scroll_y)
        assert top <= header_line < top + thread.scrollable_content_region.height
        await pilot.press("N", "[")
        assert thread.selected_index == 1
        await pilot.press("G")
        assert thread.selected_index == 3 and thread.scroll_y == thread.max_scroll_y
        await pilot.press("g")
        assert thread.selected_index == 0 and thread.scroll_y == 0
        await pilot.pause()
        assert app.selected[0] == 4
        assert app.selected[1:4] == [3, 2, 1]


async def test_line_and_page_scrolling() -> None:
    app = ThreadHost(make_messages())
    async with app.run_test(size=(60, 10)) as pilot:
        thread = app.thread
        thread.focus()
        await pilot.press("j", "j")
        assert thread.scroll_y == 2
        await pilot.press("k")
        assert thread.scroll_y == 1
        await pilot.press("space")
        assert thread.scroll_y == 1 + thread.scrollable_content_region.height - 1


def attributes(strip: Strip) -> list[tuple[str, bool, bool]]:
    """Each cell's character, bold and reverse: what is left of a line without colour
    (NO_COLOR, a monochrome terminal)."""
    cells: list[tuple[str, bool, bool]] = []
    for segment in strip:
        style = segment.style or Style()
        cells.extend((char, bool(style.bold), bool(style.reverse)) for char in segment.text)
    return cells


async def test_selected_message_shows_without_colour() -> None:
    app = ThreadHost(make_messages())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        thread = app.thread

        def rendered(index: int) -> list[Strip]:
            return [
                thread.render_line(y) for y in range(thread._starts[index], thread._ends[index])
            ]

        def gutter(strip: Strip) -> str:
            return strip.text[:GUTTER]

        first, second = rendered(0), rendered(1)
        # A marker down the whole selected message, none beside the others.
        assert gutter(first[0]) == "▶ "
        assert all(gutter(line) == "▌ " for line in first[1:])
        assert all(gutter(line) == "  " for line in second)
        # Its top border is reversed; another message's is not.
        assert any(reverse for _, _, reverse in attributes(first[0])[GUTTER:])
        assert not any(reverse for _, _, reverse in attributes(second[0]))
        while_selected = attributes(first[0])
        thread.focus()
        await pilot.press("n")
        assert thread.selected_index == 1
        first, second = rendered(0), rendered(1)
        assert gutter(second[0]) == "▶ " and gutter(first[0]) == "  "
        # The same line reads differently selected and not, colours aside.
        assert attributes(first[0]) != while_selected
        assert attributes(first[0])[GUTTER:] != while_selected[GUTTER:]


async def test_the_selected_citizen_message_reverses_only_its_box() -> None:
    app = ThreadHost(make_messages(), newest_first=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        thread = app.thread
        assert thread.selected_message is not None
        assert thread.selected_message.side is Side.CITIZEN
        header = attributes(thread.render_line(thread._starts[0]))
        left, width = thread._spans[0]
        indent = header[GUTTER : GUTTER + left]
        box = header[GUTTER + left : GUTTER + left + width]
        assert indent and not any(reverse for _, _, reverse in indent)
        assert all(reverse for _, _, reverse in box)


async def test_markup_and_ansi_in_messages_are_literal() -> None:
    message = Message(
        id=9,
        side=Side.CITIZEN,
        author=MARKUP,
        body=f"{MARKUP} and {ANSI}",
        visible_to_citizen=True,
        final=False,
        created_at=NOW,
    )
    app = ThreadHost([message])
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        text = "\n".join(app.thread.render_line(y).text for y in range(6))
        assert MARKUP in text
        assert "\x1b" not in text
        assert "[31mred" in text


async def test_resize_rewraps() -> None:
    app = ThreadHost(make_messages())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        wide = len(lines_of(app.thread))
        await pilot.resize_terminal(50, 40)
        await pilot.pause()
        assert app.thread._layout_width < 50
        assert len(lines_of(app.thread)) > wide


async def test_empty_thread() -> None:
    app = ThreadHost([])
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.press("n", "G")
        assert app.thread.selected_message is None
        assert "No messages" in app.thread.render_line(0).text


async def test_large_thread_lays_out_lazily_then_completely() -> None:
    base = make_messages()[0]
    many = [
        base.model_copy(update={"id": i, "created_at": NOW - dt.timedelta(minutes=i)})
        for i in range(200)
    ]
    app = ThreadHost(many)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.thread._laid == 200
        assert app.thread.virtual_size.height == len(app.thread._lines)


def test_wrap_and_human_size() -> None:
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert wrap("a\n\nb", 10) == ["a", "", "b"]
    assert [human_size(n) for n in (532, 1_200, 120_000, 4_200_000)] == [
        "532 B",
        "1.2 kB",
        "120 kB",
        "4.2 MB",
    ]
