"""The agent's words for queued and refused actions, from codes and details (not the
server's English sentence), and the file as the waiting actions will leave it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from athena_tui.i18n import set_language
from athena_tui.outbox import CHAIN_REFUSED, ActionKind, ActionState, OutboxAction
from athena_tui.outbox_view import outbox_rows, refusal_reason, with_pending
from backend_client.models import Priority, Status
from tests.tui_services.factories import BASE, ME, summary


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    set_language("en")


def _action(kind: ActionKind, payload: dict[str, Any], **changes: Any) -> OutboxAction:
    values: dict[str, Any] = {
        "key": "k",
        "kind": kind,
        "file_id": 1,
        "payload": payload,
        "state": ActionState.PENDING,
        "error": None,
        "created_at": BASE,
    }
    values.update(changes)
    return OutboxAction(**values)


def _refused(code: str, details: dict[str, Any]) -> OutboxAction:
    return _action(
        ActionKind.TAKE,
        {"version": 1},
        state=ActionState.FAILED,
        error="SR0000001 was changed by Jan (take)",
        code=code,
        details=details,
    )


def test_a_refusal_is_said_in_the_agents_language_with_who_when_and_what() -> None:
    stale = _refused(
        "stale_version",
        {"changed_by": "Jan Peeters", "changed_at": "2025-03-01T09:05:00+00:00", "action": "take"},
    )
    assert refusal_reason(stale, dt.UTC) == "changed by Jan Peeters at 09:05 (Take)"
    set_language("fr")
    assert refusal_reason(stale, dt.UTC) == "modifié par Jan Peeters à 09:05 (Prendre)"
    assert refusal_reason(_refused("file_closed", {})) == "le dossier est clôturé"
    held = _refused("conflict", {"assignee": {"id": 8, "name": "Zoë Other"}})
    assert refusal_reason(held) == "pris en charge par Zoë Other"
    assert "précédente" in refusal_reason(_refused(CHAIN_REFUSED, {}))
    # a code this client does not know: the server's sentence, as it is
    assert refusal_reason(_refused("gone_fishing", {})) == "SR0000001 was changed by Jan (take)"


def test_waiting_actions_make_the_file_as_they_will_leave_it() -> None:
    file = summary(1, assignee=ME)
    waiting = [
        _action(ActionKind.PRIORITY, {"version": 1, "priority": "high"}),
        _action(ActionKind.STATUS, {"version": 1, "status": "waiting"}, key="k2"),
        _action(ActionKind.PRIORITY, {"version": 1, "priority": "low"}, file_id=2, key="k3"),
    ]
    view = with_pending(file, waiting, ME)
    assert view.summary.priority is Priority.HIGH and view.summary.status is Status.WAITING
    assert view.summary.version == file.version  # the server's; the outbox chains
    assert view.labels == ["Priority → High", "Status → Waiting"]
    rows = outbox_rows(waiting, {1: "SR0000001"}, dt.UTC)
    assert [(r.ticket, r.action, r.state) for r in rows] == [
        ("SR0000001", "Priority → High", "waiting"),
        ("SR0000001", "Status → Waiting", "waiting"),
        ("#2", "Priority → Low", "waiting"),
    ]
