"""Facts about a store itself, one row each: above all, whether it holds demo data."""

from __future__ import annotations

import sqlalchemy as sa

from athena_server.schema import metadata

store_meta = sa.Table(
    "store_meta",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)

DEMO = "demo"


def mark_demo(engine: sa.Engine) -> None:
    """Mark a store seeded with demo data, so that no production server serves it."""
    with engine.begin() as conn:
        conn.execute(store_meta.delete().where(store_meta.c.key == DEMO))
        conn.execute(store_meta.insert().values(key=DEMO, value="true"))


def is_demo_store(engine: sa.Engine) -> bool:
    with engine.connect() as conn:
        value = conn.execute(
            sa.select(store_meta.c.value).where(store_meta.c.key == DEMO)
        ).scalar_one_or_none()
    return value == "true"


def demo_refusal(engine: sa.Engine, *, demo: bool, url: str) -> str | None:
    """Why a server must not start on this store, or None.

    A demo store has well-known logins (the demo login, the demo channel keys): served
    without ``--demo`` it would look like production with open doors. A production
    store served with ``--demo`` would open those doors on real citizens' files."""
    marked = is_demo_store(engine)
    if marked and not demo:
        return f"--db {url} holds demo data; start with --demo, or --reset to empty it"
    if demo and not marked:
        return (
            f"--db {url} is not a demo store; start without --demo, "
            "or add --reset to replace everything in it with demo data"
        )
    return None
