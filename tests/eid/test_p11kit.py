"""The card over SSH, without the SSH: p11-kit-client.so → ``p11-kit server`` → SoftHSM2."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from athena_server.runner import RunningServer
from athena_tui.eid import find_module
from tests.eid.conftest import Pki
from tests.eid.softhsm import Card, need, p11kit_client_module
from tests.eid.test_tui_eid import (  # noqa: E402, F401  (fixtures)
    SOPHIE,
    AppFactory,
    app_for,
    card_of,
    choose_role,
    enter_pin,
    holder,
    on_dashboard,
    prod_server,
    prod_server_factory,
    tui_template_db,
)


def _address(process: subprocess.Popen[str], timeout: float = 10.0) -> str:
    """The P11_KIT_SERVER_ADDRESS the server prints (``-s``: Bourne shell syntax)."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        raise AssertionError(f"p11-kit server printed nothing within {timeout} s")
    line = process.stdout.readline()
    # P11_KIT_SERVER_ADDRESS=unix:path=/…/p11.sock; export P11_KIT_SERVER_ADDRESS;
    assert line.startswith("P11_KIT_SERVER_ADDRESS="), line
    return line.split("=", 1)[1].split(";", 1)[0].strip().strip("'\"")


@pytest.fixture
def served_card(
    prod_server: RunningServer,  # noqa: F811
    pki: Pki,
    tmp_path: Path,
) -> Iterator[tuple[Card, str]]:
    """Sophie's P-384 card in SoftHSM2, exported by ``p11-kit server`` on a local socket
    (what the agent's workstation runs); yields the card and the server address."""
    need(shutil.which("p11-kit"), "p11-kit")
    card = card_of(prod_server, pki, tmp_path, SOPHIE, "ec")
    socket = tmp_path / "p11-kit.sock"
    process = subprocess.Popen(
        ["p11-kit", "server", "-f", "-s", "--provider", card.module, "-n", str(socket)]
        + ["pkcs11:token=BELPIC"],
        env={**os.environ, "SOFTHSM2_CONF": str(card.conf)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield card, _address(process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_an_announced_server_puts_the_p11_kit_client_first() -> None:
    client = need(p11kit_client_module(), "p11-kit-client.so")
    found = find_module(None, {"P11_KIT_SERVER_ADDRESS": "unix:path=/run/user/1000/p11"})
    assert found == client


async def test_login_through_p11_kit_client(
    served_card: tuple[Card, str],
    app_for: AppFactory,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    card, address = served_card
    client = need(p11kit_client_module(), "p11-kit-client.so")
    monkeypatch.setenv("P11_KIT_SERVER_ADDRESS", address)
    # the client side has no SoftHSM2 store of its own: the card is only on the socket
    app = app_for(tmp_path / "no-such-softhsm.conf", client)
    async with app.run_test(size=(120, 40)) as pilot:
        await enter_pin(pilot, card.pin)
        assert holder(app) == f"Card of {card.holder}"
        await choose_role(pilot, 0)
        await on_dashboard(pilot)
        session = app.services.session
        assert session is not None and session.agent.id == SOPHIE
        assert session.role == "contact_center"
