"""Delta sync of the caller's scope: a full fill paged by file id, then the change feed."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from athena_server.errors import invalid
from athena_server.journal import current_seq
from athena_server.schema import changes, contact_files
from athena_server.summaries import summaries, summary_select, to_summary
from backend_client.models import FileSummary, Status, SyncPage

f = contact_files


@dataclass(frozen=True)
class Cursor:
    """``full`` pages files by id up to the feed position ``seq`` taken at the start;
    otherwise ``seq`` is the last change-feed position delivered."""

    full: bool
    seq: int
    last_id: int = 0

    def encode(self) -> str:
        return f"f.{self.last_id}.{self.seq}" if self.full else f"d.{self.seq}"


def parse_cursor(raw: str) -> Cursor | None:
    """None for ``"0"`` (start a full fill); 422 field ``cursor`` when malformed."""
    if raw == "0":
        return None
    parts = raw.split(".")
    try:
        if parts[0] == "f" and len(parts) == 3:
            return Cursor(full=True, last_id=int(parts[1]), seq=int(parts[2]))
        if parts[0] == "d" and len(parts) == 2:
            return Cursor(full=False, seq=int(parts[1]))
    except ValueError:
        pass
    raise invalid("cursor", "unknown sync cursor; start again with cursor=0")


def in_scope(s: FileSummary, agent_id: int, groups: frozenset[str]) -> bool:
    """Group queue of my groups, my open files, or files I closed."""
    open_ = s.status is not Status.CLOSED
    mine = s.assignee is not None and s.assignee.id == agent_id
    closed_by_me = s.closed_by is not None and s.closed_by.id == agent_id
    return (open_ and (s.group_id in groups or mine)) or closed_by_me


def scope_filter(agent_id: int, groups: frozenset[str]) -> sa.ColumnElement[bool]:
    not_closed = f.c.status != Status.CLOSED.value
    return sa.or_(
        sa.and_(not_closed, sa.or_(f.c.group_id.in_(sorted(groups)), f.c.assignee_id == agent_id)),
        f.c.closed_by == agent_id,
    )


def sync_page(
    conn: sa.Connection, agent_id: int, groups: frozenset[str], cursor: Cursor | None, limit: int
) -> SyncPage:
    """One page of sync; never waits."""
    if cursor is None:
        cursor = Cursor(full=True, seq=current_seq(conn), last_id=0)
    if cursor.full:
        return _full_page(conn, agent_id, groups, cursor, limit)
    return _delta_page(conn, agent_id, groups, cursor, limit)


def _full_page(
    conn: sa.Connection, agent_id: int, groups: frozenset[str], cursor: Cursor, limit: int
) -> SyncPage:
    scope = scope_filter(agent_id, groups)
    rows = conn.execute(
        summary_select(agent_id).where(scope, f.c.id > cursor.last_id).order_by(f.c.id).limit(limit)
    ).all()
    total = conn.execute(sa.select(sa.func.count()).select_from(f).where(scope)).scalar_one()
    files = [to_summary(r) for r in rows]
    if len(files) == limit:
        nxt = Cursor(full=True, seq=cursor.seq, last_id=files[-1].id)
        return SyncPage(files=files, cursor=nxt.encode(), more=True, total=total)
    return SyncPage(files=files, cursor=Cursor(full=False, seq=cursor.seq).encode(), total=total)


def _delta_page(
    conn: sa.Connection, agent_id: int, groups: frozenset[str], cursor: Cursor, limit: int
) -> SyncPage:
    top = current_seq(conn)
    if top <= cursor.seq:
        return SyncPage(files=[], cursor=cursor.encode())
    group_list = sorted(groups)
    touches = sa.or_(
        changes.c.old_group_id.in_(group_list),
        changes.c.new_group_id.in_(group_list),
        changes.c.old_assignee_id == agent_id,
        changes.c.new_assignee_id == agent_id,
        changes.c.closed_by == agent_id,
    )
    rows = conn.execute(
        sa.select(changes.c.seq, changes.c.file_id)
        .where(changes.c.seq > cursor.seq, changes.c.seq <= top, touches)
        .order_by(changes.c.seq)
        .limit(limit)
    ).all()
    more = len(rows) == limit
    new_seq = rows[-1].seq if more else top
    current = summaries(conn, {r.file_id for r in rows}, agent_id)
    files = [s for s in current if in_scope(s, agent_id, groups)]
    kept = {s.id for s in files}
    removed = sorted({r.file_id for r in rows} - kept)
    return SyncPage(
        files=files, removed=removed, cursor=Cursor(full=False, seq=new_seq).encode(), more=more
    )
