"""Pure unit tests of the contact-file state machine (athena_server.rules)."""

from __future__ import annotations

import datetime as dt

import pytest

from athena_server import rules
from athena_server.errors import DomainError
from athena_server.rules import Actor, FileState
from backend_client.models import DispatchOutcome, Priority, Status

ME = Actor(id=1, name="Me", groups=frozenset({"g1"}))
OTHER = 2


def state(**kw: object) -> FileState:
    values: dict[str, object] = {
        "id": 10,
        "ticket": "SR0000010",
        "niss": "85073003328",
        "group_id": "g1",
        "status": Status.NEW,
        "version": 3,
    }
    values.update(kw)
    return FileState(**values)  # type: ignore[arg-type]


def code_of(exc: pytest.ExceptionInfo[DomainError]) -> str:
    return exc.value.code


def test_take_unassigned_assigns_me() -> None:
    assert rules.plan_take(ME, state(), 3) == {"assignee_id": 1, "status": Status.ASSIGNED}


def test_take_mine_changes_nothing() -> None:
    assert rules.plan_take(ME, state(status=Status.ASSIGNED, assignee_id=1), 3) == {}


def test_take_held_by_other_names_them() -> None:
    held = state(status=Status.ASSIGNED, assignee_id=OTHER, assignee_name="Jan Peeters")
    with pytest.raises(DomainError) as exc:
        rules.plan_take(ME, held, 3)
    assert code_of(exc) == "conflict"
    assert "Jan Peeters" in exc.value.message
    assert exc.value.details["assignee"] == {"id": OTHER, "name": "Jan Peeters"}


def test_take_outside_my_groups_is_forbidden() -> None:
    with pytest.raises(DomainError) as exc:
        rules.plan_take(ME, state(group_id="g2"), 3)
    assert code_of(exc) == "forbidden"


def test_take_closed_is_file_closed_before_version() -> None:
    with pytest.raises(DomainError) as exc:
        rules.plan_take(ME, state(status=Status.CLOSED), 1)
    assert code_of(exc) == "file_closed"


def test_stale_version_names_who_when_and_action() -> None:
    at = dt.datetime(2024, 3, 1, 9, 42, tzinfo=dt.UTC)
    changed = state(updated_at=at, updated_by_name="Jan Peeters", last_action="take")
    with pytest.raises(DomainError) as exc:
        rules.plan_take(ME, changed, 2)
    assert code_of(exc) == "stale_version"
    assert exc.value.message == "SR0000010 was changed by Jan Peeters at 10:42 (take)"
    assert exc.value.details == {
        "current_version": 3,
        "changed_by": "Jan Peeters",
        "changed_at": at.isoformat(),
        "action": "take",
    }


def test_open_takes_only_unassigned_files_of_my_groups() -> None:
    assert rules.plan_open(ME, state(), 3) == {"assignee_id": 1, "status": Status.ASSIGNED}
    held = state(status=Status.ASSIGNED, assignee_id=OTHER)
    assert rules.plan_open(ME, held, 1) == {}
    assert rules.plan_open(ME, state(status=Status.CLOSED, closed_by=1), 1) == {}


def test_open_outside_scope_is_forbidden() -> None:
    with pytest.raises(DomainError) as exc:
        rules.plan_open(ME, state(group_id="g2"), 3)
    assert code_of(exc) == "forbidden"


def test_release_needs_an_assignee() -> None:
    with pytest.raises(DomainError) as exc:
        rules.plan_release(ME, state(), 3)
    assert code_of(exc) == "conflict"
    held = state(status=Status.WAITING, assignee_id=OTHER)
    assert rules.plan_release(ME, held, 3) == {"assignee_id": None, "status": Status.NEW}


def test_move_goes_unassigned_to_another_group() -> None:
    held = state(status=Status.ASSIGNED, assignee_id=1)
    assert rules.plan_move(ME, held, 3, "g2") == {
        "group_id": "g2",
        "assignee_id": None,
        "status": Status.NEW,
    }
    with pytest.raises(DomainError) as exc:
        rules.plan_move(ME, held, 3, "g1")
    assert exc.value.field == "group_id"


def test_priority_on_open_file() -> None:
    assert rules.plan_priority(ME, state(), 3, Priority.HIGH) == {"priority": Priority.HIGH}


@pytest.mark.parametrize("target", [Status.NEW, Status.CLOSED])
def test_status_accepts_only_assigned_or_waiting(target: Status) -> None:
    with pytest.raises(DomainError) as exc:
        rules.plan_status(ME, state(status=Status.ASSIGNED, assignee_id=1), 3, target)
    assert exc.value.field == "status"


def test_status_needs_the_file_assigned_to_me() -> None:
    with pytest.raises(DomainError) as exc:
        rules.plan_status(ME, state(), 3, Status.WAITING)
    assert code_of(exc) == "conflict"
    mine = state(status=Status.ASSIGNED, assignee_id=1)
    assert rules.plan_status(ME, mine, 3, Status.WAITING) == {"status": Status.WAITING}


@pytest.mark.parametrize(
    ("body", "visible", "final", "count", "field"),
    [
        ("  ", True, True, 0, "body"),
        ("hi", False, True, 0, "final"),
        ("hi", True, False, 6, "attachments"),
    ],
)
def test_reply_form_rules(body: str, visible: bool, final: bool, count: int, field: str) -> None:
    with pytest.raises(DomainError) as exc:
        rules.check_reply(
            body=body, visible=visible, final=final, attachment_count=count, max_attachments=5
        )
    assert exc.value.field == field


def test_final_reply_closes_and_hands_back() -> None:
    mine = state(status=Status.ASSIGNED, assignee_id=1)
    assert rules.plan_reply(ME, mine, 3, final=True) == {
        "status": Status.CLOSED,
        "assignee_id": None,
        "closed_by": 1,
    }
    assert rules.plan_reply(ME, mine, 3, final=False) == {}


def test_dispatch_outcomes() -> None:
    def plan(file: FileState, groups: set[str], confirm: bool = False) -> DispatchOutcome:
        outcome, _detail, _changes = rules.plan_dispatch_item(
            ME,
            file,
            3,
            target_id=7,
            target_name="Ann",
            target_groups=frozenset(groups),
            confirm_reassign=confirm,
        )
        return outcome

    held = state(status=Status.ASSIGNED, assignee_id=OTHER, assignee_name="Jan")
    assert plan(state(), {"g1"}) is DispatchOutcome.DONE
    assert plan(state(), {"g2"}) is DispatchOutcome.FORBIDDEN
    assert plan(state(group_id="g2"), {"g2"}) is DispatchOutcome.FORBIDDEN
    assert plan(held, {"g1"}) is DispatchOutcome.NEEDS_CONFIRM
    assert plan(held, {"g1"}, confirm=True) is DispatchOutcome.DONE
    assert plan(state(status=Status.CLOSED), {"g1"}) is DispatchOutcome.CONFLICT
    assert plan(state(version=4), {"g1"}) is DispatchOutcome.CONFLICT


def test_merge_checks_name_the_problem() -> None:
    a = state(id=1, ticket="SR0000001", status=Status.ASSIGNED, assignee_id=1)
    b = state(id=2, ticket="SR0000002", status=Status.ASSIGNED, assignee_id=1)
    versions = {1: 3, 2: 3}
    rules.check_merge(ME, [a, b], versions)
    with pytest.raises(DomainError) as exc:
        rules.check_merge(ME, [a, state(id=2, niss="60010110120", assignee_id=1)], versions)
    assert "different citizens" in exc.value.message
    with pytest.raises(DomainError) as exc:
        rules.check_merge(ME, [a, state(id=2, ticket="SR0000002", status=Status.CLOSED)], versions)
    assert code_of(exc) == "file_closed" and "SR0000002" in exc.value.message
    with pytest.raises(DomainError) as exc:
        rules.check_merge(ME, [a, state(id=2, ticket="SR0000002", assignee_id=OTHER)], versions)
    assert "not yours" in exc.value.message and "SR0000002" in exc.value.message
    with pytest.raises(DomainError) as exc:
        rules.check_merge(ME, [a], versions)
    assert exc.value.field == "files"


def test_split_needs_my_open_file_and_a_message() -> None:
    mine = state(status=Status.ASSIGNED, assignee_id=1)
    rules.check_split(ME, mine, 3, "two questions")
    with pytest.raises(DomainError) as exc:
        rules.check_split(ME, mine, 3, "   ")
    assert exc.value.field == "message"
    with pytest.raises(DomainError) as exc:
        rules.check_split(ME, state(), 3, "x")
    assert "not yours" in exc.value.message


def test_pick_group_prefers_my_group_in_the_citizens_language() -> None:
    mine = [("nl-desk", "nl"), ("fr-desk", "fr")]
    assert rules.pick_group("fr", mine, None) == "fr-desk"
    assert rules.pick_group("de", mine, None) == "nl-desk"
    assert rules.pick_group("fr", mine, "nl-desk") == "nl-desk"
    with pytest.raises(DomainError) as exc:
        rules.pick_group("fr", mine, "partner-x")
    assert code_of(exc) == "forbidden" and exc.value.field == "group_id"


def test_can_read_scope() -> None:
    assert rules.can_read(ME, state())
    assert rules.can_read(ME, state(group_id="g2", assignee_id=1))
    assert rules.can_read(ME, state(group_id="g2", status=Status.CLOSED, closed_by=1))
    assert not rules.can_read(ME, state(group_id="g2"))
