"""The purposes of this session's reads of citizens' data: a file, or a typed reason."""

from __future__ import annotations

from backend_client.errors import ApiError, Forbidden
from backend_client.models import REASON_MAX, REASON_MIN, Purpose

PURPOSE_REFUSALS = frozenset({"purpose_required", "purpose_refused"})
"""``details.reason`` of the server's refusals that a new purpose may cure."""


class PurposeNeeded(Forbidden):
    """No purpose is known for this citizen yet: ask the agent (nothing was sent)."""

    def __init__(self) -> None:
        super().__init__(
            "a purpose is needed to read this citizen's data",
            field="purpose",
            details={"reason": "purpose_required"},
        )


def is_purpose_refusal(error: ApiError) -> bool:
    return isinstance(error, Forbidden) and error.details.get("reason") in PURPOSE_REFUSALS


def reason_problem(raw: str) -> int | None:
    """None when ``raw`` may be sent as a reason; else the shortfall's bound (the
    minimum when too short, the maximum when too long)."""
    text = " ".join(raw.split())
    if len(text) < REASON_MIN:
        return REASON_MIN
    if len(text) > REASON_MAX:
        return REASON_MAX
    return None


class PurposeBook:
    """Per session (a new login starts empty), per citizen NISS: the purpose the
    agent's reads of that citizen are sent with. A file the agent opened is a purpose
    for its citizen; a reason is what the agent typed when coming from search."""

    def __init__(self) -> None:
        self._by_niss: dict[str, Purpose] = {}

    def get(self, niss: str) -> Purpose | None:
        return self._by_niss.get(niss)

    def remember_reason(self, niss: str, reason: str) -> Purpose:
        purpose = Purpose(reason=" ".join(reason.split()))
        self._by_niss[niss] = purpose
        return purpose

    def remember_file(self, niss: str, file_id: int) -> None:
        """A file read is a purpose for its citizen, unless one is already known."""
        self._by_niss.setdefault(niss, Purpose(file_id=file_id))

    def forget(self, niss: str) -> None:
        self._by_niss.pop(niss, None)
