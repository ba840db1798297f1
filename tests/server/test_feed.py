"""The demo feed: tick() by hand (no wall time), determinism, the thread and the app
lifespan that runs it."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
import uvicorn
from fastapi import FastAPI

from athena_server import files
from athena_server.app import create_app
from athena_server.db import make_engine
from athena_server.demo_data.people import DEMO_AGENT_ID
from athena_server.feed import DEFAULT_RATE, DEMO_MY_CAREER_KEY, DemoFeed, FeedEvent
from athena_server.notifier import Notifier
from athena_server.rules import Actor
from athena_server.schema import audit, changes, channels, contact_files, messages, read_marks
from athena_server.settings import ServerSettings
from athena_tui.embedded import start_embedded
from tests.polling import wait_for
from tests.server import dataset as d

f = contact_files


@pytest.fixture
def store(template_db: Path, tmp_path: Path) -> Iterator[sa.Engine]:
    db = tmp_path / "feed.db"
    shutil.copyfile(template_db, db)
    engine = make_engine(f"sqlite:///{db}")
    yield engine
    engine.dispose()


def count(engine: sa.Engine, table: sa.Table, *where: sa.ColumnElement[bool]) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one()
        )


def reply(engine: sa.Engine, agent_id: int, groups: tuple[str, ...], file_id: int) -> None:
    """An agent's visible, non-final reply: the file now waits for the citizen."""
    with engine.begin() as conn:
        current = conn.execute(sa.select(f.c.version).where(f.c.id == file_id)).scalar_one()
        files.reply(
            conn,
            Actor(agent_id, d.AGENT_NAMES[agent_id], frozenset(groups)),
            file_id,
            current,
            body="Nous vérifions auprès de l'ONSS.",
            visible=True,
            final=False,
            uploads=[],
        )


def unread(engine: sa.Engine, agent_id: int, file_id: int) -> bool:
    with engine.connect() as conn:
        news = conn.execute(sa.select(f.c.news_at).where(f.c.id == file_id)).scalar_one()
        mark = conn.execute(
            sa.select(read_marks.c.read_at).where(
                read_marks.c.agent_id == agent_id, read_marks.c.file_id == file_id
            )
        ).scalar()
    return news is not None and (mark is None or mark < news)


def test_ticks_open_files_in_french_and_dutch_through_the_demo_channels(store: sa.Engine) -> None:
    notifier = Notifier()
    feed = DemoFeed(store, notifier, seed=3)
    files_before, changes_before = count(store, f), count(store, changes)
    events = [feed.tick() for _ in range(8)]
    assert all(e is not None and e.kind == "file" and e.new_file for e in events)
    # no file waits for a citizen's answer in the dataset, so every tick opened a file
    assert count(store, f) == files_before + 8
    assert count(store, changes) == changes_before + 8
    with store.connect() as conn:
        made = conn.execute(
            sa.select(f.c.id, f.c.language, f.c.channel, f.c.channel_name, f.c.group_id).where(
                f.c.ticket.in_([e.ticket for e in events if e is not None])
            )
        ).all()
        actors = set(
            conn.execute(
                sa.select(audit.c.actor).where(audit.c.file_id.in_([m.id for m in made]))
            ).scalars()
        )
        names = set(conn.execute(sa.select(channels.c.name)).scalars())
    assert {m.language for m in made} == {"fr", "nl"}
    assert names == {"My Career", "Partner X app"}
    assert actors <= {"channel:My Career", "channel:Partner X app"}
    # partner files go to the partner's group, the others to the desk of their language
    for m in made:
        if m.channel == "partner":
            assert (m.channel_name, m.group_id) == ("Partner X app", d.PARTNER)
        else:
            assert m.group_id == (d.NL if m.language == "nl" else d.FR)


def test_citizens_answer_agents_replies_and_the_holder_gets_an_unread_marker(
    store: sa.Engine,
) -> None:
    reply(store, d.MARIE, (d.FR,), d.MARIE_A)
    reply(store, d.JAN, (d.NL, d.FR), d.JAN_NL)
    assert not unread(store, d.MARIE, d.MARIE_A) and not unread(store, d.JAN, d.JAN_NL)
    feed = DemoFeed(store, seed=5)
    answers: list[FeedEvent] = []
    for _ in range(40):
        event = feed.tick()
        assert event is not None
        if event.kind == "message":
            answers.append(event)
        if len(answers) == 2:
            break
    assert sorted(e.ticket for e in answers) == [d.ticket(d.MARIE_A), d.ticket(d.JAN_NL)]
    assert not any(e.new_file for e in answers)
    assert unread(store, d.MARIE, d.MARIE_A) and unread(store, d.JAN, d.JAN_NL)
    with store.connect() as conn:
        last = conn.execute(
            sa.select(messages.c.side, messages.c.body)
            .where(messages.c.file_id == d.JAN_NL)
            .order_by(messages.c.id.desc())
            .limit(1)
        ).one()
        seen = conn.execute(sa.select(changes.c.file_id).where(changes.c.file_id == d.JAN_NL))
        assert len(seen.all()) == 2  # Jan's reply, then the citizen's answer
    assert last.side == "citizen" and last.body  # a Dutch follow-up from texts.FOLLOW_UPS
    # answered files wait for the agents again: the next ticks open new files
    assert all(e is not None and e.kind == "file" for e in (feed.tick() for _ in range(5)))


def _run(template: Path, tmp_path: Path, name: str, seed: int) -> list[tuple[Any, ...]]:
    db = tmp_path / name
    shutil.copyfile(template, db)
    engine = make_engine(f"sqlite:///{db}")
    reply(engine, d.MARIE, (d.FR,), d.MARIE_A)
    feed = DemoFeed(engine, seed=seed)
    for _ in range(10):
        feed.tick()
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(messages.c.file_id, messages.c.author, messages.c.body)
            .where(messages.c.side == "citizen")
            .order_by(messages.c.id.desc())
            .limit(10)
        ).all()
    engine.dispose()
    return [(e.kind, e.ticket, e.channel) for e in feed.events] + [tuple(r) for r in rows]


def test_the_same_seed_gives_the_same_events(template_db: Path, tmp_path: Path) -> None:
    first = _run(template_db, tmp_path, "a.db", seed=9)
    assert _run(template_db, tmp_path, "b.db", seed=9) == first
    assert _run(template_db, tmp_path, "c.db", seed=10) != first


def test_the_thread_ticks_on_schedule_and_stops(store: sa.Engine) -> None:
    feed = DemoFeed(store, Notifier(), rate=1200)  # every 50 ms
    assert feed.interval == pytest.approx(0.05)
    before = count(store, f)
    feed.start()
    try:
        wait_for(lambda: len(feed.events) >= 3)
        assert feed.running
    finally:
        feed.stop()
    assert not feed.running
    stopped_at = count(store, f)
    assert stopped_at >= before + 3
    with pytest.raises(ValueError, match="positive"):
        DemoFeed(store, rate=0)


class Served:
    """An app under uvicorn with its lifespan on, as ``athena-server`` runs it."""

    def __init__(self, app: FastAPI) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="on", log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        wait_for(lambda: self.server.started)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    @property
    def url(self) -> str:
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"


def test_a_demo_app_runs_the_feed_on_its_lifespan(template_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "life.db"
    shutil.copyfile(template_db, db)
    settings = ServerSettings(db_url=f"sqlite:///{db}", demo=True, feed=True, feed_rate=1200)
    app = create_app(settings)
    with Served(app) as served:
        feed = app.state.feed
        assert isinstance(feed, DemoFeed) and feed.running
        wait_for(lambda: len(feed.events) >= 2)
        # the built-in demo key opens the inbound API of a demo server
        me = httpx.get(
            f"{served.url}/v1/inbound/me",
            headers={"Authorization": f"Channel {DEMO_MY_CAREER_KEY}"},
        )
        assert me.status_code == 200 and me.json()["name"] == "My Career"
    assert not feed.running
    for quiet_settings in (
        ServerSettings(db_url=f"sqlite:///{db}", demo=True, feed=False),
        ServerSettings(db_url=f"sqlite:///{db}", demo=False, feed=True),
    ):
        quiet = create_app(quiet_settings)
        with Served(quiet):
            assert quiet.state.feed is None


def test_the_default_rate_shows_something_new_every_15_to_20_seconds() -> None:
    assert 3 <= DEFAULT_RATE and 60 / DEFAULT_RATE <= 20


def test_the_embedded_demo_server_runs_the_feed_into_the_demo_agents_sync(tmp_path: Path) -> None:
    embedded = start_embedded(tmp_path / "data", files=60, feed_rate=600)
    try:
        assert embedded.feed is not None and embedded.feed.running
        with httpx.Client(base_url=embedded.url, timeout=15) as client:
            login = client.post(
                "/v1/auth/demo", json={"agent_id": DEMO_AGENT_ID, "role": "contact_center"}
            )
            assert login.status_code == 200, login.text
            client.headers["Authorization"] = f"Bearer {login.json()['token']}"
            cursor = "0"
            while True:
                page = client.get("/v1/sync", params={"cursor": cursor}).json()
                cursor = page["cursor"]
                if not page["more"]:
                    break
            arrived: list[dict[str, Any]] = []
            deadline = time.monotonic() + 30
            while not arrived:
                assert time.monotonic() < deadline, "no file from the feed reached the demo agent"
                page = client.get("/v1/sync", params={"cursor": cursor, "wait": 5}).json()
                cursor = page["cursor"]
                arrived = page["files"]
        assert any(s["channel"] in ("my_career", "partner") for s in arrived)
    finally:
        embedded.stop()
    assert not embedded.feed.running
    quiet = start_embedded(tmp_path / "data", files=60, feed_rate=None)
    try:
        assert quiet.feed is None
    finally:
        quiet.stop()
