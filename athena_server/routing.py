"""Where a file arriving through a channel goes: every routing rule, in one place.

Rules, first match wins:

1. a partner channel with its own group → that group (the partner's team answers);
2. a topic rule whose keywords occur in the subject or category → its group;
3. the desk (non-partner group) speaking the citizen's language;
4. the first desk, then the first group (ordered by id) — nothing is ever left unrouted.

A rule naming a group that does not exist is skipped, so the same rules serve any store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from athena_server.keys import search_key


@dataclass(frozen=True)
class GroupInfo:
    """What routing needs to know of a group."""

    id: str
    language: str
    partner: bool


@dataclass(frozen=True)
class TopicRule:
    """Files whose subject or category mentions one of ``keywords`` go to ``group_id``.

    Keywords are compared accent- and case-blind, as whole words or phrases.
    """

    keywords: tuple[str, ...]
    group_id: str


@dataclass(frozen=True)
class Route:
    """The chosen group and why (the reason is written to the audit trail)."""

    group_id: str
    reason: str


# Topics a partner institution's team answers better than a language desk.
TOPIC_RULES: tuple[TopicRule, ...] = (
    TopicRule(
        ("indépendant", "indépendante", "zelfstandige", "zelfstandig", "inasti", "rsvz"),
        "partner-inasti",
    ),
    TopicRule(
        ("accident du travail", "maladie professionnelle", "arbeidsongeval", "beroepsziekte"),
        "partner-fedris",
    ),
    TopicRule(("pension", "pensioen", "mypension"), "partner-sfp"),
)


def _words(text: str) -> str:
    """Search form padded with spaces so that keywords match whole words only."""
    cleaned = "".join(c if c.isalnum() else " " for c in search_key(text))
    return f" {' '.join(cleaned.split())} "


def _mentions(text: str, keyword: str) -> bool:
    return _words(keyword) in text


def route(
    *,
    language: str,
    subject: str,
    category: str | None,
    channel_group: str | None,
    groups: Sequence[GroupInfo],
    rules: Sequence[TopicRule] = TOPIC_RULES,
) -> Route:
    """The group of a new inbound file; raises ValueError when the store has no group."""
    known = {g.id: g for g in groups}
    if not known:
        raise ValueError("there is no group to route a file to")
    if channel_group is not None and channel_group in known:
        return Route(channel_group, "partner")
    text = _words(f"{subject} {category or ''}")
    for rule in rules:
        if rule.group_id not in known:
            continue
        for keyword in rule.keywords:
            if _mentions(text, keyword):
                return Route(rule.group_id, f"topic:{keyword}")
    ordered = sorted(known.values(), key=lambda g: g.id)
    desks = [g for g in ordered if not g.partner]
    for desk in desks:
        if desk.language == language:
            return Route(desk.id, "language")
    return Route((desks or ordered)[0].id, "fallback")
