"""Hostile citizen text through every widget that shows it, read back through a terminal
emulator: no escape sequence and no markup from data ever reaches the terminal, and
invisible bidi / zero-width characters are shown as ⟨U+XXXX⟩.

Hypothesis makes the strings (Rich markup, CSI/OSC/DCS, C0/C1 controls, bidi and
zero-width characters, lone surrogates, wide and combining characters, very long
lines) in batches of 80: 125 batches = 10,000 strings, each one through the file
table, the message thread, the citizen title, the timeline's labels (detail panel
and problem line) and (every fifth batch: 2,000 strings) a confirmation dialog.
Each batch is rendered by Textual's own compositor (the bytes it would write) and
fed to pyte: one app, no pty per example.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence

import pyte
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import Static
from wcwidth import wcwidth

from backend_client.models import (
    AttachmentMeta,
    CareerKind,
    CareerPeriod,
    Citizen,
    Message,
    Side,
)
from backend_client.text import one_line, safe_text
from screens.citizen import citizen_title
from tests.widgets.hosts import NOW, make_rows
from widgets.confirm import ConfirmDialog
from widgets.file_table import FileTable, ListRowSource
from widgets.message_thread import MessageThread
from widgets.timeline import TimelineDetail, describe_period

BATCH = 80
BATCHES = int(os.environ.get("HOSTILE_BATCHES", "125"))
WIDTH, HEIGHT = 120, 110
DIALOG_EVERY = 5
THREAD_WIDTH = 80
RENDERED = [0]  # batches rendered so far
SPARE = 1
"""A column more in the emulator than the app draws: pyte wraps a combining mark drawn
in the last column onto the next line (a real terminal keeps it on its character)."""

# ------------------------------------------------------------------ the strings

MARKUP = [
    "[bold]",
    "[/]",
    "[/bold]",
    "[red on blue]",
    "[link=https://evil.example]",
    "[@click=app.quit]",
    "[b]x[/b]",
    ":smile:",
    "\\[escaped]",
    "[",
    "]",
]
SEQUENCES = [
    "\x1b[31m",
    "\x1b[2J",
    "\x1b[H",
    "\x1b[?1049h",
    "\x1b[5A",
    "\x1b]0;owned\x07",
    "\x1b]2;title\x1b\\",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x1bP+q544e\x1b\\",
    "\x1b_apc\x1b\\",
    "\x9b31m",
    "\x9d0;c1-title\x9c",
    "\x1bc",
    "\x1b7\x1b8",
]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x61C)]
ZERO_WIDTH = [chr(c) for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)]
WIDE = ["漢", "字", "한", "글", "😀", "🎉", "ｗ", "Ａ"]
COMBINING = ["e\u0301", "a\u0308", "n\u0303"]
OTHER = ["\ud800", "\udfff", "\u2028", "\u2029", "\u00ad", "\r\n", "\r", "\n", "\t"]
CONTROLS = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))]

pieces = st.one_of(
    st.text(
        alphabet=st.characters(
            min_codepoint=0x20, max_codepoint=0x24F, blacklist_categories=("Cc", "Cf")
        ),
        max_size=12,
    ),
    st.sampled_from(MARKUP),
    st.sampled_from(SEQUENCES),
    st.sampled_from(BIDI),
    st.sampled_from(ZERO_WIDTH),
    st.sampled_from(WIDE),
    st.sampled_from(COMBINING),
    st.sampled_from(OTHER),
    st.sampled_from(CONTROLS),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=6),
)


@st.composite
def hostile(draw: st.DrawFn) -> str:
    text = "".join(draw(st.lists(pieces, max_size=12)))
    if draw(st.integers(0, 39)) == 0:  # one in forty: a very long line
        text = text * draw(st.integers(10, 30)) + "x" * draw(st.integers(200, 400))
    return text


# ------------------------------------------------------------------ the widgets


class Host(App[None]):
    CSS = """
    FileTable { height: 22; }
    Horizontal { height: 80; }
    #titles, #problems { width: 1fr; height: 80; text-wrap: nowrap; text-overflow: ellipsis; }
    TimelineDetail { height: 8; }
    MessageThread { display: none; }  /* rendered message by message, off the screen */
    """

    def compose(self) -> ComposeResult:
        yield FileTable(id="files")
        with Horizontal():  # side by side: fewer cells for the emulator to draw
            yield Static(id="titles", markup=False)
            yield Static(id="problems", markup=False)
        yield TimelineDetail()
        yield MessageThread(id="thread")


def period(employer: str, index: int) -> CareerPeriod:
    start = dt.date(1980 + index, 1, 1)
    return CareerPeriod(
        id=index + 1,
        kind=CareerKind.EMPLOYEE,
        start=start,
        end=start + dt.timedelta(days=300),
        days=300,
        employer=employer,
        remuneration=1000.0,
        attestation_date=start,
    )


def citizen(first: str, last: str) -> Citizen:
    return Citizen(
        niss="78011300111",
        first_name=first,
        last_name=last,
        birth_date=dt.date(1978, 1, 13),
        language="fr",
    )


def messages(strings: Sequence[str]) -> list[Message]:
    """Eight messages; each body holds five of the strings, one a line."""
    out = []
    for i in range(len(strings) // 5):
        part = strings[i * 5 : i * 5 + 5]
        out.append(
            Message(
                id=i + 1,
                side=[Side.CITIZEN, Side.CONTACT_CENTER, Side.SYSTEM, Side.CITIZEN][i % 4],
                author=part[0],
                body="\n".join(part) or "x",
                visible_to_citizen=True,
                final=i == 1,
                created_at=NOW,
                attachments=[
                    AttachmentMeta(
                        id=i + 1, name=part[1], media_type="text/plain", size=10, sha256="0" * 64
                    )
                ],
            )
        )
    return out


# ------------------------------------------------------------------ the checks

# anything a terminal would take as (the start of) a control or escape sequence
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# the UI's own frame and padding, removed when looking for the data in the output
_FRAME = re.compile(r"[\s│┃║╭╮╰╯╔╗╚╝┏┓┗┛─━═▌▐▎▏█…]")


def strip_texts(lines: Iterable[Iterable[Strip] | Strip]) -> list[str]:
    out = []
    for line in lines:
        strips = [line] if isinstance(line, Strip) else list(line)
        out.append("".join(segment.text for strip in strips for segment in strip))
    return out


def visible(text: str) -> str:
    """A line as pyte keeps it: composed (NFC, as pyte stores combining marks), zero-width
    characters attached to a cell or gone."""
    if text.isascii():
        return text.rstrip()
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if ch.isascii() or wcwidth(ch) > 0).rstrip()


def through_terminal(app: App[None], width: int, height: int) -> list[str]:
    """The screen as Textual writes it, read by a terminal emulator."""
    update = app.screen._compositor.render_full_update()
    for text in strip_texts(update.strips):
        assert not _CONTROL.search(text), repr(text)
    data = update.render_segments(app.console)
    screen = pyte.Screen(width + SPARE, height)
    stream = pyte.Stream(screen)
    stream.feed(data)
    # no title, icon or mode change reached the terminal from the data
    assert screen.title == "" and screen.icon_name == ""
    assert 1049 << 5 not in screen.mode and 1049 not in screen.mode
    shown = [visible(line) for line in screen.display]
    expected = [visible(text) for text in strip_texts(update.strips)]
    assert shown == expected
    return shown


def prefix(text: str, cells: int) -> str:
    """The longest start of ``text`` within ``cells`` cells."""
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells:
            break
        out += ch
    return out


def find(lines: Sequence[str], value: str, cells: int) -> None:
    """The start of ``value`` (as the sanitiser shows it) is on some line (``lines``
    without their frames): markup would have eaten its brackets, an escape its
    characters."""
    wanted = _FRAME.sub("", visible(prefix(one_line(value), cells)))
    assert any(wanted in line for line in lines), (value, wanted)


def unframed(shown: Sequence[str]) -> list[str]:
    return [_FRAME.sub("", line) for line in shown]


def check_thread(thread: MessageThread, batch: list[Message]) -> None:
    """Every line of every message through pyte; each body whole, as safe text."""
    width = THREAD_WIDTH
    console = thread.app.console
    for message in batch:
        rendered, _ = thread._render_message(message, width)
        # Textual crops a line to the widget's width, as it is drawn
        lines = [strip.crop_extend(0, width, None) for strip in rendered]
        texts = strip_texts(lines)
        for text in texts:
            assert not _CONTROL.search(text), repr(text)
        screen = pyte.Screen(width + SPARE, len(lines))
        pyte.Stream(screen).feed("\r\n".join(strip.render(console) for strip in lines))
        assert screen.title == ""
        assert [visible(line) for line in screen.display] == [visible(text) for text in texts]
        joined = _FRAME.sub("", visible("".join(texts)))
        assert _FRAME.sub("", visible(safe_text(message.body))) in joined, message.body


# ------------------------------------------------------------------ the test


Batch = tuple[list[str], "asyncio.Future[None]"]


async def serve(queue: asyncio.Queue[Batch | None]) -> None:
    """One app for every batch, in one task (Textual's context lives in it)."""
    async with Host().run_test(size=(WIDTH, HEIGHT)) as pilot:
        while (item := await queue.get()) is not None:
            strings, done = item
            try:
                await render_batch(pilot, strings)
            except BaseException as error:  # handed to the hypothesis example
                done.set_exception(error)
            else:
                done.set_result(None)


def test_hostile_strings_never_reach_the_terminal_as_escapes_or_markup() -> None:
    loop = asyncio.new_event_loop()
    queue: asyncio.Queue[Batch | None] = asyncio.Queue()
    server = loop.create_task(serve(queue))
    seen = 0
    try:

        @settings(
            max_examples=BATCHES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
            # no shrinking: a batch of 80 long strings shrinks for minutes; the failing
            # string is named by the assertion
            phases=(Phase.explicit, Phase.generate),
        )
        @given(st.lists(hostile(), min_size=BATCH, max_size=BATCH))
        def check(strings: list[str]) -> None:
            nonlocal seen
            done: asyncio.Future[None] = loop.create_future()
            queue.put_nowait((strings, done))
            loop.run_until_complete(done)
            seen += len(strings)

        check()
    finally:
        queue.put_nowait(None)
        loop.run_until_complete(server)
        loop.close()
    assert seen >= BATCH * BATCHES


async def render_batch(pilot: Pilot[None], strings: list[str]) -> None:
    app = pilot.app
    table = app.query_one(FileTable)
    rows = [
        row._replace(
            # 20 rows, four strings each: every string of the batch once
            citizen_name=strings[i],
            subject=strings[i + 20],
            channel_name=strings[i + 40],
            assignee_name=strings[i + 60],
        )
        for i, row in enumerate(make_rows(BATCH // 4))
    ]
    table.source = ListRowSource(rows)
    titles = Text("\n").join(
        citizen_title("78011300111", citizen(s, strings[(i + 5) % BATCH][:4]))
        for i, s in enumerate(strings)
    )
    app.query_one("#titles", Static).update(titles)
    periods = [period(s, i) for i, s in enumerate(strings)]
    app.query_one("#problems", Static).update(Text("\n".join(describe_period(p) for p in periods)))
    app.query_one(TimelineDetail).show_period(periods[0])
    thread = app.query_one(MessageThread)
    batch = messages(strings)
    thread.set_messages(batch)
    await pilot.pause()
    shown = unframed(through_terminal(app, WIDTH, HEIGHT))
    for row in rows:
        find(shown, row.subject, 12)
        find(shown, row.citizen_name, 6)
    for s in strings:
        find(shown, s, 16)  # the citizen titles, the problem lines
    check_thread(thread, batch)

    # a dialog costs a screen (compose, layout, a dimmed background): every fifth
    # batch, 2,000 strings in all
    RENDERED[0] += 1
    if RENDERED[0] % DIALOG_EVERY:
        return
    dialog = ConfirmDialog(strings[0], strings[1:])
    await app.push_screen(dialog)
    await pilot.pause()
    shown = unframed(through_terminal(app, WIDTH, HEIGHT))
    find(shown, strings[0], 30)
    dialog.dismiss(False)
    await pilot.pause()
