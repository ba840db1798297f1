"""Small helpers of the server tests: versions, store snapshots."""

from __future__ import annotations

from typing import Any

import httpx
import sqlalchemy as sa

from athena_server.schema import metadata

WATCHED = (
    "contact_files",
    "messages",
    "attachments",
    "blobs",
    "audit",
    "changes",
    "read_marks",
    "file_links",
    "idempotency",
)


def version(client: httpx.Client, file_id: int) -> int:
    answer = client.get(f"/v1/files/{file_id}")
    assert answer.status_code == 200, answer.text
    return int(answer.json()["summary"]["version"])


def snapshot(engine: sa.Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables a write may touch, to prove a refused request changed nothing."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for name in WATCHED:
            table = metadata.tables[name]
            rows = conn.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
            out[name] = [tuple(r) for r in rows]
    return out


def error(answer: httpx.Response) -> dict[str, Any]:
    body: dict[str, Any] = answer.json()["error"]
    return body
