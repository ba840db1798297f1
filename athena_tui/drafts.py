"""Reply drafts saved as they are typed, so a crash or a closed terminal loses nothing."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from athena_tui.localdb import LocalDb


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Draft:
    """A reply being written for one contact file."""

    file_id: int
    body: str = ""
    visible_to_citizen: bool = True
    final: bool = True
    attachments: list[str] = field(default_factory=list)
    """Paths as the agent typed them; checked again when sending."""
    updated_at: dt.datetime = field(default_factory=_now)

    @property
    def empty(self) -> bool:
        return not self.body.strip() and not self.attachments


class DraftStore:
    """One agent's drafts, keyed by (agent_id, file_id), in a private SQLite file.

    ``save`` is a single committed upsert (well under a millisecond on a local disk),
    so it may run on every keystroke from a thread worker; once it returns, the draft
    survives the process being killed.
    """

    def __init__(self, path: Path, agent_id: int) -> None:
        self.agent_id = agent_id
        self._db = LocalDb(path)
        self._db.connection().execute(
            """CREATE TABLE IF NOT EXISTS drafts (
                agent_id INTEGER NOT NULL, file_id INTEGER NOT NULL,
                body TEXT NOT NULL, visible_to_citizen INTEGER NOT NULL,
                final INTEGER NOT NULL, attachments TEXT NOT NULL, updated_at TEXT NOT NULL,
                PRIMARY KEY (agent_id, file_id)
            )"""
        )

    def save(self, draft: Draft) -> None:
        """Store the draft (replacing the previous one of that file); an empty draft is
        deleted instead so that reopening the file shows no stale empty draft."""
        if draft.empty:
            self.delete(draft.file_id)
            return
        draft.updated_at = _now()
        self._db.connection().execute(
            "INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                self.agent_id,
                draft.file_id,
                draft.body,
                int(draft.visible_to_citizen),
                int(draft.final),
                json.dumps(draft.attachments),
                draft.updated_at.isoformat(),
            ),
        )

    def load(self, file_id: int) -> Draft | None:
        row = (
            self._db.connection()
            .execute(
                "SELECT file_id, body, visible_to_citizen, final, attachments, updated_at"
                " FROM drafts WHERE agent_id = ? AND file_id = ?",
                (self.agent_id, file_id),
            )
            .fetchone()
        )
        return None if row is None else _draft(row)

    def delete(self, file_id: int) -> None:
        self._db.connection().execute(
            "DELETE FROM drafts WHERE agent_id = ? AND file_id = ?", (self.agent_id, file_id)
        )

    def all(self) -> list[Draft]:
        """Every draft of this agent, newest first."""
        rows = (
            self._db.connection()
            .execute(
                "SELECT file_id, body, visible_to_citizen, final, attachments, updated_at"
                " FROM drafts WHERE agent_id = ? ORDER BY updated_at DESC",
                (self.agent_id,),
            )
            .fetchall()
        )
        return [_draft(row) for row in rows]

    def file_ids(self) -> set[int]:
        """Files that have a draft (a marker in lists)."""
        rows = self._db.connection().execute(
            "SELECT file_id FROM drafts WHERE agent_id = ?", (self.agent_id,)
        )
        return {int(row[0]) for row in rows}

    def close(self) -> None:
        self._db.close()


def _draft(row: tuple[object, ...]) -> Draft:
    file_id, body, visible, final, attachments, updated_at = row
    return Draft(
        file_id=int(str(file_id)),
        body=str(body),
        visible_to_citizen=bool(visible),
        final=bool(final),
        attachments=list(json.loads(str(attachments))),
        updated_at=dt.datetime.fromisoformat(str(updated_at)),
    )
