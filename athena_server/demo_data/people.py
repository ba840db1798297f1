"""Demo agents, their group memberships, and demo citizens (rows for the store)."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass
from functools import cache

from backend_client.models import Role
from backend_client.niss import make_niss

from . import names
from .organisations import GROUPS

DEMO_AGENT_ID = 1
"""The agent ``athena-tui --demo`` logs in as: fr-desk, both roles."""
DEMO_AGENT_NAME = "Sophie Dubois"
SECOND_AGENT_ID = 2
SECOND_AGENT_NAME = "Jan Peeters"

BOTH_ROLES = f"{Role.CONTACT_CENTER.value},{Role.CASE_MANAGEMENT.value}"

_FIRST_BIRTH = dt.date(1950, 1, 1)
_LAST_BIRTH = dt.date(2004, 12, 31)


@cache
def search_key(name: str) -> str:
    """Upper-cased, accent-free copy of a name, as stored for search."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


@dataclass(frozen=True)
class CitizenSpec:
    """What the file generator needs to know of a citizen."""

    niss: str
    first_name: str
    last_name: str
    birth: dt.date
    male: bool
    language: str


@dataclass(frozen=True)
class AgentSpec:
    id: int
    name: str
    language: str
    groups: tuple[str, ...]


def _unique_niss(rng: random.Random, birth: dt.date, male: bool, used: set[str]) -> str:
    while True:
        counter = rng.randint(1, 499) * 2 - (1 if male else 0)
        niss = make_niss(birth, counter)
        if niss not in used:
            used.add(niss)
            return niss


def build_agents(
    rng: random.Random, used_niss: set[str]
) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], list[AgentSpec]]:
    """Agent rows, membership rows and specs; agent 1 and 2 are the demo's named agents."""
    agent_rows: list[tuple[object, ...]] = []
    membership_rows: list[tuple[object, ...]] = []
    specs: list[AgentSpec] = []
    group_ids = [g.id for g in GROUPS]
    next_id = 1
    for group in GROUPS:
        for _ in range(group.agents):
            agent_id = next_id
            next_id += 1
            male = rng.random() < 0.5
            lang = group.language if group.language != "de" or rng.random() < 0.7 else "fr"
            if group.partner:
                lang = rng.choice(("fr", "nl"))
            first = rng.choice((names.FIRST_NAMES_MALE if male else names.FIRST_NAMES_FEMALE)[lang])
            name = f"{first} {rng.choice(names.LAST_NAMES[lang])}"
            roles = (
                BOTH_ROLES
                if rng.random() < 0.15
                else rng.choices((Role.CONTACT_CENTER.value, Role.CASE_MANAGEMENT.value), (8, 2))[0]
            )
            groups = [group.id]
            if rng.random() < 0.35:
                groups.append(rng.choice([g for g in group_ids if g != group.id]))
            if agent_id == DEMO_AGENT_ID:
                male, lang, name, roles = False, "fr", DEMO_AGENT_NAME, BOTH_ROLES
                groups = ["fr-desk", "partner-sfp"]
            elif agent_id == SECOND_AGENT_ID:
                male, lang, name, roles = True, "nl", SECOND_AGENT_NAME, Role.CONTACT_CENTER.value
                groups = ["nl-desk"]
            if agent_id in (DEMO_AGENT_ID, SECOND_AGENT_ID) and group.id != "fr-desk":
                raise AssertionError("the first group must be the French desk")
            birth = dt.date(rng.randint(1962, 1999), rng.randint(1, 12), rng.randint(1, 28))
            niss = _unique_niss(rng, birth, male, used_niss)
            agent_rows.append((agent_id, niss, name, lang, roles, True))
            membership_rows.extend((agent_id, g) for g in groups)
            specs.append(AgentSpec(agent_id, name, lang, tuple(groups)))
    return agent_rows, membership_rows, specs


def build_citizens(
    rng: random.Random, count: int, used_niss: set[str]
) -> tuple[list[tuple[object, ...]], list[CitizenSpec]]:
    """Citizen rows and specs: births 1950–2004 (both NISS check rules occur)."""
    rows: list[tuple[object, ...]] = []
    specs: list[CitizenSpec] = []
    span = (_LAST_BIRTH - _FIRST_BIRTH).days
    langs = rng.choices(("nl", "fr", "de"), (52, 43, 5), k=count)
    for lang in langs:
        male = rng.random() < 0.5
        birth = _FIRST_BIRTH + dt.timedelta(days=rng.randint(0, span))
        niss = _unique_niss(rng, birth, male, used_niss)
        first = rng.choice((names.FIRST_NAMES_MALE if male else names.FIRST_NAMES_FEMALE)[lang])
        last = rng.choice(names.LAST_NAMES[lang])
        rows.append((niss, last, first, search_key(last), search_key(first), birth, lang))
        specs.append(CitizenSpec(niss, first, last, birth, male, lang))
    return rows, specs
