"""AthenaClient against a real server: every kind of call, error mapping and retries."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from athena_server.runner import RunningServer
from backend_client.client import AthenaClient
from backend_client.errors import (
    ApiError,
    Conflict,
    NotFound,
    Unauthorized,
    Unavailable,
    ValidationFailed,
)
from backend_client.models import (
    CareerView,
    FileSummary,
    Priority,
    Purpose,
    Role,
    RoleChoice,
    Session,
    Status,
)
from tests.client.live import NL_AGENT, NL_COLLEAGUE, TWO_ROLES, Login, closed_port_url


async def _scope(client: AthenaClient) -> list[FileSummary]:
    files: list[FileSummary] = []
    cursor = "0"
    while True:
        page = await client.sync(cursor, limit=50)
        files.extend(page.files)
        cursor = page.cursor
        if not page.more:
            return files


async def _unassigned(client: AthenaClient, group: str = "nl-desk") -> FileSummary:
    return next(
        f
        for f in await _scope(client)
        if f.group_id == group and f.status is Status.NEW and f.assignee is None
    )


async def test_health_agents_and_demo_login(server: RunningServer) -> None:
    async with AthenaClient(server.url) as client:
        assert (await client.health())["status"] == "ok"
        agents = await client.demo_agents()
        assert {a.id for a in agents} >= {NL_AGENT, TWO_ROLES}
        session = await client.demo_login(NL_AGENT)
        assert isinstance(session, Session) and session.agent.id == NL_AGENT
        choice = await client.demo_login(TWO_ROLES)
        assert isinstance(choice, RoleChoice)
        assert set(choice.roles) == {Role.CONTACT_CENTER, Role.CASE_MANAGEMENT}
        assert choice.agent.id == TWO_ROLES
        chosen = await client.demo_login(TWO_ROLES, Role.CASE_MANAGEMENT)
        assert isinstance(chosen, Session) and chosen.role is Role.CASE_MANAGEMENT


async def test_session_calls_and_logout(server: RunningServer, login: Login) -> None:
    client = await login(NL_AGENT)
    me = await client.me()
    assert me.agent.id == NL_AGENT and me.token == ""
    assert "nl-desk" in {g.id for g in await client.groups()}
    mates = await client.teammates("nl-desk")
    assert NL_COLLEAGUE in {m.id for m in mates}
    await client.logout()
    with pytest.raises(Unauthorized):
        await client.me()


async def test_no_token_is_unauthorized(server: RunningServer) -> None:
    async with AthenaClient(server.url) as client:
        with pytest.raises(Unauthorized) as caught:
            await client.groups()
    assert caught.value.status == 401 and caught.value.message


async def test_sync_pages_through_the_whole_scope(login: Login) -> None:
    client = await login(NL_AGENT)
    first = await client.sync("0", limit=50)
    assert first.more and first.total is not None and len(first.files) == 50
    files = await _scope(client)
    assert len(files) == first.total
    assert len({f.id for f in files}) == len(files)


async def test_reads_and_not_found(login: Login) -> None:
    client = await login(NL_AGENT)
    summary = (await _scope(client))[0]
    contact_file = await client.get_file(summary.id)
    assert contact_file.summary.id == summary.id and contact_file.messages
    by_ticket = await client.file_by_ticket(summary.ticket)
    assert by_ticket.summary.id == summary.id
    with pytest.raises(NotFound) as caught:
        await client.get_file(999_999)
    assert caught.value.status == 404
    with pytest.raises(ValidationFailed) as bad:
        await client.file_by_ticket("XX12")
    assert bad.value.field == "ticket" and bad.value.status == 422


async def test_take_release_priority_status_and_stale_version(login: Login) -> None:
    client = await login(NL_AGENT)
    target = await _unassigned(client)
    taken = await client.take(target.id, target.version, idempotency_key="k-take-1")
    assert taken.assignee is not None and taken.assignee.id == NL_AGENT
    assert taken.status is Status.ASSIGNED and taken.version > target.version
    # Same key again: the first answer, nothing changed twice.
    again = await client.take(target.id, target.version, idempotency_key="k-take-1")
    assert again == taken
    trail = await client.audit(target.id)
    assert [e.action for e in trail].count("take") == 1
    assert all(e.file_id == target.id for e in trail)
    high = await client.set_priority(taken.id, taken.version, Priority.HIGH)
    assert high.priority is Priority.HIGH
    waiting = await client.set_status(high.id, high.version, Status.WAITING)
    assert waiting.status is Status.WAITING
    with pytest.raises(Conflict) as stale:
        await client.release(target.id, target.version)
    assert stale.value.status == 409
    assert stale.value.details["current_version"] == waiting.version
    assert stale.value.message
    released = await client.release(waiting.id, waiting.version)
    assert released.assignee is None and released.status is Status.NEW


async def test_conflict_when_someone_else_took_it(login: Login) -> None:
    me, colleague = await login(NL_AGENT), await login(NL_COLLEAGUE)
    target = await _unassigned(me)
    await colleague.take(target.id, target.version)
    with pytest.raises(Conflict) as caught:
        await me.take(target.id, target.version)
    assert caught.value.details


async def test_reply_with_attachment_and_download(login: Login, tmp_path: Path) -> None:
    client = await login(NL_AGENT)
    target = await _unassigned(client)
    opened = await client.open_file(target.id, target.version)
    assert opened.summary.assignee is not None
    note = tmp_path / "note.txt"
    note.write_bytes(b"internal evidence")
    answered = await client.reply(
        target.id,
        opened.summary.version,
        "Internal note",
        visible_to_citizen=False,
        final=False,
        attachments=[note],
    )
    last = answered.messages[-1]
    assert last.body == "Internal note" and not last.visible_to_citizen
    assert [a.name for a in last.attachments] == ["note.txt"]
    assert await client.download_attachment(last.attachments[0].id) == b"internal evidence"
    await client.mark_read(target.id)
    closed = await client.reply(target.id, answered.summary.version, "Here is your answer.")
    assert closed.summary.status is Status.CLOSED
    treated = await client.treated()
    assert target.id in {f.id for f in treated}
    with pytest.raises(Conflict):
        await client.reply(target.id, closed.summary.version, "Once more")


async def test_citizens_and_career(login: Login) -> None:
    client = await login(NL_AGENT)
    summary = (await _scope(client))[0]
    found = await client.search_citizens(niss=summary.citizen_niss)
    assert [c.niss for c in found.citizens] == [summary.citizen_niss]
    # the file in the agent's scope is the purpose of reading its citizen
    purpose = Purpose(file_id=summary.id)
    citizen = await client.citizen(summary.citizen_niss, purpose)
    by_name = await client.search_citizens(last_name=citizen.last_name, limit=50)
    assert citizen.niss in {c.niss for c in by_name.citizens}
    files = await client.citizen_files(summary.citizen_niss, purpose)
    assert summary.id in {f.id for f in files}
    career = await client.career(summary.citizen_niss, CareerView.CITIZEN, purpose)
    assert career.view is CareerView.CITIZEN
    with pytest.raises(ValidationFailed) as bad:
        await client.search_citizens(niss="12345678901")
    assert bad.value.field == "niss"


async def test_unreachable_server_is_unavailable() -> None:
    async with AthenaClient(closed_port_url(), retry_delays=(0.01,)) as client:
        with pytest.raises(Unavailable):
            await client.health()
        with pytest.raises(Unavailable):
            await client.take(1, 1, idempotency_key="k")


def _counting(statuses: list[int]) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        status = statuses[min(len(seen), len(statuses)) - 1]
        if status >= 400:
            body = {"error": {"code": "unavailable", "message": "try later"}}
            return httpx.Response(status, json=body)
        return httpx.Response(200, json={"status": "ok", "demo": True})

    return httpx.MockTransport(handle), seen


async def test_gets_and_keyed_writes_retry_but_plain_writes_do_not() -> None:
    transport, seen = _counting([503, 503, 200])
    async with AthenaClient("http://athena", transport=transport, retry_delays=(0, 0)) as c:
        assert (await c.health())["status"] == "ok"
    assert len(seen) == 3

    transport, seen = _counting([503])
    async with AthenaClient("http://athena", transport=transport, retry_delays=(0, 0)) as c:
        with pytest.raises(Unavailable) as caught:
            await c.mark_read(5)
        assert caught.value.message == "try later" and caught.value.status == 503
    assert len(seen) == 1

    transport, seen = _counting([503, 503, 503, 503])
    async with AthenaClient("http://athena", transport=transport, retry_delays=(0, 0)) as c:
        with pytest.raises(Unavailable):
            await c.mark_read(5, idempotency_key="abc")
    assert len(seen) == 3
    assert all(r.headers["Idempotency-Key"] == "abc" for r in seen)


async def test_non_json_error_still_maps_by_status() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(404, text="nope"))
    async with AthenaClient("http://athena", transport=transport) as c:
        with pytest.raises(NotFound) as caught:
            await c.get_file(1)
    assert isinstance(caught.value, ApiError) and caught.value.status == 404


async def test_sync_timeout_exceeds_wait() -> None:
    timeouts: list[object] = []

    def handle(request: httpx.Request) -> httpx.Response:
        timeouts.append(request.extensions["timeout"]["read"])
        return httpx.Response(200, json={"files": [], "cursor": "c1"})

    transport = httpx.MockTransport(handle)
    async with AthenaClient("http://athena", transport=transport, timeout=5) as c:
        page = await c.sync("c0", wait=25)
    assert page.cursor == "c1"
    assert isinstance(timeouts[0], int | float) and timeouts[0] > 25
