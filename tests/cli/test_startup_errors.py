"""Start-up refusals of both commands: one line on stderr, exit code 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TUI = "from athena_tui.cli import main; main(prog_name='athena-tui')"
SERVER = "from athena_server.cli import main; main(prog_name='athena-server')"


def run(entry: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", entry, *args],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "NO_COLOR": "1"},
        stdin=subprocess.DEVNULL,
    )


def refusal(entry: str, *args: str) -> str:
    """Run a refused start; return its one stderr line after checking the exit code."""
    done = run(entry, *args)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert done.stdout == ""
    return lines[0]


def config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("entry, name", [(TUI, "athena-tui"), (SERVER, "athena-server")])
def test_version(entry: str, name: str) -> None:
    done = run(entry, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{name}, version 0.1.0"


def test_server_url_that_is_not_a_url() -> None:
    line = refusal(TUI, "--server", "notaurl", "--language", "en")
    assert line == "athena-tui: --server 'notaurl': not a URL; give e.g. https://athena.example"


def test_missing_config_file_is_refused_in_french_by_default(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    line = refusal(TUI, "--config", str(missing), "--demo")
    assert line == f"athena-tui: fichier de configuration {missing} introuvable"


def test_missing_config_file_in_dutch(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    line = refusal(TUI, "--config", str(missing), "--demo", "--lang", "nl")  # short form
    assert line == f"athena-tui: configuratiebestand {missing} niet gevonden"


def test_unknown_theme_lists_the_themes(tmp_path: Path) -> None:
    line = refusal(TUI, "--config", config(tmp_path, 'theme = "nope"\n'), "--demo")
    assert line.startswith("athena-tui: thème 'nope' inconnu; thèmes: ")
    assert "textual-dark" in line and "nord" in line


def test_config_language_speaks_the_refusal(tmp_path: Path) -> None:
    path = config(tmp_path, 'language = "nl"\ntheme = "nope"\n')
    assert refusal(TUI, "--config", path, "--demo").startswith("athena-tui: onbekend thema 'nope'")


def test_unknown_binding_id(tmp_path: Path) -> None:
    path = config(tmp_path, '[keymap]\n"dash.nope" = "T"\n')
    line = refusal(TUI, "--config", path, "--demo", "--language", "en")
    assert line == (
        "athena-tui: keymap: unknown binding id 'dash.nope' (the help screen, ?, lists the ids)"
    )


def test_impossible_key(tmp_path: Path) -> None:
    path = config(tmp_path, '[keymap]\n"login.retry" = "f5,ctrl+blah"\n')
    line = refusal(TUI, "--config", path, "--demo", "--language", "en")
    assert line == "athena-tui: keymap: login.retry: key 'ctrl+blah' does not exist"


def test_corrupt_demo_database_suggests_reset(isolated_dirs: Path) -> None:
    demo_db = isolated_dirs / "data" / "athena" / "demo.db"
    demo_db.parent.mkdir(parents=True)
    demo_db.write_bytes(b"not a database, " * 64)
    line = refusal(TUI, "--demo", "--language", "en")
    assert line == (
        f"athena-tui: the demo database {demo_db} is unusable (file is not a database); "
        "athena-tui --reset-demo recreates it"
    )


def test_unwritable_data_directory(isolated_dirs: Path) -> None:
    # a file where the data directory should be: not writable even for root
    blocker = isolated_dirs / "data" / "athena"
    blocker.write_text("", encoding="utf-8")
    line = refusal(TUI, "--demo", "--language", "en")
    assert line.startswith(f"athena-tui: cannot write the data directory {blocker}: ")


def test_server_unknown_database_kind() -> None:
    line = refusal(SERVER, "--db", "bogus://x")
    assert line.startswith("athena-server: --db bogus://x: unknown database kind")


def test_server_unopenable_sqlite_path(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/missing-dir/athena.db"
    line = refusal(SERVER, "--db", url)
    assert (
        line == f"athena-server: --db {url}: cannot open the store (unable to open database file)"
    )


def test_server_port_out_of_range(tmp_path: Path) -> None:
    line = refusal(SERVER, "--port", "99999", "--db", f"sqlite:///{tmp_path}/athena.db")
    assert line == "athena-server: --port 99999: not a port (1 to 65535)"


def test_bad_config_value_is_refused_in_the_agent_language(tmp_path: Path) -> None:
    path = config(tmp_path, "ssh_fps = 999\n")
    line = refusal(TUI, "--config", path)
    assert line == (
        f"athena-tui: {path}: ssh_fps: doit être un nombre entier de 1 à 120 (reçu 999)"
    )
