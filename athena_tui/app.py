"""The Athena App: global bindings, session start, live sync wiring and the palette."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen

from athena_tui.connection import insecure_transport, insecure_warning
from athena_tui.escape_burst import split_escape_burst
from athena_tui.i18n import t, tn
from athena_tui.idle import ACTIVITY, IDLE_POLL, IdleWatch
from athena_tui.keygate import KeyGate
from athena_tui.messages import (
    FilesChanged,
    OutboxReplayed,
    SessionExpired,
    SyncProgress,
    SyncStatusChanged,
)
from backend_client.text import safe_text

if TYPE_CHECKING:
    from athena_tui.config import Settings
    from athena_tui.services import Services
    from backend_client.models import Session

SUPPORT_EMAIL = "diogenes-support@sigedis.fgov.be"


def utc_now() -> dt.datetime:
    """The wall clock, in UTC (injectable for snapshot tests)."""
    return dt.datetime.now(dt.UTC)


class AthenaApp(App[None]):
    """Athena Career Contactcenter in the terminal."""

    CSS_PATH = "athena.tcss"
    TITLE = "Athena Career Contactcenter"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding(
            # f1 too: in a text field "?" is a character
            "question_mark,f1",
            "help",
            t("Help"),
            id="app.help",
            tooltip=t("Show the keys of this screen and the support contact"),
        ),
        Binding(
            "ctrl+l",
            "lock",
            t("Lock"),
            id="app.lock",
            show=False,
            priority=True,
            tooltip=t("Lock the screen now; log in again to unlock"),
        ),
        Binding(
            "ctrl+b",
            "outbox",
            t("Outbox"),
            id="app.outbox",
            show=False,
            tooltip=t("Show the actions waiting to be sent and the refused ones"),
        ),
        Binding(
            "ctrl+q",
            "quit",
            t("Quit"),
            id="app.quit",
            show=False,
            priority=True,
            tooltip=t("Quit Athena"),
        ),
    ]

    connection: reactive[str] = reactive("offline")
    """live / reconnecting / offline / connecting."""
    last_sync: reactive[dt.datetime | None] = reactive(None)
    sync_generation: reactive[int] = reactive(0)
    """Bumped whenever replica rows change; dashboards watch it."""
    fill_progress: reactive[tuple[int, int | None] | None] = reactive(None)
    pending: reactive[Pending] = reactive(lambda: Pending())
    """What would be lost from sight on quitting: queued and refused actions, drafts."""

    def __init__(
        self,
        settings: Settings,
        services: Services,
        *,
        now: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.services = services
        self.now = now
        self.changed_ids: set[int] = set()
        self.key_gate = KeyGate(self)
        self.set_keymap(dict(settings.keymap))
        self.idle = IdleWatch(dt.timedelta(minutes=settings.lock_after_minutes), now())
        self.locked = False
        # toasts raised while locked (they may name citizens), shown once unlocked
        self._held_toasts: list[tuple[str, str, SeverityLevel, float | None]] = []

    # ------------------------------------------------------------------ keys, in order

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, ACTIVITY):
            self.idle.touch(self.now())
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            split = self._split_escape_burst(event) if isinstance(event, events.Key) else None
            keys: list[events.Key | events.Paste] = list(split) if split else [event]
            for key in keys:
                await self.key_gate.deliver(key, super().on_event)
            return
        await super().on_event(event)

    def _split_escape_burst(self, event: events.Key) -> list[events.Key] | None:
        """Esc and a key typed in one read reach the app as one alt key: the two keys."""
        from textual.widgets import Input, TextArea

        keys = split_escape_burst(event, in_text_field=isinstance(self.focused, Input | TextArea))
        for key in keys or []:
            key.time = event.time  # typed when the pair was (keys dropped by time stay so)
        return keys

    def post_message(self, message: Message) -> bool:
        if self.key_gate.intercept(message):
            return True
        return super().post_message(message)

    # ------------------------------------------------------------------ start

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(
            self, lambda _screen: self.key_gate.screen_changed(), immediate=True
        )
        self.theme = self.settings.theme
        if insecure_transport(self.settings.server_url):
            self.screen_change_signal.subscribe(self, self._warn_insecure, immediate=True)
        from screens.login import LoginScreen

        self.push_screen(LoginScreen())

    def begin_session(self, session: Session) -> None:
        """Open the agent's replica, start live sync and show the group queue."""
        self._begin_session(session)

    @work(exclusive=True, group="session", exit_on_error=False)
    async def _begin_session(self, session: Session) -> None:
        from screens.dashboard import DashboardScreen

        # Keys typed while the session opens were aimed at the login: the dashboard's
        # first Enter would take a file the agent never saw.
        self.key_gate.drop_typed_ahead()
        try:
            await self.services.attach_session(session)
            self.sub_title = f"{session.agent.name} · {role_label(session.role)}"
            await self.switch_screen(DashboardScreen())
        except BaseException:
            self.key_gate.screen_shown()  # no dashboard: the login takes keys again
            raise
        self.run_sync()
        self.count_pending()
        self.set_interval(PENDING_POLL, self.count_pending)
        self.idle.touch(self.now())
        self.set_interval(IDLE_POLL, self.lock_if_idle)
        # Once the dashboard is up (not before: a full collection costs ~100 ms).
        self.set_timer(3.0, freeze_heap)

    @work(exclusive=True, group="sync", exit_on_error=False)
    async def run_sync(self) -> None:
        """The long-running sync loop; its callbacks become messages."""
        engine = self.services.make_sync(
            on_status=lambda status, last: self.post_message(SyncStatusChanged(status, last)),
            on_progress=lambda done, total: self.post_message(SyncProgress(done, total)),
            on_change=lambda ids: self.post_message(FilesChanged(ids)),
            on_replayed=lambda results: self.post_message(OutboxReplayed(list(results))),
        )
        await engine.run()

    # ------------------------------------------------------------------ app-wide messages

    def on_sync_status_changed(self, message: SyncStatusChanged) -> None:
        if message.status == "expired":
            self.post_message(SessionExpired(t("The server no longer accepts this session.")))
            return
        self.connection = message.status
        if message.status == "live" and self.fill_progress is not None:
            done, total = self.fill_progress
            if total is None or done < total:
                # Live means the fill is over, whatever the page counts said.
                self.fill_progress = (done, done)
        if message.status == "live":
            self.refresh_file_cache()
        if message.last_sync is not None:
            # Stamped with the app's clock (injectable), the moment the news arrived.
            self.last_sync = self.now()

    def on_sync_progress(self, message: SyncProgress) -> None:
        self.fill_progress = (message.done, message.total)

    @work(thread=True, exclusive=True, group="pending", exit_on_error=False)
    def count_pending(self) -> None:
        """Count the outbox's queued and refused actions and the drafts, off the UI
        thread; every screen's status line shows them."""
        pending = self.read_pending()
        if pending is not None and pending != self.pending:
            self.call_from_thread(setattr, self, "pending", pending)

    def read_pending(self) -> Pending | None:
        """The agent's work still on this machine (blocking: call it from a thread)."""
        services = self.services
        if services.session is None:
            return None
        try:
            queued, failed = services.outbox.counts()
            drafts = len(services.drafts.file_ids())
        except Exception:  # the store closed under us (logout, quit): nothing to show
            return None
        return Pending(queued, failed, drafts)

    def on_outbox_replayed(self, message: OutboxReplayed) -> None:
        from athena_tui.outbox import ReplayResult

        results = [r for r in message.results if isinstance(r, ReplayResult)]
        self.notify_files_changed({r.action.file_id for r in results})
        self.count_pending()
        refused = [r for r in results if r.error is not None]
        if refused:
            self.report_refusals(refused)

    @work(thread=True, group="refusals", exit_on_error=False)
    def report_refusals(self, refused: list[object]) -> None:
        """Tell the agent about every replayed action the server refused: which file,
        what, why; they wait in the outbox for a decision (never dropped silently)."""
        from athena_tui.outbox import ReplayResult
        from athena_tui.outbox_view import refusal_notice, refusal_reason

        for result in refused:
            assert isinstance(result, ReplayResult)
            action = self.services.outbox.get(result.action.key) or result.action
            known = self.services.replica.get(action.file_id)
            ticket = known.ticket if known is not None else f"#{action.file_id}"
            text = refusal_notice(action, ticket, refusal_reason(action))
            self.call_from_thread(
                self.notify, text, title=t("Not done"), severity="error", timeout=30
            )

    def action_outbox(self) -> None:
        from screens.outbox import OutboxScreen

        if (
            self.services.logged_in
            and not self.locked
            and not isinstance(self.screen, OutboxScreen)
        ):
            self.push_screen(OutboxScreen())

    @work(group="replay", exit_on_error=False)
    async def replay_now(self) -> None:
        """Send what waits in the outbox now (after a retry), when the server is there;
        otherwise the next reconnection sends it."""
        from backend_client.errors import ApiError

        if self.services.session is None or self.connection != "live":
            return
        try:
            results = await self.services.gateway.replay_outbox()
        except ApiError:
            return
        if results:
            self.post_message(OutboxReplayed(list(results)))

    def on_files_changed(self, message: FilesChanged) -> None:
        self.changed_ids.update(message.ids)
        self.sync_generation += 1
        if self.connection == "live":
            self.refresh_file_cache()

    @work(exclusive=True, group="cache", exit_on_error=False)
    async def refresh_file_cache(self) -> None:
        """Keep the files the agent may need offline (the ones opened here, the agent's
        own) fresh in the local store, in the background, a few at a time."""
        if self.services.session is None:
            return
        for _round in range(10):  # bounded: a file that keeps changing waits for the next sync
            if not await self.services.gateway.refresh_cache():
                break

    def on_session_expired(self, message: SessionExpired) -> None:
        self._release_toasts()  # the login screen replaces the lock screen
        self.notify(
            t("{reason} Log in again; your drafts are kept.", reason=message.reason),
            title=t("Session expired"),
            severity="error",
            timeout=10,
        )
        self.connection = "offline"
        self._back_to_login()

    @work(exclusive=True, group="session", exit_on_error=False)
    async def _back_to_login(self) -> None:
        from screens.login import LoginScreen

        self.workers.cancel_group(self, "sync")
        await self.services.detach_session()
        self.sub_title = ""
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        await self.switch_screen(LoginScreen())

    def notify_files_changed(self, ids: Iterable[int]) -> None:
        """Tell the dashboards that an action of mine changed these files; an action
        that went into the outbox behind earlier ones is sent at once when live."""
        self.post_message(FilesChanged(list(ids)))
        self.replay_now()

    # ------------------------------------------------------------------ lock

    def lock_if_idle(self) -> None:
        """Lock once the agent has been away for the configured minutes."""
        if not self.locked and self.services.logged_in and self.idle.due(self.now()):
            self.lock()

    def action_lock(self) -> None:
        if not self.locked and self.services.logged_in:
            self.lock()

    def lock(self) -> None:
        """Hide everything behind the lock screen; the screens below, their drafts and
        the outbox stay. Sync pauses: a locked terminal does not keep its session
        alive, and unlocking logs in again anyway."""
        from screens.lock import LockScreen

        self.locked = True
        self.clear_notifications()
        self.workers.cancel_group(self, "sync")
        self.push_screen(LockScreen())

    def unlocked(self) -> None:
        """The same agent logged in again (the lock screen renewed the session)."""
        from screens.lock import LockScreen

        if isinstance(self.screen, LockScreen):
            self.pop_screen()
        # keys typed while unlocking were dropped (LockScreen.renew) until this frame
        self.call_after_refresh(self.key_gate.screen_shown)
        self.idle.touch(self.now())
        self._release_toasts()
        self.run_sync()

    def _release_toasts(self) -> None:
        self.locked = False
        held, self._held_toasts = self._held_toasts, []
        for message, title, severity, timeout in held:
            self.notify(message, title=title, severity=severity, timeout=timeout)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the palette would list (and run) the actions of the screens behind the lock
        if action == "command_palette" and self.locked:
            return False
        return True

    def _warn_insecure(self, screen: Screen[object]) -> None:
        """Every screen, dialogs included, carries the plain-http warning at its top:
        docked there, or, under a screen's own header (two widgets docked on one edge
        overlap), first in its layout."""
        # after the screen composed its children (the header among them)
        screen.call_after_refresh(self._place_warning, screen)

    def _place_warning(self, screen: Screen[object]) -> None:
        from textual.widgets import Header, Static

        if not screen.is_attached or screen.query("#insecure-warning"):
            return
        assert self.settings.server_url is not None
        warning = Static(
            insecure_warning(self.settings.server_url), id="insecure-warning", markup=False
        )
        warning.set_class(not screen.query(Header), "-docked")
        screen.mount(warning, before=0 if screen.children else None)

    # ------------------------------------------------------------------ help and palette

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action bound on the current screen, then Textual's own commands."""
        seen: set[str] = set()
        for _key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                binding.tooltip or f"{t('Key')}: {self.get_key_display(binding)}",
                _runner(self, active.node, binding.action),
            )
        yield from super().get_system_commands(screen)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast is plain text: messages often carry data (names, subjects).
        While locked they wait for the unlock."""
        if self.locked:
            self._held_toasts.append((message, title, severity, timeout))
            return
        super().notify(
            safe_text(message),
            title=safe_text(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    async def action_quit(self) -> None:
        """Quit; with queued or refused actions or drafts, ask first (they are kept)."""
        self._quit_flow()

    @work(exclusive=True, group="quit", exit_on_error=False)
    async def _quit_flow(self) -> None:
        from widgets.confirm import ConfirmDialog

        # Counted now: a draft saved a second ago counts.
        pending = await asyncio.to_thread(self.read_pending)
        lines = quit_warnings(pending or Pending())
        if lines:
            confirmed = await self.push_screen_wait(
                ConfirmDialog(
                    t("Quit Athena?"),
                    lines,
                    confirm_label=t("Quit"),
                    cancel_label=t("Stay"),
                    default="cancel",
                )
            )
            if not confirmed:
                return
        await self.shut_down()

    async def shut_down(self) -> None:
        """Stop the workers, close the stores and exit."""
        # The stores close their per-thread connections: no worker may still use them.
        self.workers.cancel_group(self, "sync")
        for worker in list(self.workers):
            if worker.group in {"sync", "quit"} or worker.is_finished:
                continue
            # Thread workers (replica reads, draft loads) finish within milliseconds;
            # an async one may be waiting on a dialog: cancel it, wait a bounded time.
            worker.cancel()
            try:
                await asyncio.wait_for(worker.wait(), timeout=2)
            except Exception:  # cancelled, failed or slow: it no longer holds us up
                pass
        await self.services.close()
        self.exit()


def _runner(app: App[None], node: object, action: str) -> Callable[[], object]:
    from textual.dom import DOMNode

    namespace = node if isinstance(node, DOMNode) else None

    async def run() -> None:
        await app.run_action(action, namespace)

    return run


def freeze_heap() -> None:
    """What is alive once a session runs (Textual, the screens, the stores) lives as
    long as the session: out of the collector's sight, full collections stop pausing
    key presses (benchmarks/README.md, "gc")."""
    gc.collect()
    gc.freeze()


PENDING_POLL = 2.0
"""Seconds between two counts of the outbox and drafts (a local SQLite count)."""


@dataclass(frozen=True)
class Pending:
    """Work of the agent's still on this machine."""

    queued: int = 0
    failed: int = 0
    drafts: int = 0


def quit_warnings(pending: Pending) -> list[str]:
    """What quitting leaves behind, one line each; empty when nothing is."""
    lines = []
    if pending.queued:
        lines.append(
            tn(
                "{count} action waits for the connection; it is sent at the next start.",
                "{count} actions wait for the connection; they are sent at the next start.",
                pending.queued,
            )
        )
    if pending.failed:
        lines.append(
            tn(
                "{count} action was refused by the server and is not done.",
                "{count} actions were refused by the server and are not done.",
                pending.failed,
            )
        )
    if pending.drafts:
        lines.append(
            tn(
                "{count} reply draft is kept for next time.",
                "{count} reply drafts are kept for next time.",
                pending.drafts,
            )
        )
    return lines


def role_label(role: str) -> str:
    """The manual's name of a role."""
    return {
        "contact_center": t("Athena Centre de Contact"),
        "case_management": t("Athena Gestion de Dossiers"),
    }.get(str(role), str(role))


def make_app(
    settings: Settings,
    services: Services,
    *,
    now: Callable[[], dt.datetime] = utc_now,
) -> AthenaApp:
    """Build the app with injected services (used by the CLI and by tests alike)."""
    return AthenaApp(settings, services, now=now)
