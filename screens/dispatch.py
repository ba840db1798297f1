"""Dispatch (F10): pick a teammate, preview from → to, confirm, confirm re-assignments
separately, and say what happened to each file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from textual.app import App

from athena_tui.gateway import Gateway
from athena_tui.i18n import t
from backend_client.models import DispatchItem, DispatchOutcome, FileSummary, Teammate
from backend_client.text import one_line
from screens.operations import SPACER, capped, file_line, holder_name
from widgets.confirm import Choice, ChoiceDialog, ConfirmDialog


def outcome_label(outcome: DispatchOutcome) -> str:
    """The word for one file's outcome in the report."""
    return {
        DispatchOutcome.DONE: t("done"),
        DispatchOutcome.CONFLICT: t("conflict"),
        DispatchOutcome.FORBIDDEN: t("refused"),
        DispatchOutcome.NEEDS_CONFIRM: t("not reassigned"),
    }[outcome]


def merge_teammates(lists: Sequence[Sequence[Teammate]]) -> list[Teammate]:
    """Teammates of several groups, each once, by name."""
    by_id: dict[int, Teammate] = {}
    for teammates in lists:
        for teammate in teammates:
            known = by_id.get(teammate.id)
            if known is None:
                by_id[teammate.id] = teammate
            else:
                groups = sorted(set(known.groups) | set(teammate.groups))
                by_id[teammate.id] = known.model_copy(update={"groups": groups})
    return sorted(by_id.values(), key=lambda mate: (mate.name.casefold(), mate.id))


def teammate_choices(
    teammates: Sequence[Teammate], me: int, groups: Sequence[str] = ()
) -> list[Choice]:
    """Picker options: name (me marked), then the current load, and which of
    ``groups`` (the files' groups) each one belongs to when there are several."""
    choices = []
    for mate in teammates:
        label = one_line(mate.name)
        if mate.id == me:
            label = t("{name} (me)", name=label)
        detail = t("{load} open files", load=mate.load)
        if len(groups) > 1:
            detail += " · " + ", ".join(g for g in mate.groups if g in groups)
        choices.append(Choice(str(mate.id), label, detail))
    return choices


def preview_lines(files: Sequence[FileSummary], target: Teammate) -> list[str]:
    """Each file with from → to; files of a group the teammate is not in are flagged
    (the server refuses them; the agent sees it in the report)."""
    to = one_line(target.name)
    lines = []
    for file in files:
        line = f"{file_line(file)}:  {holder_name(file)} → {to}"
        if file.group_id not in target.groups:
            line += "  " + t("(not a member of {group})", group=file.group_id)
        lines.append(line)
    held = sum(1 for f in files if f.assignee is not None and f.assignee.id != target.id)
    footer = [
        SPACER,
        t(
            "{count} files held by someone else will need a second confirmation.",
            count=held,
        ),
    ]
    return capped(lines) + (footer if held else [])


def reassign_lines(items: Sequence[DispatchItem], target: Teammate) -> list[str]:
    """The files the server held back because someone else holds them."""
    to = one_line(target.name)
    lines = []
    for item in items:
        holder = holder_name(item.summary) if item.summary is not None else "?"
        ticket = item.ticket or str(item.file_id)
        lines.append(f"{ticket}:  {holder} → {to}")
    return capped(lines)


def report_lines(items: Sequence[DispatchItem]) -> list[str]:
    """One line per file: ticket, outcome, and the server's explanation."""
    lines = []
    for item in items:
        ticket = item.ticket or t("file {id}", id=item.file_id)
        line = f"{ticket}: {outcome_label(item.outcome)}"
        if item.outcome is DispatchOutcome.NEEDS_CONFIRM:
            # the server's sentence asks for a confirmation the agent just declined
            holder = holder_name(item.summary) if item.summary is not None else "?"
            line += " — " + t("still held by {name}", name=holder)
        elif item.detail:
            line += f" — {one_line(item.detail)}"
        lines.append(line)
    return lines


@dataclass
class DispatchRun:
    """What a dispatch did: the teammate and the last outcome of each file."""

    target: Teammate
    items: list[DispatchItem] = field(default_factory=list)

    @property
    def done(self) -> list[DispatchItem]:
        return [i for i in self.items if i.outcome is DispatchOutcome.DONE]

    @property
    def all_done(self) -> bool:
        return len(self.done) == len(self.items)


async def run_dispatch(
    app: App[None],
    gateway: Gateway,
    files: Sequence[FileSummary],
    *,
    me: int,
    my_groups: Sequence[str],
) -> DispatchRun | None:
    """The whole dispatch dialogue; None when the agent cancelled before anything was
    sent. Must run in a worker (it awaits modal screens). Raises ApiError."""
    groups = sorted({f.group_id for f in files} & set(my_groups)) or sorted(my_groups)
    lists = [await gateway.teammates(group) for group in groups]
    teammates = merge_teammates(lists)
    title = t("Dispatch {count} files to…", count=len(files))
    picked = await app.push_screen_wait(
        ChoiceDialog(
            title,
            teammate_choices(teammates, me, groups),
            placeholder=t("Filter teammates…"),
            empty_text=t("No teammate matches"),
        )
    )
    if picked is None:
        return None
    target = next(mate for mate in teammates if str(mate.id) == picked)
    confirmed = await app.push_screen_wait(
        ConfirmDialog(
            t("Dispatch to {name}?", name=one_line(target.name)),
            preview_lines(files, target),
            confirm_label=t("Dispatch"),
            cancel_label=t("Cancel"),
        )
    )
    if not confirmed:
        return None
    run = DispatchRun(target)
    first = await gateway.dispatch(target.id, files, confirm_reassign=False)
    run.items = list(first.items)
    held = [i for i in run.items if i.outcome is DispatchOutcome.NEEDS_CONFIRM]
    if not held:
        return run
    # A separate, explicit question: these files are taken away from a colleague.
    reassign = await app.push_screen_wait(
        ConfirmDialog(
            t("Reassign {count} files held by someone else?", count=len(held)),
            [
                t("These files are already assigned. Reassign them to {name}?", name=target.name),
                SPACER,
                *reassign_lines(held, target),
            ],
            confirm_label=t("Reassign"),
            cancel_label=t("Keep them"),
            danger=True,
        )
    )
    if not reassign:
        return run
    current = [i.summary for i in held if i.summary is not None]
    second = await gateway.dispatch(target.id, current, confirm_reassign=True)
    answers = {item.file_id: item for item in second.items}
    run.items = [answers.get(item.file_id, item) for item in run.items]
    return run
