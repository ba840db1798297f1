"""The actions screens call: API writes with version + idempotency key, kept in the replica."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from athena_tui import commands
from athena_tui.commands import ActionKind, Command
from athena_tui.drafts import Draft, DraftStore
from athena_tui.file_cache import CachedFile, FileCache, stale_or_missing
from athena_tui.outbox import Outbox, OutboxAction, ReplayResult
from athena_tui.purposes import PurposeBook, PurposeNeeded, is_purpose_refusal
from athena_tui.replica import Replica
from backend_client.errors import ApiError, Conflict, Unavailable, ValidationFailed
from backend_client.models import (
    AttachmentMeta,
    AuditEntry,
    Career,
    CareerView,
    Citizen,
    CitizenPage,
    ContactFile,
    DispatchResult,
    FileSummary,
    Group,
    MergeResult,
    NewFileRequest,
    Priority,
    Purpose,
    SplitResult,
    Status,
    Teammate,
    VersionedRef,
)

if TYPE_CHECKING:
    from backend_client.client import AthenaClient
from backend_client.ticket import TicketError, normalize_ticket

T = TypeVar("T")

QUEUED_MESSAGE = "Saved; it will be sent when the connection is back."
MAX_ATTACHMENTS = 5


def check_attachments(paths: Sequence[Path], max_bytes: int | None = None) -> None:
    """Raise ValidationFailed (field ``attachments``) naming the first problem: too many
    files, a missing or unreadable one, or one over ``max_bytes``. Touches the disk:
    call it from a thread."""
    if len(paths) > MAX_ATTACHMENTS:
        raise ValidationFailed(
            f"at most {MAX_ATTACHMENTS} attachments per message, not {len(paths)}",
            field="attachments",
        )
    for path in paths:
        try:
            size = path.stat().st_size
        except OSError:
            raise ValidationFailed(f"cannot read {path}", field="attachments") from None
        if not path.is_file():
            raise ValidationFailed(f"{path} is not a file", field="attachments")
        if max_bytes is not None and size > max_bytes:
            raise ValidationFailed(
                f"{path.name} is {size:,} bytes; the limit is {max_bytes:,}",
                field="attachments",
            )


@dataclass(frozen=True)
class Queued:
    """The server was unreachable: the action waits in the outbox and will be sent
    (exactly once) on reconnect. ``message`` is an English source string for ``t()``."""

    action: OutboxAction
    message: str = QUEUED_MESSAGE


def new_key() -> str:
    """A fresh idempotency key."""
    return uuid.uuid4().hex


_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_filename(name: str, fallback: str = "attachment") -> str:
    """A file name that cannot climb out of the chosen folder nor hide itself."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    return base[:120] or fallback


class Gateway:
    """App-facing actions over the raw client. Every write sends the file's version and
    a new idempotency key, and its answer goes into the replica at once, so dashboards
    show it before the next sync.

    Queueable when the server is unreachable (they return ``Queued``): take, release,
    move, priority, status, mark read, and a reply without attachments (its draft is
    kept until the queued reply is confirmed). Attachments are re-read at send time and
    multi-file actions (dispatch, merge, split) need the agent to see the outcome, so
    those raise ``Unavailable`` instead. A stale version raises ``Conflict`` with the
    server's human message, after the replica was refreshed with the current summary.
    """

    def __init__(
        self,
        client: AthenaClient,
        replica: Replica,
        outbox: Outbox,
        drafts: DraftStore,
        cache: FileCache | None = None,
    ) -> None:
        self.client = client
        self.replica = replica
        self.outbox = outbox
        self.drafts = drafts
        self.cache = cache
        """Whole files kept for offline reading (none: nothing is kept)."""
        self.purposes = PurposeBook()
        """This session's purposes of reads of citizens' data (the gateway lives as
        long as the session)."""

    # ------------------------------------------------------------------ helpers

    async def _store(self, summaries: Iterable[FileSummary | None]) -> None:
        present = [s for s in summaries if s is not None]
        if present:
            await asyncio.to_thread(self.replica.upsert, present)

    async def _refresh_after_conflict(self, file_id: int) -> None:
        # Best effort: the UI reloads anyway; this makes the dashboard right at once.
        try:
            current = await self.client.get_file(file_id)
        except Exception:
            return
        await self._store([current.summary])

    async def _write(self, command: Command) -> FileSummary | Queued:
        """Execute one typed command now, or queue it: behind earlier actions on its file
        still waiting in the outbox (so the server gets them in the agent's order), or
        when the server is unreachable."""
        key = new_key()
        if await asyncio.to_thread(self.outbox.pending_for, command.file_id):
            action = await asyncio.to_thread(self.outbox.enqueue_command, command, key)
            return Queued(action)
        summary: FileSummary | None
        try:
            summary = await commands.execute(self.client, command, key)
        except Unavailable:
            action = await asyncio.to_thread(self.outbox.enqueue_command, command, key)
            return Queued(action)
        except Conflict:
            await self._refresh_after_conflict(command.file_id)
            raise
        await self._store([summary])
        assert summary is not None  # every single-file action answers a summary
        return summary

    # ------------------------------------------------------------------ reading

    async def open_file(self, file: FileSummary | int) -> ContactFile:
        """Open a file (F2/F3): an unassigned open file is taken by opening it; any
        other is read. Either way it is marked read. Given an id, the replica's summary
        is used (or the server's, for a file outside the replica)."""
        if isinstance(file, int):
            known = await asyncio.to_thread(self.replica.get, file)
            summary = known if known is not None else (await self.client.get_file(file)).summary
        else:
            summary = file
        if summary.assignee is None and summary.status is not Status.CLOSED:
            try:
                opened = await self.client.open_file(
                    summary.id, summary.version, idempotency_key=new_key()
                )
            except Conflict:
                await self._refresh_after_conflict(summary.id)
                raise
            await self._store([opened.summary])
            await self._keep(opened)
            self._file_read(opened)
            return opened
        opened = await self.client.get_file(summary.id)
        if opened.summary.unread:
            try:
                await self.client.mark_read(summary.id, idempotency_key=new_key())
            except Unavailable:
                pass  # the marker stays until the next open; not worth an outbox entry
            else:
                opened = opened.model_copy(
                    update={"summary": opened.summary.model_copy(update={"unread": False})}
                )
        await self._store([opened.summary])
        await self._keep(opened)
        self._file_read(opened)
        return opened

    async def _keep(self, contact_file: ContactFile) -> None:
        if self.cache is not None:
            await asyncio.to_thread(self.cache.put, contact_file)

    async def cached_file(self, file_id: int) -> CachedFile | None:
        """The copy of a file kept for offline reading, if any."""
        if self.cache is None:
            return None
        return await asyncio.to_thread(self.cache.get, file_id)

    async def refresh_cache(self, limit: int = 20) -> list[int]:
        """Fetch, in the background, the files the agent should be able to read offline
        and whose kept copy is missing or older than the replica's summary: every file
        already kept, and every open file assigned to the agent. At most ``limit`` per
        call; returns the ids fetched. Stops quietly at the first network failure."""
        cache = self.cache
        if cache is None:
            return []

        def due() -> list[int]:
            kept = cache.versions()
            wanted = self.replica.versions(set(kept) | set(self.replica.my_file_ids()))
            return stale_or_missing(kept, wanted, limit)

        fetched: list[int] = []
        for file_id in await asyncio.to_thread(due):
            try:
                contact_file = await self.client.get_file(file_id)
            except Unavailable:
                break
            except ApiError:
                continue  # no longer readable by me: the copy stays as it was
            await self._keep(contact_file)
            fetched.append(file_id)
        return fetched

    def _file_read(self, contact_file: ContactFile) -> None:
        # a file the agent may read is the purpose of reading its citizen (silently)
        self.purposes.remember_file(contact_file.summary.citizen_niss, contact_file.summary.id)

    async def get_file(self, file_id: int) -> ContactFile:
        """Read a file (does not take it); refreshes its replica row."""
        contact_file = await self.client.get_file(file_id)
        await self._store([contact_file.summary])
        await self._keep(contact_file)
        self._file_read(contact_file)
        return contact_file

    async def lookup_ticket(self, ticket: str) -> ContactFile:
        """Any file the agent may see by its ticket (closed ones included, F15)."""
        try:
            normal = normalize_ticket(ticket)
        except TicketError as exc:
            raise ValidationFailed(str(exc), field="ticket", status=422) from exc
        found = await self.client.file_by_ticket(normal)
        self._file_read(found)
        return found

    async def treated(self, limit: int = 100, offset: int = 0) -> list[FileSummary]:
        return await self.client.treated(limit, offset)

    async def audit(self, file_id: int) -> list[AuditEntry]:
        return await self.client.audit(file_id)

    async def groups(self) -> list[Group]:
        return await self.client.groups()

    async def teammates(self, group_id: str) -> list[Teammate]:
        return await self.client.teammates(group_id)

    async def download_attachment(self, attachment_id: int) -> bytes:
        return await self.client.download_attachment(attachment_id)

    async def attachment_content(self, attachment: AttachmentMeta) -> bytes:
        """An attachment's bytes: from the server (then kept, within the cache's
        budget), or the kept copy when the server is unreachable."""
        cache = self.cache
        try:
            content = await self.client.download_attachment(attachment.id)
        except Unavailable:
            kept = None if cache is None else await asyncio.to_thread(cache.attachment, attachment)
            if kept is None:
                raise
            return kept
        if cache is not None:
            await asyncio.to_thread(cache.put_attachment, attachment, content)
        return content

    async def save_attachment(self, attachment: AttachmentMeta, folder: Path) -> Path:
        """Download an attachment into ``folder`` under a safe, non-clobbering name
        (offline: from the kept copy, when there is one)."""
        content = await self.attachment_content(attachment)
        return await asyncio.to_thread(_write_new_file, folder, attachment.name, content)

    # ------------------------------------------------------------------ single-file writes

    # Each takes the file as the agent saw it: its id and version go to the server.

    async def take(self, file: FileSummary) -> FileSummary | Queued:
        return await self._write(commands.Take(file.id, file.version))

    async def release(self, file: FileSummary) -> FileSummary | Queued:
        return await self._write(commands.Release(file.id, file.version))

    async def move(self, file: FileSummary, group_id: str) -> FileSummary | Queued:
        return await self._write(commands.Move(file.id, file.version, group_id))

    async def set_priority(self, file: FileSummary, priority: Priority) -> FileSummary | Queued:
        return await self._write(commands.SetPriority(file.id, file.version, priority))

    async def set_status(self, file: FileSummary, status: Status) -> FileSummary | Queued:
        return await self._write(commands.SetStatus(file.id, file.version, status))

    async def mark_read(self, file_id: int) -> None:
        """Clear the unread marker (not queued when offline: the next open sets it)."""
        await self.client.mark_read(file_id, idempotency_key=new_key())
        known = await asyncio.to_thread(self.replica.get, file_id)
        if known is not None and known.unread:
            await self._store([known.model_copy(update={"unread": False})])

    async def reply(self, target: FileSummary | ContactFile, draft: Draft) -> ContactFile | Queued:
        """Send the draft as a message of ``target``. The draft is deleted only once the
        server confirmed it (or, when queued, once the replay is confirmed)."""
        file = target.summary if isinstance(target, ContactFile) else target
        key = new_key()
        attachments = [Path(p).expanduser() for p in draft.attachments]
        await asyncio.to_thread(check_attachments, attachments)
        command = commands.Reply(
            file.id,
            file.version,
            draft.body,
            visible_to_citizen=draft.visible_to_citizen,
            final=draft.final and draft.visible_to_citizen,
        )
        waiting = await asyncio.to_thread(self.outbox.pending_for, file.id)
        if waiting and not attachments:
            # behind the file's waiting actions, in the agent's order (see ``_write``)
            await asyncio.to_thread(self.drafts.save, draft)
            action = await asyncio.to_thread(self.outbox.enqueue_command, command, key)
            return Queued(action)
        try:
            # with the attachments, read from disk now: not a storable command
            sent = await self.client.reply(
                file.id,
                file.version,
                command.body,
                visible_to_citizen=command.visible_to_citizen,
                final=command.final,
                attachments=attachments,
                idempotency_key=key,
            )
        except Unavailable:
            if attachments:
                raise
            await asyncio.to_thread(self.drafts.save, draft)
            action = await asyncio.to_thread(self.outbox.enqueue_command, command, key)
            return Queued(action)
        except Conflict:
            await self._refresh_after_conflict(file.id)
            raise
        await asyncio.to_thread(self.drafts.delete, file.id)
        await self._store([sent.summary])
        return sent

    # ------------------------------------------------------------------ multi-file writes

    async def dispatch(
        self,
        assignee_id: int,
        files: Sequence[FileSummary],
        *,
        confirm_reassign: bool = False,
    ) -> DispatchResult:
        """Assign files to a teammate (F10); per-file outcomes in the result."""
        result = await self.client.dispatch(
            assignee_id,
            _refs(files),
            confirm_reassign=confirm_reassign,
            idempotency_key=new_key(),
        )
        await self._store(item.summary for item in result.items)
        return result

    async def merge(self, files: Sequence[FileSummary]) -> MergeResult:
        """Merge open files of one citizen (F13) into a new file."""
        result = await self.client.merge(_refs(files), idempotency_key=new_key())
        await self._store([result.new_file, *result.originals])
        return result

    async def split(self, file: FileSummary, message: str) -> SplitResult:
        """Split a file in two (F14); ``message`` goes to the original and the parts."""
        result = await self.client.split(file.id, file.version, message, idempotency_key=new_key())
        await self._store([result.original, *result.parts])
        return result

    # ------------------------------------------------------------------ citizens

    async def search_citizens(
        self,
        *,
        niss: str | None = None,
        last_name: str | None = None,
        first_name: str | None = None,
        birth_date: dt.date | None = None,
        offset: int = 0,
    ) -> CitizenPage:
        """One page of a search (``more`` when there is a next one)."""
        return await self.client.search_citizens(
            niss=niss,
            last_name=last_name,
            first_name=first_name,
            birth_date=birth_date,
            offset=offset,
        )

    async def _for_purpose(self, niss: str, read: Callable[[Purpose], Awaitable[T]]) -> T:
        """Run a read of one citizen with this session's purpose for them: none known →
        ``PurposeNeeded`` without asking the server; refused by the server (a file moved
        out of my groups) → forgotten, so the next try asks the agent."""
        purpose = self.purposes.get(niss)
        if purpose is None:
            raise PurposeNeeded()
        try:
            return await read(purpose)
        except ApiError as error:
            if is_purpose_refusal(error):
                self.purposes.forget(niss)
            raise

    async def citizen(self, niss: str) -> Citizen:
        return await self._for_purpose(niss, lambda p: self.client.citizen(niss, p))

    async def citizen_files(self, niss: str) -> list[FileSummary]:
        return await self._for_purpose(niss, lambda p: self.client.citizen_files(niss, p))

    async def new_file(self, niss: str, request: NewFileRequest) -> ContactFile:
        created = await self._for_purpose(
            niss, lambda p: self.client.new_file(niss, request, p, idempotency_key=new_key())
        )
        await self._store([created.summary])
        return created

    async def career(self, niss: str, view: CareerView = CareerView.AGENT) -> Career:
        return await self._for_purpose(niss, lambda p: self.client.career(niss, view, p))

    # ------------------------------------------------------------------ outbox

    async def replay_outbox(self) -> list[ReplayResult]:
        """Send queued actions; store their answers and drop drafts of sent replies. A
        refused reply goes back to the file's draft with its text (never lost); the
        files of refused actions are refreshed so the agent sees them as they are."""
        results = await self.outbox.replay(self.client)
        await self._store(r.summary for r in results)
        for result in results:
            action = result.action
            if action.kind is not ActionKind.REPLY:
                continue
            if result.error is None:
                await asyncio.to_thread(self.drafts.delete, action.file_id)
            else:
                await asyncio.to_thread(restore_draft, self.drafts, action)
        for file_id in {r.action.file_id for r in results if r.error is not None}:
            await self._refresh_after_conflict(file_id)
        return results

    async def retry_action(self, action: OutboxAction) -> OutboxAction | None:
        """Queue a refused action again against the file as the replica knows it now
        (the agent decided to do it anyway); it is sent with the next replay."""
        known = await asyncio.to_thread(self.replica.get, action.file_id)
        version = None if known is None else known.version
        return await asyncio.to_thread(self.outbox.retry, action.key, new_key(), version)

    async def drop_action(self, action: OutboxAction) -> None:
        """Forget a queued or refused action. A reply's text stays in the file's draft."""
        if action.kind is ActionKind.REPLY:
            await asyncio.to_thread(restore_draft, self.drafts, action)
        await asyncio.to_thread(self.outbox.discard, action.key)


def restore_draft(drafts: DraftStore, action: OutboxAction) -> Draft:
    """Put a queued reply's text back in its file's draft (blocking). A draft the agent
    wrote meanwhile is kept after it: neither text is lost."""
    body = str(action.payload.get("body", ""))
    current = drafts.load(action.file_id)
    if current is not None and body in current.body:
        return current
    draft = Draft(
        file_id=action.file_id,
        body=body if current is None or current.empty else f"{body}\n\n{current.body}",
        visible_to_citizen=bool(action.payload.get("visible_to_citizen", True)),
        final=bool(action.payload.get("final", False)),
        attachments=[] if current is None else current.attachments,
    )
    drafts.save(draft)
    return draft


def _refs(files: Sequence[FileSummary]) -> list[VersionedRef]:
    return [VersionedRef(id=f.id, version=f.version) for f in files]


def _write_new_file(folder: Path, name: str, content: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    base = safe_filename(name)
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    candidate = folder / base
    counter = 1
    while True:
        try:
            # never overwrite an existing file; a citizen's document is the agent's alone
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            return candidate
        except FileExistsError:
            counter += 1
            candidate = folder / (f"{stem} ({counter}).{suffix}" if dot else f"{stem} ({counter})")
