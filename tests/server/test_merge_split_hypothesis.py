"""Property: merge and split copy the exact messages (order, side, visibility) and the
exact attachments (same content), and close the originals as DOMAIN.md says (issue 6).

Adds to test_merge_split_property.py, which checks the counts: here every message is
compared one by one, with notes and contact-center replies mixed in, and priorities vary.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from athena_server import files
from athena_server.schema import attachments, contact_files, messages
from backend_client.models import Priority, Status, VersionedRef
from tests.server.test_merge_split_property import ME, fresh_store

# a message = (minutes after T0, attachments, side/visibility kind)
KINDS = (("citizen", True), ("contact_center", True), ("contact_center", False))
message_st = st.tuples(st.integers(0, 500), st.integers(0, 2), st.integers(0, len(KINDS) - 1))
file_st = st.lists(message_st, min_size=1, max_size=5)
priority_st = st.sampled_from([p.value for p in Priority])


class Row(NamedTuple):
    at: dt.datetime
    side: str
    visible: bool
    body: str
    digests: tuple[str, ...]


def build(tmp_path: Path, shapes: list[list[tuple[int, int, int]]], prios: list[str]) -> sa.Engine:
    engine = fresh_store(tmp_path, [[(m, a) for m, a, _ in shape] for shape in shapes])
    with engine.begin() as conn:
        for file_id, (shape, prio) in enumerate(zip(shapes, prios, strict=True), start=1):
            conn.execute(
                contact_files.update().where(contact_files.c.id == file_id).values(priority=prio)
            )
            ids = conn.execute(
                sa.select(messages.c.id)
                .where(messages.c.file_id == file_id)
                .order_by(messages.c.id)
            ).scalars()
            for message_id, (_, _, kind) in zip(ids, shape, strict=True):
                side, visible = KINDS[kind]
                conn.execute(
                    messages.update()
                    .where(messages.c.id == message_id)
                    .values(side=side, visible_to_citizen=visible)
                )
    return engine


def thread(conn: sa.Connection, file_id: int) -> list[Row]:
    """The file's messages in stored order: (time, side, visible, body, attachment digests)."""
    rows = conn.execute(
        sa.select(
            messages.c.id,
            messages.c.created_at,
            messages.c.side,
            messages.c.visible_to_citizen,
            messages.c.body,
        )
        .where(messages.c.file_id == file_id)
        .order_by(messages.c.id)
    ).all()
    result: list[Row] = []
    for row in rows:
        digests = conn.execute(
            sa.select(attachments.c.sha256)
            .where(attachments.c.message_id == row.id)
            .order_by(attachments.c.id)
        ).scalars()
        result.append(
            Row(row.created_at, row.side, bool(row.visible_to_citizen), row.body, tuple(digests))
        )
    return result


RANK = {Priority.HIGH.value: 0, Priority.MEDIUM.value: 1, Priority.LOW.value: 2}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), shapes=st.lists(file_st, min_size=2, max_size=4))
def test_merge_copies_each_message_exactly(
    tmp_path: Path, data: st.DataObject, shapes: list[list[tuple[int, int, int]]]
) -> None:
    prios = data.draw(st.lists(priority_st, min_size=len(shapes), max_size=len(shapes)))
    engine = build(tmp_path, shapes, prios)
    ids = list(range(1, len(shapes) + 1))
    try:
        with engine.begin() as conn:
            before = {i: thread(conn, i) for i in ids}
            # name the files in a random order: the result must not depend on it
            order = data.draw(st.permutations(ids))
            result = files.merge(conn, ME, [VersionedRef(id=i, version=1) for i in order])
        with engine.connect() as conn:
            merged = thread(conn, result.new_file.id)
            # every message of every original, in time order (ties: original's order)
            expected = sorted(
                (m for i in ids for m in before[i]),
                key=lambda m: m.at,
            )
            assert sorted(merged, key=repr) == sorted(expected, key=repr)
            assert [m.at for m in merged] == sorted(m.at for m in merged)
            for i in ids:  # each original's messages, by time (ties: as they were stored)
                own = [m for m in merged if m.body.startswith(f"f{i} ")]
                assert own == sorted(before[i], key=lambda m: m.at)
            new = result.new_file
            assert new.status is Status.ASSIGNED
            assert new.assignee is not None and new.assignee.id == ME.id
            assert new.priority.value == min(prios, key=RANK.__getitem__)
            assert new.message_count == len(merged)
            for original in result.originals:
                assert original.status is Status.CLOSED and original.assignee is None
                after = thread(conn, original.id)
                assert after[:-1] == before[original.id]  # untouched, plus one message
                _, side, visible, body, digests = after[-1]
                assert (side, visible, body, digests) == (
                    "system",
                    True,
                    f"Merged into {new.ticket}",
                    (),
                )
    finally:
        engine.dispose()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(shape=file_st, prio=priority_st, text=st.text(min_size=1, max_size=40).filter(str.strip))
def test_split_parts_are_exact_copies(
    tmp_path: Path, shape: list[tuple[int, int, int]], prio: str, text: str
) -> None:
    engine = build(tmp_path, [shape], [prio])
    try:
        with engine.begin() as conn:
            before = thread(conn, 1)
            result = files.split(conn, ME, 1, 1, text)
        with engine.connect() as conn:
            original = thread(conn, 1)
            assert original[:-1] == before
            _, side, visible, body, digests = original[-1]
            assert (side, visible, digests) == ("contact_center", True, ())
            assert body == text
            assert result.original.status is Status.CLOSED
            assert result.original.assignee is None
            assert result.original.closed_by is not None
            assert len(result.parts) == 2
            time_sorted = sorted(original, key=lambda m: m.at)
            for n, part in enumerate(result.parts, start=1):
                assert thread(conn, part.id) == time_sorted
                assert part.subject.endswith(f"({n}/2)")
                assert part.status is Status.ASSIGNED
                assert part.assignee is not None and part.assignee.id == ME.id
                assert part.priority.value == prio
                assert part.message_count == len(original)
    finally:
        engine.dispose()
