"""The services the app is built with: settings, client, session, replica, sync, gateway."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlsplit

from athena_tui.config import Settings
from backend_client.errors import ApiError, NotFound
from backend_client.models import Agent, Challenge, Role, RoleChoice, Session

# The stores, the gateway and the HTTP client (httpx, sqlite-utils: ~90 ms of imports)
# are imported when first needed, after the first frame, to keep the cold start short.
if TYPE_CHECKING:
    from athena_tui.drafts import DraftStore
    from athena_tui.eid import CardReader, SignedLogin
    from athena_tui.embedded import EmbeddedServer
    from athena_tui.file_cache import FileCache
    from athena_tui.gateway import Gateway
    from athena_tui.outbox import Outbox, ReplayResult
    from athena_tui.replica import Replica
    from athena_tui.sync import SyncEngine, SyncStatus
    from backend_client.client import AthenaClient

T = TypeVar("T")

LOGOUT_TIMEOUT = 2.0
"""Seconds quitting waits for the server to end the session: a dead or slow server
never holds the agent's terminal (the session then dies at its idle timeout)."""


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

    ``prepare()`` (awaited by the login screen) makes the server reachable: with
    ``demo`` it starts the embedded demo server in a thread. Before login only
    ``client`` (unauthenticated) is usable. ``attach_session`` opens the agent's local
    store (replica, outbox and drafts share one private SQLite file under
    ``settings.data_dir``) and builds the gateway and the sync engine; the app then
    runs ``make_sync(...).run()`` in a worker.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        demo: bool = False,
        reset_demo: bool = False,
        demo_files: int = 10_000,
        server_url: str | None = None,
        client: AthenaClient | None = None,
        card_lib_factory: Callable[[], object] | None = None,
    ) -> None:
        self.settings = settings
        self.demo = demo
        self.reset_demo = reset_demo
        self.demo_files = demo_files
        self.server_url = server_url or settings.server_url
        self.embedded: EmbeddedServer | None = None
        self._client = client
        # builds the PyKCS11Lib of the card reader (tests wrap it to fake a PIN lockout)
        self.card_lib_factory = card_lib_factory
        self._prepare_lock = asyncio.Lock()
        self._session: Session | None = None
        self._session_client: AthenaClient | None = None
        self._replica: Replica | None = None
        self._drafts: DraftStore | None = None
        self._outbox: Outbox | None = None
        self._cache: FileCache | None = None
        self._gateway: Gateway | None = None
        self._sync: SyncEngine | None = None
        self.login_method: str | None = None
        """How the session was opened ("demo" or "eid"): unlocking asks the same."""

    async def prepare(self) -> None:
        """Make the server reachable (idempotent). In demo mode this seeds (first run or
        ``reset_demo``) and starts the embedded server in a thread: seconds, never on
        the event loop. A freshly seeded demo database makes earlier demo stores
        meaningless, so they are removed."""
        async with self._prepare_lock:
            if self._client is not None:
                return
            if self.demo:
                from athena_tui.embedded import start_embedded

                embedded = await asyncio.to_thread(
                    start_embedded,
                    self.settings.data_dir,
                    reset=self.reset_demo,
                    files=self.demo_files,
                )
                self.reset_demo = False
                if embedded.fresh:
                    for old in self.settings.data_dir.glob("replica-demo-*.db*"):
                        old.unlink(missing_ok=True)
                self.embedded = embedded
                self.server_url = embedded.url
            if not self.server_url:
                raise ValueError("no server URL: give --server URL or use --demo")
            from backend_client.client import AthenaClient, tls_context

            verify = await asyncio.to_thread(tls_context, self.settings.ca_cert)
            self._client = AthenaClient(self.server_url, verify=verify)

    # ------------------------------------------------------------------ accessors

    @staticmethod
    def _need(value: T | None) -> T:
        if value is None:
            raise RuntimeError("no session: log in first")
        return value

    @property
    def client(self) -> AthenaClient:
        """The unauthenticated client (after ``prepare``)."""
        if self._client is None:
            raise RuntimeError("the server is not prepared yet: await services.prepare()")
        return self._client

    @property
    def session(self) -> Session | None:
        return self._session

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

    def make_sync(
        self,
        on_status: Callable[[SyncStatus, dt.datetime | None], object],
        on_progress: Callable[[int, int | None], object],
        on_change: Callable[[list[int]], object],
        on_replayed: Callable[[Sequence[ReplayResult]], object] | None = None,
    ) -> SyncEngine:
        """The session's sync engine with the app's callbacks (status with the time of
        the last successful sync; it is repeated after each sync while live)."""
        from athena_tui.sync import SyncStatus

        engine = self.sync
        engine.on_status = lambda status: on_status(status, engine.last_sync)
        engine.on_synced = lambda at: on_status(SyncStatus.LIVE, at) if engine.live else None
        engine.on_progress = on_progress
        engine.on_change = on_change
        if on_replayed is not None:
            engine.on_replayed = on_replayed
        return engine

    # ------------------------------------------------------------------ session

    async def demo_agents(self) -> list[Agent] | None:
        """The agents a demo login may pick; None when the server has no demo login."""
        await self.prepare()
        try:
            return await self.client.demo_agents()
        except NotFound:
            return None

    async def login_demo(self, agent_id: int, role: Role | None = None) -> Session | RoleChoice:
        """Demo login: a Session (pass it to ``attach_session``), or a RoleChoice when
        the agent holds two roles and named none (ask, then call again with one)."""
        await self.prepare()
        answer = await self.client.demo_login(agent_id, role)
        self.login_method = "demo"
        return answer

    def card_reader(self) -> CardReader:
        """The eID card reader of the settings' PKCS#11 module (CardError NO_MODULE when
        none is found). Blocking calls: use it from a thread worker."""
        from athena_tui.eid import CardReader, find_module

        module = find_module(self.settings.pkcs11_module)
        return CardReader(module, self.settings.token_label, lib_factory=self.card_lib_factory)

    async def eid_challenge(self) -> tuple[Challenge, bytes]:
        """A fresh challenge and the message the card must sign for it (bound to this
        server's origin as this client reaches it)."""
        from backend_client.eid_proof import login_message

        await self.prepare()
        challenge = await self.client.challenge()
        assert self.server_url is not None
        return challenge, login_message(self.server_url, challenge.nonce)

    async def login_eid(
        self, nonce: str, signed: SignedLogin, role: Role | None = None
    ) -> Session | RoleChoice:
        """eID login with the card's signature: a Session, or a RoleChoice carrying the
        ticket for ``eid_choose_role`` when the agent holds two roles."""
        import base64

        from backend_client.models import EidLoginRequest

        def b64(data: bytes) -> str:
            return base64.b64encode(data).decode()

        request = EidLoginRequest(
            nonce=nonce,
            certificate=b64(signed.certificate),
            intermediates=[b64(der) for der in signed.intermediates],
            signature=b64(signed.signature),
            role=role,
        )
        await self.prepare()
        answer = await self.client.eid_login(request)
        self.login_method = "eid"
        return answer

    async def eid_choose_role(self, ticket: str, role: Role) -> Session:
        """Finish an eID login with the role the agent chose."""
        await self.prepare()
        answer = await self.client.eid_role(ticket, role)
        self.login_method = "eid"
        return answer

    async def attach_session(
        self,
        session: Session,
        *,
        on_status: Callable[[SyncStatus], object] | None = None,
        on_progress: Callable[[int, int | None], object] | None = None,
        on_change: Callable[[list[int]], object] | None = None,
    ) -> None:
        """Open the agent's store and build gateway and sync engine for ``session``.
        The callbacks may also be set later on ``services.sync``."""
        from athena_tui.drafts import DraftStore
        from athena_tui.file_cache import FileCache
        from athena_tui.gateway import Gateway
        from athena_tui.outbox import Outbox
        from athena_tui.replica import Replica
        from athena_tui.sync import SyncEngine

        await self.detach_session()
        agent = session.agent
        await self.prepare()
        assert self.server_url is not None
        path = self.settings.data_dir / replica_name(self.server_url, agent.id, demo=self.demo)

        def open_stores() -> tuple[Replica, DraftStore, Outbox, FileCache]:
            replica = Replica(path)
            replica.set_scope(agent.id, agent.groups)
            return replica, DraftStore(path, agent.id), Outbox(path), FileCache(path)

        replica, drafts, outbox, cache = await asyncio.to_thread(open_stores)
        client = self.client.with_token(session.token)
        gateway = Gateway(client, replica, outbox, drafts, cache)
        sync = SyncEngine(client, replica, replay=gateway.replay_outbox)
        if on_status is not None:
            sync.on_status = on_status
        if on_progress is not None:
            sync.on_progress = on_progress
        if on_change is not None:
            sync.on_change = on_change
        self._session, self._session_client = session, client
        self._replica, self._drafts, self._outbox = replica, drafts, outbox
        self._cache = cache
        self._gateway, self._sync = gateway, sync

    async def detach_session(self) -> None:
        """Stop syncing and close the agent's store (the session stays valid)."""
        if self._sync is not None:
            self._sync.stop()
        if self._session_client is not None:
            await self._session_client.aclose()
        for store in (self._replica, self._drafts, self._outbox, self._cache):
            if store is not None:
                store.close()
        self._session = self._session_client = None
        self._replica = self._drafts = self._outbox = None
        self._cache = None
        self._gateway = self._sync = None

    async def renew_session(self, session: Session) -> None:
        """Carry on with ``session``, a new login of the same agent in the same role
        (unlocking): the store, the outbox, the drafts, the gateway and the sync engine
        stay; the old session is ended on the server. A login of anyone else is ended
        at once and refused with ValueError."""
        current = self._session
        client = self._session_client
        if current is None or client is None:
            raise RuntimeError("no session: log in first")
        if session.agent.id != current.agent.id or session.role != current.role:
            stranger = self.client.with_token(session.token)
            await _end_quietly(stranger)
            raise ValueError("another agent or role than the locked session's")
        old = self.client.with_token(client.token)
        client.set_token(session.token)
        self._session = session
        await _end_quietly(old)

    async def logout(self, timeout: float = LOGOUT_TIMEOUT) -> None:
        """End the session on the server (sent once, waited for at most ``timeout``
        seconds) and close the agent's store."""
        if self._session_client is not None:
            try:
                await asyncio.wait_for(self._session_client.logout(timeout=timeout), timeout)
            except (ApiError, TimeoutError):
                pass  # gone, expired or unreachable: the idle timeout ends it
        await self.detach_session()

    async def close(self) -> None:
        """Release everything: the session (ended on the server, within
        ``LOGOUT_TIMEOUT``), the clients, and the embedded server if any."""
        await self.logout()
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        if self.embedded is not None:
            await asyncio.to_thread(self.embedded.stop)
            self.embedded = None


async def _end_quietly(client: AthenaClient) -> None:
    """End ``client``'s session on the server within LOGOUT_TIMEOUT, then close it."""
    try:
        await asyncio.wait_for(client.logout(timeout=LOGOUT_TIMEOUT), LOGOUT_TIMEOUT)
    except (ApiError, TimeoutError):
        pass
    finally:
        await client.aclose()
