"""Dashboard: group queue, my files and treated files, served from the local replica."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Input, ProgressBar, Tab, Tabs
from textual.worker import get_current_worker

from athena_tui.i18n import t, t_short
from athena_tui.replica import ReplicaView
from athena_tui.replica import Tab as DashboardTab
from backend_client.errors import ApiError
from backend_client.models import FileSummary, Status
from backend_client.text import one_line
from backend_client.ticket import TicketError, normalize_ticket
from screens.base import AthenaScreen
from screens.file_actions import group_names, release_file, take_file
from screens.file_actions import outcome as describe_result
from screens.operations import (
    SPACER,
    ReportDialog,
    SplitMessageDialog,
    capped,
    file_line,
    holder_name,
    merge_preview,
    merge_problem,
    split_preview,
    split_problem,
)
from screens.widget_labels import choice_dialog, column_labels, status_labels, value_labels
from widgets.confirm import Choice, ConfirmDialog
from widgets.file_table import DEFAULT_COLUMNS, FileTable, SortKey
from widgets.key_footer import KeyFooter
from widgets.status_line import StatusLine

TAB_ORDER = (DashboardTab.GROUP_QUEUE, DashboardTab.MY_FILES, DashboardTab.TREATED)
TAB_COLUMNS: dict[DashboardTab, tuple[SortKey, ...]] = {
    DashboardTab.GROUP_QUEUE: DEFAULT_COLUMNS,
    # My files are all mine: who holds them says nothing.
    DashboardTab.MY_FILES: tuple(c for c in DEFAULT_COLUMNS if c != "assignee"),
    # Treated files are closed, by me: the day I closed them instead.
    DashboardTab.TREATED: ("ticket", "citizen", "subject", "channel", "priority", "closed", "age"),
}


def tab_title(tab: DashboardTab) -> str:
    """The manual's name of a dashboard tab."""
    return {
        DashboardTab.GROUP_QUEUE: t_short("Group queue"),
        DashboardTab.MY_FILES: t_short("My files"),
        DashboardTab.TREATED: t_short("Treated files"),
    }[tab]


def tab_label(tab: DashboardTab, count: int | None, matching: int | None = None) -> str:
    """Tab label with its key and count, e.g. ``1 Group queue (1 204)``; with a filter
    in that tab, the files matching it first: ``1 Group queue (12 / 1 204)``. Both, so
    that a filtered tab never reads as a nearly empty queue."""
    number = TAB_ORDER.index(tab) + 1
    if count is None:
        return f"{number} {tab_title(tab)}"
    total = f"{count:,}".replace(",", " ")
    if matching is None:
        return f"{number} {tab_title(tab)} ({total})"
    return f"{number} {tab_title(tab)} ({matching:,} / {total})".replace(",", " ")


class DashboardScreen(AthenaScreen[None]):
    """The three dashboards of the manual, one virtual table, instant from the replica."""

    AUTO_FOCUS = "#files"  # the table, at once (one focus change, one footer build)

    BINDINGS = [
        Binding("1", "show_tab('group_queue')", t("Group queue"), id="dash.group", show=False),
        Binding("2", "show_tab('my_files')", t("My files"), id="dash.mine", show=False),
        Binding("3", "show_tab('treated')", t("Treated files"), id="dash.treated", show=False),
        Binding("tab", "next_tab", t("Next tab"), id="dash.next_tab", show=False),
        Binding("shift+tab", "previous_tab", t("Previous tab"), id="dash.prev_tab", show=False),
        Binding("slash", "filter", t("Filter"), id="dash.filter", tooltip=t("Filter as you type")),
        Binding("t", "take", t("Take"), id="dash.take", tooltip=t("Assign the file to myself")),
        Binding(
            "l",
            "release",
            t("Release"),
            id="dash.release",
            tooltip=t("Put the file (or the marked files) back in the group queue"),
        ),
        Binding(
            "L",
            "release_all",
            t("Release all mine"),
            id="dash.release_all",
            tooltip=t("Before leave: put all my files back in the group queue"),
            show=False,
        ),
        Binding(
            "d",
            "dispatch",
            t("Dispatch"),
            id="dash.dispatch",
            tooltip=t("Assign the file (or the marked files) to a teammate"),
        ),
        Binding(
            "m",
            "move",
            t("Move"),
            id="dash.move",
            tooltip=t("Send the file (or the marked files) to another group's queue"),
        ),
        Binding(
            "o",
            "other_operations",
            t("Other operations"),
            id="dash.other",
            tooltip=t("Merge or split files of mine"),
        ),
        Binding(
            "colon",
            "lookup",
            t("Go to"),
            id="dash.lookup",
            tooltip=t("Open a file by its ticket (SR1234567), or :citizen [NISS]"),
        ),
        Binding(
            "4",
            "citizen_search",
            t("Citizen search"),
            id="dash.citizen_search",
            tooltip=t("Find a citizen by NISS or by name"),
        ),
        Binding("q", "quit", t("Quit"), id="dash.quit", tooltip=t("Quit Athena")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.tab = DashboardTab.GROUP_QUEUE
        self.filters: dict[DashboardTab, str] = {tab: "" for tab in TAB_ORDER}
        self.sorts: dict[DashboardTab, tuple[SortKey | None, bool]] = {
            tab: (None, False) for tab in TAB_ORDER
        }
        self.cursor_ids: dict[DashboardTab, int | None] = {tab: None for tab in TAB_ORDER}
        self.view: ReplicaView | None = None
        self._switching_tab = False
        self._select_after_refresh: int | None = None
        self.last_report: list[str] = []
        """The lines of the last per-file report (shown in a dialog or a toast)."""

    @property
    def table(self) -> FileTable:
        return self.query_one(FileTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(
            *[Tab(tab_label(tab, None), id=f"tab-{tab.value}") for tab in TAB_ORDER],
            Tab(f"4 {t_short('Citizen search')}", id="tab-citizen_search"),
        )
        yield Input(placeholder=t("Filter: ticket, NISS, name, subject"), id="filter")
        table = FileTable(
            id="files",
            column_labels=column_labels(),
            value_labels=value_labels(),
            now=self.athena.now,
        )
        table.empty_text = t("No contact files")
        yield table
        yield ProgressBar(id="fill-progress", show_eta=False)
        yield StatusLine(id="status-line", labels=status_labels())
        yield KeyFooter()

    def on_mount(self) -> None:
        self.filter_input.display = False
        self.query_one("#fill-progress").display = False
        self.watch(self.athena, "sync_generation", self._replica_changed, init=False)
        self.watch(self.athena, "fill_progress", self._fill_progress_changed)
        self.refresh_view()

    # ------------------------------------------------------------------ live state

    def _replica_changed(self, _generation: int) -> None:
        self.refresh_view()

    def _fill_progress_changed(self, progress: tuple[int, int | None] | None) -> None:
        bar = self.query_one("#fill-progress", ProgressBar)
        if progress is None:
            return
        done, total = progress
        if total is not None and done >= total:
            bar.display = False
            return
        bar.display = True
        bar.update(total=total, progress=done)

    # ------------------------------------------------------------------ view

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def refresh_view(self) -> None:
        """Query the replica off the UI thread; the newest request wins."""
        replica = self.athena.services.replica
        tab = self.tab
        filters = dict(self.filters)
        sort, descending = self.sorts[tab]
        view = replica.view(tab, filters[tab], sort, descending)
        view.index_of(-1)  # builds the id index here, not on the UI thread
        worker = get_current_worker()
        if worker.is_cancelled:
            return
        # Rows first (the agent is waiting for them), the tab counts right after.
        self.app.call_from_thread(self._apply_view, tab, view)
        counts = replica.counts()
        matching = replica.matching_counts(filters)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._apply_counts, counts, matching)

    def _apply_counts(
        self, counts: dict[DashboardTab, int], matching: dict[DashboardTab, int]
    ) -> None:
        for each in TAB_ORDER:
            label = tab_label(each, counts.get(each), matching.get(each))
            tab = self.query_one(f"#tab-{each.value}", Tab)
            if str(tab.label) != label:
                tab.label = label

    def _apply_view(self, tab: DashboardTab, view: ReplicaView) -> None:
        if tab is not self.tab:
            return
        self.view = view
        keep = self.cursor_ids[tab] if self._switching_tab else self.table.cursor_file_id
        self._switching_tab = False
        if self.filling() and self.table.cursor_row == 0:
            # The first fill arrives in pages by file id: following the first file seen
            # would leave the agent mid-list. Until it is done, the top stays the top.
            keep = None
        wanted = self._select_after_refresh
        if wanted is not None and view.index_of(wanted) is not None:
            keep = wanted
            self._select_after_refresh = None
        self.table.set_columns(TAB_COLUMNS[tab])
        self.table.set_source(view, keep_file_id=keep)
        sort, descending = self.sorts[tab]
        self.table.set_sort(sort, descending)
        # From the next frame the agent sees the rows: keys typed from then on count.
        self.call_after_refresh(self.athena.key_gate.screen_shown)

    def filling(self) -> bool:
        """True while the first fill of the replica is still arriving."""
        progress = self.athena.fill_progress
        if progress is None:
            return False
        done, total = progress
        return total is None or done < total

    def current(self) -> FileSummary | None:
        """The summary of the highlighted file, from the replica."""
        file_id = self.table.cursor_file_id
        if file_id is None:
            return None
        return self.athena.services.replica.get(file_id)

    # ------------------------------------------------------------------ tabs

    def action_show_tab(self, name: str) -> None:
        self.query_one(Tabs).active = f"tab-{name}"

    def action_next_tab(self) -> None:
        self.query_one(Tabs).action_next_tab()

    def action_previous_tab(self) -> None:
        self.query_one(Tabs).action_previous_tab()

    @on(Tabs.TabActivated)
    def tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab.id is None:
            return
        if event.tab.id == "tab-citizen_search":
            # The search is a screen of its own; the strip stays on the current dashboard.
            event.tabs.active = f"tab-{self.tab.value}"
            self.action_citizen_search()
            return
        new_tab = DashboardTab(event.tab.id.removeprefix("tab-"))
        if new_tab is self.tab:
            return
        self.cursor_ids[self.tab] = self.table.cursor_file_id
        self.tab = new_tab
        self.filter_input.value = self.filters[new_tab]
        self.filter_input.display = bool(self.filters[new_tab])
        self.table.clear_marks()
        self._switching_tab = True
        self.table.focus()
        self.refresh_view()

    # ------------------------------------------------------------------ filter and sort

    def action_filter(self) -> None:
        self.filter_input.display = True
        self.filter_input.focus()

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filters[self.tab] = event.value
        self.refresh_view()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.table.focus()

    def on_key(self, event: object) -> None:
        from textual.events import Key

        if isinstance(event, Key) and event.key == "escape" and self.focused is self.filter_input:
            event.stop()
            if self.filter_input.value:
                self.filter_input.value = ""
            self.filter_input.display = False
            self.table.focus()

    @on(FileTable.SortRequested)
    def sort_requested(self, event: FileTable.SortRequested) -> None:
        self.sorts[self.tab] = (event.column, event.descending)
        self.refresh_view()

    # ------------------------------------------------------------------ actions

    @on(FileTable.Opened)
    def file_opened(self, event: FileTable.Opened) -> None:
        from screens.contact_file import ContactFileScreen

        self.app.push_screen(ContactFileScreen(event.file_id))

    def action_take(self) -> None:
        summary = self.current()
        if summary is not None:
            self.take(summary)

    @work(exclusive=True, group="action", exit_on_error=False)
    async def take(self, summary: FileSummary) -> None:
        taken = await take_file(self.app, self.athena.services.gateway, summary, self.me)
        if taken is not None:
            self.athena.notify_files_changed([summary.id])

    # ------------------------------------------------------------------ marks and targets

    @on(FileTable.MarksChanged)
    def marks_changed(self, event: FileTable.MarksChanged) -> None:
        self.query_one(StatusLine).marked = event.count

    @property
    def me(self) -> int | None:
        session = self.athena.services.session
        return None if session is None else session.agent.id

    def target_ids(self) -> list[int]:
        """The marked files in display order (marks hidden by the filter last), or the
        highlighted file when nothing is marked."""
        marked = self.table.marked_ids
        if not marked:
            file_id = self.table.cursor_file_id
            return [] if file_id is None else [file_id]
        source = self.table.source
        order = {file_id: source.index_of(file_id) for file_id in marked}
        return sorted(marked, key=lambda i: (order[i] is None, order[i] or 0, i))

    async def summaries(self, ids: Sequence[int]) -> list[FileSummary]:
        """The replica's summaries of ``ids`` (files no longer known are left out)."""
        replica = self.athena.services.replica

        def read() -> list[FileSummary]:
            found = (replica.get(file_id) for file_id in ids)
            return [summary for summary in found if summary is not None]

        return await asyncio.to_thread(read)

    def finish(self, changed: Sequence[int], *, select: int | None = None) -> None:
        """After an operation: marks cleared, dashboards refreshed, maybe a file selected."""
        self.table.clear_marks()
        if select is not None:
            self._select_after_refresh = select
        self.athena.notify_files_changed(changed)

    async def report(self, title: str, lines: list[str], *, ok: bool) -> None:
        """Per-file outcome: a toast when all went well, else a dialog to read."""
        self.last_report = lines
        if ok:
            self.notify(title)
            return
        await self.app.push_screen_wait(ReportDialog(title, lines))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hidden (not just disabled) where the manual does not offer them.
        if action == "dispatch":
            return self.tab is DashboardTab.GROUP_QUEUE
        if action == "other_operations":
            return self.tab is DashboardTab.MY_FILES
        if action in {"release", "move", "take"}:
            return self.tab is not DashboardTab.TREATED
        return True

    # ------------------------------------------------------------------ release (F7, F8)

    def action_release(self) -> None:
        ids = self.target_ids()
        if not ids:
            return
        if self.table.marked_ids:
            self.release_files(ids, title=t("Release {count} files?", count=len(ids)))
            return
        summary = self.athena.services.replica.get(ids[0])
        if summary is not None:
            self.release(summary)

    def action_release_all(self) -> None:
        """F7 in one action: every file of mine back to the group queue, with a preview."""
        me = self.me
        if me is None:
            return
        ids = self.athena.services.replica.view_ids(DashboardTab.MY_FILES)
        if not ids:
            self.notify(t("You hold no open files."))
            return
        self.release_files(ids, title=t("Release all {count} of my files?", count=len(ids)))

    @work(exclusive=True, group="action", exit_on_error=False)
    async def release(self, summary: FileSummary) -> None:
        # The file view asks the same question (screens/file_actions.py).
        released = await release_file(self.app, self.athena.services.gateway, summary, self.me)
        if released is not None:
            self.athena.notify_files_changed([summary.id])

    @work(exclusive=True, group="action", exit_on_error=False)
    async def release_files(self, ids: list[int], *, title: str) -> None:
        """Release several files after one preview; each file succeeds or fails alone."""
        files = await self.summaries(ids)
        me = self.me
        held = [f for f in files if f.assignee is not None and f.status is not Status.CLOSED]
        skipped = [f for f in files if f not in held]
        if not held:
            self.notify(t("None of these files is assigned."), severity="warning")
            return
        # Each file goes back to the queue of its own group: say which, by name.
        names = await group_names(self.athena.services.gateway)
        # Each line says whose file it is only for a colleague's (mine are all mine).
        lines = [
            f"{file_line(f)}  "
            + (f"{holder_name(f)} " if f.assignee is not None and f.assignee.id != me else "")
            + f"→ {names.get(f.group_id, f.group_id)}"
            for f in held
        ]
        queues = Counter(names.get(f.group_id, f.group_id) for f in held)
        colleagues = sum(1 for f in held if f.assignee is not None and f.assignee.id != me)
        # What happens first, then the list: a long list scrolls, the summary must not.
        body = [
            t(
                "Back to the queue of {groups}, un-assigned.",
                groups=", ".join(
                    name if len(queues) == 1 else f"{name} ({count})"
                    for name, count in queues.most_common()
                ),
            )
        ]
        if colleagues:
            body.append(t("{count} of them are held by colleagues.", count=colleagues))
        if skipped:
            body.append(t("{count} not assigned, left as they are.", count=len(skipped)))
        body += [SPACER, *capped(lines)]
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog(
                title,
                body,
                confirm_label=t("Release"),
                cancel_label=t("Cancel"),
                # a stray Enter must not put a whole list of files back in the queue
                default="cancel" if len(held) > 1 else "confirm",
            )
        )
        if not confirmed:
            return
        gateway = self.athena.services.gateway
        report: list[str] = []
        failed = 0
        for file in held:
            try:
                result = await gateway.release(file)
            except ApiError as error:
                failed += 1
                report.append(f"{file.ticket}: {t('not released')} — {one_line(error.message)}")
            else:
                report.append(describe_result(result, t("{ticket}: released"), file.ticket))
        self.finish([f.id for f in held])
        done = len(held) - failed
        await self.report(
            t("{done} of {count} files released.", done=done, count=len(held)),
            report,
            ok=not failed,
        )

    # ------------------------------------------------------------------ dispatch (F10)

    def action_dispatch(self) -> None:
        ids = self.target_ids()
        if ids:
            self.dispatch(ids)

    @work(exclusive=True, group="action", exit_on_error=False)
    async def dispatch(self, ids: list[int]) -> None:
        from screens.dispatch import report_lines, run_dispatch

        session = self.athena.services.session
        if session is None:
            return
        files = [f for f in await self.summaries(ids) if f.status is not Status.CLOSED]
        if not files:
            return
        try:
            run = await run_dispatch(
                self.app,
                self.athena.services.gateway,
                files,
                me=session.agent.id,
                my_groups=session.agent.groups,
            )
        except ApiError as error:
            self.notify(error.message, title=t("Not dispatched"), severity="error", markup=False)
            self.athena.notify_files_changed([f.id for f in files])
            return
        if run is None:
            return
        self.finish([item.file_id for item in run.items])
        title = t(
            "{done} of {count} files dispatched to {name}.",
            done=len(run.done),
            count=len(run.items),
            name=one_line(run.target.name),
        )
        await self.report(title, report_lines(run.items), ok=run.all_done)

    # ------------------------------------------------------------------ move (F11)

    def action_move(self) -> None:
        ids = self.target_ids()
        if ids:
            self.move(ids)

    @work(exclusive=True, group="action", exit_on_error=False)
    async def move(self, ids: list[int]) -> None:
        files = [f for f in await self.summaries(ids) if f.status is not Status.CLOSED]
        if not files:
            return
        gateway = self.athena.services.gateway
        try:
            groups = await gateway.groups()
        except ApiError as error:
            self.notify(error.message, title=t("Not moved"), severity="error", markup=False)
            return
        own = {f.group_id for f in files}
        # A single group's files cannot move to that same group; offer only the others.
        options = [
            Choice(group.id, one_line(group.name), group.id)
            for group in groups
            if not (len(own) == 1 and group.id in own)
        ]
        title = (
            t("Move {ticket} to group", ticket=files[0].ticket)
            if len(files) == 1
            else t("Move {count} files to group", count=len(files))
        )
        choice = await self.app.push_screen_wait(choice_dialog(title, options))
        if choice is None:
            return
        name = one_line(next((g.name for g in groups if g.id == choice), choice))
        moving = [f for f in files if f.group_id != choice]
        lines = [f"{file_line(f)}:  {f.group_id} → {choice}" for f in moving]
        staying = len(files) - len(moving)
        body = [
            *capped(lines),
            SPACER,
            t("They go to the queue of {group}, un-assigned.", group=name),
        ]
        if staying:
            body.append(
                t("{count} already in {group}, left as they are.", count=staying, group=name)
            )
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog(
                t("Move {count} files to {group}?", count=len(moving), group=name),
                body,
                confirm_label=t("Move"),
                cancel_label=t("Cancel"),
            )
        )
        if not confirmed:
            return
        report: list[str] = []
        failed = 0
        for file in moving:
            try:
                result = await gateway.move(file, choice)
            except ApiError as error:
                failed += 1
                report.append(f"{file.ticket}: {t('not moved')} — {one_line(error.message)}")
            else:
                report.append(describe_result(result, t("{ticket}: moved"), file.ticket))
        self.finish([f.id for f in moving])
        await self.report(
            t(
                "{done} of {count} files moved to {group}.",
                done=len(moving) - failed,
                count=len(moving),
                group=name,
            ),
            report,
            ok=not failed,
        )

    # ------------------------------------------------------------------ merge, split (F13, F14)

    @work(exclusive=True, group="action", exit_on_error=False)
    async def action_other_operations(self) -> None:
        options = [
            Choice("merge", t("Merge"), t("two or more marked files of one citizen")),
            Choice("split", t("Split"), t("one file into two")),
        ]
        choice = await self.app.push_screen_wait(choice_dialog(t("Other operations"), options))
        if choice == "merge":
            await self.merge()
        elif choice == "split":
            await self.split()

    async def merge(self) -> None:
        me = self.me
        if me is None:
            return
        files = await self.summaries(sorted(self.table.marked_ids))
        problem = merge_problem(files, me)
        if problem is not None:
            self.notify(problem, title=t("Not merged"), severity="warning", timeout=8)
            return
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog(
                t("Merge {count} files?", count=len(files)),
                merge_preview(files),
                confirm_label=t("Merge"),
                cancel_label=t("Cancel"),
                danger=True,
            )
        )
        if not confirmed:
            return
        try:
            result = await self.athena.services.gateway.merge(files)
        except ApiError as error:
            self.notify(error.message, title=t("Not merged"), severity="error", markup=False)
            self.athena.notify_files_changed([f.id for f in files])
            return
        new = result.new_file
        self.finish([new.id, *(f.id for f in result.originals)], select=new.id)
        self.notify(
            t(
                "Merged into {ticket}; {count} files closed.",
                ticket=new.ticket,
                count=len(result.originals),
            )
        )

    async def split(self) -> None:
        me = self.me
        if me is None:
            return
        files = await self.summaries(self.target_ids())
        problem = split_problem(files, me)
        if problem is not None:
            self.notify(problem, title=t("Not split"), severity="warning", timeout=8)
            return
        file = files[0]
        message = await self.app.push_screen_wait(SplitMessageDialog(file))
        if message is None:
            return
        confirmed = await self.app.push_screen_wait(
            ConfirmDialog(
                t("Split {ticket}?", ticket=file.ticket),
                split_preview(file, message),
                confirm_label=t("Split"),
                cancel_label=t("Cancel"),
                danger=True,
            )
        )
        if not confirmed:
            return
        try:
            result = await self.athena.services.gateway.split(file, message)
        except ApiError as error:
            self.notify(error.message, title=t("Not split"), severity="error", markup=False)
            self.athena.notify_files_changed([file.id])
            return
        parts = result.parts
        self.finish([file.id, *(p.id for p in parts)], select=parts[0].id if parts else None)
        self.notify(
            t(
                "{ticket} split into {parts}; the original is closed.",
                ticket=file.ticket,
                parts=", ".join(p.ticket for p in parts),
            )
        )

    @work(exclusive=True, group="action", exit_on_error=False)
    async def action_lookup(self) -> None:
        from screens.contact_file import ContactFileScreen
        from screens.prompt import PromptScreen

        raw = await self.app.push_screen_wait(
            PromptScreen(
                t("Go to a ticket, or :citizen [NISS]"),
                placeholder="SR1234567",
                validate=check_command,
            )
        )
        if not raw:
            return
        citizen = citizen_command(raw)
        if citizen is not None:
            from screens.citizen_search import CitizenSearchScreen

            self.app.push_screen(CitizenSearchScreen(niss=citizen))
            return
        ticket = normalize_ticket(raw)
        try:
            contact = await self.athena.services.gateway.lookup_ticket(ticket)
        except ApiError as error:
            self.notify(error.message, title=ticket, severity="error", markup=False)
            return
        self.app.push_screen(ContactFileScreen(contact.summary.id, preloaded=contact))

    def action_citizen_search(self) -> None:
        from screens.citizen_search import CitizenSearchScreen

        self.app.push_screen(CitizenSearchScreen())

    async def action_quit(self) -> None:
        await self.athena.action_quit()


def citizen_command(raw: str) -> str | None:
    """The NISS of a ``citizen [NISS]`` command ("" for a bare one), else None."""
    words = raw.strip().removeprefix(":").split(maxsplit=1)
    if not words or words[0].casefold() not in {"citizen", "citoyen", "burger"}:
        return None
    return words[1].strip() if len(words) > 1 else ""


def check_command(raw: str) -> str | None:
    """None when ``raw`` is a ticket or a citizen command, else the message to show."""
    if citizen_command(raw) is not None:
        return None
    return check_ticket(raw)


def check_ticket(raw: str) -> str | None:
    """None when ``raw`` is a ticket, else the message to show."""
    try:
        normalize_ticket(raw)
    except TicketError:
        return t("A ticket is SR followed by 7 digits, e.g. SR1234567.")
    return None
