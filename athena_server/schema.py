"""SQLAlchemy Core tables of the Athena store (portable: SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

TS = sa.DateTime(timezone=True)

groups = sa.Table(
    "groups",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("language", sa.String(2), nullable=False),
    sa.Column("partner", sa.Boolean, nullable=False, default=False),
)

agents = sa.Table(
    "agents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("national_number", sa.String(11), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("language", sa.String(2), nullable=False),
    # comma-separated Role values, e.g. "contact_center,case_management"
    sa.Column("roles", sa.String(100), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
)

memberships = sa.Table(
    "memberships",
    metadata,
    sa.Column("agent_id", sa.Integer, sa.ForeignKey("agents.id"), primary_key=True),
    sa.Column("group_id", sa.String(40), sa.ForeignKey("groups.id"), primary_key=True),
)

citizens = sa.Table(
    "citizens",
    metadata,
    sa.Column("niss", sa.String(11), primary_key=True),
    sa.Column("last_name", sa.String(100), nullable=False),
    sa.Column("first_name", sa.String(100), nullable=False),
    # upper-cased, accent-free copies for search
    sa.Column("last_name_key", sa.String(100), nullable=False, index=True),
    sa.Column("first_name_key", sa.String(100), nullable=False),
    sa.Column("birth_date", sa.Date, nullable=False),
    sa.Column("language", sa.String(2), nullable=False),
)

career_periods = sa.Table(
    "career_periods",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("niss", sa.String(11), sa.ForeignKey("citizens.niss"), nullable=False, index=True),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("start", sa.Date, nullable=False),
    sa.Column("end", sa.Date, nullable=False),
    sa.Column("days", sa.Integer, nullable=False),
    sa.Column("employer", sa.String(200)),
    sa.Column("remuneration", sa.Float),
    sa.Column("attestation_date", sa.Date),
)

contact_files = sa.Table(
    "contact_files",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("ticket", sa.String(9), nullable=False, unique=True),
    sa.Column("niss", sa.String(11), sa.ForeignKey("citizens.niss"), nullable=False, index=True),
    sa.Column("subject", sa.String(300), nullable=False),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("channel_name", sa.String(100), nullable=False),
    sa.Column("group_id", sa.String(40), sa.ForeignKey("groups.id"), nullable=False, index=True),
    sa.Column("assignee_id", sa.Integer, sa.ForeignKey("agents.id"), index=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("priority", sa.String(10), nullable=False),
    sa.Column("language", sa.String(2), nullable=False),
    sa.Column("category", sa.String(100)),
    sa.Column("career_year", sa.Integer),
    sa.Column("career_element", sa.String(300)),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("updated_at", TS, nullable=False),
    sa.Column("updated_by", sa.Integer, sa.ForeignKey("agents.id")),
    sa.Column("last_action", sa.String(40)),
    sa.Column("closed_at", TS),
    sa.Column("closed_by", sa.Integer, sa.ForeignKey("agents.id"), index=True),
    sa.Column("version", sa.Integer, nullable=False, default=1),
    sa.Column("message_count", sa.Integer, nullable=False, default=0),
    sa.Column("last_message_at", TS, nullable=False),
    # time of the newest message an agent has not written (citizen or colleague)
    sa.Column("news_at", TS),
    sa.Column("merged_into_id", sa.Integer, sa.ForeignKey("contact_files.id")),
    sa.Column("split_from_id", sa.Integer, sa.ForeignKey("contact_files.id")),
    sa.Column("reopened_from_id", sa.Integer, sa.ForeignKey("contact_files.id")),
)

file_links = sa.Table(
    "file_links",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),  # merge | split | reopen
    sa.Column("source_id", sa.Integer, sa.ForeignKey("contact_files.id"), nullable=False),
    sa.Column("target_id", sa.Integer, sa.ForeignKey("contact_files.id"), nullable=False),
)

messages = sa.Table(
    "messages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("file_id", sa.Integer, sa.ForeignKey("contact_files.id"), nullable=False, index=True),
    sa.Column("side", sa.String(20), nullable=False),
    sa.Column("author", sa.String(200), nullable=False),
    sa.Column("author_agent_id", sa.Integer, sa.ForeignKey("agents.id")),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("visible_to_citizen", sa.Boolean, nullable=False),
    sa.Column("final", sa.Boolean, nullable=False),
    sa.Column("created_at", TS, nullable=False),
    # the message this one was copied from by a merge or split
    sa.Column("copied_from_id", sa.Integer, sa.ForeignKey("messages.id")),
)

blobs = sa.Table(
    "blobs",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
)

attachments = sa.Table(
    "attachments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("message_id", sa.Integer, sa.ForeignKey("messages.id"), nullable=False, index=True),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("media_type", sa.String(100), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), sa.ForeignKey("blobs.sha256"), nullable=False),
)

read_marks = sa.Table(
    "read_marks",
    metadata,
    sa.Column("agent_id", sa.Integer, sa.ForeignKey("agents.id"), primary_key=True),
    sa.Column("file_id", sa.Integer, sa.ForeignKey("contact_files.id"), primary_key=True),
    sa.Column("read_at", TS, nullable=False),
)

audit = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", TS, nullable=False),
    sa.Column("agent_id", sa.Integer, sa.ForeignKey("agents.id")),
    sa.Column("actor", sa.String(100), nullable=False),  # "agent:12", "channel:my_career", "system"
    sa.Column("action", sa.String(40), nullable=False),
    sa.Column("file_id", sa.Integer, sa.ForeignKey("contact_files.id"), index=True),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
)

# The change feed: one row per change of a file, naming every scope it touched so
# that a file leaving an agent's scope can be reported as removed.
changes = sa.Table(
    "changes",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file_id", sa.Integer, sa.ForeignKey("contact_files.id"), nullable=False),
    sa.Column("old_group_id", sa.String(40)),
    sa.Column("new_group_id", sa.String(40)),
    sa.Column("old_assignee_id", sa.Integer),
    sa.Column("new_assignee_id", sa.Integer),
    sa.Column("closed_by", sa.Integer),
    sa.Column("at", TS, nullable=False),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("agent_id", sa.Integer, sa.ForeignKey("agents.id"), nullable=False),
    sa.Column("role", sa.String(40), nullable=False),
    sa.Column("method", sa.String(20), nullable=False),  # demo | eid
    sa.Column("created_at", TS, nullable=False),
    sa.Column("expires_at", TS, nullable=False),
)

idempotency = sa.Table(
    "idempotency",
    metadata,
    sa.Column("agent_id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("request_hash", sa.String(64), nullable=False),
    sa.Column("status_code", sa.Integer, nullable=False),
    sa.Column("response", sa.JSON, nullable=False),
    sa.Column("created_at", TS, nullable=False),
)

# Inbound channels (My Career, partner applications): each authenticates with its own
# key, stored only as a sha256 digest; a revoked channel keeps its row (audit names it).
channels = sa.Table(
    "channels",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("kind", sa.String(20), nullable=False),  # my_career | partner
    sa.Column("group_id", sa.String(40)),  # a partner's own group, if it has one
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("revoked_at", TS),
)

# eID login: challenges (kind "nonce") and role tickets (kind "role"), single use, stored
# hashed in the database so that any server process can redeem what another issued.
eid_grants = sa.Table(
    "eid_grants",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("agent_id", sa.Integer, sa.ForeignKey("agents.id")),
    sa.Column("created_at", TS, nullable=False),
    sa.Column("expires_at", TS, nullable=False, index=True),
    sa.Column("used_at", TS),
)

# eID login failures per certificate or address ("cert:<sha256>", "addr:<ip>"): repeated
# failures are slowed down across every server process.
eid_failures = sa.Table(
    "eid_failures",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_at", TS, nullable=False),
    sa.Column("blocked_until", TS),
)

# Access log of citizens' data (GDPR): one row per citizen seen by an agent — a search
# hit, an identity, a files list, a career, a file, an attachment — with the purpose.
# A search without hits writes one row without a NISS, so searches can be counted.
citizen_access = sa.Table(
    "citizen_access",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", TS, nullable=False),
    sa.Column("agent_id", sa.Integer, sa.ForeignKey("agents.id"), nullable=False),
    sa.Column("role", sa.String(40), nullable=False),
    sa.Column("niss", sa.String(11), index=True),
    # search | identity | files | career_agent | career_citizen | file | attachment | new_file
    sa.Column("what", sa.String(20), nullable=False),
    sa.Column("purpose", sa.String(10), nullable=False),  # file | reason | search
    sa.Column("file_id", sa.Integer),
    sa.Column("attachment_id", sa.Integer),
    sa.Column("reason", sa.String(300)),
    # one id per HTTP request: the rows of one search share it (rate limit counts them)
    sa.Column("request_id", sa.String(32), nullable=False),
)

counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)

sa.Index("ix_changes_seq_file", changes.c.seq, changes.c.file_id)
sa.Index(
    "ix_citizen_access_agent_what_at",
    citizen_access.c.agent_id,
    citizen_access.c.what,
    citizen_access.c.at,
)
sa.Index("ix_files_group_status", contact_files.c.group_id, contact_files.c.status)
# the purges of expired sessions and old idempotency keys (migration 0002)
sa.Index("ix_sessions_expires_at", sessions.c.expires_at)
sa.Index("ix_idempotency_created_at", idempotency.c.created_at)
