"""Snapshots of the screens that matter, at 120x40 and 80x24, against the real server."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from screens.contact_file import ContactFileScreen
from screens.help import HelpScreen
from screens.reply import ReplyScreen
from tests.tui.conftest import AppFactory, login, wait_until
from widgets.file_table import FileTable

SIZES = [(120, 40), (80, 24)]
SnapCompare = Callable[..., bool]


async def settle(pilot: Pilot[None]) -> None:
    """Wait for every worker but the endless sync loop, then for the next frame."""
    app = pilot.app
    await wait_until(pilot, lambda: all(w.is_finished for w in app.workers if w.group != "sync"))
    await pilot.pause()


def _freeze(pilot: Pilot[None]) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False


async def _dashboard(pilot: Pilot[None]) -> None:
    await login(pilot)
    await pilot.press("2")
    await wait_until(pilot, lambda: pilot.app.screen.query_one(FileTable).row_count > 0)
    await settle(pilot)
    await pilot.pause()


async def _contact_file(pilot: Pilot[None]) -> None:
    await _dashboard(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ContactFileScreen))
    screen = pilot.app.screen
    assert isinstance(screen, ContactFileScreen)
    await wait_until(pilot, lambda: screen.contact is not None)
    await wait_until(pilot, lambda: screen.thread.laid_out)
    await settle(pilot)
    await pilot.pause()


async def _reply(pilot: Pilot[None]) -> None:
    await _contact_file(pilot)
    await pilot.press("r")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReplyScreen))
    screen = pilot.app.screen
    assert isinstance(screen, ReplyScreen)
    await wait_until(pilot, lambda: screen._loaded)
    await pilot.press(*"Bonjour, votre année 2012 est corrigée.")
    _freeze(pilot)
    await pilot.pause()


async def _help(pilot: Pilot[None]) -> None:
    await _dashboard(pilot)
    await pilot.press("question_mark")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=["120x40", "80x24"])
@pytest.mark.parametrize(
    "run_before",
    [_dashboard, _contact_file, _reply, _help],
    ids=["dashboard", "contact_file", "reply", "help"],
)
def test_screen_snapshot(
    snap_compare: SnapCompare,
    app_factory: AppFactory,
    size: tuple[int, int],
    run_before: Callable[[Pilot[None]], Awaitable[None]],
) -> None:
    assert snap_compare(app_factory(), terminal_size=size, run_before=run_before)
