"""Routing of inbound files: partner, topic, language, fallback — first match wins."""

from __future__ import annotations

import pytest

from athena_server.routing import GroupInfo, Route, TopicRule, route

DEMO_GROUPS = (
    GroupInfo("fr-desk", "fr", False),
    GroupInfo("nl-desk", "nl", False),
    GroupInfo("de-desk", "de", False),
    GroupInfo("partner-sfp", "fr", True),
    GroupInfo("partner-inasti", "fr", True),
    GroupInfo("partner-fedris", "fr", True),
)


def routed(
    subject: str = "Question",
    *,
    language: str = "fr",
    category: str | None = None,
    channel_group: str | None = None,
    groups: tuple[GroupInfo, ...] = DEMO_GROUPS,
) -> Route:
    return route(
        language=language,
        subject=subject,
        category=category,
        channel_group=channel_group,
        groups=groups,
    )


@pytest.mark.parametrize(
    ("language", "group"), [("fr", "fr-desk"), ("nl", "nl-desk"), ("de", "de-desk")]
)
def test_the_citizens_language_picks_the_desk(language: str, group: str) -> None:
    assert routed("Année 2012 manquante", language=language) == Route(group, "language")


def test_a_partner_channel_with_a_group_wins_over_topic_and_language() -> None:
    got = routed("Trimestre comme indépendant", language="nl", channel_group="partner-sfp")
    assert got == Route("partner-sfp", "partner")


def test_a_partner_group_that_does_not_exist_is_skipped() -> None:
    assert routed(language="nl", channel_group="partner-gone") == Route("nl-desk", "language")


@pytest.mark.parametrize(
    ("subject", "group", "keyword"),
    [
        ("Trimestre manquant comme indépendant en 2019", "partner-inasti", "indépendant"),
        ("Ontbrekend kwartaal als ZELFSTANDIGE in 2019", "partner-inasti", "zelfstandige"),
        ("Suite à mon accident du travail", "partner-fedris", "accident du travail"),
        ("Raming van mijn pensioen", "partner-sfp", "pensioen"),
        ("Estimation de ma pension", "partner-sfp", "pension"),
    ],
)
def test_topic_keywords_route_to_their_group(subject: str, group: str, keyword: str) -> None:
    assert routed(subject, language="nl") == Route(group, f"topic:{keyword}")


def test_the_category_counts_as_a_topic_too() -> None:
    assert routed("Une question", category="pension").group_id == "partner-sfp"


def test_keywords_match_whole_words_accent_and_case_blind() -> None:
    # "pensionnat" is not "pension"; "INDEPENDANT" without accent still is "indépendant"
    assert routed("Mon pensionnat en 1975").group_id == "fr-desk"
    assert routed("INDEPENDANT depuis 2001").group_id == "partner-inasti"


def test_a_topic_rule_for_a_missing_group_is_skipped() -> None:
    groups = (GroupInfo("fr-desk", "fr", False), GroupInfo("nl-desk", "nl", False))
    assert routed("Estimation de ma pension", groups=groups) == Route("fr-desk", "language")


def test_custom_rules_replace_the_defaults() -> None:
    rules = (TopicRule(("diplôme",), "nl-desk"),)
    got = route(
        language="fr",
        subject="Mon diplôme",
        category=None,
        channel_group=None,
        groups=DEMO_GROUPS,
        rules=rules,
    )
    assert got == Route("nl-desk", "topic:diplôme")
    assert route(
        language="fr",
        subject="Estimation de ma pension",
        category=None,
        channel_group=None,
        groups=DEMO_GROUPS,
        rules=rules,
    ) == Route("fr-desk", "language")


def test_no_desk_for_the_language_falls_back_to_the_first_desk_then_any_group() -> None:
    assert routed(language="en") == Route("de-desk", "fallback")
    only_partners = (GroupInfo("partner-b", "fr", True), GroupInfo("partner-a", "nl", True))
    assert routed(language="fr", groups=only_partners) == Route("partner-a", "fallback")


def test_no_group_at_all_is_an_error() -> None:
    with pytest.raises(ValueError, match="no group"):
        routed(groups=())
