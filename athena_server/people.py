"""Reading groups and agents from the store as wire models."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from athena_server.errors import not_found
from athena_server.schema import agents, contact_files, groups, memberships
from backend_client.models import Agent, Group, Role, Teammate


def parse_roles(raw: str) -> list[Role]:
    """``"contact_center,case_management"`` → roles, unknown names dropped."""
    known = {r.value for r in Role}
    return [Role(r) for r in (p.strip() for p in raw.split(",")) if r in known]


def groups_of(conn: sa.Connection, agent_ids: list[int]) -> dict[int, list[str]]:
    """Group ids of each agent, in a stable order."""
    out: dict[int, list[str]] = defaultdict(list)
    if not agent_ids:
        return out
    rows = conn.execute(
        sa.select(memberships.c.agent_id, memberships.c.group_id)
        .where(memberships.c.agent_id.in_(agent_ids))
        .order_by(memberships.c.agent_id, memberships.c.group_id)
    )
    for agent_id, group_id in rows:
        out[agent_id].append(group_id)
    return out


def _agent(row: sa.Row[tuple[object, ...]], group_ids: list[str]) -> Agent:
    m = row._mapping
    return Agent(
        id=m["id"],
        national_number=m["national_number"],
        name=m["name"],
        language=m["language"],
        roles=parse_roles(m["roles"]),
        groups=group_ids,
    )


def load_agent(conn: sa.Connection, agent_id: int) -> Agent:
    row = conn.execute(
        sa.select(agents).where(agents.c.id == agent_id, agents.c.active.is_(True))
    ).first()
    if row is None:
        raise not_found(f"no agent {agent_id}", field="agent_id")
    return _agent(row, groups_of(conn, [agent_id])[agent_id])


def list_agents(conn: sa.Connection) -> list[Agent]:
    rows = conn.execute(
        sa.select(agents).where(agents.c.active.is_(True)).order_by(agents.c.name, agents.c.id)
    ).all()
    by_agent = groups_of(conn, [r.id for r in rows])
    return [_agent(r, by_agent[r.id]) for r in rows]


def _group(row: sa.Row[tuple[object, ...]]) -> Group:
    m = row._mapping
    return Group(id=m["id"], name=m["name"], language=m["language"], partner=bool(m["partner"]))


def list_groups(conn: sa.Connection) -> list[Group]:
    return [_group(r) for r in conn.execute(sa.select(groups).order_by(groups.c.id))]


def load_group(conn: sa.Connection, group_id: str) -> Group | None:
    row = conn.execute(sa.select(groups).where(groups.c.id == group_id)).first()
    return None if row is None else _group(row)


def group_languages(conn: sa.Connection, group_ids: list[str]) -> list[tuple[str, str]]:
    """(id, language) of the given groups, in the given order."""
    rows = conn.execute(
        sa.select(groups.c.id, groups.c.language).where(groups.c.id.in_(group_ids))
    ).all()
    langs: dict[str, str] = {r.id: r.language for r in rows}
    return [(g, langs[g]) for g in group_ids if g in langs]


def teammates(conn: sa.Connection, group_id: str) -> list[Teammate]:
    """Members of a group with the number of open files each holds."""
    load = (
        sa.select(sa.func.count())
        .select_from(contact_files)
        .where(contact_files.c.assignee_id == agents.c.id, contact_files.c.status != "closed")
        .scalar_subquery()
    )
    rows = conn.execute(
        sa.select(agents.c.id, agents.c.name, load.label("load"))
        .join(memberships, memberships.c.agent_id == agents.c.id)
        .where(memberships.c.group_id == group_id, agents.c.active.is_(True))
        .order_by(agents.c.name, agents.c.id)
    ).all()
    by_agent = groups_of(conn, [r.id for r in rows])
    return [Teammate(id=r.id, name=r.name, groups=by_agent[r.id], load=r.load) for r in rows]
