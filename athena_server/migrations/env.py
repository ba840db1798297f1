"""Alembic environment: runs the migrations on the connection ``athena_server.migrate``
hands over (or on ``sqlalchemy.url`` when run by the ``alembic`` command itself)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from athena_server.db import make_engine
from athena_server.schema import metadata

config = context.config


def run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite alters tables by copying them: batch mode does that for us
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if isinstance(given, sa.Connection):
    run(given)
else:
    engine = make_engine(str(config.get_main_option("sqlalchemy.url")))
    with engine.begin() as conn:
        run(conn)
    engine.dispose()
