"""Idempotency keys: a replayed write returns the first answer and changes nothing.

The answer is stored in the same transaction as the write it answers, so a write and
its stored answer exist together or not at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from athena_server.db import utcnow
from athena_server.errors import DomainError, invalid
from athena_server.journal import one_writer, serialize_writers
from athena_server.schema import idempotency

KEY_MAX = 100


@dataclass(frozen=True)
class Answer:
    """An HTTP answer of a write: status and JSON body (None for 204)."""

    status: int
    body: Any


def request_hash(*parts: Any) -> str:
    """A stable digest of what a request asks for (method, path, parsed body)."""
    blob = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def check_key(key: str | None) -> str | None:
    if key is None:
        return None
    if not key.strip() or len(key) > KEY_MAX:
        raise invalid("Idempotency-Key", f"the Idempotency-Key must be 1–{KEY_MAX} characters")
    return key


def _stored(conn: sa.Connection, agent_id: int, key: str, digest: str) -> Answer | None:
    row = conn.execute(
        sa.select(idempotency).where(idempotency.c.agent_id == agent_id, idempotency.c.key == key)
    ).first()
    if row is None:
        return None
    if row.request_hash != digest:
        raise invalid(
            "Idempotency-Key", "this Idempotency-Key was already used for a different request"
        )
    stored = row.response
    return Answer(status=row.status_code, body=stored.get("body"))


def run_write(
    engine: sa.Engine,
    agent_id: int,
    key: str | None,
    digest: str,
    work: Callable[[sa.Connection], Answer],
    on_replay: Callable[[sa.Connection, Answer], None] | None = None,
) -> tuple[Answer, bool]:
    """Run ``work`` in one transaction unless ``key`` was seen; returns (answer, replayed).

    A replay is not a free pass: ``on_replay`` checks it in a transaction of its own
    (may the caller still read what the answer shows? its read is logged) and may refuse
    it by raising."""
    key = check_key(key)
    if key is None:
        with one_writer(engine), engine.begin() as conn:
            serialize_writers(conn)
            return work(conn), False
    try:
        with one_writer(engine), engine.begin() as conn:
            serialize_writers(conn)
            earlier = _stored(conn, agent_id, key, digest)
            if earlier is None:
                answer = work(conn)
                conn.execute(
                    idempotency.insert().values(
                        agent_id=agent_id,
                        key=key,
                        request_hash=digest,
                        status_code=answer.status,
                        response={"body": answer.body},
                        created_at=utcnow(),
                    )
                )
                return answer, False
    except (DomainError, sa.exc.IntegrityError):
        # the same key raced in from a retry: the first one's answer wins
        with engine.connect() as conn:
            earlier = _stored(conn, agent_id, key, digest)
        if earlier is None:
            raise
    if on_replay is not None:
        with engine.begin() as conn:
            on_replay(conn, earlier)
    return earlier, True


def purge_older_than(conn: sa.Connection, cutoff: Any) -> None:
    conn.execute(idempotency.delete().where(idempotency.c.created_at < cutoff))
