"""Versioned schema of the store: Alembic upgrades, the current revision, and the check
that a server runs only on the schema it knows."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

SCRIPTS = "athena_server:migrations"
FIRST = "0001"
"""The schema ``create_all`` made before versioned migrations: a store without a
revision but with tables is that one."""


class SchemaMismatch(RuntimeError):
    """The store's schema is not the one this server knows."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPTS)
    return config


def head() -> str:
    """The newest revision this server knows."""
    found = ScriptDirectory.from_config(_config()).get_current_head()
    assert found is not None
    return found


def known() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def current(engine: sa.Engine) -> str | None:
    """The store's revision; ``FIRST`` for a store made before migrations; None when empty."""
    with engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
        if revision is None and sa.inspect(conn).has_table("contact_files"):
            return FIRST
    return revision


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the store to ``revision`` (an empty store gets every table)."""
    config = _config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        unversioned = MigrationContext.configure(conn).get_current_revision() is None
        if unversioned and sa.inspect(conn).has_table("contact_files"):
            command.stamp(config, FIRST)  # made by create_all before migrations
        command.upgrade(config, revision)


def check(engine: sa.Engine, url: str) -> None:
    """Refuse a store whose schema is older or newer than this server's."""
    revision = current(engine)
    wanted = head()
    if revision == wanted:
        return
    if revision is None:
        raise SchemaMismatch(
            f"the store is empty; create it with: athena-server --db {url} db upgrade"
        )
    if revision in known():
        raise SchemaMismatch(
            f"the store's schema ({revision}) is older than this server's ({wanted}); "
            f"run: athena-server --db {url} db upgrade"
        )
    raise SchemaMismatch(
        f"the store's schema ({revision}) is newer than this server knows ({wanted}); "
        "run a newer athena-server"
    )
