"""The athena-server command: store preparation and its options."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from click.testing import CliRunner

from athena_server.cli import main, prepare_store
from athena_server.schema import contact_files


def count_files(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(contact_files)).scalar_one())


def test_demo_seeds_an_empty_store_once_and_reset_recreates_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    first = prepare_store(url, demo=True, seed=3, files=40, reset=False)
    assert count_files(first) == 40
    first.dispose()
    again = prepare_store(url, demo=True, seed=3, files=80, reset=False)
    assert count_files(again) == 40  # a store with data is never seeded again
    again.dispose()
    reset = prepare_store(url, demo=False, seed=3, files=80, reset=True)
    assert count_files(reset) == 0
    reset.dispose()


def test_help_lists_the_options() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--demo", "--seed", "--files", "--reset"):
        assert option in result.output
