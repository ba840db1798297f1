"""A TCP proxy on loopback that drops, delays or cuts connections to a server, for fault
tests of the client (real sockets, real server behind it)."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from enum import StrEnum


class Fault(StrEnum):
    PASS = "pass"
    DROP = "drop"
    """Closed before anything reaches the server (the request is never seen)."""
    DELAY = "delay"
    """Forwarded after a short delay, both ways."""
    CUT = "cut"
    """The request reaches the server, which acts on it; its answer is thrown away and
    the connection closed (the client cannot know whether it was done)."""
    HOLD = "hold"
    """The request reaches the server; its answer is held back until the client gives
    up (the client waits, as over a stalled network)."""


class FaultProxy:
    """Forwards each new connection to ``upstream_port`` with the fault ``plan`` picks.

    One request per connection is assumed (the client under test is given a transport
    without keep-alive), so a fault hits exactly one request."""

    def __init__(
        self,
        upstream_port: int,
        *,
        rng: random.Random,
        weights: dict[Fault, float] | None = None,
        max_delay: float = 0.05,
    ) -> None:
        self.upstream_port = upstream_port
        self.rng = rng
        self.weights = weights or {Fault.PASS: 1.0}
        self.max_delay = max_delay
        self.seen: Counter[Fault] = Counter()
        self._server: asyncio.Server | None = None
        self.port = 0

    @property
    def faults(self) -> int:
        return sum(n for fault, n in self.seen.items() if fault is not Fault.PASS)

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def _pick(self) -> Fault:
        faults = list(self.weights)
        return self.rng.choices(faults, [self.weights[f] for f in faults])[0]

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        fault = self._pick()
        self.seen[fault] += 1
        try:
            if fault is Fault.DROP:
                return
            if fault is Fault.DELAY:
                # the fault itself, not a test waiting for something
                await asyncio.sleep(self.rng.uniform(0, self.max_delay))
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            try:
                answer = _hold(up_reader) if fault is Fault.HOLD else None
                await asyncio.gather(
                    _pipe(reader, up_writer),
                    answer or _pipe(up_reader, writer, cut=fault is Fault.CUT),
                )
            finally:
                up_writer.close()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


async def _hold(source: asyncio.StreamReader) -> None:
    """Read the answer and keep it: nothing goes back to the client."""
    while await source.read(65536):
        pass


async def _pipe(
    source: asyncio.StreamReader, sink: asyncio.StreamWriter, *, cut: bool = False
) -> None:
    try:
        while True:
            chunk = await source.read(65536)
            if not chunk or cut:
                # cut: the answer's first bytes are dropped and the connection closed
                sink.close()
                return
            sink.write(chunk)
            await sink.drain()
    except ConnectionError:
        sink.close()
