"""When the app locks itself: the time of the agent's last key or click against the
configured delay (pure: the app feeds it events and its clock)."""

from __future__ import annotations

import datetime as dt

from textual import events

ACTIVITY = (
    events.Key,
    events.Paste,
    events.MouseDown,
    events.MouseScrollDown,
    events.MouseScrollUp,
)
"""What counts as the agent at the terminal. Mouse moves do not: a bumped mouse or a
terminal repainting its pointer must not keep an abandoned screen open."""

IDLE_POLL = 1.0
"""Seconds between two looks at the idle time (a comparison of two datetimes)."""


class IdleWatch:
    """The last activity, and whether ``after`` has gone by since (never with 0)."""

    def __init__(self, after: dt.timedelta, now: dt.datetime) -> None:
        self.after = after
        self.last = now

    def touch(self, now: dt.datetime) -> None:
        self.last = now

    def due(self, now: dt.datetime) -> bool:
        return self.after > dt.timedelta(0) and now - self.last >= self.after
