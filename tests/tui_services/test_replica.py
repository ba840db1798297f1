"""The local replica: scope of each tab, default orders, filter, sort, counts, sync pages."""

from __future__ import annotations

import datetime as dt
import stat
import threading
from pathlib import Path

import pytest

from athena_tui.replica import SORT_COLUMNS, Replica, Tab, filter_terms, fold
from backend_client.models import FileSummary, Priority, Status, SyncPage
from tests.tui_services.factories import BASE, ME, OTHER, closed_by_me, summary


@pytest.fixture
def replica(tmp_path: Path) -> Replica:
    replica = Replica(tmp_path / "data" / "replica.db")
    replica.set_scope(ME.id, ["fr-desk", "partner-sfp"])
    return replica


def _fill(replica: Replica, *summaries: FileSummary) -> None:
    replica.apply(SyncPage(files=list(summaries), cursor="c1"))


def _ids(replica: Replica, tab: Tab, text: str = "", sort: str | None = None) -> list[int]:
    return list(replica.view(tab, text, sort).file_ids())


def test_file_is_private_and_created_with_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "replica.db"
    replica = Replica(path)
    replica.set_scope(1, ["g"])
    _fill(replica, summary(1))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    wal = path.with_name("replica.db-wal")
    assert not wal.exists() or stat.S_IMODE(wal.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_each_tab_holds_its_scope(replica: Replica) -> None:
    _fill(
        replica,
        summary(1),  # my group, unassigned
        summary(2, assignee=OTHER),  # my group, a colleague's
        summary(3, assignee=ME),  # mine
        summary(4, group_id="nl-desk"),  # not my group
        summary(5, assignee=ME, group_id="nl-desk"),  # mine in another group
        closed_by_me(6, 1),
        summary(7, status=Status.CLOSED, closed_by=OTHER, closed_at=BASE),
        summary(8, group_id="partner-sfp", status=Status.WAITING, assignee=OTHER),
    )
    assert set(_ids(replica, Tab.GROUP_QUEUE)) == {1, 2, 3, 8}
    assert set(_ids(replica, Tab.MY_FILES)) == {3, 5}
    assert _ids(replica, Tab.TREATED) == [6]
    assert replica.counts() == {Tab.GROUP_QUEUE: 4, Tab.MY_FILES: 2, Tab.TREATED: 1}


def test_matching_counts_follow_each_tabs_filter(replica: Replica) -> None:
    _fill(
        replica,
        summary(1, subject="Chômage 2003"),
        summary(2, subject="Pension"),
        summary(3, assignee=ME, subject="chomage 2011"),
        summary(4, assignee=ME, subject="Pension"),
    )
    filters = {Tab.GROUP_QUEUE: "chômage", Tab.MY_FILES: "", Tab.TREATED: "  "}
    # Tabs without a filter are left out: their label keeps the plain count.
    assert replica.matching_counts(filters) == {Tab.GROUP_QUEUE: 2}
    filters[Tab.MY_FILES] = "pension"
    assert replica.matching_counts(filters) == {Tab.GROUP_QUEUE: 2, Tab.MY_FILES: 1}
    _fill(replica, summary(2, version=2, subject="Chômage 1990"))
    assert replica.matching_counts(filters)[Tab.GROUP_QUEUE] == 3


def test_group_queue_default_order(replica: Replica) -> None:
    _fill(
        replica,
        summary(1, assignee=OTHER, priority=Priority.HIGH),
        summary(2, priority=Priority.LOW),
        summary(3, priority=Priority.HIGH),
        summary(4, priority=Priority.HIGH, created_at=BASE - dt.timedelta(days=1)),
        summary(5),
    )
    # unassigned first; then high before medium before low; then oldest first
    assert _ids(replica, Tab.GROUP_QUEUE) == [4, 3, 5, 2, 1]


def test_my_files_default_order(replica: Replica) -> None:
    _fill(
        replica,
        summary(1, assignee=ME, priority=Priority.HIGH),
        summary(2, assignee=ME, unread=True, priority=Priority.LOW),
        summary(3, assignee=ME, unread=True, priority=Priority.HIGH),
        summary(4, assignee=ME, priority=Priority.HIGH, last_message_at=BASE),
    )
    assert _ids(replica, Tab.MY_FILES) == [3, 2, 4, 1]


def test_treated_newest_closed_first(replica: Replica) -> None:
    _fill(replica, closed_by_me(1, 5), closed_by_me(2, 9), closed_by_me(3, 1))
    assert _ids(replica, Tab.TREATED) == [2, 1, 3]


def test_filter_ignores_case_and_accents_and_reads_formatted_niss(replica: Replica) -> None:
    _fill(
        replica,
        summary(1, citizen_name="Müller Éloïse", subject="Période de chômage"),
        summary(2, citizen_name="Peeters Jan", citizen_niss="90010112345"),
        summary(3, subject="Werkgever ontbreekt", ticket="SR0012345"),
    )
    assert _ids(replica, Tab.GROUP_QUEUE, "muller") == [1]
    assert _ids(replica, Tab.GROUP_QUEUE, "ELOISE") == [1]
    assert _ids(replica, Tab.GROUP_QUEUE, "chomage") == [1]
    assert _ids(replica, Tab.GROUP_QUEUE, "90.01.01-123") == [2]
    assert _ids(replica, Tab.GROUP_QUEUE, "900101") == [2]
    assert _ids(replica, Tab.GROUP_QUEUE, "sr0012") == [3]
    assert _ids(replica, Tab.GROUP_QUEUE, "jan peeters") == [2]
    assert _ids(replica, Tab.GROUP_QUEUE, "jan ontbreekt") == []
    assert _ids(replica, Tab.GROUP_QUEUE, "  ") == [1, 2, 3]
    # a filter never matches across two fields
    assert _ids(replica, Tab.GROUP_QUEUE, "jeanwerkgever") == []


def test_filter_terms() -> None:
    assert filter_terms("85.07.30-033.28") == ["85073003328"]
    assert filter_terms(" Éloïse  DUBOIS ") == ["eloise", "dubois"]
    assert fold("Çelik") == "celik"


def test_every_sort_column_both_ways(replica: Replica) -> None:
    files = [
        summary(1, citizen_name="Bernard", subject="b", channel_name="Partner", assignee=OTHER),
        summary(2, citizen_name="Adam", subject="c", priority=Priority.HIGH),
        summary(3, citizen_name="Émile", subject="a", status=Status.WAITING, assignee=ME),
        summary(4, citizen_name="adam", subject="a", priority=Priority.LOW),
    ]
    _fill(replica, *files)
    expected = {
        "ticket": [1, 2, 3, 4],
        "citizen": [2, 4, 1, 3],
        "subject": [3, 4, 1, 2],
        "channel": [2, 3, 4, 1],
        "priority": [2, 1, 3, 4],
        "status": [2, 4, 1, 3],
        "assignee": [2, 4, 3, 1],
        "closed": [1, 2, 3, 4],  # none is closed: by id
        "age": [4, 3, 2, 1],
    }
    assert set(expected) == set(SORT_COLUMNS)
    for column, order in expected.items():
        assert _ids(replica, Tab.GROUP_QUEUE, sort=column) == order, column
        descending = list(replica.view(Tab.GROUP_QUEUE, sort=column, descending=True).file_ids())
        assert descending == order[::-1], column
    # a filter keeps the chosen order
    assert _ids(replica, Tab.GROUP_QUEUE, "adam", sort="subject") == [4, 2]
    with pytest.raises(ValueError):
        replica.view(Tab.GROUP_QUEUE, sort="bogus")


def test_view_reads_rows_lazily_and_follows_changes(replica: Replica) -> None:
    _fill(replica, *(summary(i, assignee=OTHER if i % 2 else None) for i in range(1, 201)))
    view = replica.view(Tab.GROUP_QUEUE, sort="ticket")
    assert len(view) == 200
    row = view.row_at(150)
    assert row.id == 151 and row.ticket == "SR0000151" and row.assignee_name == OTHER.name
    assert row.created_at == BASE + dt.timedelta(hours=151)
    assert [r.id for r in view.rows(10, 13)] == [11, 12, 13]
    assert view.index_of(200) == 199 and view.index_of(999) is None
    replica.apply(SyncPage(files=[summary(11, priority=Priority.HIGH, version=2)], cursor="c2"))
    assert view.stale
    view.invalidate([11])
    assert view.row_at(10).priority == "high"
    fresh = replica.view(Tab.GROUP_QUEUE, sort="ticket")
    assert not fresh.stale


def test_apply_upserts_removes_and_stores_cursor(replica: Replica) -> None:
    assert replica.cursor() == "0"
    _fill(replica, summary(1), summary(2), summary(3))
    changed = replica.apply(
        SyncPage(files=[summary(2, assignee=ME, version=2)], removed=[3], cursor="c9")
    )
    assert sorted(changed) == [2, 3]
    assert replica.cursor() == "c9"
    assert replica.get(3) is None
    mine = replica.get(2)
    assert mine is not None and mine.assignee == ME and mine.version == 2
    assert replica.find_ticket("sr0000001") == summary(1)
    assert replica.last_sync_at() is not None


def test_get_round_trips_a_summary(replica: Replica) -> None:
    original = closed_by_me(5, 3, assignee=None, unread=True, priority=Priority.LOW)
    _fill(replica, original)
    assert replica.get(5) == original


def test_upsert_keeps_the_newer_version(replica: Replica) -> None:
    _fill(replica, summary(1, version=5, priority=Priority.HIGH))
    assert replica.upsert([summary(1, version=4, priority=Priority.LOW)]) == []
    stored = replica.get(1)
    assert stored is not None and stored.priority is Priority.HIGH
    assert replica.upsert([summary(1, version=6, priority=Priority.LOW)]) == [1]


def test_new_scope_empties_the_replica(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    replica = Replica(path)
    replica.set_scope(ME.id, ["fr-desk"])
    _fill(replica, summary(1))
    replica.close()
    reopened = Replica(path)
    assert reopened.agent_id == ME.id and reopened.group_ids == ("fr-desk",)
    reopened.set_scope(ME.id, ["fr-desk"])
    assert len(reopened) == 1 and reopened.cursor() == "c1"
    reopened.set_scope(ME.id, ["fr-desk", "nl-desk"])
    assert len(reopened) == 0 and reopened.cursor() == "0"


def test_a_writer_thread_and_a_reader_share_the_file(replica: Replica) -> None:
    _fill(replica, summary(1))
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for i in range(2, 202):
                replica.apply(SyncPage(files=[summary(i)], cursor=f"c{i}"))
        except BaseException as exc:  # reported to the test thread
            errors.append(exc)

    writer = threading.Thread(target=write)
    writer.start()
    seen = 0
    while writer.is_alive():
        seen = max(seen, len(replica.view(Tab.GROUP_QUEUE)))
    writer.join()
    assert not errors
    assert len(replica.view(Tab.GROUP_QUEUE)) == 201 and replica.cursor() == "c201"
