"""The change hub: one read of the feed wakes every waiting long-poll, and each page is
the one the store's delta query would give."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from athena_server import files
from athena_server.db import make_engine
from athena_server.fanout import ChangeHub
from athena_server.journal import current_seq
from athena_server.notifier import Notifier
from athena_server.rules import Actor
from athena_server.schema import contact_files
from athena_server.sync import Cursor, sync_page
from backend_client.models import SyncPage
from tests.polling import await_for
from tests.server import dataset as d

FR_NL = frozenset({d.FR, d.NL})
SCOPES = {
    d.MARIE: frozenset({d.FR}),
    d.JAN: FR_NL,
    d.SOPHIE: frozenset({d.FR}),
    d.PIETER: frozenset({d.NL}),
}
IDLE = 3600.0  # no periodic re-read: only notifications make the hub read


@pytest.fixture
def db_url(template_db: Path, tmp_path: Path) -> str:
    db = tmp_path / "hub.db"
    shutil.copyfile(template_db, db)
    return f"sqlite:///{db}"


@pytest.fixture
def engines(db_url: str) -> Iterator[tuple[sa.Engine, sa.Engine]]:
    """The hub's engine and a writer's: statements are counted on the hub's alone."""
    hub_engine, writer = make_engine(db_url), make_engine(db_url)
    yield hub_engine, writer
    hub_engine.dispose()
    writer.dispose()


def actor(agent_id: int) -> Actor:
    return Actor(agent_id, d.AGENT_NAMES[agent_id], SCOPES[agent_id])


def write(engine: sa.Engine, work: Any) -> None:
    with engine.begin() as conn:
        work(conn)


def version(engine: sa.Engine, file_id: int) -> int:
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(contact_files.c.version).where(contact_files.c.id == file_id)
        ).scalar_one()
    return int(found)


def store_page(engine: sa.Engine, agent_id: int, seq: int) -> SyncPage:
    with engine.connect() as conn:
        return sync_page(conn, agent_id, SCOPES[agent_id], Cursor(False, seq), 1000)


def wire(page: SyncPage) -> Any:
    """What the client receives (models built in different ways compare equal on it)."""
    return page.model_dump(mode="json")


async def test_one_read_wakes_every_waiting_long_poll(
    engines: tuple[sa.Engine, sa.Engine],
) -> None:
    hub_engine, writer = engines
    notifier = Notifier()
    hub = ChangeHub(hub_engine, notifier, poll_interval=IDLE)
    with writer.connect() as conn:
        start = current_seq(conn)
    agents = [d.MARIE, d.JAN, d.SOPHIE, d.PIETER] * 15
    polls = [
        asyncio.create_task(hub.wait(a, SCOPES[a], Cursor(False, start), 1000, 30)) for a in agents
    ]
    await await_for(lambda: notifier.waiting == len(agents), what="every long-poll waiting")
    statements: list[str] = []

    def counted(_c: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        statements.append(statement)

    sa.event.listen(hub_engine, "before_cursor_execute", counted)
    write(writer, lambda conn: files.take(conn, actor(d.JAN), d.NEW_FR, 1))
    for _ in range(5):  # several commits announced at once are read once
        await asyncio.to_thread(notifier.notify)
    concerned = [i for i, a in enumerate(agents) if a != d.PIETER]  # Pieter: nl desk only
    answers = await asyncio.gather(*(polls[i] for i in concerned))
    sa.event.remove(hub_engine, "before_cursor_execute", counted)
    reads = hub.reads
    for page in answers:
        assert [f.id for f in page.files] == [d.NEW_FR]
        holder = page.files[0].assignee
        assert holder is not None and holder.id == d.JAN
    assert notifier.waiting == len(agents) - len(concerned)  # nothing for Pieter: he waits
    notifier.close()
    rest = [t for i, t in enumerate(polls) if i not in concerned]
    assert all(not p.files for p in await asyncio.gather(*rest))
    # the new changes, their files' summaries, the read marks: not one query per agent
    assert reads == 1
    assert len(statements) <= 3, statements


async def test_pages_match_the_store_delta_after_every_kind_of_change(
    engines: tuple[sa.Engine, sa.Engine],
) -> None:
    hub_engine, writer = engines
    notifier = Notifier()
    hub = ChangeHub(hub_engine, notifier, poll_interval=IDLE)
    with writer.connect() as conn:
        seq = current_seq(conn)
    keeper = asyncio.create_task(hub.wait(d.LUC, frozenset(), Cursor(False, seq), 1000, 60))
    await await_for(lambda: notifier.waiting == 1, what="the hub started")
    steps = [
        lambda c: files.take(c, actor(d.JAN), d.NEW_FR, version(writer, d.NEW_FR)),
        lambda c: files.move(c, actor(d.JAN), d.NEW_FR, version(writer, d.NEW_FR), d.NL),
        lambda c: files.release(c, actor(d.MARIE), d.MARIE_C, version(writer, d.MARIE_C)),
        lambda c: files.reply(
            c,
            actor(d.MARIE),
            d.MARIE_A,
            version(writer, d.MARIE_A),
            body="closed",
            visible=True,
            final=True,
            uploads=[],
        ),
        lambda c: files.take(c, actor(d.PIETER), d.NEW_NL, version(writer, d.NEW_NL)),
    ]
    answered = 0
    for step in steps:
        write(writer, step)
        expected = {a: store_page(writer, a, seq) for a in SCOPES}
        concerned = [a for a, p in expected.items() if p.files or p.removed]
        waits = [hub.wait(a, SCOPES[a], Cursor(False, seq), 1000, 30) for a in concerned]
        notifier.notify()
        for agent_id, page in zip(concerned, await asyncio.gather(*waits), strict=True):
            assert wire(page) == wire(expected[agent_id]), agent_id
            answered += 1
        with writer.connect() as conn:
            seq = current_seq(conn)
    assert answered >= len(steps) * 2
    notifier.close()
    assert (await keeper).files == []


async def test_an_agent_behind_the_window_gets_the_store_delta_page(
    engines: tuple[sa.Engine, sa.Engine],
) -> None:
    hub_engine, writer = engines
    notifier = Notifier()
    hub = ChangeHub(hub_engine, notifier, poll_interval=IDLE, window=2)
    with writer.connect() as conn:
        start = current_seq(conn)
    early = asyncio.create_task(hub.wait(d.LUC, frozenset(), Cursor(False, start), 1000, 60))
    await await_for(lambda: notifier.waiting == 1, what="the hub started")
    # three changes: one more than the window holds
    write(writer, lambda c: files.take(c, actor(d.JAN), d.NEW_FR, 1))
    write(writer, lambda c: files.release(c, actor(d.MARIE), d.MARIE_C, version(writer, d.MARIE_C)))
    write(writer, lambda c: files.take(c, actor(d.PIETER), d.NEW_NL, version(writer, d.NEW_NL)))
    notifier.notify()
    await await_for(lambda: hub.floor > start, what="the window moved past the old cursor")
    page = await hub.wait(d.MARIE, SCOPES[d.MARIE], Cursor(False, start), 1000, 30)
    assert wire(page) == wire(store_page(writer, d.MARIE, start))
    assert {f.id for f in page.files} == {d.NEW_FR, d.MARIE_C}
    notifier.close()
    assert (await early).files == []


async def test_a_long_poll_arriving_after_commits_nobody_waited_for_gets_them(
    engines: tuple[sa.Engine, sa.Engine],
) -> None:
    hub_engine, writer = engines
    notifier = Notifier()
    hub = ChangeHub(hub_engine, notifier, poll_interval=IDLE)
    with writer.connect() as conn:
        start = current_seq(conn)
    # a first long-poll starts the hub and ends with nothing new
    assert (await hub.wait(d.MARIE, SCOPES[d.MARIE], Cursor(False, start), 1000, 0.01)).files == []
    write(writer, lambda conn: files.take(conn, actor(d.JAN), d.NEW_FR, 1))
    notifier.notify()  # nobody waits: the hub leaves the read for later
    await await_for(lambda: hub.stale, what="the hub noticed the commit")
    assert hub.top == start
    page = await hub.wait(d.MARIE, SCOPES[d.MARIE], Cursor(False, start), 1000, 30)
    assert [f.id for f in page.files] == [d.NEW_FR]
    notifier.close()
