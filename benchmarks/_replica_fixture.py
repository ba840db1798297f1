"""A cached 100,000-file replica of one agent's scope, filled through Replica.apply()."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from athena_tui.replica import SCHEMA_VERSION, Replica
from backend_client.models import AgentRef, ChannelKind, FileSummary, Priority, Status, SyncPage
from backend_client.niss import make_niss
from backend_client.ticket import make_ticket

FIXTURE_VERSION = "1"
"""Bump when the generated data change, so cached files are rebuilt."""

FIRST = (
    "Jan Marie Éloïse Luc Anaïs Pieter Sofie Mohamed Léa Tom Fatima Bart Nadia Karim Els "
    "Jean Lies Ahmed Chloé Wout"
).split()
LAST = (
    "Peeters Janssens Dubois Lambert Maes Müller Çelik Dupont Wouters Jacobs Mertens "
    "Willems Claes Goossens Laurent Lejeune Vermeulen Simon Martin Leclercq"
).split()
SUBJECTS = (
    "Question sur ma pension",
    "Vraag over mijn loopbaan",
    "Frage zu meinen Arbeitsjahren",
    "Période de chômage manquante",
    "Ziekteperiode ontbreekt in mijn loopbaan",
    "Attestation de carrière incorrecte",
    "Service militaire absent de ma carrière",
    "Studiejaren: gelijkstelling mogelijk?",
    "Remboursement de cotisations",
    "Adreswijziging naar het buitenland",
    "Erreur dans le calcul de ma pension",
    "Werkgever ontbreekt voor 1998",
)
CHANNELS = (
    (ChannelKind.MY_CAREER, "My Career"),
    (ChannelKind.MY_CAREER, "My Career"),
    (ChannelKind.MY_CAREER, "My Career"),
    (ChannelKind.PARTNER, "Partner: SFP"),
    (ChannelKind.PARTNER, "Partner: INASTI"),
    (ChannelKind.AGENT, "Agent"),
)
NOW = dt.datetime(2026, 11, 2, 12, 0, tzinfo=dt.UTC)


def make_summaries(
    count: int, agent: AgentRef, groups: Sequence[str], seed: int = 7
) -> Iterator[FileSummary]:
    """``count`` summaries, all in ``agent``'s scope: ~75 % open in the group queue
    (unassigned or with a colleague), ~12 % my open files, ~13 % files I closed."""
    rng = random.Random(seed)
    colleagues = [
        AgentRef(id=1000 + i, name=f"{rng.choice(FIRST)} {rng.choice(LAST)}") for i in range(40)
    ]
    other_groups = ("nl-desk", "de-desk", "partner-inasti")
    for file_id in range(1, count + 1):
        created = NOW - dt.timedelta(minutes=rng.randrange(5, 60 * 24 * 400))
        roll = rng.random()
        group = rng.choice(groups)
        closed_at: dt.datetime | None = None
        closed_by: AgentRef | None = None
        assignee: AgentRef | None = None
        if roll < 0.45:
            status = Status.NEW
        elif roll < 0.75:
            status, assignee = rng.choice((Status.ASSIGNED, Status.WAITING)), rng.choice(colleagues)
        elif roll < 0.87:
            status, assignee = rng.choice((Status.ASSIGNED, Status.WAITING)), agent
            if rng.random() < 0.2:
                group = rng.choice(other_groups)
        else:
            status, closed_by = Status.CLOSED, agent
            closed_at = created + dt.timedelta(hours=rng.randrange(1, 24 * 30))
        birth = dt.date(1945, 1, 1) + dt.timedelta(days=rng.randrange(0, 21000))
        channel, channel_name = rng.choice(CHANNELS)
        last_message = created + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 5))
        yield FileSummary(
            id=file_id,
            ticket=make_ticket(1_000_000 + file_id),
            citizen_niss=make_niss(birth, rng.randrange(1, 998)),
            citizen_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            subject=rng.choice(SUBJECTS),
            channel=channel,
            channel_name=channel_name,
            group_id=group,
            assignee=assignee,
            status=status,
            priority=rng.choice((Priority.HIGH, Priority.MEDIUM, Priority.MEDIUM, Priority.LOW)),
            language=rng.choice(("fr", "nl")),
            created_at=created,
            updated_at=last_message,
            closed_at=closed_at,
            closed_by=closed_by,
            version=rng.randrange(1, 9),
            message_count=rng.randrange(1, 15),
            last_message_at=last_message,
            unread=assignee is agent and rng.random() < 0.3,
        )


def fixture_path(
    cache_dir: Path, count: int, agent: AgentRef, groups: Sequence[str], cursor: str
) -> Path:
    """Where the cached replica of these parameters lives."""
    key = "|".join(
        (FIXTURE_VERSION, SCHEMA_VERSION, str(count), str(agent.id), agent.name, *sorted(groups))
    )
    digest = hashlib.sha256(f"{key}|{cursor}".encode()).hexdigest()[:12]
    return cache_dir / f"replica-{count}-{digest}.db"


def build_replica(
    cache_dir: Path,
    count: int,
    agent: AgentRef,
    groups: Sequence[str],
    cursor: str,
    *,
    log: bool = True,
) -> Path:
    """The replica file for these parameters, built once (through ``Replica.apply`` in
    5,000-file pages, so schema, derived columns and indexes are the app's own) and
    reused afterwards. ``cursor`` is stored as the sync cursor, so a server whose change
    feed is at that position answers the app's first sync with an empty page."""
    path = fixture_path(cache_dir, count, agent, groups, cursor)
    if path.exists():
        return path
    cache_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    fd, tmp_name = tempfile.mkstemp(dir=cache_dir, suffix=".building")
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    replica = Replica(tmp)
    replica.set_scope(agent.id, groups)
    batch: list[FileSummary] = []
    for summary in make_summaries(count, agent, groups):
        batch.append(summary)
        if len(batch) == 5000:
            replica.apply(SyncPage(files=batch, cursor="f.0.0", more=True), now=NOW)
            batch = []
    replica.apply(SyncPage(files=batch, cursor=cursor), now=NOW)
    replica.close()
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    tmp.rename(path)
    if log:
        size = path.stat().st_size / 1e6
        print(
            f"built {path.name}: {count:,} files, {size:.0f} MB, "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
    return path
