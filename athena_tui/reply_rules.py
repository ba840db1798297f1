"""Checks of a reply before it is sent: body, attachment count, existence and size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from athena_tui.i18n import t
from backend_client.limits import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS


@dataclass(frozen=True)
class ReplyProblem:
    """One reason a reply cannot be sent yet, naming the field."""

    field: str
    message: str


def human_bytes(size: int) -> str:
    """1.5 MB-style size."""
    if size < 1000:
        return f"{size} B"
    if size < 1_000_000:
        return f"{size / 1000:.0f} kB"
    return f"{size / 1_000_000:.1f} MB"


def check_attachment_count(count: int) -> ReplyProblem | None:
    """A sixth attachment is refused before it is even added."""
    if count > MAX_ATTACHMENTS:
        return ReplyProblem(
            "attachments", t("At most {n} attachments per message.", n=MAX_ATTACHMENTS)
        )
    return None


def check_attachment(path: Path, limit: int = MAX_ATTACHMENT_BYTES) -> ReplyProblem | None:
    """The file must exist, be a regular file and be under the size cap."""
    if not path.exists():
        return ReplyProblem("attachments", t("{name}: file not found.", name=str(path)))
    if not path.is_file():
        return ReplyProblem("attachments", t("{name} is not a file.", name=str(path)))
    size = path.stat().st_size
    if size > limit:
        return ReplyProblem(
            "attachments",
            t(
                "{name} is {size}; the limit is {limit}.",
                name=path.name,
                size=human_bytes(size),
                limit=human_bytes(limit),
            ),
        )
    return None


def check_reply(
    body: str,
    attachments: list[str],
    visible_to_citizen: bool,
    final: bool,
    limit: int = MAX_ATTACHMENT_BYTES,
) -> list[ReplyProblem]:
    """Every problem that stops this reply from being sent (empty list: send it)."""
    problems: list[ReplyProblem] = []
    if not body.strip():
        problems.append(ReplyProblem("body", t("Write a message first.")))
    if final and not visible_to_citizen:
        problems.append(ReplyProblem("final", t("A final answer must be visible to the citizen.")))
    count = check_attachment_count(len(attachments))
    if count:
        problems.append(count)
    for raw in attachments:
        problem = check_attachment(Path(raw).expanduser(), limit)
        if problem:
            problems.append(problem)
    return problems
