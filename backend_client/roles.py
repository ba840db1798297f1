"""What each role may see beyond the group rules; the server enforces it, the client
hides what the role cannot use (docs/api.md, "Roles")."""

from __future__ import annotations

from backend_client.models import CareerView, Role

# Only the agent view of a career (sanctions, data dated in the future) depends on the
# role: the contact center answers citizens about what they see themselves; the file
# handler (Athena Gestion de Dossiers, Professional) corrects careers and needs it.
CAREER_VIEWS: dict[Role, frozenset[CareerView]] = {
    Role.CONTACT_CENTER: frozenset({CareerView.CITIZEN}),
    Role.CASE_MANAGEMENT: frozenset({CareerView.CITIZEN, CareerView.AGENT}),
}


def may_see_career(role: Role | None, view: CareerView) -> bool:
    return role is not None and view in CAREER_VIEWS.get(role, frozenset())
