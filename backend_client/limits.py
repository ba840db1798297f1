"""Limits shared by server and client (the server enforces, the client warns early)."""

from __future__ import annotations

MAX_ATTACHMENTS = 5
"""At most 5 attachments per message (manual §3)."""

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
"""Default size cap of one attachment."""
