"""The reason prompt of purpose-bound reads (GDPR): asked once per citizen and session
when the agent opens a citizen without coming from one of their files; and the
citizen-data refusals in the agent's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from athena_tui.i18n import t
from athena_tui.purposes import reason_problem
from backend_client.errors import ApiError
from backend_client.models import REASON_MAX, REASON_MIN
from screens.prompt import PromptScreen

if TYPE_CHECKING:
    from textual.app import App

    from athena_tui.gateway import Gateway


def check_reason(raw: str) -> str | None:
    """A translated message when ``raw`` cannot be the reason, else None."""
    bound = reason_problem(raw)
    if bound == REASON_MIN:
        return t("Give a reason of at least {count} characters.", count=REASON_MIN)
    if bound == REASON_MAX:
        return t("Keep the reason under {count} characters.", count=REASON_MAX)
    return None


class ReasonScreen(PromptScreen):
    """Why the agent reads this citizen's data; the answer is stored in the access log."""

    def __init__(self) -> None:
        super().__init__(
            t("Why do you open this citizen's data? (stored in the access log)"),
            placeholder=t("e.g. phone call from the citizen, ref …"),
            validate=check_reason,
        )


async def ensure_purpose(app: App[object], gateway: Gateway, niss: str) -> bool:
    """True once a purpose for ``niss`` is known this session: a file already read, a
    reason given before, or a reason typed now; False when the agent cancelled. Call it
    from a worker (it waits for the prompt)."""
    if gateway.purposes.get(niss) is not None:
        return True
    reason = await app.push_screen_wait(ReasonScreen())
    if not reason:
        return False
    gateway.purposes.remember_reason(niss, reason)
    return True


def refusal_text(error: ApiError) -> str:
    """A refusal of citizens' data from its code and details, in the agent's language
    (never the server's English message, except for causes this module does not know)."""
    reason = error.details.get("reason")
    if reason == "purpose_required":
        return t("A purpose is needed to read this citizen's data.")
    if reason == "purpose_refused":
        return t("That contact file is no purpose for this citizen; give a reason instead.")
    if reason == "reason_too_short":
        return t("Give a reason of at least {count} characters.", count=REASON_MIN)
    if reason == "role":
        return role_refusal()
    if reason == "query_too_short":
        count = error.details.get("min", 3)
        return t("Enter a full NISS or at least {count} letters of the last name.", count=count)
    if reason == "search_rate":
        wait = error.details.get("retry_after", "?")
        return t("Too many searches in a minute: try again in {seconds} s.", seconds=wait)
    return error.message


def role_refusal() -> str:
    """Why the agent view of a career is not shown under this session's role."""
    return t(
        "The agent view (sanctions, future data) is for the role "
        "“Athena Gestion de Dossiers”; your role shows the citizen view."
    )
