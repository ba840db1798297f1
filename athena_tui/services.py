"""The services the app is built with: settings, client, session, replica, sync, gateway."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from athena_tui.config import Settings
from athena_tui.drafts import DraftStore
from athena_tui.gateway import Gateway
from athena_tui.outbox import Outbox
from athena_tui.replica import Replica
from athena_tui.sync import SyncEngine, SyncStatus
from backend_client.client import AthenaClient
from backend_client.errors import ApiError
from backend_client.models import Agent, Role, RoleChoice, Session

if TYPE_CHECKING:
    from athena_tui.embedded import EmbeddedServer

T = TypeVar("T")


def replica_name(server_url: str, agent_id: int, *, demo: bool = False) -> str:
    """File name of the local store of one agent on one server. The embedded demo
    server gets a new port at every start, so its stores are named after "demo"."""
    if demo:
        return f"replica-demo-{agent_id}.db"
    parts = urlsplit(server_url)
    host = re.sub(r"[^A-Za-z0-9.-]+", "_", parts.hostname or "server")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"replica-{host}-{port}-{agent_id}.db"


class Services:
    """What ``make_app(settings, services)`` receives.

    Before login only ``client`` (unauthenticated) is usable. ``attach_session``
    opens the agent's local store (replica, outbox and drafts share one private
    SQLite file under ``settings.data_dir``) and builds the gateway and the sync
    engine; the app then runs ``services.sync.run()`` in a worker.
    """

    def __init__(
        self,
        settings: Settings,
        server_url: str,
        *,
        embedded: EmbeddedServer | None = None,
        client: AthenaClient | None = None,
    ) -> None:
        self.settings = settings
        self.server_url = server_url
        self.embedded = embedded
        self.client = client or AthenaClient(server_url)
        self._session: Session | None = None
        self._session_client: AthenaClient | None = None
        self._replica: Replica | None = None
        self._drafts: DraftStore | None = None
        self._outbox: Outbox | None = None
        self._gateway: Gateway | None = None
        self._sync: SyncEngine | None = None

    @classmethod
    def for_embedded(cls, settings: Settings, embedded: EmbeddedServer) -> Services:
        """Services for a demo server started by ``start_embedded``; a freshly seeded
        demo database makes earlier demo stores meaningless, so they are removed."""
        if embedded.fresh:
            for old in settings.data_dir.glob("replica-demo-*.db*"):
                old.unlink(missing_ok=True)
        return cls(settings, embedded.url, embedded=embedded)

    # ------------------------------------------------------------------ accessors

    @staticmethod
    def _need(value: T | None) -> T:
        if value is None:
            raise RuntimeError("no session: log in first")
        return value

    @property
    def demo(self) -> bool:
        return self.embedded is not None

    @property
    def session(self) -> Session:
        return self._need(self._session)

    @property
    def agent(self) -> Agent:
        return self.session.agent

    @property
    def logged_in(self) -> bool:
        return self._session is not None

    @property
    def gateway(self) -> Gateway:
        return self._need(self._gateway)

    @property
    def replica(self) -> Replica:
        return self._need(self._replica)

    @property
    def drafts(self) -> DraftStore:
        return self._need(self._drafts)

    @property
    def outbox(self) -> Outbox:
        return self._need(self._outbox)

    @property
    def sync(self) -> SyncEngine:
        return self._need(self._sync)

    # ------------------------------------------------------------------ session

    async def demo_agents(self) -> list[Agent]:
        return await self.client.demo_agents()

    async def login_demo(self, agent_id: int, role: Role | None = None) -> Session | RoleChoice:
        """Demo login; a Session is attached at once, a RoleChoice asks to pick a role
        and call again with it."""
        result = await self.client.demo_login(agent_id, role)
        if isinstance(result, Session):
            await self.attach_session(result)
        return result

    async def attach_session(
        self,
        session: Session,
        *,
        on_status: Callable[[SyncStatus], None] | None = None,
        on_progress: Callable[[int, int | None], None] | None = None,
        on_change: Callable[[list[int]], None] | None = None,
    ) -> None:
        """Open the agent's store and build gateway and sync engine for ``session``.
        The callbacks may also be set later on ``services.sync``."""
        await self.detach_session()
        agent = session.agent
        path = self.settings.data_dir / replica_name(self.server_url, agent.id, demo=self.demo)

        def open_stores() -> tuple[Replica, DraftStore, Outbox]:
            replica = Replica(path)
            replica.set_scope(agent.id, agent.groups)
            return replica, DraftStore(path, agent.id), Outbox(path)

        replica, drafts, outbox = await asyncio.to_thread(open_stores)
        client = self.client.with_token(session.token)
        gateway = Gateway(client, replica, outbox, drafts)
        sync = SyncEngine(client, replica, replay=gateway.replay_outbox)
        if on_status is not None:
            sync.on_status = on_status
        if on_progress is not None:
            sync.on_progress = on_progress
        if on_change is not None:
            sync.on_change = on_change
        self._session, self._session_client = session, client
        self._replica, self._drafts, self._outbox = replica, drafts, outbox
        self._gateway, self._sync = gateway, sync

    async def detach_session(self) -> None:
        """Stop syncing and close the agent's store (the session stays valid)."""
        if self._sync is not None:
            self._sync.stop()
        if self._session_client is not None:
            await self._session_client.aclose()
        for store in (self._replica, self._drafts, self._outbox):
            if store is not None:
                store.close()
        self._session = self._session_client = None
        self._replica = self._drafts = self._outbox = None
        self._gateway = self._sync = None

    async def logout(self) -> None:
        """End the session on the server (best effort) and close the agent's store."""
        if self._session_client is not None:
            try:
                await self._session_client.logout()
            except ApiError:
                pass
        await self.detach_session()

    async def close(self) -> None:
        """Release everything: session, clients, and the embedded server if any."""
        await self.detach_session()
        await self.client.aclose()
        if self.embedded is not None:
            await asyncio.to_thread(self.embedded.stop)
            self.embedded = None
