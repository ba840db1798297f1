"""Contact files (messages and attachment metadata) kept in the local store for offline reading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from athena_tui.localdb import LocalDb
from backend_client.models import AttachmentMeta, ContactFile

ATTACHMENT_BUDGET = 64 * 1024 * 1024
"""Bytes of attachment content kept for offline use; the least recently used go first."""


@dataclass(frozen=True)
class CachedFile:
    """A file as the server last showed it, and when."""

    contact: ContactFile
    cached_at: dt.datetime


class FileCache:
    """Whole contact files by id, in the agent's private store (the replica's file).

    A file is stored each time it is read from the server, so the newest copy wins; a
    copy is never newer than the server's, and an older version never replaces a newer
    one (a slow answer overtaken by a sync refresh).
    """

    def __init__(self, path: Path) -> None:
        self._db = LocalDb(path)
        self._db.connection().execute(
            """CREATE TABLE IF NOT EXISTS cached_files (
                id INTEGER PRIMARY KEY, version INTEGER NOT NULL,
                body TEXT NOT NULL, cached_at TEXT NOT NULL
            )"""
        )
        self._db.connection().execute(
            """CREATE TABLE IF NOT EXISTS cached_attachments (
                id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
                content BLOB NOT NULL, used_at TEXT NOT NULL
            )"""
        )

    def put(self, contact: ContactFile, now: dt.datetime | None = None) -> None:
        """Keep ``contact`` (unless a newer version is kept already)."""
        at = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        self._db.connection().execute(
            "INSERT INTO cached_files (id, version, body, cached_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET version = excluded.version, body = excluded.body,"
            " cached_at = excluded.cached_at WHERE excluded.version >= cached_files.version",
            (
                contact.summary.id,
                contact.summary.version,
                contact.model_dump_json(),
                at.isoformat(),
            ),
        )

    def get(self, file_id: int) -> CachedFile | None:
        row = (
            self._db.connection()
            .execute("SELECT body, cached_at FROM cached_files WHERE id = ?", (file_id,))
            .fetchone()
        )
        if row is None:
            return None
        return CachedFile(
            ContactFile.model_validate_json(row[0]), dt.datetime.fromisoformat(row[1])
        )

    def versions(self) -> dict[int, int]:
        """Cached file id → the version kept."""
        rows = self._db.connection().execute("SELECT id, version FROM cached_files")
        return {int(file_id): int(version) for file_id, version in rows}

    def drop(self, file_ids: Iterable[int]) -> None:
        """Forget files (no longer the agent's to read)."""
        self._db.connection().executemany(
            "DELETE FROM cached_files WHERE id = ?", [(i,) for i in file_ids]
        )

    def put_attachment(
        self, meta: AttachmentMeta, content: bytes, budget: int = ATTACHMENT_BUDGET
    ) -> bool:
        """Keep an attachment's content (downloaded once, on demand) within ``budget``
        bytes in all, dropping the least recently used; False when it alone is over."""
        if len(content) > budget:
            return False
        now = dt.datetime.now(dt.UTC).isoformat()
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO cached_attachments (id, sha256, size, content, used_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (meta.id, meta.sha256, len(content), content, now),
            )
            total = int(
                conn.execute("SELECT COALESCE(SUM(size), 0) FROM cached_attachments").fetchone()[0]
            )
            for old_id, size in conn.execute(
                "SELECT id, size FROM cached_attachments WHERE id != ? ORDER BY used_at, id",
                (meta.id,),
            ).fetchall():
                if total <= budget:
                    break
                conn.execute("DELETE FROM cached_attachments WHERE id = ?", (old_id,))
                total -= int(size)
        return True

    def attachment(self, meta: AttachmentMeta) -> bytes | None:
        """The kept content of ``meta`` (only if it is still the same document)."""
        conn = self._db.connection()
        row = conn.execute(
            "SELECT content FROM cached_attachments WHERE id = ? AND sha256 = ?",
            (meta.id, meta.sha256),
        ).fetchone()
        if row is None:
            return None
        conn.execute(
            "UPDATE cached_attachments SET used_at = ? WHERE id = ?",
            (dt.datetime.now(dt.UTC).isoformat(), meta.id),
        )
        return bytes(row[0])

    def close(self) -> None:
        self._db.close()


def stale_or_missing(cached: dict[int, int], wanted: dict[int, int], limit: int) -> list[int]:
    """Which of ``wanted`` (id → version the replica knows) to fetch: never cached, or
    cached at an older version; at most ``limit``, lowest ids first (deterministic)."""
    due = [i for i, version in sorted(wanted.items()) if cached.get(i, -1) < version]
    return due[:limit]
