"""Hand-made file summaries for replica tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backend_client.models import AgentRef, ChannelKind, FileSummary, Priority, Status

ME = AgentRef(id=7, name="Agent Seven")
OTHER = AgentRef(id=8, name="Zoë Other")
BASE = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


def summary(file_id: int, **changes: Any) -> FileSummary:
    """An open, unassigned fr-desk file; ``changes`` override any field."""
    values: dict[str, Any] = {
        "id": file_id,
        "ticket": f"SR{file_id:07d}",
        "citizen_niss": "85073003328",
        "citizen_name": "Dubois Jean",
        "subject": "Question about my career",
        "channel": ChannelKind.MY_CAREER,
        "channel_name": "My Career",
        "group_id": "fr-desk",
        "assignee": None,
        "status": Status.NEW,
        "priority": Priority.MEDIUM,
        "language": "fr",
        "created_at": BASE + dt.timedelta(hours=file_id),
        "updated_at": BASE + dt.timedelta(hours=file_id),
        "closed_at": None,
        "closed_by": None,
        "version": 1,
        "message_count": 1,
        "last_message_at": BASE + dt.timedelta(hours=file_id),
        "unread": False,
    }
    values.update(changes)
    if values["assignee"] is not None and values["status"] is Status.NEW:
        values["status"] = Status.ASSIGNED
    return FileSummary(**values)


def closed_by_me(file_id: int, hours: int, **changes: Any) -> FileSummary:
    return summary(
        file_id,
        status=Status.CLOSED,
        closed_by=ME,
        closed_at=BASE + dt.timedelta(days=10, hours=hours),
        **changes,
    )
