"""Demo and production stores kept apart, through the real ``athena-server`` command: a
demo store is marked, and a server refuses the store of the other kind."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
import sqlalchemy as sa

from athena_server.db import make_engine
from athena_server.schema import contact_files
from athena_server.store_meta import is_demo_store
from tests.polling import wait_for

COMMAND = str(Path(sys.executable).with_name("athena-server"))
START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def refused(*args: str) -> subprocess.CompletedProcess[str]:
    """Run a server that must not start: it exits on its own."""
    port = str(free_port())
    return subprocess.run(
        [COMMAND, *args, "--port", port], capture_output=True, text=True, timeout=START_TIMEOUT
    )


@dataclass(frozen=True)
class Served:
    """What a started server said: its health's ``demo`` flag, its /openapi.json status."""

    demo: bool
    docs: int


def serves(*args: str) -> Served:
    """Start a server, wait (bounded) for its health answer, look, stop it."""
    port = free_port()
    process = subprocess.Popen(
        [COMMAND, *args, "--port", str(port), "--no-feed"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"

    def answered() -> bool:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            return httpx.get(f"{base}/v1/health", timeout=1.0).status_code == 200
        except httpx.TransportError:
            return False

    try:
        wait_for(answered, timeout=START_TIMEOUT, what="the server's health answer")
        demo = bool(httpx.get(f"{base}/v1/health").json()["demo"])
        return Served(demo=demo, docs=httpx.get(f"{base}/openapi.json").status_code)
    finally:
        process.terminate()
        process.wait(timeout=15)


def files_in(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(contact_files)).scalar_one()
            )
    finally:
        engine.dispose()


def demo_mark(url: str) -> bool:
    engine = make_engine(url)
    try:
        return is_demo_store(engine)
    finally:
        engine.dispose()


def test_a_demo_store_is_marked_and_refused_without_demo(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert serves("--db", url, "--demo", "--files", "20") == Served(demo=True, docs=200)
    assert demo_mark(url)
    result = refused("--db", url)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "holds demo data" in lines[0], result.stderr
    assert files_in(url) == 20


def test_demo_on_a_production_store_is_refused_unless_reset(
    template_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "athena.db"
    shutil.copyfile(template_db, db)
    url = f"sqlite:///{db}"
    before = files_in(url)
    result = refused("--db", url, "--demo", "--files", "20")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "is not a demo store" in lines[0], result.stderr
    assert files_in(url) == before and not demo_mark(url)
    # the production store serves as such, its API description only with --docs
    assert serves("--db", url) == Served(demo=False, docs=404)
    assert serves("--db", url, "--docs") == Served(demo=False, docs=200)
    # --reset is the explicit way to turn it into a demo store (everything in it is lost)
    assert serves("--db", url, "--demo", "--reset", "--files", "20").demo is True
    assert demo_mark(url) and files_in(url) == 20


def test_demo_on_a_store_with_only_a_channel_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'prod.db'}"
    added = subprocess.run(
        [COMMAND, "--db", url, "channels", "add", "Prod Portal", "--kind", "my_career"],
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
    )
    assert added.returncode == 0, added.stderr
    result = refused("--db", url, "--demo", "--files", "20")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "is not a demo store" in lines[0], result.stderr
    assert files_in(url) == 0 and not demo_mark(url)
