"""The eID login through the real TUI (Pilot) and a real server, with SoftHSM2 cards."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PyKCS11 import CKR_PIN_INCORRECT, CKR_PIN_LOCKED, CKU_USER, PyKCS11Error, PyKCS11Lib
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from athena_server.runner import RunningServer, start_server
from athena_server.schema import agents
from athena_server.settings import ServerSettings
from athena_tui.app import AthenaApp, make_app
from athena_tui.config import Settings
from athena_tui.services import Services
from screens.dashboard import DashboardScreen
from screens.eid_login import EidLogin
from screens.login import LoginScreen
from screens.pin import PinScreen
from screens.role import RoleScreen
from tests.eid.conftest import Pki
from tests.eid.pki import NOW, make_card_cert, make_citizen_ca, make_root, new_key
from tests.eid.softhsm import Card, make_card, softhsm_config
from tests.tui.conftest import TODAY, fixed_now, tui_template_db, wait_until

__all__ = ["tui_template_db"]

SOPHIE, JAN = 1, 2  # the demo seed's agents: Sophie holds both roles, Jan one


@pytest.fixture
def prod_server_factory(
    tui_template_db: Path, tmp_path: Path, pki: Pki
) -> Iterator[Callable[..., RunningServer]]:
    """A non-demo server over the TUI's seeded store, trusting the test root."""
    started: list[RunningServer] = []

    def start(**overrides: Any) -> RunningServer:
        db = tmp_path / f"server-{len(started)}.db"
        shutil.copyfile(tui_template_db, db)
        settings = ServerSettings(
            db_url=f"sqlite:///{db}",
            demo=False,
            poll_interval=0.1,
            today=TODAY,
            trust_anchors_dir=pki.anchors,
            **overrides,
        )
        running = start_server(settings)
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()
        running.engine.dispose()


@pytest.fixture
def prod_server(prod_server_factory: Callable[..., RunningServer]) -> RunningServer:
    return prod_server_factory()


def national_number(server: RunningServer, agent_id: int) -> str:
    with server.engine.connect() as conn:
        value = conn.execute(
            sa.select(agents.c.national_number).where(agents.c.id == agent_id)
        ).scalar_one()
    return str(value)


def agent_name(server: RunningServer, agent_id: int) -> tuple[str, str]:
    with server.engine.connect() as conn:
        name = conn.execute(sa.select(agents.c.name).where(agents.c.id == agent_id)).scalar_one()
    given, surname = str(name).split(" ", 1)
    return given, surname


def card_of(
    server: RunningServer, pki: Pki, tmp_path: Path, agent_id: int, kind: str, **kw: Any
) -> Card:
    given, surname = agent_name(server, agent_id)
    return make_card(
        tmp_path / f"card-{kind}-{agent_id}",
        pki.ca,
        pki.root,
        kind=kind,
        national_number=national_number(server, agent_id),
        given_name=given,
        surname=surname,
        **kw,
    )


AppFactory = Callable[..., AthenaApp]


@pytest.fixture
def app_for(
    prod_server: RunningServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AppFactory:
    """``app_for(card_or_conf, module=None, lib_factory=None)`` → the app on ``prod_server``
    using that SoftHSM2 store as the reader."""

    def build(
        conf: Path, module: str | None, lib_factory: Callable[[], object] | None = None
    ) -> AthenaApp:
        monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
        settings = Settings(
            server_url=prod_server.url,
            language="en",
            data_dir=tmp_path / "data",
            config_dir=tmp_path / "config",
            pkcs11_module=module,
        )
        services = Services(settings, card_lib_factory=lib_factory)
        return make_app(settings, services, now=fixed_now)

    return build


def panel(app: AthenaApp) -> EidLogin | None:
    screen = app.screen_stack[0] if app.screen_stack else None
    if len(app.screen_stack) > 1:
        screen = app.screen_stack[1]
    if not isinstance(screen, LoginScreen):
        return None
    found = screen.query(EidLogin)
    return found.first() if found else None


def status(app: AthenaApp) -> str:
    found = panel(app)
    return str(found.query_one("#eid-status", Static).content) if found else ""


def holder(app: AthenaApp) -> str:
    found = panel(app)
    return str(found.query_one("#eid-holder", Static).content) if found else ""


async def enter_pin(pilot: Pilot[None], pin: str) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: pin_field_ready(app), timeout=15)
    await pilot.press(*pin, "enter")


def pin_field_ready(app: App[None]) -> bool:
    screen = app.screen
    return isinstance(screen, PinScreen) and screen.is_mounted and screen.focused is screen.field


async def choose_role(pilot: Pilot[None], index: int) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, RoleScreen), timeout=15)
    app.screen.query_one(OptionList).highlighted = index
    await pilot.press("enter")


async def on_dashboard(pilot: Pilot[None]) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen), timeout=15)


@pytest.mark.parametrize("kind", ["rsa", "ec"])
async def test_card_login_with_role_choice(
    prod_server: RunningServer, pki: Pki, tmp_path: Path, app_for: AppFactory, kind: str
) -> None:
    card = card_of(prod_server, pki, tmp_path, SOPHIE, kind)
    app = app_for(card.conf, card.module)
    async with app.run_test(size=(120, 40)) as pilot:
        await enter_pin(pilot, card.pin)
        assert holder(app) == f"Card of {card.holder}"
        await choose_role(pilot, 1)
        await on_dashboard(pilot)
        session = app.services.session
        assert session is not None and session.agent.id == SOPHIE
        assert session.role == "case_management"
        assert app.sub_title == f"{session.agent.name} · Athena Gestion de Dossiers"


async def test_one_role_goes_straight_to_the_dashboard(
    prod_server: RunningServer, pki: Pki, tmp_path: Path, app_for: AppFactory
) -> None:
    card = card_of(prod_server, pki, tmp_path, JAN, "ec")
    app = app_for(card.conf, card.module)
    async with app.run_test(size=(80, 24)) as pilot:
        await enter_pin(pilot, card.pin)
        await on_dashboard(pilot)
        assert app.services.session is not None
        assert app.services.session.role == "contact_center"


async def test_wrong_pin_then_the_right_one(
    prod_server: RunningServer, pki: Pki, tmp_path: Path, app_for: AppFactory
) -> None:
    card = card_of(prod_server, pki, tmp_path, JAN, "rsa")
    app = app_for(card.conf, card.module)
    async with app.run_test(size=(120, 40)) as pilot:
        await enter_pin(pilot, "9999")
        await wait_until(pilot, lambda: "Wrong PIN" in status(app))
        assert "blocks after 3 wrong PINs" in status(app)
        await pilot.press("enter")
        await enter_pin(pilot, card.pin)
        await on_dashboard(pilot)


async def test_the_pin_field_takes_4_to_12_digits(
    prod_server: RunningServer, pki: Pki, tmp_path: Path, app_for: AppFactory
) -> None:
    card = card_of(prod_server, pki, tmp_path, JAN, "rsa")
    app = app_for(card.conf, card.module)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: pin_field_ready(app), timeout=15)
        await pilot.press("1", "2", "a", "3", "enter")  # letters never get in
        pin_screen = app.screen
        assert isinstance(pin_screen, PinScreen)
        assert pin_screen.field.value == "123" and pin_screen.field.password
        error = pin_screen.query_one("#pin-error", Static)
        assert "4 to 12 digits" in str(error.content)
        await pilot.press("escape")
        await wait_until(pilot, lambda: "Login cancelled" in status(app))
        assert panel(app) is not None and panel(app).state == "ready"  # type: ignore[union-attr]


@dataclass
class WrongPins:
    count: int = 0
    seen: list[str] = field(default_factory=list)


class LockingSession:
    """A SoftHSM2 session whose PIN blocks after 3 wrong tries, as the card's does
    (SoftHSM2 never blocks): the one faked behaviour of these tests."""

    def __init__(self, session: Any, wrong: WrongPins) -> None:
        self._session = session
        self._wrong = wrong

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)

    def login(self, pin: str | None, user_type: int = CKU_USER) -> None:
        if self._wrong.count >= 3:
            raise PyKCS11Error(CKR_PIN_LOCKED)
        try:
            self._session.login(pin, user_type)
        except PyKCS11Error as error:
            if error.value == CKR_PIN_INCORRECT:
                self._wrong.count += 1
                if self._wrong.count >= 3:
                    raise PyKCS11Error(CKR_PIN_LOCKED) from error
            raise
        self._wrong.count = 0


class LockingLib:
    def __init__(self, wrong: WrongPins) -> None:
        self._lib = PyKCS11Lib()
        self._wrong = wrong

    def __getattr__(self, name: str) -> Any:
        return getattr(self._lib, name)

    def openSession(self, slot: int, flags: int = 0) -> LockingSession:  # noqa: N802
        return LockingSession(self._lib.openSession(slot, flags), self._wrong)


async def test_three_wrong_pins_block_the_card(
    prod_server: RunningServer, pki: Pki, tmp_path: Path, app_for: AppFactory
) -> None:
    card = card_of(prod_server, pki, tmp_path, JAN, "ec")
    wrong = WrongPins()
    app = app_for(card.conf, card.module, lambda: LockingLib(wrong))
    async with app.run_test(size=(120, 40)) as pilot:
        for attempt in range(2):
            await enter_pin(pilot, f"000{attempt}")
            await wait_until(pilot, lambda: "Wrong PIN" in status(app))
            await pilot.press("enter")
        await enter_pin(pilot, "0002")
        await wait_until(pilot, lambda: "PIN is blocked" in status(app))
        assert "PUK" in status(app)
        await pilot.press("enter")
        await enter_pin(pilot, card.pin)  # even the right PIN: the card stays blocked
        await wait_until(pilot, lambda: wrong.count == 3 and "PIN is blocked" in status(app))
        assert not isinstance(app.screen, DashboardScreen)


async def test_no_module(app_for: AppFactory, tmp_path: Path) -> None:
    app = app_for(softhsm_config(tmp_path / "empty"), str(tmp_path / "missing.so"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "No eID middleware" in status(app))
        assert "--pkcs11-module" in status(app)
        assert panel(app) is not None and panel(app).state == "failed"  # type: ignore[union-attr]


async def test_no_card_then_a_card_inserted_later(
    prod_server: RunningServer, pki: Pki, tmp_path: Path, app_for: AppFactory
) -> None:
    card = card_of(prod_server, pki, tmp_path, JAN, "rsa")
    empty = softhsm_config(tmp_path / "reader")
    app = app_for(empty, card.module)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Insert your eID card" in status(app))
        # "insert" the card: its token appears in the reader's store
        for token in (card.conf.parent / "tokens").iterdir():
            shutil.copytree(token, tmp_path / "reader" / "tokens" / token.name)
        await enter_pin(pilot, card.pin)
        await on_dashboard(pilot)


async def test_card_removed_during_the_login(
    prod_server: RunningServer, pki: Pki, tmp_path: Path, app_for: AppFactory
) -> None:
    card = card_of(prod_server, pki, tmp_path, JAN, "ec")
    app = app_for(card.conf, card.module)
    tokens = card.conf.parent / "tokens"
    away = tmp_path / "pocket"
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: pin_field_ready(app), timeout=15)
        shutil.move(str(tokens), str(away))  # the card leaves the reader
        tokens.mkdir()
        await pilot.press(*card.pin, "enter")
        await wait_until(pilot, lambda: "removed during the login" in status(app))
        tokens.rmdir()
        shutil.move(str(away), str(tokens))  # and comes back
        await enter_pin(pilot, card.pin)
        await on_dashboard(pilot)


async def test_a_card_without_authentication_certificate(
    prod_server: RunningServer, pki: Pki, tmp_path: Path, app_for: AppFactory
) -> None:
    card = card_of(prod_server, pki, tmp_path, JAN, "rsa", with_auth_cert=False)
    app = app_for(card.conf, card.module)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "no authentication certificate" in status(app))


def _expired(server: RunningServer, pki: Pki, tmp_path: Path) -> Card:
    key = new_key("rsa")
    given, surname = agent_name(server, JAN)
    cert = make_card_cert(
        pki.ca,
        key,
        national_number=national_number(server, JAN),
        given_name=given,
        surname=surname,
        not_before=NOW - dt.timedelta(days=3000),
        not_after=NOW - dt.timedelta(days=2),
    )
    return card_of(server, pki, tmp_path, JAN, "rsa", auth_cert=cert, auth_key=key)


def _unknown_agent(server: RunningServer, pki: Pki, tmp_path: Path) -> Card:
    return make_card(
        tmp_path / "stranger-card", pki.ca, pki.root, kind="ec", national_number="85073003328"
    )


def _unknown_chain(server: RunningServer, pki: Pki, tmp_path: Path) -> Card:
    root = make_root("Unknown Root")
    stranger = Pki(root=root, ca=make_citizen_ca(root), anchors=pki.anchors)
    return card_of(server, stranger, tmp_path, JAN, "rsa")


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_expired, "certificate has expired"),
        (_unknown_agent, "not an Athena agent"),
        (_unknown_chain, "does not trust your card's certificate"),
    ],
    ids=["expired-certificate", "unknown-agent", "unknown-chain"],
)
async def test_server_refusals_are_shown(
    prod_server: RunningServer,
    pki: Pki,
    tmp_path: Path,
    app_for: AppFactory,
    make: Callable[[RunningServer, Pki, Path], Card],
    expected: str,
) -> None:
    card = make(prod_server, pki, tmp_path)
    app = app_for(card.conf, card.module)
    async with app.run_test(size=(120, 40)) as pilot:
        await enter_pin(pilot, card.pin)
        await wait_until(pilot, lambda: expected in status(app))
        assert isinstance(app.screen, LoginScreen)
        assert panel(app) is not None and panel(app).state == "ready"  # type: ignore[union-attr]


async def test_repeated_failures_are_slowed_down_on_screen(
    prod_server_factory: Callable[..., RunningServer],
    pki: Pki,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = prod_server_factory(eid_free_failures=0, eid_backoff=dt.timedelta(seconds=60))
    card = _unknown_agent(server, pki, tmp_path)
    monkeypatch.setenv("SOFTHSM2_CONF", str(card.conf))
    settings = Settings(
        server_url=server.url,
        language="en",
        data_dir=tmp_path / "data",
        config_dir=tmp_path / "config",
        pkcs11_module=card.module,
    )
    app = make_app(settings, Services(settings), now=fixed_now)
    async with app.run_test(size=(120, 40)) as pilot:
        await enter_pin(pilot, card.pin)
        await wait_until(pilot, lambda: "not an Athena agent" in status(app))
        await pilot.press("enter")
        await enter_pin(pilot, card.pin)
        await wait_until(pilot, lambda: "Too many failed logins" in status(app))
        assert "Wait 6" in status(app) or "Wait 5" in status(app)
