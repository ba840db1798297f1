"""Store operations on contact files: every action of F2–F15 inside a caller's transaction.

Each function takes an open connection in a transaction, checks with ``rules``, writes
with a conditional UPDATE on the version (so of two agents taking at once exactly one
wins), and leaves an audit row and a change-feed row for every file it changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import sqlalchemy as sa

from athena_server import rules
from athena_server.db import as_utc, utcnow
from athena_server.demo_data.organisations import AGENT_CHANNEL
from athena_server.errors import DomainError, invalid, not_found
from athena_server.journal import TICKET, next_value, record_change, write_audit
from athena_server.people import group_languages, load_agent, load_group
from athena_server.rules import Actor, Changes, FileState
from athena_server.schema import (
    attachments,
    blobs,
    citizens,
    contact_files,
    file_links,
    messages,
    read_marks,
)
from athena_server.summaries import contact_file, file_state, summaries, summary
from backend_client.models import (
    ChannelKind,
    ContactFile,
    DispatchItem,
    DispatchOutcome,
    DispatchResult,
    FileSummary,
    MergeResult,
    NewFileRequest,
    Priority,
    Side,
    SplitResult,
    Status,
    VersionedRef,
)
from backend_client.ticket import make_ticket

f = contact_files
PRIORITY_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}
SUBJECT_MAX = 300


@dataclass(frozen=True)
class Upload:
    """An attachment received with a reply."""

    name: str
    media_type: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _db(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _before(state: FileState, keys: Sequence[str]) -> dict[str, Any]:
    known: dict[str, Any] = {
        "status": state.status,
        "assignee_id": state.assignee_id,
        "group_id": state.group_id,
        "priority": state.priority,
        "closed_by": state.closed_by,
        "version": state.version,
    }
    return {k: known.get(k) for k in keys}


def apply(
    conn: sa.Connection,
    actor: Actor,
    state: FileState,
    changes: Changes,
    action: str,
    *,
    extra: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> None:
    """Write planned changes if nobody changed the file since ``state`` was read.

    ``changes`` are audited (before → after); ``extra`` columns (message counters,
    links) are written alongside. Raises 409 stale_version when the version moved.
    """
    if not changes and not extra:
        return
    now = at or utcnow()
    values: dict[str, Any] = {k: _db(v) for k, v in changes.items()}
    values.update(extra or {})
    if changes.get("status") is Status.CLOSED:
        values["closed_at"] = now
    values.update(version=f.c.version + 1, updated_at=now, updated_by=actor.id, last_action=action)
    done = conn.execute(
        f.update().where(f.c.id == state.id, f.c.version == state.version).values(**values)
    )
    if done.rowcount != 1:
        raise rules.stale_error(file_state(conn, state.id))
    keys = list(changes)
    write_audit(
        conn,
        at=now,
        agent_id=actor.id,
        action=action,
        file_id=state.id,
        before=_before(state, [*keys, "version"]),
        after={**changes, "version": state.version + 1, **_audit_extra(extra)},
    )
    record_change(
        conn,
        at=now,
        file_id=state.id,
        old_group_id=state.group_id,
        new_group_id=changes.get("group_id", state.group_id),
        old_assignee_id=state.assignee_id,
        new_assignee_id=changes.get("assignee_id", state.assignee_id),
        closed_by=changes.get("closed_by", state.closed_by),
    )


def _audit_extra(extra: dict[str, Any] | None) -> dict[str, Any]:
    # links are state worth auditing; counters and times are not
    keep = ("merged_into_id", "split_from_id")
    return {k: v for k, v in (extra or {}).items() if k in keep}


def mark_read(conn: sa.Connection, agent_id: int, file_id: int, at: dt.datetime) -> None:
    """Upsert the agent's read mark (portable: update, else insert)."""
    done = conn.execute(
        read_marks.update()
        .where(read_marks.c.agent_id == agent_id, read_marks.c.file_id == file_id)
        .values(read_at=at)
    )
    if done.rowcount == 0:
        conn.execute(read_marks.insert().values(agent_id=agent_id, file_id=file_id, read_at=at))


# --------------------------------------------------------------------------- simple actions


def take(conn: sa.Connection, actor: Actor, file_id: int, version: int) -> FileSummary:
    state = file_state(conn, file_id)
    apply(conn, actor, state, rules.plan_take(actor, state, version), "take")
    return summary(conn, file_id, actor.id)


def open_file(conn: sa.Connection, actor: Actor, file_id: int, version: int) -> ContactFile:
    """Read a file; take it when it is unassigned in my group (F2); mark it read."""
    state = file_state(conn, file_id)
    now = utcnow()
    apply(conn, actor, state, rules.plan_open(actor, state, version), "open", at=now)
    mark_read(conn, actor.id, file_id, now)
    return contact_file(conn, file_id, actor.id)


def read(conn: sa.Connection, actor: Actor, file_id: int) -> None:
    state = file_state(conn, file_id)
    rules.require_read(actor, state)
    mark_read(conn, actor.id, file_id, utcnow())


def release(conn: sa.Connection, actor: Actor, file_id: int, version: int) -> FileSummary:
    state = file_state(conn, file_id)
    apply(conn, actor, state, rules.plan_release(actor, state, version), "release")
    return summary(conn, file_id, actor.id)


def move(
    conn: sa.Connection, actor: Actor, file_id: int, version: int, group_id: str
) -> FileSummary:
    state = file_state(conn, file_id)
    changes = rules.plan_move(actor, state, version, group_id)
    if load_group(conn, group_id) is None:
        raise invalid("group_id", f"there is no group {group_id}")
    apply(conn, actor, state, changes, "move")
    return summary(conn, file_id, actor.id)


def set_priority(
    conn: sa.Connection, actor: Actor, file_id: int, version: int, priority: Priority
) -> FileSummary:
    state = file_state(conn, file_id)
    apply(conn, actor, state, rules.plan_priority(actor, state, version, priority), "priority")
    return summary(conn, file_id, actor.id)


def set_status(
    conn: sa.Connection, actor: Actor, file_id: int, version: int, status: Status
) -> FileSummary:
    state = file_state(conn, file_id)
    apply(conn, actor, state, rules.plan_status(actor, state, version, status), "status")
    return summary(conn, file_id, actor.id)


# --------------------------------------------------------------------------- messages


def store_blob(conn: sa.Connection, content: bytes) -> str:
    """Keep the bytes once per content; attachments point at them by sha256."""
    digest = hashlib.sha256(content).hexdigest()
    known = conn.execute(sa.select(blobs.c.sha256).where(blobs.c.sha256 == digest)).first()
    if known is None:
        conn.execute(blobs.insert().values(sha256=digest, size=len(content), content=content))
    return digest


def add_message(
    conn: sa.Connection,
    *,
    file_id: int,
    side: Side,
    author: str,
    author_agent_id: int | None,
    body: str,
    visible: bool,
    final: bool,
    at: dt.datetime,
    copied_from_id: int | None = None,
) -> int:
    result = conn.execute(
        messages.insert().values(
            file_id=file_id,
            side=side.value,
            author=author,
            author_agent_id=author_agent_id,
            body=body,
            visible_to_citizen=visible,
            final=final,
            created_at=at,
            copied_from_id=copied_from_id,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def reply(
    conn: sa.Connection,
    actor: Actor,
    file_id: int,
    version: int,
    *,
    body: str,
    visible: bool,
    final: bool,
    uploads: Sequence[Upload],
    max_attachments: int = 5,
) -> ContactFile:
    """A reply or internal note by the holder (F4); a final answer closes the file."""
    rules.check_reply(
        body=body,
        visible=visible,
        final=final,
        attachment_count=len(uploads),
        max_attachments=max_attachments,
    )
    state = file_state(conn, file_id)
    changes = rules.plan_reply(actor, state, version, final=final)
    now = utcnow()
    action = "final_answer" if final else ("reply" if visible else "note")
    apply(
        conn,
        actor,
        state,
        changes,
        action,
        at=now,
        extra={
            "message_count": f.c.message_count + 1,
            "last_message_at": now,
            # news for colleagues; the author's own read mark below hides it from them
            "news_at": now,
        },
    )
    message_id = add_message(
        conn,
        file_id=file_id,
        side=Side.CONTACT_CENTER,
        author=actor.name,
        author_agent_id=actor.id,
        body=body,
        visible=visible,
        final=final,
        at=now,
    )
    for upload in uploads:
        digest = store_blob(conn, upload.content)
        conn.execute(
            attachments.insert().values(
                message_id=message_id,
                name=upload.name,
                media_type=upload.media_type,
                size=len(upload.content),
                sha256=digest,
            )
        )
    mark_read(conn, actor.id, file_id, now)
    return contact_file(conn, file_id, actor.id)


def copy_messages(
    conn: sa.Connection, source_ids: Sequence[int], target_id: int
) -> tuple[int, dt.datetime | None]:
    """Copy every message of the sources (time order) with its attachments into the
    target; attachments get new rows pointing at the same blob. Returns (count, newest)."""
    rows = conn.execute(
        sa.select(messages)
        .where(messages.c.file_id.in_(source_ids))
        .order_by(messages.c.created_at, messages.c.id)
    ).all()
    if not rows:
        return 0, None
    atts = conn.execute(
        sa.select(attachments)
        .where(attachments.c.message_id.in_([r.id for r in rows]))
        .order_by(attachments.c.id)
    ).all()
    by_message: dict[int, list[Any]] = {}
    for a in atts:
        by_message.setdefault(a.message_id, []).append(a)
    for r in rows:
        new_id = add_message(
            conn,
            file_id=target_id,
            side=Side(r.side),
            author=r.author,
            author_agent_id=r.author_agent_id,
            body=r.body,
            visible=bool(r.visible_to_citizen),
            final=bool(r.final),
            at=as_utc(r.created_at),
            copied_from_id=r.id,
        )
        for a in by_message.get(r.id, []):
            conn.execute(
                attachments.insert().values(
                    message_id=new_id,
                    name=a.name,
                    media_type=a.media_type,
                    size=a.size,
                    sha256=a.sha256,
                )
            )
    return len(rows), as_utc(rows[-1].created_at)


# --------------------------------------------------------------------------- new files


def insert_file(
    conn: sa.Connection,
    actor: Actor,
    *,
    niss: str,
    subject: str,
    channel: ChannelKind,
    channel_name: str,
    group_id: str,
    priority: Priority,
    language: str,
    at: dt.datetime,
    action: str,
    category: str | None = None,
    career_year: int | None = None,
    career_element: str | None = None,
    split_from_id: int | None = None,
) -> int:
    """A new open file assigned to the actor, with its audit and change rows."""
    ticket = make_ticket(next_value(conn, TICKET))
    result = conn.execute(
        f.insert().values(
            ticket=ticket,
            niss=niss,
            subject=subject[:SUBJECT_MAX],
            channel=channel.value,
            channel_name=channel_name,
            group_id=group_id,
            assignee_id=actor.id,
            status=Status.ASSIGNED.value,
            priority=priority.value,
            language=language,
            category=category,
            career_year=career_year,
            career_element=career_element,
            created_at=at,
            updated_at=at,
            updated_by=actor.id,
            last_action=action,
            version=1,
            message_count=0,
            last_message_at=at,
            split_from_id=split_from_id,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    file_id = int(key[0])
    write_audit(
        conn,
        at=at,
        agent_id=actor.id,
        action=action,
        file_id=file_id,
        before=None,
        after={
            "ticket": ticket,
            "group_id": group_id,
            "assignee_id": actor.id,
            "status": Status.ASSIGNED,
            "priority": priority,
            "split_from_id": split_from_id,
        },
    )
    record_change(
        conn,
        at=at,
        file_id=file_id,
        old_group_id=None,
        new_group_id=group_id,
        old_assignee_id=None,
        new_assignee_id=actor.id,
        closed_by=None,
    )
    return file_id


def _set_counts(conn: sa.Connection, file_id: int, count: int, newest: dt.datetime | None) -> None:
    values: dict[str, Any] = {"message_count": count}
    if newest is not None:
        values["last_message_at"] = newest
    conn.execute(f.update().where(f.c.id == file_id).values(**values))


CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "career_data": {"fr": "Données de carrière", "nl": "Loopbaangegevens", "de": "Laufbahndaten"},
    "pension": {"fr": "Estimation de pension", "nl": "Pensioenraming", "de": "Pensionsschätzung"},
    "attestation": {"fr": "Attestation", "nl": "Attest", "de": "Bescheinigung"},
    "other": {"fr": "Autre question", "nl": "Andere vraag", "de": "Andere Frage"},
}
"""Readable names of the new-file form's category keys, in the citizen's language: the
subject is read by agents and, through the channels, by the citizen."""


def category_label(category: str, language: str) -> str:
    """The subject's lead for a category key; an unknown category is used as given."""
    return CATEGORY_LABELS.get(category, {}).get(language, category)


def new_file(
    conn: sa.Connection, actor: Actor, agent_groups: Sequence[str], niss: str, req: NewFileRequest
) -> ContactFile:
    """A file encoded by the agent on behalf of a citizen (F9), assigned to the agent."""
    if not req.category.strip():
        raise invalid("category", "the category is empty")
    if not req.question.strip():
        raise invalid("question", "the question is empty")
    if req.career_year is not None and not 1900 <= req.career_year <= 2100:
        raise invalid("career_year", "the career year must lie between 1900 and 2100")
    citizen = conn.execute(sa.select(citizens).where(citizens.c.niss == niss)).first()
    if citizen is None:
        raise not_found(f"no citizen with NISS {niss}", field="niss")
    group_id = rules.pick_group(
        citizen.language, group_languages(conn, list(agent_groups)), req.group_id
    )
    now = utcnow()
    subject = category_label(req.category.strip(), citizen.language)
    if req.career_element:
        subject = f"{subject} — {req.career_element.strip()}"
    if req.career_year is not None:
        year = f" ({req.career_year})"
        subject = subject[: SUBJECT_MAX - len(year)] + year
    # a long category and career element together would not fit the subject column
    subject = subject[:SUBJECT_MAX]
    file_id = insert_file(
        conn,
        actor,
        niss=niss,
        subject=subject,
        channel=ChannelKind.AGENT,
        # the channel is the contact center's application; who encoded it is the
        # author of the citizen's question (ContactFile.encoded_by)
        channel_name=AGENT_CHANNEL,
        group_id=group_id,
        priority=req.priority,
        language=citizen.language,
        at=now,
        action="create",
        category=req.category.strip(),
        career_year=req.career_year,
        career_element=req.career_element,
    )
    # the citizen's question, encoded by the agent: the citizen's side of the thread
    add_message(
        conn,
        file_id=file_id,
        side=Side.CITIZEN,
        author=f"{citizen.first_name} {citizen.last_name}",
        author_agent_id=actor.id,
        body=req.question,
        visible=True,
        final=False,
        at=now,
    )
    _set_counts(conn, file_id, 1, now)
    mark_read(conn, actor.id, file_id, now)
    return contact_file(conn, file_id, actor.id)


# --------------------------------------------------------------------------- dispatch


def dispatch(
    conn: sa.Connection,
    actor: Actor,
    assignee_id: int,
    refs: Sequence[VersionedRef],
    confirm_reassign: bool,
) -> DispatchResult:
    """Assign files to a teammate (F10); each file succeeds or fails on its own."""
    ids = [r.id for r in refs]
    if len(set(ids)) != len(ids):
        raise invalid("files", "a file is named twice")
    try:
        target = load_agent(conn, assignee_id)
    except DomainError:
        raise invalid("assignee_id", f"there is no agent {assignee_id}") from None
    target_groups = frozenset(target.groups)
    items: list[DispatchItem] = []
    for ref in sorted(refs, key=lambda r: r.id):
        try:
            state = file_state(conn, ref.id)
        except DomainError:
            items.append(
                DispatchItem(
                    file_id=ref.id,
                    ticket="",
                    outcome=DispatchOutcome.CONFLICT,
                    detail=f"no contact file {ref.id}",
                )
            )
            continue
        outcome, detail, changes = rules.plan_dispatch_item(
            actor,
            state,
            ref.version,
            target_id=target.id,
            target_name=target.name,
            target_groups=target_groups,
            confirm_reassign=confirm_reassign,
        )
        if outcome is DispatchOutcome.DONE and changes:
            try:
                # the conditional UPDATE is this file's first write: a lost race leaves
                # nothing behind for it
                apply(conn, actor, state, changes, "dispatch")
            except DomainError as exc:
                outcome, detail = DispatchOutcome.CONFLICT, exc.message
        # a refusal says nothing of a file the caller may not read: no summary (citizen,
        # subject, assignee), or dispatch would read any file by its id
        readable = rules.can_read(actor, state)
        items.append(
            DispatchItem(
                file_id=state.id,
                ticket=state.ticket,
                outcome=outcome,
                detail=detail,
                summary=summary(conn, state.id, actor.id) if readable else None,
            )
        )
    return DispatchResult(items=items)


# --------------------------------------------------------------------------- merge, split


def _close_back(
    conn: sa.Connection,
    actor: Actor,
    state: FileState,
    action: str,
    at: dt.datetime,
    extra: dict[str, Any],
) -> None:
    """Close a file and hand it back to the citizen (no assignee)."""
    apply(
        conn,
        actor,
        state,
        {"status": Status.CLOSED, "assignee_id": None, "closed_by": actor.id},
        action,
        at=at,
        extra=extra,
    )


def merge(conn: sa.Connection, actor: Actor, refs: Sequence[VersionedRef]) -> MergeResult:
    """Merge open files of one citizen that I hold (F13), in one transaction."""
    versions = {r.id: r.version for r in refs}
    if len(versions) != len(refs):
        raise invalid("files", "a file is named twice")
    states = [file_state(conn, i) for i in sorted(versions)]
    rules.check_merge(actor, states, versions)
    heads = {s.id: summary(conn, s.id, actor.id) for s in states}
    base = min(heads.values(), key=lambda h: (h.created_at, h.id))
    head_rows = {
        r.id: r
        for r in conn.execute(
            sa.select(f.c.id, f.c.category, f.c.career_year, f.c.career_element, f.c.news_at).where(
                f.c.id.in_(list(versions))
            )
        )
    }
    now = utcnow()
    new_id = insert_file(
        conn,
        actor,
        niss=base.citizen_niss,
        subject=base.subject,
        channel=base.channel,
        channel_name=base.channel_name,
        group_id=base.group_id,
        priority=min((h.priority for h in heads.values()), key=PRIORITY_RANK.__getitem__),
        language=base.language,
        at=now,
        action="merge",
        category=head_rows[base.id].category,
        career_year=head_rows[base.id].career_year,
        career_element=head_rows[base.id].career_element,
    )
    ordered = sorted(heads.values(), key=lambda h: (h.created_at, h.id))
    count, newest = copy_messages(conn, [h.id for h in ordered], new_id)
    _set_counts(conn, new_id, count, newest)
    news = [as_utc(r.news_at) for r in head_rows.values() if r.news_at is not None]
    if news:
        conn.execute(f.update().where(f.c.id == new_id).values(news_at=max(news)))
    new_ticket = conn.execute(sa.select(f.c.ticket).where(f.c.id == new_id)).scalar_one()
    for state in states:
        _close_back(
            conn,
            actor,
            state,
            "merge",
            now,
            {
                "merged_into_id": new_id,
                "message_count": f.c.message_count + 1,
                "last_message_at": now,
            },
        )
        add_message(
            conn,
            file_id=state.id,
            side=Side.SYSTEM,
            author="Athena",
            author_agent_id=None,
            body=f"Merged into {new_ticket}",
            visible=True,
            final=False,
            at=now,
        )
        conn.execute(file_links.insert().values(kind="merge", source_id=state.id, target_id=new_id))
    mark_read(conn, actor.id, new_id, now)
    return MergeResult(
        new_file=summary(conn, new_id, actor.id),
        originals=summaries(conn, [s.id for s in states], actor.id),
    )


def split(
    conn: sa.Connection, actor: Actor, file_id: int, version: int, message: str
) -> SplitResult:
    """Split a file I hold in two (F14), in one transaction."""
    state = file_state(conn, file_id)
    rules.check_split(actor, state, version, message)
    head = summary(conn, file_id, actor.id)
    extra_row = conn.execute(
        sa.select(f.c.category, f.c.career_year, f.c.career_element).where(f.c.id == file_id)
    ).one()
    now = utcnow()
    _close_back(
        conn,
        actor,
        state,
        "split",
        now,
        {"message_count": f.c.message_count + 1, "last_message_at": now},
    )
    add_message(
        conn,
        file_id=file_id,
        side=Side.CONTACT_CENTER,
        author=actor.name,
        author_agent_id=actor.id,
        body=message,
        visible=True,
        final=False,
        at=now,
    )
    part_ids: list[int] = []
    for n in (1, 2):
        suffix = f" ({n}/2)"
        part_id = insert_file(
            conn,
            actor,
            niss=head.citizen_niss,
            subject=head.subject[: SUBJECT_MAX - len(suffix)] + suffix,
            channel=head.channel,
            channel_name=head.channel_name,
            group_id=head.group_id,
            priority=head.priority,
            language=head.language,
            at=now,
            action="split",
            category=extra_row.category,
            career_year=extra_row.career_year,
            career_element=extra_row.career_element,
            split_from_id=file_id,
        )
        count, newest = copy_messages(conn, [file_id], part_id)
        _set_counts(conn, part_id, count, newest)
        conn.execute(file_links.insert().values(kind="split", source_id=file_id, target_id=part_id))
        mark_read(conn, actor.id, part_id, now)
        part_ids.append(part_id)
    return SplitResult(
        original=summary(conn, file_id, actor.id),
        parts=summaries(conn, part_ids, actor.id),
    )
