"""Versioned migrations on SQLite and PostgreSQL: ``db upgrade`` / ``db current``, an old
store upgraded to head with its data, and a server refusing a schema it does not know."""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from athena_server import migrate
from athena_server.app import create_app
from athena_server.cli import main
from athena_server.db import drop_all, make_engine
from athena_server.settings import ServerSettings
from tests.server import dataset as d

PG_URL = os.environ.get("ATHENA_TEST_PG_URL")
BACKENDS = ["sqlite"] + ([pytest.param("postgres", marks=pytest.mark.postgres)] if PG_URL else [])


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store."""
    if request.param == "postgres":
        assert PG_URL is not None
        engine = make_engine(PG_URL)
        drop_all(engine)
        engine.dispose()
        yield PG_URL
    else:
        yield f"sqlite:///{tmp_path / 'store.db'}"


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def indexes(engine: sa.Engine, table: str) -> set[str]:
    return {str(i["name"]) for i in sa.inspect(engine).get_indexes(table)}


def test_db_upgrade_makes_an_empty_store_and_db_current_names_head(url: str) -> None:
    assert cli("--db", url, "db", "current") == (
        0,
        f"empty (head is {migrate.head()}: run athena-server db upgrade)\n",
    )
    code, out = cli("--db", url, "db", "upgrade")
    assert code == 0 and f"from empty to {migrate.head()}" in out
    assert cli("--db", url, "db", "current") == (0, f"{migrate.head()} (head)\n")
    code, out = cli("--db", url, "db", "upgrade")
    assert code == 0 and "nothing to do" in out


def test_a_store_made_by_the_first_migration_is_refused_then_upgraded_with_its_data(
    url: str,
) -> None:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine, migrate.FIRST)
        d.build(engine)
        assert "ix_sessions_expires_at" not in indexes(engine, "sessions")
        with pytest.raises(migrate.SchemaMismatch, match=r"older .* db upgrade"):
            create_app(ServerSettings(db_url=url), engine=engine)
        code, out = cli("--db", url, "--no-feed")  # the server itself refuses to start
        assert code == 2 and f"athena-server --db {url} db upgrade" in out
        code, out = cli("--db", url, "db", "upgrade")
        assert code == 0 and f"from {migrate.FIRST} to {migrate.head()}" in out
        assert "ix_sessions_expires_at" in indexes(engine, "sessions")
        assert "ix_idempotency_created_at" in indexes(engine, "idempotency")
        with engine.connect() as conn:
            files = conn.execute(sa.text("SELECT count(*) FROM contact_files")).scalar_one()
        assert files == d.MARIE_C  # the dataset's last file id: all of them are there
        create_app(ServerSettings(db_url=url), engine=engine)  # now it starts
    finally:
        engine.dispose()


def test_a_store_made_before_migrations_counts_as_the_first_revision(url: str) -> None:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine, migrate.FIRST)
        with engine.begin() as conn:  # what create_all left: tables, no revision
            conn.exec_driver_sql("DROP TABLE alembic_version")
        assert migrate.current(engine) == migrate.FIRST
        migrate.upgrade(engine)
        assert migrate.current(engine) == migrate.head()
        assert "ix_sessions_expires_at" in indexes(engine, "sessions")
    finally:
        engine.dispose()


def test_a_schema_newer_than_the_server_knows_is_refused(url: str) -> None:
    engine = make_engine(url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
        with pytest.raises(migrate.SchemaMismatch, match="newer than this server knows"):
            create_app(ServerSettings(db_url=url), engine=engine)
        assert cli("--db", url, "db", "current")[1].startswith("9999 (unknown")
    finally:
        engine.dispose()


def test_the_migrations_ship_inside_the_package() -> None:
    versions = resources.files("athena_server") / "migrations" / "versions"
    names = {p.name for p in versions.iterdir()}
    assert {"v0001_initial.py", "v0002_purge_indexes.py"} <= names
    assert (resources.files("athena_server") / "migrations" / "env.py").is_file()
