"""Drafts: saved per (agent, file), cheap, and still there after the process is killed."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from athena_tui.drafts import Draft, DraftStore

ROOT = Path(__file__).resolve().parents[2]


def test_save_load_delete(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "store.db", agent_id=7)
    assert store.load(1) is None
    store.save(Draft(file_id=1, body="Bonjour", final=False, attachments=["~/a.pdf"]))
    loaded = store.load(1)
    assert loaded is not None
    assert (loaded.body, loaded.final, loaded.visible_to_citizen) == ("Bonjour", False, True)
    assert loaded.attachments == ["~/a.pdf"]
    store.save(Draft(file_id=1, body="Bonjour Madame"))
    again = store.load(1)
    assert again is not None and again.body == "Bonjour Madame"
    assert store.file_ids() == {1}
    store.delete(1)
    assert store.load(1) is None
    assert stat.S_IMODE((tmp_path / "store.db").stat().st_mode) == 0o600


def test_an_emptied_draft_is_removed(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "store.db", agent_id=7)
    store.save(Draft(file_id=1, body="x"))
    store.save(Draft(file_id=1, body="   "))
    assert store.load(1) is None


def test_drafts_are_per_agent(tmp_path: Path) -> None:
    mine = DraftStore(tmp_path / "store.db", agent_id=7)
    theirs = DraftStore(tmp_path / "store.db", agent_id=8)
    mine.save(Draft(file_id=1, body="mine"))
    assert theirs.load(1) is None
    theirs.save(Draft(file_id=1, body="theirs"))
    assert [d.body for d in mine.all()] == ["mine"]


def test_save_is_cheap_enough_for_every_keystroke(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "store.db", agent_id=7)
    started = time.perf_counter()
    for n in range(200):
        store.save(Draft(file_id=1, body="x" * n + "y"))
    per_save = (time.perf_counter() - started) / 200
    assert per_save < 0.01, f"{per_save * 1000:.1f} ms per save"


def test_a_saved_draft_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from athena_tui.drafts import Draft, DraftStore
        store = DraftStore(Path({str(path)!r}), agent_id=7)
        for n in range(1, 51):
            store.save(Draft(file_id=3, body="typed " + "x" * n))
        print("saved", flush=True)
        sys.stdin.read()  # blocks until killed: the kill lands mid-session
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "saved"
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=10) == -signal.SIGKILL
    draft = DraftStore(path, agent_id=7).load(3)
    assert draft is not None and draft.body == "typed " + "x" * 50
