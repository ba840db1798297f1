"""Keys handled one at a time, in order, by the screen in front when each is handled.

Textual forwards a key by posting it to the focused widget's queue and goes on with the
next key at once; bindings run only when the key bubbles back up to the app. In a burst
(SSH, a paste, a fast typist) that splits keys between screens and reorders them:

- ``o Down Enter``: Down and Enter sit in the table's queue before ``o`` opens its menu,
  so Enter opens the file under the menu instead of choosing in it;
- text then ``ctrl+s``: a priority binding runs at once, while the last characters still
  wait in the editor's queue, and the text is saved without them.

The gate makes the app handle a key completely — forwarded, handled or bubbled back,
bindings run — before it takes the next one, and waits while the screen stack changes
or while a flow started by the key has not yet shown its dialog (or finished), so the
keys that follow go where the agent saw them going. Every wait is bounded: a stuck
widget delays keys, it never swallows them.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker

if TYPE_CHECKING:
    from textual.app import App

KEY_TIMEOUT = 1.0
"""The longest one key may take to be handled before the next one goes anyway."""
HOLD_TIMEOUT = 3.0
"""The longest keys wait for a flow to show its dialog, or for a new screen to settle."""

DROP_TIMEOUT = 15.0
"""The longest keys are dropped while waiting for the screen they were typed ahead of."""

BACKGROUND_GROUPS = frozenset(
    {"view", "sync", "news", "preload", "eid-card", "attach", "search", "pending"}
)
"""Worker groups that never open a dialog: keys do not wait for them. (A reply's draft
load is not one: keys typed as the editor opens wait for the draft, or it would
overwrite them.)"""

_FAST_POLLS = 200
"""Polls at every loop turn before slowing to a millisecond step (a key usually takes
a few turns of the loop)."""


class _Settling:
    """A screen change the keys wait for."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.finished = False

    def done(self) -> None:
        self.finished = True


class KeyGate:
    """Delivers the app's keys in order; see the module docstring."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._in_flight: Message | None = None
        self._bubbled = False
        self._settling: list[_Settling] = []
        self._drop_before: float | None = None
        # The messages themselves, not their ids: a message handled and freed meanwhile
        # may lend its id to one the key posts, which would then be taken for an old one.
        self._queued_before: list[Message | None] = []
        self._dropping_until: float | None = None

    # ------------------------------------------------------------------ app hooks

    async def deliver(
        self, event: events.Key | events.Paste, default: Callable[[events.Event], Awaitable[None]]
    ) -> None:
        """Handle ``event`` as the app would (``default``), completely, in turn."""
        await self._until_settled()
        if self._dropping_until is not None and time.monotonic() > self._dropping_until:
            self._dropping_until = None  # the screen never came: keys count again
        if self._dropping_until is not None or (
            self._drop_before is not None and event.time < self._drop_before
        ):
            return
        stack = self._stack()
        workers = set(self.app.workers)
        focused = self.app.focused
        self._queued_before = list(self._app_queue())
        self._in_flight, self._bubbled = event, False
        try:
            await default(event)
            await self._until_quiet(event, default)
        finally:
            self._in_flight = None
        if self.app.focused is not focused:
            # The focus moved (Tab, a menu closing): the next key waits for the frame
            # that shows it. Until then the focus chain may still hold what the key hid
            # (a closing Select's list), and the next Tab would land there.
            self._wait_for_frame()
        await self._after_key(stack, workers)
        self._queued_before = []

    def intercept(self, message: Message) -> bool:
        """True when ``message`` is the key in flight bubbling back to the app: the gate
        handles it in turn instead of the app's queue (where later keys already wait)."""
        if message is self._in_flight and message.is_forwarded:
            self._bubbled = True
            return True
        return False

    def screen_changed(self) -> None:
        """The screen stack changed: keys wait until the screen in front has mounted,
        focused and painted (bounded: a screen that never refreshes holds them no longer
        than HOLD_TIMEOUT)."""
        self._wait_for_frame()

    def _wait_for_frame(self) -> None:
        pending = _Settling(time.monotonic() + HOLD_TIMEOUT)
        self._settling.append(pending)
        self.app.screen.call_after_refresh(pending.done)

    def drop_typed_ahead(self) -> None:
        """Keys typed from now until the next screen has settled are dropped, not held:
        after a login, an Enter typed twice must not open a file the agent never saw.
        Bounded by DROP_TIMEOUT, should that screen never come."""
        self._dropping_until = time.monotonic() + DROP_TIMEOUT

    def screen_shown(self) -> None:
        """The screen the dropped keys were aimed past is on view: keys typed from now on
        count (those typed before it, still queued, are dropped)."""
        if self._dropping_until is not None:
            self._dropping_until = None
            self._drop_before = time.monotonic()

    # ------------------------------------------------------------------ waiting

    def _stack(self) -> tuple[Screen[Any], ...]:
        return tuple(self.app.screen_stack)

    async def _until_quiet(
        self, event: events.Event, default: Callable[[events.Event], Awaitable[None]]
    ) -> None:
        """Until the key and what it set off (messages posted by its handlers: an option
        selected, a button pressed) are handled on every screen; when the key bubbles back
        up, the app's own bindings run here, in turn."""
        deadline = time.monotonic() + KEY_TIMEOUT
        polls = quiet_polls = 0
        while True:
            if self._bubbled:
                self._bubbled = False
                await default(event)
            ran = await self._run_consequences()
            # Empty queues on two turns of the loop in a row: a handler between two
            # awaits has had its turn to post what it posts.
            quiet_polls = quiet_polls + 1 if self._quiet() and not ran else 0
            if quiet_polls >= 2 or time.monotonic() > deadline:
                return
            polls += 1
            await asyncio.sleep(0 if polls < _FAST_POLLS else 0.001)

    def _app_queue(self) -> deque[Message | None]:
        """The app's own message queue (Textual 8.2.8's Queue keeps a deque; textual is
        pinned to that version for this)."""
        values: deque[Message | None] = self.app._message_queue.values
        return values

    async def _run_consequences(self) -> bool:
        """Handle now what the key posted to the app (``widget.focus()`` and
        ``app.call_later`` go through the app's queue, behind the keys typed after it);
        keys and mouse events that arrived meanwhile keep their place."""
        queue = self._app_queue()
        before = {id(message) for message in self._queued_before}  # alive: held in the list
        caused = [
            message
            for message in queue
            if message is not None
            and id(message) not in before
            and not isinstance(message, events.InputEvent | events.Paste)
        ]
        if not caused:
            return False
        for message in caused:
            queue.remove(message)
        if not queue:
            self.app._message_queue.ready_event.clear()
        for message in caused:
            await self.app._dispatch_message(message)
        return True

    def _quiet(self) -> bool:
        """No message waiting for any widget of any screen."""
        for screen in self.app.screen_stack:
            for node in screen.walk_children(with_self=True):
                if node._message_queue.qsize():
                    return False
        return True

    async def _until_settled(self) -> None:
        while self._settling:
            now = time.monotonic()
            self._settling = [s for s in self._settling if not s.finished and s.deadline > now]
            if self._settling:
                await asyncio.sleep(0.002)

    async def _after_key(self, stack: tuple[Screen[Any], ...], before: set[Worker[Any]]) -> None:
        """Wait while a flow the key set going (or resumed, when the key closed its
        dialog) has not yet shown its next dialog or ended. A dialog shown is a screen in
        front that was not on the stack when the key came: it may already be there (the
        flow opened it while the key was handled), and then nothing waits."""
        await self._until_settled()
        flows = [
            worker
            for worker in self.app.workers
            if worker.group not in BACKGROUND_GROUPS
            and not worker.is_finished
            and (worker not in before or self._stack() != stack)
            and self._on_stack(worker)
        ]
        deadline = time.monotonic() + HOLD_TIMEOUT
        while flows and time.monotonic() < deadline:
            # What the flow posts to the app meanwhile (its focus() calls) comes first.
            await self._run_consequences()
            if self.app.screen not in stack:
                break
            flows = [worker for worker in flows if not worker.is_finished]
            await asyncio.sleep(0.002)
        await self._until_settled()
        await self._run_consequences()

    def _on_stack(self, worker: Worker[Any]) -> bool:
        """The worker belongs to the app or to a screen still on the stack (a closed
        screen's loading does not hold the keys of the one under it)."""
        node = worker.node
        if node is self.app:
            return True
        try:
            screen = node if isinstance(node, Screen) else getattr(node, "screen", None)
        except Exception:  # a widget no longer mounted has no screen
            return False
        return screen in self.app.screen_stack
