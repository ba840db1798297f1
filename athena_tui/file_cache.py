"""Contact files (messages and attachment metadata) kept in the local store for offline reading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from athena_tui.localdb import LocalDb
from backend_client.models import ContactFile


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

    def close(self) -> None:
        self._db.close()


def stale_or_missing(cached: dict[int, int], wanted: dict[int, int], limit: int) -> list[int]:
    """Which of ``wanted`` (id → version the replica knows) to fetch: never cached, or
    cached at an older version; at most ``limit``, lowest ids first (deterministic)."""
    due = [i for i, version in sorted(wanted.items()) if cached.get(i, -1) < version]
    return due[:limit]
