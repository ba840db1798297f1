"""Unlocking an eID session: the card and its PIN again, for the same agent."""

from __future__ import annotations

from pathlib import Path

import httpx

from athena_server.runner import RunningServer
from screens.dashboard import DashboardScreen
from screens.lock import LockScreen
from screens.pin import PinScreen
from tests.eid.conftest import Pki
from tests.eid.test_tui_eid import (
    JAN,
    AppFactory,
    app_for,
    card_of,
    enter_pin,
    on_dashboard,
    prod_server,
    prod_server_factory,
)
from tests.tui.conftest import tui_template_db, wait_until

__all__ = ["app_for", "prod_server", "prod_server_factory", "tui_template_db"]


def accepted(server: RunningServer, token: str) -> bool:
    answer = httpx.get(
        f"{server.url}/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=5
    )
    return answer.status_code == 200


async def test_the_lock_asks_the_card_and_pin_again(
    prod_server: RunningServer, pki: Pki, tmp_path: Path, app_for: AppFactory
) -> None:
    card = card_of(prod_server, pki, tmp_path, JAN, "ec")
    app = app_for(card.conf, card.module)
    async with app.run_test(size=(120, 40)) as pilot:
        await enter_pin(pilot, card.pin)
        await on_dashboard(pilot)
        dashboard = app.screen
        session = app.services.session
        assert session is not None
        old_token = session.token
        await pilot.press("ctrl+l")
        # the lock screen finds the card and asks its PIN at once
        await wait_until(pilot, lambda: isinstance(app.screen, PinScreen), timeout=15)
        assert isinstance(app.screen_stack[-2], LockScreen) and app.locked
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, LockScreen))
        assert accepted(prod_server, old_token)
        await pilot.press("enter")  # the card panel: log in again
        await enter_pin(pilot, card.pin)
        await wait_until(pilot, lambda: app.screen is dashboard, timeout=15)
        assert isinstance(app.screen, DashboardScreen) and not app.locked
        renewed = app.services.session
        assert renewed is not None and renewed.agent.id == JAN
        assert renewed.token != old_token
        assert not accepted(prod_server, old_token)
        assert accepted(prod_server, renewed.token)
