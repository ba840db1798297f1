"""Dashboard: group queue, my files and treated files, served from the local replica."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar, Tab, Tabs
from textual.worker import get_current_worker

from athena_tui.app import AthenaApp, role_label
from athena_tui.i18n import t
from athena_tui.replica import ReplicaView, Tab as DashboardTab
from backend_client.errors import ApiError, Conflict
from backend_client.models import FileSummary, Status
from backend_client.ticket import TicketError, normalize_ticket
from widgets.confirm import ConfirmDialog
from widgets.file_table import FileTable
from widgets.status_line import StatusLine

TAB_ORDER = (DashboardTab.GROUP_QUEUE, DashboardTab.MY_FILES, DashboardTab.TREATED)


def tab_title(tab: DashboardTab) -> str:
    """The manual's name of a dashboard tab."""
    return {
        DashboardTab.GROUP_QUEUE: t("Group queue"),
        DashboardTab.MY_FILES: t("My files"),
        DashboardTab.TREATED: t("Treated files"),
    }[tab]


def tab_label(tab: DashboardTab, count: int | None) -> str:
    """Tab label with its key and count, e.g. ``1 Group queue (1,204)``."""
    number = TAB_ORDER.index(tab) + 1
    suffix = f" ({count:,})".replace(",", " ") if count is not None else ""
    return f"{number} {tab_title(tab)}{suffix}"


class DashboardScreen(Screen[None]):
    """The three dashboards of the manual, one virtual table, instant from the replica."""

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
            tooltip=t("Put the file back in the group queue"),
        ),
        Binding(
            "colon",
            "lookup",
            t("Ticket"),
            id="dash.lookup",
            tooltip=t("Open a file by its ticket (SR1234567)"),
        ),
        Binding("q", "quit", t("Quit"), id="dash.quit", tooltip=t("Quit Athena")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.tab = DashboardTab.GROUP_QUEUE
        self.filters: dict[DashboardTab, str] = {tab: "" for tab in TAB_ORDER}
        self.sorts: dict[DashboardTab, tuple[str | None, bool]] = {
            tab: (None, False) for tab in TAB_ORDER
        }
        self.cursor_ids: dict[DashboardTab, int | None] = {tab: None for tab in TAB_ORDER}
        self.view: ReplicaView | None = None
        self._switching_tab = False

    @property
    def athena(self) -> AthenaApp:
        assert isinstance(self.app, AthenaApp)
        return self.app

    @property
    def table(self) -> FileTable:
        return self.query_one(FileTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#filter", Input)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs(*[Tab(tab_label(tab, None), id=f"tab-{tab.value}") for tab in TAB_ORDER])
        yield Input(placeholder=t("Filter: ticket, NISS, name, subject"), id="filter")
        table = FileTable(id="files")
        table.empty_text = t("No contact files")
        yield table
        yield ProgressBar(id="fill-progress", show_eta=False)
        yield StatusLine(id="status-line")
        yield Footer()

    def on_mount(self) -> None:
        self.filter_input.display = False
        self.query_one("#fill-progress").display = False
        session = self.athena.services.session
        status = self.query_one(StatusLine)
        if session is not None:
            status.agent = session.agent.name
            status.role = role_label(session.role)
        self.watch(self.athena, "connection", self._connection_changed)
        self.watch(self.athena, "last_sync", self._last_sync_changed)
        self.watch(self.athena, "sync_generation", self._replica_changed, init=False)
        self.watch(self.athena, "fill_progress", self._fill_progress_changed)
        self.table.focus()
        self.refresh_view()

    # ------------------------------------------------------------------ live state

    def _connection_changed(self, connection: str) -> None:
        self.query_one(StatusLine).connection = connection

    def _last_sync_changed(self, last_sync: object) -> None:
        from datetime import datetime

        if isinstance(last_sync, datetime):
            self.query_one(StatusLine).last_sync = last_sync

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
        sort, descending = self.sorts[tab]
        view = replica.view(tab, self.filters[tab], sort, descending)
        counts = replica.counts()
        if get_current_worker().is_cancelled:
            return
        self.app.call_from_thread(self._apply_view, tab, view, counts)

    def _apply_view(
        self, tab: DashboardTab, view: ReplicaView, counts: dict[DashboardTab, int]
    ) -> None:
        for each in TAB_ORDER:
            self.query_one(f"#tab-{each.value}", Tab).label = tab_label(each, counts.get(each))
        if tab is not self.tab:
            return
        self.view = view
        keep = self.cursor_ids[tab] if self._switching_tab else self.table.cursor_file_id
        self._switching_tab = False
        self.table.set_source(view, keep_file_id=keep)
        sort, descending = self.sorts[tab]
        self.table.set_sort(sort, descending)

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

        if (
            isinstance(event, Key)
            and event.key == "escape"
            and self.focused is self.filter_input
        ):
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
        if summary is None:
            return
        if summary.status is Status.CLOSED:
            self.notify(t("{ticket} is closed.", ticket=summary.ticket), severity="warning")
            return
        self.take(summary)

    @work(exclusive=True, group="action", exit_on_error=False)
    async def take(self, summary: FileSummary) -> None:
        session = self.athena.services.session
        if summary.assignee is not None and session and summary.assignee.id == session.agent.id:
            self.notify(t("{ticket} is already yours.", ticket=summary.ticket))
            return
        if summary.assignee is not None:
            held = t(
                "{ticket} is held by {name}. Release it first (l), then take it.",
                ticket=summary.ticket,
                name=summary.assignee.name,
            )
            self.notify(held, severity="warning", markup=False)
            return
        try:
            result = await self.athena.services.gateway.take(summary)
        except Conflict as error:
            self.notify(error.message, title=t("Not taken"), severity="error", markup=False)
        except ApiError as error:
            self.notify(error.message, title=t("Not taken"), severity="error", markup=False)
        else:
            self.notify(describe_result(result, t("{ticket} is now yours."), summary.ticket))
        self.athena.notify_files_changed([summary.id])

    def action_release(self) -> None:
        summary = self.current()
        if summary is None:
            return
        if summary.assignee is None or summary.status is Status.CLOSED:
            self.notify(t("{ticket} is not assigned.", ticket=summary.ticket), severity="warning")
            return
        self.release(summary)

    @work(exclusive=True, group="action", exit_on_error=False)
    async def release(self, summary: FileSummary) -> None:
        session = self.athena.services.session
        assert summary.assignee is not None
        if session is None or summary.assignee.id != session.agent.id:
            confirmed = await self.app.push_screen_wait(
                ConfirmDialog(
                    t("Release a colleague's file?"),
                    [
                        t(
                            "{ticket} is held by {name}.",
                            ticket=summary.ticket,
                            name=summary.assignee.name,
                        ),
                        t("It goes back to the group queue, un-assigned."),
                    ],
                    confirm_label=t("Release"),
                    cancel_label=t("Cancel"),
                )
            )
            if not confirmed:
                return
        try:
            result = await self.athena.services.gateway.release(summary)
        except ApiError as error:
            self.notify(error.message, title=t("Not released"), severity="error", markup=False)
        else:
            self.notify(describe_result(result, t("{ticket} released."), summary.ticket))
        self.athena.notify_files_changed([summary.id])

    @work(exclusive=True, group="action", exit_on_error=False)
    async def action_lookup(self) -> None:
        from screens.contact_file import ContactFileScreen
        from screens.prompt import PromptScreen

        raw = await self.app.push_screen_wait(
            PromptScreen(t("Open a file by ticket"), placeholder="SR1234567", validate=check_ticket)
        )
        if not raw:
            return
        ticket = normalize_ticket(raw)
        try:
            contact = await self.athena.services.gateway.lookup_ticket(ticket)
        except ApiError as error:
            self.notify(error.message, title=ticket, severity="error", markup=False)
            return
        self.app.push_screen(ContactFileScreen(contact.summary.id, preloaded=contact))

    async def action_quit(self) -> None:
        await self.athena.action_quit()


def check_ticket(raw: str) -> str | None:
    """None when ``raw`` is a ticket, else the message to show."""
    try:
        normalize_ticket(raw)
    except TicketError:
        return t("A ticket is SR followed by 7 digits, e.g. SR1234567.")
    return None


def describe_result(result: object, done: str, ticket: str) -> str:
    """The toast after an action: done, or saved in the outbox until reconnection."""
    from athena_tui.gateway import Queued

    if isinstance(result, Queued):
        return t("{ticket}: offline — saved, it will be sent when the connection is back.", ticket=ticket)
    return done.format(ticket=ticket)
