"""Property: merge and split keep exactly the messages and attachments the manual asks for."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from athena_server import files
from athena_server.db import create_all, make_engine
from athena_server.errors import DomainError
from athena_server.journal import ensure_counters
from athena_server.rules import Actor
from athena_server.schema import (
    agents,
    attachments,
    citizens,
    contact_files,
    groups,
    memberships,
    messages,
)
from backend_client.models import Side, Status, VersionedRef
from backend_client.niss import make_niss

ME = Actor(id=1, name="Me", groups=frozenset({"g"}))
NISS = make_niss(dt.date(1980, 5, 5), 7)
T0 = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
_counter = itertools.count()

# a file = its messages; a message = (minutes after T0, number of attachments)
message_st = st.tuples(st.integers(0, 10_000), st.integers(0, 2))
file_st = st.lists(message_st, min_size=1, max_size=5)


def fresh_store(tmp_path: Path, shapes: list[list[tuple[int, int]]]) -> sa.Engine:
    engine = make_engine(f"sqlite:///{tmp_path / f'p{next(_counter)}.db'}")
    create_all(engine)
    with engine.begin() as conn:
        conn.execute(groups.insert().values(id="g", name="G", language="fr", partner=False))
        conn.execute(
            agents.insert().values(
                id=1, national_number="1", name="Me", language="fr", roles="contact_center"
            )
        )
        conn.execute(memberships.insert().values(agent_id=1, group_id="g"))
        conn.execute(
            citizens.insert().values(
                niss=NISS,
                last_name="X",
                first_name="Y",
                last_name_key="X",
                first_name_key="Y",
                birth_date=dt.date(1980, 5, 5),
                language="fr",
            )
        )
        for file_id, shape in enumerate(shapes, start=1):
            conn.execute(
                contact_files.insert().values(
                    id=file_id,
                    ticket=f"SR{file_id:07d}",
                    niss=NISS,
                    subject="s",
                    channel="my_career",
                    channel_name="My Career",
                    group_id="g",
                    assignee_id=1,
                    status="assigned",
                    priority="medium",
                    language="fr",
                    created_at=T0 + dt.timedelta(minutes=file_id),
                    updated_at=T0,
                    version=1,
                    message_count=len(shape),
                    last_message_at=T0,
                )
            )
            for minutes, n_att in shape:
                message_id = files.add_message(
                    conn,
                    file_id=file_id,
                    side=Side.CITIZEN,
                    author="Y X",
                    author_agent_id=None,
                    body=f"f{file_id} at {minutes}",
                    visible=True,
                    final=False,
                    at=T0 + dt.timedelta(minutes=minutes),
                )
                for k in range(n_att):
                    digest = files.store_blob(conn, f"{file_id}-{minutes}-{k}".encode())
                    conn.execute(
                        attachments.insert().values(
                            message_id=message_id,
                            name="a",
                            media_type="text/plain",
                            size=1,
                            sha256=digest,
                        )
                    )
        ensure_counters(conn)
    return engine


def counts(conn: sa.Connection, file_id: int) -> tuple[int, int]:
    n_msg = conn.execute(
        sa.select(sa.func.count()).select_from(messages).where(messages.c.file_id == file_id)
    ).scalar_one()
    n_att = conn.execute(
        sa.select(sa.func.count())
        .select_from(attachments.join(messages, messages.c.id == attachments.c.message_id))
        .where(messages.c.file_id == file_id)
    ).scalar_one()
    return n_msg, n_att


def times(conn: sa.Connection, file_id: int) -> list[dt.datetime]:
    return list(
        conn.execute(
            sa.select(messages.c.created_at)
            .where(messages.c.file_id == file_id)
            .order_by(messages.c.id)
        ).scalars()
    )


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(shapes=st.lists(file_st, min_size=2, max_size=4))
def test_merge_keeps_every_message_and_attachment(
    tmp_path: Path, shapes: list[list[tuple[int, int]]]
) -> None:
    engine = fresh_store(tmp_path, shapes)
    try:
        with engine.begin() as conn:
            before = {i: counts(conn, i) for i in range(1, len(shapes) + 1)}
            result = files.merge(
                conn, ME, [VersionedRef(id=i, version=1) for i in range(1, len(shapes) + 1)]
            )
        with engine.connect() as conn:
            new_id = result.new_file.id
            assert counts(conn, new_id) == (
                sum(m for m, _ in before.values()),
                sum(a for _, a in before.values()),
            )
            copied = times(conn, new_id)
            assert copied == sorted(copied)
            assert result.new_file.message_count == len(copied)
            assert result.new_file.assignee is not None and result.new_file.assignee.id == ME.id
            for original in result.originals:
                assert original.status is Status.CLOSED
                assert original.assignee is None
                assert original.closed_by is not None and original.closed_by.id == ME.id
                n_msg, n_att = counts(conn, original.id)
                # the originals keep theirs, plus one system message naming the new file
                assert (n_msg, n_att) == (before[original.id][0] + 1, before[original.id][1])
    finally:
        engine.dispose()


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(shape=file_st)
def test_split_gives_two_full_copies(tmp_path: Path, shape: list[tuple[int, int]]) -> None:
    engine = fresh_store(tmp_path, [shape])
    try:
        with engine.begin() as conn:
            n_msg, n_att = counts(conn, 1)
            result = files.split(conn, ME, 1, 1, "for the parts")
        with engine.connect() as conn:
            assert result.original.status is Status.CLOSED
            assert result.original.assignee is None
            assert counts(conn, 1) == (n_msg + 1, n_att)
            assert len(result.parts) == 2
            for part in result.parts:
                assert part.status is Status.ASSIGNED
                assert part.assignee is not None and part.assignee.id == ME.id
                assert counts(conn, part.id) == (n_msg + 1, n_att)
                copied = times(conn, part.id)
                assert copied == sorted(copied)
    finally:
        engine.dispose()


def test_a_failed_merge_leaves_nothing(tmp_path: Path) -> None:
    """Merge is one transaction: a stale second file rolls back the whole merge."""
    engine = fresh_store(tmp_path, [[(1, 1)], [(2, 0)]])
    try:
        with pytest.raises(DomainError):
            with engine.begin() as conn:
                files.merge(
                    conn, ME, [VersionedRef(id=1, version=1), VersionedRef(id=2, version=5)]
                )
        with engine.connect() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(contact_files)).scalar_one()
            assert total == 2
            assert counts(conn, 1) == (1, 1)
    finally:
        engine.dispose()
