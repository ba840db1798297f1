"""``athena-server``: run the Athena backend alone (optionally seeded with demo data)."""

from __future__ import annotations

import importlib

import click
import sqlalchemy as sa
import uvicorn

from athena_server.app import create_app
from athena_server.db import create_all, is_empty, make_engine
from athena_server.schema import metadata
from athena_server.settings import ServerSettings


def prepare_store(url: str, *, demo: bool, seed: int, files: int, reset: bool) -> sa.Engine:
    """Open (and with ``reset`` recreate) the store; seed demo data into an empty one."""
    engine = make_engine(url)
    if reset:
        metadata.drop_all(engine)
    create_all(engine)
    if demo and is_empty(engine):
        # imported by name: the seed and its data are heavy and only demo servers need them
        seed_module = importlib.import_module("athena_server.seed")
        seed_module.seed_demo(engine, seed=seed, files=files)
    return engine


@click.command()
@click.option(
    "--db",
    "db_url",
    default="sqlite:///athena.db",
    show_default=True,
    help="SQLAlchemy URL of the store (sqlite:///… or postgresql+psycopg://…).",
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8321, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Open demo login and seed an empty store.")
@click.option("--seed", default=42, show_default=True, type=int, help="Seed of the demo data.")
@click.option(
    "--files",
    "files",
    default=10_000,
    show_default=True,
    type=int,
    help="Number of demo contact files.",
)
@click.option("--reset", is_flag=True, help="Drop every table first (loses all data).")
def main(db_url: str, host: str, port: int, demo: bool, seed: int, files: int, reset: bool) -> None:
    """Run the Athena API server."""
    engine = prepare_store(db_url, demo=demo, seed=seed, files=files, reset=reset)
    app = create_app(ServerSettings(db_url=db_url, demo=demo), engine=engine)
    click.echo(f"Athena API on http://{host}:{port} (docs at /docs){' — demo' if demo else ''}")
    uvicorn.run(app, host=host, port=port, log_level="info")
