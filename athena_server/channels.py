"""Channel credentials: per-channel API keys, stored as sha256 digests, checked in
constant time; add, list and revoke (``athena-server channels``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from athena_server.db import as_utc, as_utc_opt, utcnow
from athena_server.errors import DomainError, invalid
from athena_server.schema import channels, groups
from backend_client.models import ChannelKind

KEY_PREFIX = "athch_"
NAME_MAX = 100
CHANNEL_KINDS = (ChannelKind.MY_CAREER, ChannelKind.PARTNER)
SCHEME = "Channel"


@dataclass(frozen=True)
class Channel:
    """A channel system allowed to bring citizens' files in."""

    id: int
    name: str
    kind: ChannelKind
    group_id: str | None
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None

    @property
    def actor(self) -> str:
        """How the audit trail names it."""
        return f"channel:{self.name}"


def new_key() -> str:
    """A fresh key: 256 random bits, URL-safe, recognisable by its prefix."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    # the keys are high-entropy random strings: a plain digest is enough (no stretching)
    return hashlib.sha256(key.encode()).hexdigest()


def _channel(row: sa.Row[tuple[object, ...]]) -> Channel:
    m = row._mapping
    return Channel(
        id=m["id"],
        name=m["name"],
        kind=ChannelKind(m["kind"]),
        group_id=m["group_id"],
        created_at=as_utc(m["created_at"]),
        revoked_at=as_utc_opt(m["revoked_at"]),
    )


def check_name(name: str) -> str:
    clean = name.strip()
    if not clean or len(clean) > NAME_MAX:
        raise invalid("name", f"a channel name has 1–{NAME_MAX} characters")
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in clean):
        raise invalid("name", "a channel name may not hold control characters")
    return clean


def add_channel(
    conn: sa.Connection,
    name: str,
    kind: ChannelKind,
    group_id: str | None = None,
    *,
    key: str | None = None,
) -> tuple[Channel, str]:
    """Register a channel; returns it with its key (shown once, never stored in clear)."""
    name = check_name(name)
    if kind not in CHANNEL_KINDS:
        raise invalid("kind", "a channel is my_career or partner")
    if group_id is not None:
        if kind is not ChannelKind.PARTNER:
            raise invalid("group", "only a partner channel has a group of its own")
        if conn.execute(sa.select(groups.c.id).where(groups.c.id == group_id)).first() is None:
            raise invalid("group", f"there is no group {group_id}")
    taken = conn.execute(sa.select(channels.c.id).where(channels.c.name == name)).first()
    if taken is not None:
        # revoked names stay taken: files keep naming their channel, and a new key must
        # not inherit an old channel's files by reusing its name
        raise DomainError("conflict", f"there is already a channel named {name}", field="name")
    key = key or new_key()
    now = utcnow()
    result = conn.execute(
        channels.insert().values(
            name=name, kind=kind.value, group_id=group_id, key_hash=hash_key(key), created_at=now
        )
    )
    pk = result.inserted_primary_key
    assert pk is not None
    return Channel(int(pk[0]), name, kind, group_id, now), key


def list_channels(conn: sa.Connection) -> list[Channel]:
    rows = conn.execute(sa.select(channels).order_by(channels.c.name)).all()
    return [_channel(r) for r in rows]


def find_channel(conn: sa.Connection, name: str) -> Channel | None:
    row = conn.execute(sa.select(channels).where(channels.c.name == name.strip())).first()
    return None if row is None else _channel(row)


def revoke_channel(conn: sa.Connection, name: str) -> Channel:
    """Refuse the channel's key from now on; 404 when unknown, idempotent otherwise."""
    found = find_channel(conn, name)
    if found is None:
        raise DomainError("not_found", f"there is no channel named {name}", field="name")
    if found.revoked_at is None:
        conn.execute(channels.update().where(channels.c.id == found.id).values(revoked_at=utcnow()))
    again = find_channel(conn, name)
    assert again is not None
    return again


def ensure_channel(
    conn: sa.Connection, name: str, kind: ChannelKind, group_id: str | None, key: str
) -> Channel:
    """The channel of that name, created with ``key`` when missing (the demo's built-in
    channels); an existing channel keeps its own key and revocation."""
    found = find_channel(conn, name)
    if found is not None:
        return found
    channel, _ = add_channel(conn, name, kind, group_id, key=key)
    return channel


def key_from_headers(authorization: str | None, channel_key: str | None) -> str:
    """The key of ``Authorization: Channel <key>`` or ``X-Channel-Key``; 401 without."""
    if authorization:
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() == SCHEME.lower() and value.strip():
            return value.strip()
        if not channel_key:
            raise DomainError(
                "unauthorized",
                "the inbound API takes a channel key: send Authorization: Channel <key>",
            )
    if channel_key and channel_key.strip():
        return channel_key.strip()
    raise DomainError(
        "unauthorized", "no channel key: send Authorization: Channel <key> or X-Channel-Key"
    )


def authenticate(conn: sa.Connection, key: str) -> Channel:
    """The live channel holding ``key``; 401 for an unknown or revoked key.

    Every stored digest is compared in constant time, with no early exit, so the answer
    time says nothing about which digest came close.
    """
    digest = hash_key(key)
    rows = conn.execute(sa.select(channels)).all()
    match: sa.Row[tuple[object, ...]] | None = None
    for row in rows:
        if hmac.compare_digest(str(row.key_hash), digest):
            match = row
    if match is None:
        raise DomainError("unauthorized", "unknown channel key")
    channel = _channel(match)
    if channel.revoked_at is not None:
        raise DomainError("unauthorized", f"the key of channel {channel.name} was revoked")
    return channel
