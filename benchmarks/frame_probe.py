"""Key → frame latency: post a key as Pilot does, stop at the next App._display."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rich.console import RenderableType
from textual import events
from textual._compositor import CompositorUpdate
from textual._wait import wait_for_idle
from textual.app import App
from textual.screen import Screen


@dataclass
class Timings:
    """Latencies of one operation, in milliseconds."""

    name: str
    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples) if self.samples else float("nan")

    @property
    def p99(self) -> float:
        if len(self.samples) < 2:
            return self.median
        return statistics.quantiles(self.samples, n=100, method="inclusive")[98]

    def row(self) -> str:
        count = len(self.samples)
        return f"{self.name}: median {self.median:.1f} ms, p99 {self.p99:.1f} ms (n={count})"


class FrameProbe:
    """Wraps ``app._display`` so a test or benchmark can await the next frame.

    Headless apps skip the terminal write, so the probe ANSI-encodes the frame itself
    (``render_segments``) inside the timed region: the figure is the real work from
    keystroke to bytes ready for the terminal, Textual's 60 fps update timer included.
    """

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.frames = 0
        self.last_frame_at: float | None = None
        self._waiter: asyncio.Future[float] | None = None
        self._original: Callable[[Screen[Any], RenderableType | None], None] = app._display
        app._display = self._display  # type: ignore[method-assign]

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        self._original(screen, renderable)
        if renderable is None:
            return
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.app.console)
        now = time.perf_counter()
        self.frames += 1
        self.last_frame_at = now
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(now)

    def arm(self) -> asyncio.Future[float]:
        """A future resolved with the perf_counter time of the next frame."""
        self._waiter = asyncio.get_running_loop().create_future()
        return self._waiter

    async def next_frame(self, timeout: float = 2.0) -> float:
        """Wait for the next frame; returns its perf_counter time."""
        waiter = self._waiter if self._waiter and not self._waiter.done() else self.arm()
        return await asyncio.wait_for(waiter, timeout)

    async def settle(self) -> None:
        """Let the app finish what the last key started (outside any timed region)."""
        await wait_for_idle(0)
        await self.app._animator.wait_until_complete()
        await wait_for_idle(0)

    def _send(self, key: str) -> None:
        driver = self.app._driver
        assert driver is not None, "run the app with run_test() first"
        character = key if len(key) == 1 else (" " if key == "space" else None)
        event = events.Key(key, character)
        event.set_sender(self.app)
        driver.send_message(event)

    async def send(self, key: str) -> None:
        """Post ``key`` untimed and wait until the app is idle (it may draw nothing)."""
        await self.settle()
        self._send(key)
        await self.settle()

    async def press(self, key: str, timeout: float = 2.0) -> float:
        """Milliseconds from posting ``key`` to the next frame handed to _display."""
        await self.settle()
        waiter = self.arm()
        start = time.perf_counter()
        self._send(key)
        end = await asyncio.wait_for(waiter, timeout)
        return (end - start) * 1000.0

    async def measure(self, name: str, key: str, repeat: int) -> Timings:
        """Press ``key`` ``repeat`` times and collect key → frame latencies."""
        timings = Timings(name)
        for _ in range(repeat):
            timings.samples.append(await self.press(key))
        return timings
