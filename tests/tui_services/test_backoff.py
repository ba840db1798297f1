"""Reconnection waits: the backoff steps, jittered so clients cut off together spread out."""

from __future__ import annotations

import random
from pathlib import Path

from athena_tui.replica import Replica
from athena_tui.sync import BACKOFF, JITTER, SyncEngine
from backend_client.client import AthenaClient


def _engine(tmp_path: Path, seed: int) -> SyncEngine:
    client = AthenaClient("http://127.0.0.1:9")
    return SyncEngine(client, Replica(tmp_path / f"r{seed}.db"), rng=random.Random(seed))


def test_each_wait_is_its_step_within_the_jitter_and_the_last_step_caps_it(
    tmp_path: Path,
) -> None:
    engine = _engine(tmp_path, 1)
    for failures in range(1, len(BACKOFF) + 4):
        step = BACKOFF[min(failures, len(BACKOFF)) - 1]
        for _ in range(50):
            delay = engine.retry_delay(failures)
            assert step * (1 - JITTER) <= delay <= step * (1 + JITTER)


def test_clients_cut_off_together_do_not_come_back_in_step(tmp_path: Path) -> None:
    delays = {round(_engine(tmp_path, seed).retry_delay(3), 6) for seed in range(20)}
    assert len(delays) == 20
    spread = max(delays) - min(delays)
    assert spread > BACKOFF[2] * JITTER  # more than half the jitter band is used
