"""Turning wire summaries into the table's row tuples (for lists not served by the replica)."""

from __future__ import annotations

from backend_client.models import FileSummary
from widgets.file_table import FileRow


def row_from_summary(summary: FileSummary) -> FileRow:
    """The FileRow a FileTable shows for ``summary``."""
    return FileRow(
        id=summary.id,
        ticket=summary.ticket,
        citizen_name=summary.citizen_name,
        citizen_niss=summary.citizen_niss,
        subject=summary.subject,
        channel_name=summary.channel_name,
        priority=summary.priority.value,
        status=summary.status.value,
        assignee_name=summary.assignee.name if summary.assignee else "",
        created_at=summary.created_at,
        updated_at=summary.updated_at,
        unread=summary.unread,
        group_id=summary.group_id,
        version=summary.version,
        closed_at=summary.closed_at,
    )
