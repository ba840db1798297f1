"""The demo seed: deterministic, valid identifiers and consistent contact files."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from athena_server import schema, seed
from backend_client.career_views import citizen_view
from backend_client.models import (
    SANCTION_KINDS,
    CareerKind,
    CareerPeriod,
    ChannelKind,
    Role,
    Side,
    Status,
)
from backend_client.niss import century_of, is_valid_niss
from backend_client.ticket import normalize_ticket

TODAY = dt.date(2026, 5, 20)
NOW = dt.datetime.combine(TODAY, dt.time())
FILES = 500
CITIZENS = 400

Dump = dict[str, list[tuple[object, ...]]]


def _seeded(path: Path, *, seed_value: int = 42) -> sa.Engine:
    engine = sa.create_engine(f"sqlite:///{path}")
    schema.metadata.create_all(engine)
    seed.seed_demo(engine, seed=seed_value, files=FILES, citizens=CITIZENS, today=TODAY)
    return engine


def _dump(engine: sa.Engine) -> Dump:
    """Every row of every table, read back through SQLAlchemy Core, in key order."""
    out: Dump = {}
    with engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            keys = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [tuple(r) for r in conn.execute(sa.select(table).order_by(*keys))]
    return out


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sa.Engine]:
    engine = _seeded(tmp_path_factory.mktemp("seed") / "demo.db")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def dump(engine: sa.Engine) -> Dump:
    return _dump(engine)


def _rows(engine: sa.Engine, query: sa.Executable) -> list[sa.Row[tuple[object, ...]]]:
    with engine.connect() as conn:
        return list(conn.execute(query))


# --------------------------------------------------------------------------- determinism


def test_same_seed_and_day_give_identical_rows(dump: Dump, tmp_path: Path) -> None:
    again = _seeded(tmp_path / "again.db")
    assert _dump(again) == dump
    again.dispose()


def test_another_seed_gives_other_data(dump: Dump, tmp_path: Path) -> None:
    other = _seeded(tmp_path / "other.db", seed_value=7)
    other_dump = _dump(other)
    other.dispose()
    assert other_dump["citizens"] != dump["citizens"]
    assert len(other_dump["contact_files"]) == FILES


def test_fast_sqlite_writer_stores_what_core_would(
    dump: Dump, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The driver-level SQLite path must be indistinguishable from plain Core inserts."""
    original = seed._Writer.__init__

    def core_only(self: seed._Writer, conn: sa.Connection) -> None:
        original(self, conn)
        self.sqlite = False

    monkeypatch.setattr(seed._Writer, "__init__", core_only)
    core = _seeded(tmp_path / "core.db")
    assert _dump(core) == dump
    with core.connect() as conn:
        raw_core = conn.exec_driver_sql("SELECT created_at, closed_at FROM contact_files").all()
    core.dispose()
    fast = sa.create_engine(f"sqlite:///{tmp_path / 'fast.db'}")
    schema.metadata.create_all(fast)
    monkeypatch.setattr(seed._Writer, "__init__", original)
    seed.seed_demo(fast, files=FILES, citizens=CITIZENS, today=TODAY)
    with fast.connect() as conn:
        raw_fast = conn.exec_driver_sql("SELECT created_at, closed_at FROM contact_files").all()
    fast.dispose()
    assert raw_fast == raw_core  # same text in the database, not only the same values


# --------------------------------------------------------------------------- people


def test_groups_and_demo_agents(dump: Dump) -> None:
    groups = {row[0] for row in dump["groups"]}
    assert {"fr-desk", "nl-desk", "de-desk", "partner-sfp"} <= groups
    assert len(groups) == 8
    agents = {row[0]: row for row in dump["agents"]}
    assert len(agents) == 60
    demo = agents[seed.DEMO_AGENT_ID]
    assert demo[2] == seed.DEMO_AGENT_NAME == "Sophie Dubois"
    assert set(str(demo[4]).split(",")) == {r.value for r in Role}
    second = agents[seed.SECOND_AGENT_ID]
    assert second[2] == seed.SECOND_AGENT_NAME
    assert str(second[4]) in {r.value for r in Role}
    memberships = Counter(agent_id for agent_id, _ in dump["memberships"])
    assert set(memberships) == set(agents)
    assert all(1 <= n <= 2 for n in memberships.values())
    assert "fr-desk" in {g for a, g in dump["memberships"] if a == seed.DEMO_AGENT_ID}
    both = sum(1 for row in agents.values() if "," in str(row[4]))
    assert 3 <= both <= 20  # "some" hold both roles


def test_every_niss_is_valid_and_both_check_rules_occur(dump: Dump) -> None:
    citizen_niss = [str(row[0]) for row in dump["citizens"]]
    agent_niss = [str(row[1]) for row in dump["agents"]]
    assert len(citizen_niss) == CITIZENS
    assert all(is_valid_niss(n) for n in citizen_niss + agent_niss)
    assert len(set(citizen_niss + agent_niss)) == len(citizen_niss) + len(agent_niss)
    centuries = Counter(century_of(n) for n in citizen_niss)
    assert centuries[1900] > 0 and centuries[2000] > 0
    for niss, *_, birth, _lang in dump["citizens"]:
        assert isinstance(birth, dt.date)
        assert str(niss)[:6] == f"{birth:%y%m%d}"
        assert dt.date(1950, 1, 1) <= birth <= dt.date(2004, 12, 31)
    assert {row[6] for row in dump["citizens"]} == {"fr", "nl", "de"}


# --------------------------------------------------------------------------- careers


def _periods(dump: Dump) -> dict[str, list[CareerPeriod]]:
    by_citizen: dict[str, list[CareerPeriod]] = {}
    for pid, niss, kind, start, end, days, employer, remuneration, attested in dump[
        "career_periods"
    ]:
        by_citizen.setdefault(str(niss), []).append(
            CareerPeriod.model_validate(
                {
                    "id": pid,
                    "kind": kind,
                    "start": start,
                    "end": end,
                    "days": days,
                    "employer": employer,
                    "remuneration": remuneration,
                    "attestation_date": attested,
                }
            )
        )
    return by_citizen


def test_careers_are_plausible(dump: Dump) -> None:
    periods = _periods(dump)
    kinds = Counter(p.kind for ps in periods.values() for p in ps)
    assert set(kinds) == set(CareerKind)  # every kind occurs, sanctions included
    sizes = sorted(len(ps) for ps in periods.values())
    assert 25 <= sizes[len(sizes) // 2] <= 45  # median career: tens of periods
    for ps in periods.values():
        for p in ps:
            assert p.start <= p.end
            assert p.days >= 0
            if p.kind in (CareerKind.EMPLOYEE, CareerKind.CIVIL_SERVANT):
                assert p.start.year == p.end.year  # declared per calendar year
                assert p.days <= 313 and p.remuneration is not None and p.employer
            assert p.attestation_date is not None and p.attestation_date <= TODAY


def test_only_notice_periods_lie_in_the_future(dump: Dump) -> None:
    periods = [p for ps in _periods(dump).values() for p in ps]
    future = [p for p in periods if p.end > TODAY]
    assert future, "some notice periods must be dated in the future"
    assert all(p.kind == CareerKind.NOTICE_PERIOD and p.start > TODAY for p in future)


def test_military_service_only_for_men_born_before_1975(dump: Dump) -> None:
    born = {str(row[0]): row[5] for row in dump["citizens"]}
    for niss, ps in _periods(dump).items():
        if any(p.kind == CareerKind.MILITARY_SERVICE for p in ps):
            assert int(niss[6:9]) % 2 == 1  # odd day counter: a man
            birth = born[niss]
            assert isinstance(birth, dt.date) and birth.year < 1975
        if any(p.kind == CareerKind.MATERNITY for p in ps):
            assert int(niss[6:9]) % 2 == 0


def test_citizen_view_of_every_seeded_citizen_hides_agent_only_data(dump: Dump) -> None:
    for ps in _periods(dump).values():
        seen = citizen_view(ps, TODAY)
        assert not any(p.kind in SANCTION_KINDS for p in seen)
        assert all(p.start <= TODAY and p.end <= TODAY for p in seen)


# --------------------------------------------------------------------------- files


def test_tickets_are_unique_and_well_formed(dump: Dump) -> None:
    tickets = [str(row[1]) for row in dump["contact_files"]]
    assert len(tickets) == FILES == len(set(tickets))
    assert all(normalize_ticket(t) == t for t in tickets)
    assert tickets == sorted(tickets)  # handed out in creation order


def test_files_are_consistent_with_their_threads(engine: sa.Engine) -> None:
    f, m = schema.contact_files, schema.messages
    files = {r.id: r for r in _rows(engine, sa.select(f))}
    threads: dict[int, list[sa.Row[tuple[object, ...]]]] = {}
    for msg in _rows(engine, sa.select(m).order_by(m.c.id)):
        threads.setdefault(msg.file_id, []).append(msg)
    members = {(r.agent_id, r.group_id) for r in _rows(engine, sa.select(schema.memberships))}
    assert set(threads) == set(files)
    for file_id, row in files.items():
        thread = threads[file_id]
        assert row.version == 1
        assert row.message_count == len(thread) and 1 <= len(thread) <= 31
        assert [x.created_at for x in thread] == sorted(x.created_at for x in thread)
        assert row.created_at == thread[0].created_at
        assert row.last_message_at == thread[-1].created_at < NOW
        assert thread[0].side == Side.CITIZEN
        citizen_times = [x.created_at for x in thread if x.side == Side.CITIZEN]
        assert row.news_at == max(citizen_times)
        assert all(x.visible_to_citizen or x.side == Side.CONTACT_CENTER for x in thread)
        assert all(not x.final or x.visible_to_citizen for x in thread)
        if row.channel == ChannelKind.MY_CAREER:
            assert row.channel_name == "My Career"
        if row.status == Status.CLOSED:
            assert row.closed_by is not None and row.closed_at == thread[-1].created_at
            assert row.assignee_id is None
            assert thread[-1].final and thread[-1].author_agent_id == row.closed_by
            assert (row.closed_by, row.group_id) in members
        else:
            assert row.closed_by is None and row.closed_at is None
            assert not any(x.final for x in thread)
        if row.status == Status.NEW:
            assert row.assignee_id is None
        if row.status in (Status.ASSIGNED, Status.WAITING):
            assert (row.assignee_id, row.group_id) in members
        if row.status == Status.WAITING:
            assert thread[-1].side == Side.CONTACT_CENTER and thread[-1].visible_to_citizen


def test_status_mix_and_internal_notes(dump: Dump) -> None:
    statuses = Counter(str(row[8]) for row in dump["contact_files"])
    shares = {s: statuses[s] / FILES for s in ("new", "assigned", "waiting", "closed")}
    assert abs(shares["new"] - 0.30) < 0.07
    assert abs(shares["assigned"] - 0.35) < 0.07
    assert abs(shares["waiting"] - 0.10) < 0.05
    assert abs(shares["closed"] - 0.25) < 0.07
    visible_column = [c.name for c in schema.messages.columns].index("visible_to_citizen")
    notes = [row for row in dump["messages"] if not row[visible_column]]
    assert notes
    languages = Counter(str(row[10]) for row in dump["contact_files"])
    assert languages["fr"] > 100 and languages["nl"] > 100 and languages["de"] > 0
    channels = Counter(str(row[4]) for row in dump["contact_files"])
    assert set(channels) == {c.value for c in ChannelKind}


def test_attachments_at_most_five_per_message_and_blobs_deduplicated(dump: Dump) -> None:
    per_message = Counter(row[1] for row in dump["attachments"])
    assert per_message and max(per_message.values()) <= 5
    blobs = {row[0]: row for row in dump["blobs"]}
    for _aid, _mid, name, media_type, size, sha in dump["attachments"]:
        assert sha in blobs and blobs[sha][1] == size
        assert media_type in ("application/pdf", "text/plain") and name
    for sha, size, content in blobs.values():
        assert isinstance(content, bytes) and len(content) == size
        assert hashlib.sha256(content).hexdigest() == sha
        if content.startswith(b"%PDF"):
            assert content.rstrip().endswith(b"%%EOF")


def test_demo_agent_has_a_good_mix(engine: sa.Engine) -> None:
    f, marks = schema.contact_files, schema.read_marks
    mine = _rows(
        engine,
        sa.select(f.c.id, f.c.news_at, f.c.niss, marks.c.read_at)
        .select_from(f.outerjoin(marks, (marks.c.file_id == f.c.id) & (marks.c.agent_id == 1)))
        .where(f.c.assignee_id == seed.DEMO_AGENT_ID, f.c.status != Status.CLOSED),
    )
    assert len(mine) == 30
    unread = [r for r in mine if r.read_at is None or r.read_at < r.news_at]
    assert 3 <= len(unread) <= 25
    assert len({r.niss for r in mine}) < len(mine)  # files of one citizen, to merge
    treated = _rows(engine, sa.select(f.c.id).where(f.c.closed_by == seed.DEMO_AGENT_ID))
    assert treated


def test_no_journal_or_session_rows(dump: Dump) -> None:
    assert dump["changes"] == [] and dump["audit"] == [] and dump["sessions"] == []


def test_some_citizen_text_looks_like_markup(dump: Dump) -> None:
    body_column = [c.name for c in schema.messages.columns].index("body")
    lookalikes = [row for row in dump["messages"] if "[/" in str(row[body_column])]
    assert 1 <= len(lookalikes) <= FILES // 50  # a few only
