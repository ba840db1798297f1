"""No NISS in URLs, and none in uvicorn's access log even when a client puts one there."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from athena_server.log_redaction import redact
from athena_server.runner import RunningServer, start_server
from athena_server.settings import ServerSettings
from backend_client.client import AthenaClient
from backend_client.models import CareerView, NewFileRequest, Purpose, Session
from backend_client.niss import format_niss
from tests.server import dataset as d


class Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logged(template_db: Path, tmp_path: Path) -> Iterator[tuple[RunningServer, Lines]]:
    """A server logging every request at info, its access log captured line by line."""
    db = tmp_path / "athena.db"
    shutil.copyfile(template_db, db)
    running = start_server(ServerSettings(db_url=f"sqlite:///{db}", demo=True), log_level="info")
    access = logging.getLogger("uvicorn.access")
    lines = Lines()
    access.addHandler(lines)
    try:
        yield running, lines
    finally:
        access.removeHandler(lines)
        running.stop()
        running.engine.dispose()


def test_a_niss_a_client_puts_in_a_url_is_redacted(logged: tuple[RunningServer, Lines]) -> None:
    running, lines = logged
    with httpx.Client(base_url=running.url) as client:
        client.get(f"/v1/citizens/{d.EMILE}/career")
        client.get(f"/v1/inbound/citizens/{format_niss(d.EMILE)}/files")
        client.get("/v1/citizens", params={"niss": d.MARC})
    assert len(lines.lines) == 3
    text = "\n".join(lines.lines)
    assert "[NISS]" in text
    for niss in (d.EMILE, format_niss(d.EMILE), d.MARC):
        assert niss not in text


async def test_the_client_never_puts_a_niss_in_a_url(logged: tuple[RunningServer, Lines]) -> None:
    running, lines = logged
    async with AthenaClient(running.url) as anon:
        session = await anon.demo_login(d.SOPHIE, None)
        assert not isinstance(session, Session)
        session = await anon.demo_login(d.SOPHIE, session.roles[1])
    assert isinstance(session, Session)
    purpose = Purpose(reason="phone call from the citizen")
    async with AthenaClient(running.url, token=session.token) as client:
        page = await client.search_citizens(niss=d.EMILE)
        await client.search_citizens(last_name="Lefèvre", first_name="Émile")
        await client.citizen(d.EMILE, purpose)
        await client.citizen_files(d.EMILE, purpose)
        await client.career(d.EMILE, CareerView.AGENT, purpose)
        request = NewFileRequest(category="other", question="?")
        await client.new_file(d.EMILE, request, purpose, idempotency_key="k1")
    assert [c.niss for c in page.citizens] == [d.EMILE]
    text = "\n".join(lines.lines)
    assert len(lines.lines) >= 8 and "[NISS]" not in text  # nothing even to redact
    for data in (d.EMILE, "Lef", "mile"):
        assert data not in text


def test_redact_keeps_other_numbers() -> None:
    assert redact("GET /v1/files/12345 200") == "GET /v1/files/12345 200"
    assert redact(f"x{d.EMILE}y {format_niss(d.MARC)}") == "x[NISS]y [NISS]"
    assert redact("123456789012") == "123456789012"


def test_an_encoded_or_split_niss_in_a_url_is_redacted(
    logged: tuple[RunningServer, Lines],
) -> None:
    running, lines = logged
    niss = d.ANNA
    percent = "".join(f"%{ord(c):02X}" for c in niss)
    split = f"{niss[:2]}%20{niss[2:4]}%20{niss[4:6]}%20{niss[6:9]}%20{niss[9:]}"
    dashed = f"{niss[:6]}-{niss[6:]}"
    double = percent.replace("%", "%25")
    with httpx.Client(base_url=running.url) as client:
        for form in (percent, split, dashed, double):
            client.get(f"/v1/inbound/citizens/{form}/files")
    assert len(lines.lines) == 4
    text = "\n".join(lines.lines)
    assert text.count("[NISS]") == 4, text
    for leaked in (niss, percent, split, dashed, double, percent[:12], niss[:6]):
        assert leaked not in text, text
