"""Pilot tests of the team operations (issue 6) against the real server: marks,
dispatch, bulk release, move, merge and split, with the refusals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import TypeVar

import httpx
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from athena_server.runner import RunningServer
from athena_tui.app import AthenaApp
from athena_tui.replica import Tab
from backend_client.models import FileSummary, Status
from screens.dashboard import DashboardScreen
from screens.operations import ReportDialog, SplitMessageDialog
from tests.tui.conftest import JAN, SOPHIE, AppFactory, login, wait_until
from widgets.confirm import ChoiceDialog, ConfirmDialog
from widgets.file_table import FileTable
from widgets.status_line import StatusLine

T = TypeVar("T")
FR_DESK = "fr-desk"
PARTNER = "partner-sfp"


@pytest.fixture
def http(tui_server: RunningServer) -> Iterator[dict[int, httpx.Client]]:
    """``http[agent_id]``: an HTTP session of that agent (another agent's dashboard)."""

    class Sessions(dict[int, httpx.Client]):
        def __missing__(self, agent_id: int) -> httpx.Client:
            client = httpx.Client(base_url=tui_server.url, timeout=10.0)
            answer = client.post(
                "/v1/auth/demo", json={"agent_id": agent_id, "role": "contact_center"}
            )
            assert answer.status_code == 200, answer.text
            client.headers["Authorization"] = f"Bearer {answer.json()['token']}"
            self[agent_id] = client
            return client

    sessions = Sessions()
    yield sessions
    for client in sessions.values():
        client.close()


# --------------------------------------------------------------------------- helpers


def dash(app: AthenaApp) -> DashboardScreen:
    for each in app.screen_stack:
        if isinstance(each, DashboardScreen):
            return each
    raise AssertionError(f"no dashboard in {app.screen_stack}")


def tab_files(app: AthenaApp, tab: Tab) -> list[FileSummary]:
    replica = app.services.replica
    found = (replica.get(i) for i in replica.view_ids(tab))
    return [s for s in found if s is not None]


def members(http: dict[int, httpx.Client], group: str) -> dict[int, set[str]]:
    answer = http[SOPHIE].get(f"/v1/groups/{group}/agents")
    assert answer.status_code == 200, answer.text
    return {mate["id"]: set(mate["groups"]) for mate in answer.json()}


def server_file(
    http: dict[int, httpx.Client], file_id: int, agent: int = SOPHIE
) -> dict[str, object]:
    answer = http[agent].get(f"/v1/files/{file_id}")
    assert answer.status_code == 200, answer.text
    summary: dict[str, object] = answer.json()["summary"]
    return summary


def assignee_id(summary: dict[str, object]) -> int | None:
    assignee = summary["assignee"]
    return assignee["id"] if isinstance(assignee, dict) else None


def toasts(app: AthenaApp) -> list[str]:
    return [n.message for n in app._notifications]


async def show_tab(pilot: Pilot[None], key: str, tab: Tab) -> DashboardScreen:
    app = pilot.app
    assert isinstance(app, AthenaApp)
    await pilot.press(key)
    screen = dash(app)
    await wait_until(pilot, lambda: screen.tab is tab and screen.view is not None)
    await wait_until(
        pilot, lambda: screen.query_one(FileTable).row_count == app.services.replica.counts()[tab]
    )
    return screen


async def dialog(pilot: Pilot[None], kind: type[T]) -> T:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind))
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


async def choose(pilot: Pilot[None], text: str) -> None:
    """Filter the open ChoiceDialog by ``text`` and pick the first match."""
    picker = await dialog(pilot, ChoiceDialog)
    picker.query_one(Input).value = text
    await pilot.pause()
    await pilot.press("enter")


async def pick_teammate(pilot: Pilot[None], name: str) -> None:
    picker = await dialog(pilot, ChoiceDialog)
    assert any(c.label == name for c in picker.choices), [c.label for c in picker.choices]
    await choose(pilot, name)


def fr_colleagues(http: dict[int, httpx.Client], *, not_in: str | None = None) -> list[int]:
    """fr-desk members other than Sophie (optionally not members of ``not_in``)."""
    return [
        agent
        for agent, groups in members(http, FR_DESK).items()
        if agent != SOPHIE and (not_in is None or not_in not in groups)
    ]


def name_of(http: dict[int, httpx.Client], agent: int) -> str:
    for mate in http[SOPHIE].get(f"/v1/groups/{FR_DESK}/agents").json():
        if mate["id"] == agent:
            return str(mate["name"])
    raise AssertionError(agent)


# --------------------------------------------------------------------------- marks


async def test_marks_are_counted_and_escape_clears_them(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = dash(app)
        table = screen.query_one(FileTable)
        status = screen.query_one(StatusLine)
        await pilot.press("space", "space")
        assert len(table.marked_ids) == 2
        assert table.cursor_row == 2
        assert status.marked == 2
        await pilot.press("v", "down", "down", "v")
        assert status.marked == 5  # rows 0-1, then the range 2..4
        await pilot.press("asterisk")
        assert status.marked == table.row_count
        await pilot.press("escape")
        assert status.marked == 0 and not table.marked_ids
        # marks work the same in My files
        await show_tab(pilot, "2", Tab.MY_FILES)
        await pilot.press("asterisk")
        assert status.marked == 30


# --------------------------------------------------------------------------- dispatch


async def test_dispatch_marked_files_to_a_teammate(
    app_factory: AppFactory, http: dict[int, httpx.Client]
) -> None:
    mate = fr_colleagues(http)[0]
    mate_name = name_of(http, mate)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = dash(app)
        free = [
            f
            for f in tab_files(app, Tab.GROUP_QUEUE)
            if f.group_id == FR_DESK and f.assignee is None
        ][:3]
        screen.table.set_marks(f.id for f in free)
        await pilot.press("d")
        await pick_teammate(pilot, mate_name)
        preview = await dialog(pilot, ConfirmDialog)
        for file in free:
            assert any(
                line.startswith(file.ticket) and line.endswith(f"→ {mate_name}")
                for line in preview.body_lines
            ), preview.body_lines
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await wait_until(pilot, lambda: len(screen.last_report) == 3)
        assert all(": done" in line for line in screen.last_report)
        for file in free:
            summary = app.services.replica.get(file.id)
            assert summary is not None and summary.assignee is not None
            assert summary.assignee.id == mate
            assert assignee_id(server_file(http, file.id)) == mate
            audit = http[SOPHIE].get(f"/v1/files/{file.id}/audit").json()
            assert audit[-1]["action"] == "dispatch"
            assert audit[-1]["agent"]["id"] == SOPHIE
        assert screen.query_one(StatusLine).marked == 0


async def test_reassignment_needs_its_own_confirmation(
    app_factory: AppFactory, http: dict[int, httpx.Client]
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = dash(app)
        queue = tab_files(app, Tab.GROUP_QUEUE)
        held = next(
            f
            for f in queue
            if f.group_id == FR_DESK and f.assignee is not None and f.assignee.id != SOPHIE
        )
        assert held.assignee is not None
        holder = held.assignee.id
        free = next(f for f in queue if f.group_id == FR_DESK and f.assignee is None)
        mate = next(a for a in fr_colleagues(http) if a != holder)
        mate_name = name_of(http, mate)

        screen.table.set_marks([held.id, free.id])
        await pilot.press("d")
        await pick_teammate(pilot, mate_name)
        preview = await dialog(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.screen is not preview)
        second = await dialog(pilot, ConfirmDialog)
        assert second.has_class("-danger")
        assert any(line.startswith(held.ticket) for line in second.body_lines)
        assert not any(line.startswith(free.ticket) for line in second.body_lines)
        await pilot.press("n")  # keep them
        report = await dialog(pilot, ReportDialog)
        assert any(line.startswith(f"{free.ticket}: done") for line in report.lines)
        assert any(line.startswith(f"{held.ticket}: not reassigned") for line in report.lines)
        await pilot.press("enter")
        # cancelling the second confirmation assigned nothing to the held file
        assert assignee_id(server_file(http, held.id)) == holder
        assert assignee_id(server_file(http, free.id)) == mate

        # the same file again, this time confirming the reassignment
        screen.table.set_marks([held.id])
        await pilot.press("d")
        await pick_teammate(pilot, mate_name)
        await dialog(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, ConfirmDialog) and app.screen.has_class("-danger"),
        )
        await pilot.press("y")
        await wait_until(pilot, lambda: assignee_id(server_file(http, held.id)) == mate)
        await wait_until(pilot, lambda: screen.last_report == [f"{held.ticket}: done"])


async def test_dispatch_outside_the_group_shows_the_refusal(
    app_factory: AppFactory, http: dict[int, httpx.Client]
) -> None:
    """One file of fr-desk and one of partner-sfp to a teammate who is only in fr-desk:
    the picker offers them (they share a group), the server refuses the partner file
    and the report says so."""
    outsider = fr_colleagues(http, not_in=PARTNER)[0]
    name = name_of(http, outsider)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = dash(app)
        queue = tab_files(app, Tab.GROUP_QUEUE)
        fr = next(f for f in queue if f.group_id == FR_DESK and f.assignee is None)
        partner = next(f for f in queue if f.group_id == PARTNER and f.assignee is None)
        screen.table.set_marks([fr.id, partner.id])
        await pilot.press("d")
        await pick_teammate(pilot, name)
        preview = await dialog(pilot, ConfirmDialog)
        flagged = [line for line in preview.body_lines if line.startswith(partner.ticket)]
        assert flagged and "not a member" in flagged[0]
        await pilot.press("y")
        report = await dialog(pilot, ReportDialog)
        refused = [line for line in report.lines if line.startswith(partner.ticket)]
        assert refused and "refused" in refused[0]
        assert f"not a member of group {PARTNER}" in refused[0]  # the server's words
        assert any(line.startswith(f"{fr.ticket}: done") for line in report.lines)
        assert assignee_id(server_file(http, partner.id)) is None


# --------------------------------------------------------------------------- release


async def test_release_all_my_files_before_leave(
    app_factory: AppFactory, http: dict[int, httpx.Client]
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = await show_tab(pilot, "2", Tab.MY_FILES)
        mine = tab_files(app, Tab.MY_FILES)
        assert len(mine) == 30
        await pilot.press("L")
        preview = await dialog(pilot, ConfirmDialog)
        # Each file goes back to its group's queue, named (tests/tui/test_agent_trial.py).
        assert sum(1 for line in preview.body_lines if "→ " in line) == 30
        # a stray Enter cancels: Cancel is the button with the focus
        assert app.focused is not None and app.focused.id == "confirm-no"
        await pilot.press("y")
        await wait_until(pilot, lambda: app.services.replica.counts()[Tab.MY_FILES] == 0)
        await wait_until(pilot, lambda: screen.query_one(FileTable).row_count == 0)
        assert len(screen.last_report) == 30
        for file in mine[:5]:
            assert assignee_id(server_file(http, file.id)) is None


async def test_release_marked_files_can_be_cancelled(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = await show_tab(pilot, "2", Tab.MY_FILES)
        await pilot.press("space", "space", "l")
        preview = await dialog(pilot, ConfirmDialog)
        assert len([line for line in preview.body_lines if "→" in line]) == 2
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        assert app.services.replica.counts()[Tab.MY_FILES] == 30
        await pilot.press("l")
        await dialog(pilot, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.services.replica.counts()[Tab.MY_FILES] == 28)
        assert screen.query_one(StatusLine).marked == 0


async def test_absent_colleague_file_release_then_take(
    app_factory: AppFactory, http: dict[int, httpx.Client]
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = dash(app)
        table = screen.query_one(FileTable)
        held = next(
            f
            for f in tab_files(app, Tab.GROUP_QUEUE)
            if f.assignee is not None and f.assignee.id != SOPHIE
        )
        index = table.source.index_of(held.id)
        assert index is not None
        table.move_cursor(index)
        await pilot.press("l")
        confirm = await dialog(pilot, ConfirmDialog)
        assert any("held by" in line for line in confirm.body_lines)
        await pilot.press("y")

        def released() -> bool:
            summary = app.services.replica.get(held.id)
            return summary is not None and summary.assignee is None

        await wait_until(pilot, released)
        await wait_until(pilot, lambda: table.cursor_file_id == held.id)
        await pilot.press("t")
        await wait_until(pilot, lambda: assignee_id(server_file(http, held.id)) == SOPHIE)
        actions = [a["action"] for a in http[SOPHIE].get(f"/v1/files/{held.id}/audit").json()]
        assert actions[-2:] == ["release", "take"]


# --------------------------------------------------------------------------- move


async def test_move_marked_files_to_another_group(
    app_factory: AppFactory, http: dict[int, httpx.Client]
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = dash(app)
        files = [f for f in tab_files(app, Tab.GROUP_QUEUE) if f.group_id == FR_DESK][:2]
        screen.table.set_marks(f.id for f in files)
        await pilot.press("m")
        picker = await dialog(pilot, ChoiceDialog)
        assert FR_DESK not in {c.value for c in picker.choices}
        await choose(pilot, "nl-desk")
        confirm = await dialog(pilot, ConfirmDialog)
        assert sum(1 for line in confirm.body_lines if "fr-desk → nl-desk" in line) == 2
        await pilot.press("y")
        await wait_until(pilot, lambda: len(screen.last_report) == 2)
        for file in files:
            moved = server_file(http, file.id, agent=JAN)  # now in Jan's group
            assert moved["group_id"] == "nl-desk" and moved["assignee"] is None
        # they left Sophie's group queue
        await wait_until(
            pilot,
            lambda: all(screen.table.source.index_of(f.id) is None for f in files),
        )


# --------------------------------------------------------------------------- merge


def same_citizen_pair(app: AthenaApp) -> list[FileSummary]:
    by_citizen: dict[str, list[FileSummary]] = defaultdict(list)
    for file in tab_files(app, Tab.MY_FILES):
        by_citizen[file.citizen_niss].append(file)
    pairs = [files for files in by_citizen.values() if len(files) >= 2]
    assert len(pairs) >= 3, "the demo gives Sophie three pairs of one citizen"
    return pairs[0][:2]


async def open_operation(pilot: Pilot[None], which: str) -> None:
    await pilot.press("o")
    await choose(pilot, which)


async def test_merge_two_files_of_one_citizen(
    app_factory: AppFactory, http: dict[int, httpx.Client]
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = await show_tab(pilot, "2", Tab.MY_FILES)
        pair = same_citizen_pair(app)
        screen.table.set_marks(f.id for f in pair)
        await open_operation(pilot, "Merge")
        confirm = await dialog(pilot, ConfirmDialog)
        text = "\n".join(confirm.body_lines)
        assert "closed and handed back to the citizen" in text
        total = sum(f.message_count for f in pair)
        assert f"all {total} messages" in text
        await pilot.press("y")
        await wait_until(pilot, lambda: app.services.replica.counts()[Tab.MY_FILES] == 29)

        def new_file_selected() -> bool:
            current = screen.current()
            return current is not None and current.id not in {f.id for f in pair}

        await wait_until(pilot, new_file_selected)
        new = screen.current()
        assert new is not None
        assert new.citizen_niss == pair[0].citizen_niss
        assert new.message_count == total
        assert new.assignee is not None and new.assignee.id == SOPHIE
        # the originals: closed, handed back, seen closed in the citizen's files
        read = {"niss": pair[0].citizen_niss, "purpose": {"file_id": new.id}}
        citizen_files = http[SOPHIE].post("/v1/citizens/files", json=read).json()
        by_id = {f["id"]: f for f in citizen_files}
        for original in pair:
            assert by_id[original.id]["status"] == "closed"
            assert by_id[original.id]["assignee"] is None
        assert by_id[new.id]["status"] == "assigned"


async def test_merge_refuses_files_of_two_citizens(
    app_factory: AppFactory, http: dict[int, httpx.Client]
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = await show_tab(pilot, "2", Tab.MY_FILES)
        mine = tab_files(app, Tab.MY_FILES)
        first = mine[0]
        other = next(f for f in mine if f.citizen_niss != first.citizen_niss)
        screen.table.set_marks([first.id, other.id])
        await open_operation(pilot, "Merge")
        await wait_until(pilot, lambda: any("different citizens" in m for m in toasts(app)))
        assert isinstance(app.screen, DashboardScreen)  # no confirmation was offered
        for file in (first, other):
            assert server_file(http, file.id)["status"] != "closed"


async def test_merge_refuses_a_closed_file_and_a_file_not_mine(
    app_factory: AppFactory, http: dict[int, httpx.Client]
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = await show_tab(pilot, "2", Tab.MY_FILES)
        by_citizen: dict[str, list[FileSummary]] = defaultdict(list)
        for file in tab_files(app, Tab.MY_FILES):
            by_citizen[file.citizen_niss].append(file)
        pairs = [files[:2] for files in by_citizen.values() if len(files) >= 2]
        closing, kept = pairs[0]
        # Sophie closes one of the pair elsewhere (a final answer from another session)
        answer = http[SOPHIE].post(
            f"/v1/files/{closing.id}/messages",
            data={"version": str(closing.version), "body": "Réponse finale."},
        )
        assert answer.status_code == 200, answer.text

        def closed_here() -> bool:
            summary = app.services.replica.get(closing.id)
            return summary is not None and summary.status is Status.CLOSED

        await wait_until(pilot, closed_here)
        screen.table.set_marks([closing.id, kept.id])
        await open_operation(pilot, "Merge")
        await wait_until(
            pilot, lambda: any(f"{closing.ticket} is closed" in m for m in toasts(app))
        )
        assert server_file(http, kept.id)["status"] != "closed"

        # a colleague of the group releases one file of another pair: no longer mine
        taken_away, other = pairs[1]
        colleague = fr_colleagues(http)[0]
        answer = http[colleague].post(
            f"/v1/files/{taken_away.id}/release", json={"version": taken_away.version}
        )
        assert answer.status_code == 200, answer.text

        def released_here() -> bool:
            summary = app.services.replica.get(taken_away.id)
            return summary is not None and summary.assignee is None

        await wait_until(pilot, released_here)
        screen.table.set_marks([taken_away.id, other.id])
        await open_operation(pilot, "Merge")
        await wait_until(
            pilot,
            lambda: any(f"{taken_away.ticket}" in m and "not yours" in m for m in toasts(app)),
        )
        assert server_file(http, other.id)["status"] != "closed"


# --------------------------------------------------------------------------- split


async def test_split_one_file_in_two(
    app_factory: AppFactory, http: dict[int, httpx.Client]
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = await show_tab(pilot, "2", Tab.MY_FILES)
        original = screen.current()
        assert original is not None
        before = {f.id for f in tab_files(app, Tab.MY_FILES)}
        await open_operation(pilot, "Split")
        editor = await dialog(pilot, SplitMessageDialog)
        await pilot.press("ctrl+s")  # empty: refused in place
        assert editor.has_class("-error") and app.screen is editor
        editor.query_one(TextArea).text = "Votre question porte sur deux sujets."
        await pilot.press("ctrl+s")
        confirm = await dialog(pilot, ConfirmDialog)
        assert any("Two new files" in line for line in confirm.body_lines)
        await pilot.press("y")
        await wait_until(pilot, lambda: app.services.replica.counts()[Tab.MY_FILES] == 31)
        mine = tab_files(app, Tab.MY_FILES)
        parts = sorted((f for f in mine if f.id not in before), key=lambda f: f.subject)
        assert [p.subject[-5:] for p in parts] == ["(1/2)", "(2/2)"]
        for part in parts:
            assert part.citizen_niss == original.citizen_niss
            assert part.message_count == original.message_count + 1
        await wait_until(pilot, lambda: screen.table.cursor_file_id in {p.id for p in parts})
        closed = server_file(http, original.id)
        assert closed["status"] == "closed" and closed["assignee"] is None


async def test_split_refuses_several_marked_files(app_factory: AppFactory) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        await show_tab(pilot, "2", Tab.MY_FILES)
        await pilot.press("space", "space")
        await open_operation(pilot, "Split")
        await wait_until(pilot, lambda: any("Split works on one file" in m for m in toasts(app)))
        assert app.services.replica.counts()[Tab.MY_FILES] == 30


# --------------------------------------------------------------------------- live


async def test_a_colleagues_dispatch_shows_up_live(
    app_factory: AppFactory, http: dict[int, httpx.Client]
) -> None:
    """Another agent (over HTTP) dispatches two files to Sophie: her My files shows
    them without any key pressed."""
    colleague = fr_colleagues(http)[0]
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        screen = await show_tab(pilot, "2", Tab.MY_FILES)
        free = [
            f
            for f in tab_files(app, Tab.GROUP_QUEUE)
            if f.group_id == FR_DESK and f.assignee is None
        ][:2]
        answer = http[colleague].post(
            "/v1/files/dispatch",
            json={
                "assignee_id": SOPHIE,
                "files": [{"id": f.id, "version": f.version} for f in free],
                "confirm_reassign": False,
            },
        )
        assert answer.status_code == 200, answer.text
        assert [i["outcome"] for i in answer.json()["items"]] == ["done", "done"]
        table = screen.query_one(FileTable)
        await wait_until(pilot, lambda: all(table.source.index_of(f.id) is not None for f in free))
        assert table.row_count == 32
