"""File cache: whole files kept for offline reading, newest version wins, stale ones found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from athena_tui.file_cache import FileCache, stale_or_missing
from athena_tui.replica import Replica
from backend_client.models import AttachmentMeta, ContactFile, Message, Side
from tests.tui_services.factories import BASE, ME, summary


def _file(file_id: int, version: int, body: str = "Bonjour") -> ContactFile:
    attachment = AttachmentMeta(
        id=5, name="fiche.pdf", media_type="application/pdf", size=1234, sha256="ab" * 32
    )
    message = Message(
        id=1,
        side=Side.CITIZEN,
        author="Dubois Jean",
        body=body,
        visible_to_citizen=True,
        final=False,
        created_at=BASE,
        attachments=[attachment],
    )
    return ContactFile(summary=summary(file_id, version=version), messages=[message])


def test_a_kept_file_survives_a_reopen_with_messages_and_attachments(tmp_path: Path) -> None:
    cache = FileCache(tmp_path / "store.db")
    at = dt.datetime(2026, 11, 2, 10, 42, tzinfo=dt.UTC)
    cache.put(_file(1, 3), now=at)
    cache.close()
    kept = FileCache(tmp_path / "store.db").get(1)
    assert kept is not None
    assert kept.cached_at == at
    assert kept.contact == _file(1, 3)
    assert kept.contact.messages[0].attachments[0].name == "fiche.pdf"
    assert FileCache(tmp_path / "store.db").get(2) is None


def test_an_older_version_never_replaces_a_newer_one(tmp_path: Path) -> None:
    cache = FileCache(tmp_path / "store.db")
    cache.put(_file(1, 4, "new"))
    cache.put(_file(1, 3, "old"))
    kept = cache.get(1)
    assert kept is not None and kept.contact.messages[0].body == "new"
    cache.put(_file(1, 5, "newer"))
    kept = cache.get(1)
    assert kept is not None and kept.contact.messages[0].body == "newer"
    assert cache.versions() == {1: 5}


def test_due_files_are_the_missing_and_the_stale_ones() -> None:
    assert stale_or_missing({1: 3, 2: 5}, {1: 4, 2: 5, 3: 1}, limit=10) == [1, 3]
    assert stale_or_missing({}, {3: 1, 1: 1, 2: 1}, limit=2) == [1, 2]


def test_the_replica_names_my_files_and_their_versions(tmp_path: Path) -> None:
    replica = Replica(tmp_path / "store.db")
    replica.set_scope(ME.id, ["fr-desk"])
    replica.upsert([summary(1, assignee=ME, version=2), summary(2), summary(3, assignee=ME)])
    assert sorted(replica.my_file_ids()) == [1, 3]
    assert replica.versions([1, 2, 9]) == {1: 2, 2: 1}


def _meta(attachment_id: int, size: int) -> AttachmentMeta:
    return AttachmentMeta(
        id=attachment_id,
        name=f"a{attachment_id}.pdf",
        media_type="application/pdf",
        size=size,
        sha256=f"{attachment_id:064x}",
    )


def test_attachment_bytes_are_kept_within_the_budget_least_recently_used_first(
    tmp_path: Path,
) -> None:
    cache = FileCache(tmp_path / "store.db")
    one, two, three = _meta(1, 40), _meta(2, 40), _meta(3, 40)
    assert cache.put_attachment(one, b"1" * 40, budget=100)
    assert cache.put_attachment(two, b"2" * 40, budget=100)
    assert cache.attachment(one) == b"1" * 40  # used: now the most recent
    assert cache.put_attachment(three, b"3" * 40, budget=100)
    assert cache.attachment(two) is None  # the least recently used went
    assert cache.attachment(one) == b"1" * 40 and cache.attachment(three) == b"3" * 40
    assert not cache.put_attachment(_meta(4, 200), b"4" * 200, budget=100)
    # another document under the same id (a different hash) is not served
    assert cache.attachment(one.model_copy(update={"sha256": "f" * 64})) is None
