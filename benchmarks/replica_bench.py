"""Replica benchmark: view() build times over 100,000 files (filter, sort, first page, RSS).

Run: ``.venv/bin/python -m benchmarks.replica_bench [--files 100000] [--repeat 5]``.
Prints a Markdown table; every figure is the median (and max) of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from athena_tui.replica import SORT_COLUMNS, Replica, ReplicaView, Tab
from backend_client.models import AgentRef, ChannelKind, FileSummary, Priority, Status, SyncPage
from backend_client.niss import make_niss
from backend_client.ticket import make_ticket

AGENT_ID = 7
GROUPS = ("fr", "nl", "de", "partner-a")
FIRST = ("Jan", "Marie", "Éloïse", "Luc", "Anaïs", "Pieter", "Sofie", "Mohamed", "Léa", "Tom")
LAST = ("Peeters", "Janssens", "Dubois", "Lambert", "Maes", "Müller", "Çelik", "Dupont", "Wouters")
WORDS = (
    "pension carrière attestation période chômage maladie employeur année calcul "
    "erreur salaire loopbaan werkgever ziekte vraag career question missing days"
).split()


def make_summaries(count: int, seed: int = 42) -> Iterator[FileSummary]:
    """Deterministic summaries: ~60 % of the scope in the agent's group queue."""
    rng = random.Random(seed)
    base = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    me = AgentRef(id=AGENT_ID, name="Agent Seven")
    others = [
        AgentRef(id=100 + i, name=f"{rng.choice(FIRST)} {rng.choice(LAST)}") for i in range(30)
    ]
    for file_id in range(1, count + 1):
        created = base + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 700))
        roll = rng.random()
        closed = roll < 0.2
        if closed:
            status, assignee, closed_by = Status.CLOSED, None, me
        elif roll < 0.3:
            status, assignee, closed_by = rng.choice((Status.ASSIGNED, Status.WAITING)), me, None
        elif roll < 0.6:
            status, assignee, closed_by = Status.ASSIGNED, rng.choice(others), None
        else:
            status, assignee, closed_by = Status.NEW, None, None
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 20000))
        yield FileSummary(
            id=file_id,
            ticket=make_ticket(file_id),
            citizen_niss=make_niss(birth, rng.randrange(1, 998)),
            citizen_name=f"{rng.choice(LAST)} {rng.choice(FIRST)}",
            subject=" ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 8))),
            channel=rng.choice(list(ChannelKind)),
            channel_name=rng.choice(("My Career", "Partner app", "Agent")),
            group_id=rng.choice(GROUPS),
            assignee=assignee,
            status=status,
            priority=rng.choice(list(Priority)),
            language=rng.choice(("fr", "nl")),
            created_at=created,
            updated_at=created + dt.timedelta(hours=1),
            closed_at=created + dt.timedelta(days=2) if closed else None,
            closed_by=closed_by,
            version=rng.randrange(1, 9),
            message_count=rng.randrange(1, 12),
            last_message_at=created + dt.timedelta(hours=rng.randrange(1, 200)),
            unread=rng.random() < 0.1,
        )


def fill(replica: Replica, count: int) -> float:
    """Fill through apply() in 1,000-file pages like a first sync; returns seconds."""
    started = time.perf_counter()
    batch: list[FileSummary] = []
    for summary in make_summaries(count):
        batch.append(summary)
        if len(batch) == 1000:
            replica.apply(SyncPage(files=batch, cursor=str(summary.id), more=True))
            batch = []
    if batch:
        replica.apply(SyncPage(files=batch, cursor=str(count)))
    return time.perf_counter() - started


def timed(fn: Callable[[], object], repeat: int, clear: Callable[[], None]) -> tuple[float, float]:
    """Median and max milliseconds of ``fn`` (caches cleared before each run)."""
    samples = []
    for _ in range(repeat):
        clear()
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    repeat: int = args.repeat

    with tempfile.TemporaryDirectory() as tmp:
        replica = Replica(Path(tmp) / "bench.db")
        replica.set_scope(AGENT_ID, GROUPS)
        fill_s = fill(replica, args.files)
        size_mb = (Path(tmp) / "bench.db").stat().st_size / 1e6
        clear = replica._changed  # drops the view cache, as a sync write would
        counts = replica.counts()
        lines = [
            f"files: {args.files:,}; fill through apply(): {fill_s:.1f} s; "
            f"file {size_mb:.1f} MB; tabs: "
            + ", ".join(f"{tab.value} {n:,}" for tab, n in counts.items()),
            "",
            "| view() | rows | median ms | max ms |",
            "|---|---|---|---|",
        ]

        def row(label: str, fn: Callable[[], ReplicaView | object], n: int | None = None) -> None:
            med, worst = timed(fn, repeat, clear)
            shown = f"{n:,}" if n is not None else ""
            lines.append(f"| {label} | {shown} | {med:.1f} | {worst:.1f} |")

        for tab in Tab:
            row(f"{tab.value}, default order", partial(replica.view, tab), counts[tab])
        row("counts()", replica.counts)
        typed = "dubois"
        for n in range(1, 7):
            text = typed[:n]
            size = len(replica.view(Tab.GROUP_QUEUE, text))
            row(
                f"group queue, filter {text!r}",
                partial(replica.view, Tab.GROUP_QUEUE, text),
                size,
            )
        # While the agent types, no sync write happens between keystrokes, so the
        # unfiltered ordering stays cached and only the match + intersection run.
        for n in range(1, 7):
            text = typed[:n]

            typing_samples: list[float] = []

            def typing(text: str = text, typing_samples: list[float] = typing_samples) -> None:
                replica.view(Tab.GROUP_QUEUE)  # cached ordering (as left by the last key)
                with replica._lock:
                    for key in [k for k in replica._view_cache if k[1]]:
                        del replica._view_cache[key]  # but no cached result for this text
                started = time.perf_counter()
                replica.view(Tab.GROUP_QUEUE, text)
                typing_samples.append((time.perf_counter() - started) * 1000)

            for _ in range(repeat):
                typing(text)
            lines.append(
                f"| group queue, typing {text!r} (ordering cached) | | "
                f"{statistics.median(typing_samples):.1f} | {max(typing_samples):.1f} |"
            )
        for text in ("85.07", "SR00123", "carriere", "jan peeters"):
            size = len(replica.view(Tab.GROUP_QUEUE, text))
            row(
                f"group queue, filter {text!r}",
                partial(replica.view, Tab.GROUP_QUEUE, text),
                size,
            )
        for column in SORT_COLUMNS:
            for desc in (False, True):
                row(
                    f"group queue, sort {column} {'desc' if desc else 'asc'}",
                    partial(replica.view, Tab.GROUP_QUEUE, "", column, desc),
                    counts[Tab.GROUP_QUEUE],
                )
        # Toggling direction re-uses the cached ordering (no clear between the two calls).
        replica.view(Tab.GROUP_QUEUE, sort="subject")
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            replica.view(Tab.GROUP_QUEUE, sort="subject", descending=True)
            samples.append((time.perf_counter() - started) * 1000)
        lines.append(
            f"| group queue, toggle subject asc→desc (cached) | | "
            f"{statistics.median(samples):.1f} | {max(samples):.1f} |"
        )
        view = replica.view(Tab.GROUP_QUEUE)
        row(
            "first page: rows(0, 60) on a fresh view",
            lambda: ReplicaView(replica, list(view.file_ids())).rows(0, 60),
            60,
        )
        row(
            "page in the middle: rows(n/2, n/2+60)",
            lambda: ReplicaView(replica, list(view.file_ids())).rows(
                len(view) // 2, len(view) // 2 + 60
            ),
            60,
        )
        row(
            "index_of(last id) (builds the id→index map)",
            lambda: ReplicaView(replica, list(view.file_ids())).index_of(view.file_ids()[-1]),
            None,
        )
        lines.append("")
        lines.append(f"peak RSS of this process: {rss_mb():.0f} MB")
        replica.close()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
