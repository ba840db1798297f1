"""The inbound API through real HTTP: channels bring files and messages in, read back
the citizen's view, and every refusal changes nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from athena_server.channels import add_channel, revoke_channel
from athena_server.cli import main
from athena_server.runner import RunningServer
from athena_server.schema import audit, changes, contact_files, file_links
from backend_client.models import ChannelKind
from backend_client.niss import format_niss
from tests.polling import wait_for
from tests.server import dataset as d
from tests.server.conftest import Login
from tests.server.helpers import error, snapshot, version

MY_CAREER = "My Career"
PARTNER = "Partner X app"
OTHER = "Other portal"


@pytest.fixture
def keys(server: RunningServer) -> dict[str, str]:
    with server.engine.begin() as conn:
        _, my_career = add_channel(conn, MY_CAREER, ChannelKind.MY_CAREER)
        _, partner = add_channel(conn, PARTNER, ChannelKind.PARTNER, d.PARTNER)
        _, other = add_channel(conn, OTHER, ChannelKind.MY_CAREER)
    return {MY_CAREER: my_career, PARTNER: partner, OTHER: other}


@pytest.fixture
def channel(server: RunningServer, keys: dict[str, str]) -> Iterator[dict[str, httpx.Client]]:
    clients = {
        name: httpx.Client(
            base_url=server.url, timeout=10.0, headers={"Authorization": f"Channel {key}"}
        )
        for name, key in keys.items()
    }
    yield clients
    for client in clients.values():
        client.close()


def new_file(client: httpx.Client, **fields: Any) -> httpx.Response:
    data: dict[str, Any] = {
        "niss": d.EMILE,
        "subject": "Année 2012 manquante",
        "question": "Bonjour, ...",
    }
    data.update(fields)
    files = data.pop("attachments", None)
    return client.post("/v1/inbound/files", data=data, files=files)


def row_of(server: RunningServer, ticket: str) -> Any:
    with server.engine.connect() as conn:
        return conn.execute(sa.select(contact_files).where(contact_files.c.ticket == ticket)).one()


def audit_of(server: RunningServer, file_id: int) -> list[Any]:
    with server.engine.connect() as conn:
        return list(
            conn.execute(sa.select(audit).where(audit.c.file_id == file_id).order_by(audit.c.id))
        )


def changes_of(server: RunningServer, file_id: int) -> list[Any]:
    with server.engine.connect() as conn:
        return list(conn.execute(sa.select(changes).where(changes.c.file_id == file_id)))


# --------------------------------------------------------------------------- new files


def test_a_new_file_is_routed_stored_as_sent_audited_and_fed(
    server: RunningServer, channel: dict[str, httpx.Client], login: Login
) -> None:
    question = "Bonjour,\n[bold]Aucune donnée[/bold] \x1b[31mrouge\x1b[0m pour 2012 ; merci"
    answer = new_file(
        channel[MY_CAREER],
        niss=format_niss(d.EMILE),
        question=question,
        attachments=[("attachments", ("fiche.pdf", b"%PDF-1.4 x", "application/pdf"))],
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    ticket = body["summary"]["ticket"]
    assert body["summary"]["status"] == "new" and body["summary"]["channel_name"] == MY_CAREER
    assert [m["body"] for m in body["messages"]] == [question]  # exactly as sent
    assert body["messages"][0]["attachments"][0]["name"] == "fiche.pdf"
    row = row_of(server, ticket)
    assert (row.group_id, row.channel, row.channel_name) == (d.FR, "my_career", MY_CAREER)
    assert (row.assignee_id, row.message_count, row.version, row.language) == (None, 1, 1, "fr")
    assert row.news_at is not None
    [entry] = audit_of(server, row.id)
    assert (entry.actor, entry.agent_id, entry.action) == (
        "channel:My Career",
        None,
        "inbound_file",
    )
    assert entry.after["routed"] == "language" and entry.after["group_id"] == d.FR
    [change] = changes_of(server, row.id)
    assert (change.old_group_id, change.new_group_id) == (None, d.FR)
    # the agents see it in their group queue, with the citizen's text untouched
    marie = login(d.MARIE)
    seen = marie.get(f"/v1/files/{row.id}").json()
    assert seen["summary"]["unread"] is True
    assert seen["messages"][0]["body"] == question and seen["messages"][0]["side"] == "citizen"


@pytest.mark.parametrize(
    ("name", "niss", "subject", "group", "reason"),
    [
        (MY_CAREER, d.ANNA, "Ontbrekend jaar 2019", d.NL, "language"),
        (PARTNER, d.EMILE, "Année 2012 manquante", d.PARTNER, "partner"),
    ],
)
def test_routing_by_language_and_partner(
    server: RunningServer,
    channel: dict[str, httpx.Client],
    name: str,
    niss: str,
    subject: str,
    group: str,
    reason: str,
) -> None:
    answer = new_file(channel[name], niss=niss, subject=subject)
    assert answer.status_code == 201, answer.text
    row = row_of(server, answer.json()["summary"]["ticket"])
    assert row.group_id == group
    assert row.channel == ("partner" if name == PARTNER else "my_career")
    assert audit_of(server, row.id)[0].after["routed"] == reason


def test_language_field_overrides_the_citizens_language(
    server: RunningServer, channel: dict[str, httpx.Client]
) -> None:
    answer = new_file(channel[MY_CAREER], niss=d.EMILE, language="nl")
    assert answer.status_code == 201, answer.text
    assert row_of(server, answer.json()["summary"]["ticket"]).group_id == d.NL


@pytest.mark.parametrize(
    ("fields", "status", "field", "words"),
    [
        ({"niss": "85073003399"}, 422, "niss", "check digits"),
        ({"niss": "12345"}, 422, "niss", "11 digits"),
        ({"niss": d.NOBODY}, 404, "niss", d.NOBODY),
        ({"question": "   "}, 422, "question", "empty"),
        ({"question": "a\x00b"}, 422, "question", "NUL"),
        ({"question": "x" * 20_001}, 422, "question", "longer"),
        ({"subject": "s" * 301}, 422, "subject", "longer"),
        ({"language": "en"}, 422, "language", "fr"),
        (
            {"attachments": [("attachments", (f"a{i}.txt", b"x", "text/plain")) for i in range(6)]},
            422,
            "attachments",
            "at most 5",
        ),
        (
            {
                "attachments": [
                    ("attachments", ("big.pdf", b"x" * (64 * 1024 + 1), "application/pdf"))
                ]
            },
            413,
            "attachments",
            "larger",
        ),
        ({"subject": None}, 422, "subject", ""),
    ],
)
def test_bad_new_files_are_refused_and_change_nothing(
    server: RunningServer,
    channel: dict[str, httpx.Client],
    fields: dict[str, Any],
    status: int,
    field: str,
    words: str,
) -> None:
    before = snapshot(server.engine)
    if fields.get("subject", "") is None:
        answer = channel[MY_CAREER].post(
            "/v1/inbound/files", data={"niss": d.EMILE, "question": "q"}
        )
    else:
        answer = new_file(channel[MY_CAREER], **fields)
    assert answer.status_code == status, answer.text
    problem = error(answer)
    assert problem["field"] == field and words in problem["message"]
    assert snapshot(server.engine) == before


# --------------------------------------------------------------------------- keys


def test_keys_missing_unknown_revoked_or_of_an_agent_get_401(
    server: RunningServer, keys: dict[str, str], login: Login, anon: httpx.Client
) -> None:
    agent = login(d.MARIE)
    before = snapshot(server.engine)
    with server.engine.begin() as conn:
        revoke_channel(conn, OTHER)
    for headers in (
        {},
        {"Authorization": "Channel athch_not-a-key"},
        {"Authorization": f"Channel {keys[OTHER]}"},  # revoked
        {"Authorization": str(agent.headers["Authorization"])},  # an agent's bearer token
        {"X-Channel-Key": "nope"},
    ):
        answer = anon.post(
            "/v1/inbound/files",
            data={"niss": d.EMILE, "subject": "s", "question": "q"},
            headers=headers,
        )
        assert answer.status_code == 401, (headers, answer.text)
        assert error(answer)["code"] == "unauthorized"
    assert snapshot(server.engine) == before
    # X-Channel-Key works as well as the Authorization header
    me = anon.get("/v1/inbound/me", headers={"X-Channel-Key": keys[PARTNER]})
    assert me.json() == {"name": PARTNER, "kind": "partner", "group_id": d.PARTNER}
    # and a channel key opens nothing of the agents' API
    assert (
        anon.get("/v1/sync", headers={"Authorization": f"Channel {keys[MY_CAREER]}"}).status_code
        == 401
    )


# --------------------------------------------------------------------------- messages


def test_a_citizen_message_on_an_open_file_marks_it_unread_for_its_holder(
    server: RunningServer, channel: dict[str, httpx.Client], login: Login
) -> None:
    marie = login(d.MARIE)
    assert marie.post(f"/v1/files/{d.MARIE_A}/read").status_code == 204
    assert marie.get(f"/v1/files/{d.MARIE_A}").json()["summary"]["unread"] is False
    seen_version = version(marie, d.MARIE_A)
    body = "Merci ! [link=http://x]clic[/link]"
    answer = channel[MY_CAREER].post(
        f"/v1/inbound/files/{d.ticket(d.MARIE_A).lower()}/messages",
        data={"niss": d.EMILE, "body": body},
        files=[("attachments", ("loonfiche.pdf", b"%PDF z", "application/pdf"))],
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["messages"][-1]["body"] == body
    summary = marie.get(f"/v1/files/{d.MARIE_A}").json()["summary"]
    assert summary["unread"] is True
    assert summary["version"] == seen_version + 1 and summary["message_count"] == 4
    assert summary["assignee"]["id"] == d.MARIE and summary["status"] == "assigned"
    last = marie.get(f"/v1/files/{d.MARIE_A}").json()["messages"][-1]
    assert last["side"] == "citizen" and last["attachments"][0]["name"] == "loonfiche.pdf"
    entry = audit_of(server, d.MARIE_A)[-1]
    assert (entry.actor, entry.action) == ("channel:My Career", "inbound_message")
    [change] = changes_of(server, d.MARIE_A)
    assert change.old_assignee_id == change.new_assignee_id == d.MARIE


def test_a_file_waiting_for_the_citizen_goes_back_to_assigned(
    server: RunningServer, channel: dict[str, httpx.Client]
) -> None:
    answer = channel[MY_CAREER].post(
        f"/v1/inbound/files/{d.ticket(d.MARIE_B)}/messages",
        data={"niss": d.EMILE, "body": "Voici le document demandé."},
    )
    assert answer.status_code == 200, answer.text
    assert row_of(server, d.ticket(d.MARIE_B)).status == "assigned"
    entry = audit_of(server, d.MARIE_B)[-1]
    assert entry.before["status"] == "waiting" and entry.after["status"] == "assigned"


def test_writing_to_a_closed_file_opens_a_new_linked_file(
    server: RunningServer, channel: dict[str, httpx.Client], login: Login
) -> None:
    old = row_of(server, d.ticket(d.CLOSED_FR))
    answer = channel[MY_CAREER].post(
        f"/v1/inbound/files/{d.ticket(d.CLOSED_FR)}/messages",
        data={"niss": d.MARC, "body": "Je reviens vers vous : rien n'a changé."},
    )
    assert answer.status_code == 201, answer.text
    made = answer.json()
    assert made["summary"]["reopened_from"] == d.ticket(d.CLOSED_FR)
    assert made["summary"]["ticket"] != d.ticket(d.CLOSED_FR)
    assert [m["body"] for m in made["messages"]] == ["Je reviens vers vous : rien n'a changé."]
    new = row_of(server, made["summary"]["ticket"])
    assert (new.status, new.group_id, new.reopened_from_id, new.assignee_id) == (
        "new",
        old.group_id,
        old.id,
        None,
    )
    again = row_of(server, d.ticket(d.CLOSED_FR))
    assert (again.status, again.version, again.message_count) == ("closed", old.version, 2)
    with server.engine.connect() as conn:
        links = conn.execute(
            sa.select(file_links.c.kind, file_links.c.source_id, file_links.c.target_id)
        ).all()
    assert [tuple(link) for link in links] == [("reopen", old.id, new.id)]
    assert audit_of(server, new.id)[0].action == "inbound_reopen"
    seen = login(d.JAN).get(f"/v1/files/{new.id}").json()
    assert seen["reopened_from"] == d.ticket(d.CLOSED_FR)


@pytest.mark.parametrize(
    ("name", "ticket", "niss", "status", "field"),
    [
        (MY_CAREER, d.ticket(d.NEW_PARTNER), d.MARC, 404, "ticket"),  # the partner's file
        (OTHER, d.ticket(d.MARIE_A), d.EMILE, 404, "ticket"),  # another portal's file
        (MY_CAREER, d.ticket(d.MARIE_A), d.ANNA, 404, "ticket"),  # not this citizen's file
        (MY_CAREER, "SR9999999", d.EMILE, 404, "ticket"),
        (MY_CAREER, "12-34", d.EMILE, 422, "ticket"),
        (MY_CAREER, d.ticket(d.MARIE_A), "85073003399", 422, "niss"),
    ],
)
def test_messages_to_files_that_are_not_the_channels_or_citizens_are_refused(
    server: RunningServer,
    channel: dict[str, httpx.Client],
    name: str,
    ticket: str,
    niss: str,
    status: int,
    field: str,
) -> None:
    before = snapshot(server.engine)
    answer = channel[name].post(
        f"/v1/inbound/files/{ticket}/messages", data={"niss": niss, "body": "hello"}
    )
    assert answer.status_code == status, answer.text
    assert error(answer)["field"] == field
    assert snapshot(server.engine) == before


def test_bad_message_bodies_change_nothing(
    server: RunningServer, channel: dict[str, httpx.Client]
) -> None:
    before = snapshot(server.engine)
    path = f"/v1/inbound/files/{d.ticket(d.MARIE_A)}/messages"
    for data, status in (
        ({"niss": d.EMILE, "body": "nul\x00byte"}, 422),
        ({"niss": d.EMILE, "body": "y" * 20_001}, 422),
        ({"niss": d.EMILE}, 422),
    ):
        assert channel[MY_CAREER].post(path, data=data).status_code == status
    six = [("attachments", (f"{i}.txt", b"x", "text/plain")) for i in range(6)]
    answer = channel[MY_CAREER].post(path, data={"niss": d.EMILE, "body": "b"}, files=six)
    assert answer.status_code == 422 and error(answer)["field"] == "attachments"
    assert snapshot(server.engine) == before


# --------------------------------------------------------------------------- reads


def test_the_citizens_view_never_holds_internal_notes(
    server: RunningServer, channel: dict[str, httpx.Client], login: Login
) -> None:
    marie = login(d.MARIE)
    note = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data={
            "version": str(version(marie, d.MARIE_A)),
            "body": "Interne : sanction INAMI, ne pas en parler",
            "visible_to_citizen": "false",
            "final": "false",
        },
    )
    assert note.status_code == 200, note.text
    reply = marie.post(
        f"/v1/files/{d.MARIE_A}/messages",
        data={
            "version": str(version(marie, d.MARIE_A)),
            "body": "Nous vérifions.",
            "final": "false",
        },
    )
    assert reply.status_code == 200, reply.text
    seen = channel[MY_CAREER].get(f"/v1/inbound/files/{d.ticket(d.MARIE_A)}")
    assert seen.status_code == 200, seen.text
    bodies = [m["body"] for m in seen.json()["messages"]]
    assert "Nous vérifions." in bodies
    assert not any("Interne" in b for b in bodies)
    assert len(bodies) == 4  # 3 seeded visible messages + the reply
    assert "group_id" not in seen.json()["summary"]
    # another channel sees nothing of it, nor My Career of the partner's file
    assert channel[OTHER].get(f"/v1/inbound/files/{d.ticket(d.MARIE_A)}").status_code == 404
    assert channel[MY_CAREER].get(f"/v1/inbound/files/{d.ticket(d.NEW_PARTNER)}").status_code == 404
    assert channel[PARTNER].get(f"/v1/inbound/files/{d.ticket(d.NEW_PARTNER)}").status_code == 200


def test_a_citizens_files_lists_only_this_channels_files(
    server: RunningServer, channel: dict[str, httpx.Client]
) -> None:
    listed = channel[MY_CAREER].get(f"/v1/inbound/citizens/{d.MARC}/files")
    assert listed.status_code == 200, listed.text
    # Marc has files 5 and 8 through My Career and 6 through the partner app
    assert sorted(s["ticket"] for s in listed.json()) == [
        d.ticket(d.CLOSED_FR),
        d.ticket(d.MARIE_C),
    ]
    partner = channel[PARTNER].get(f"/v1/inbound/citizens/{format_niss(d.MARC)}/files").json()
    assert [s["ticket"] for s in partner] == [d.ticket(d.NEW_PARTNER)]
    assert channel[OTHER].get(f"/v1/inbound/citizens/{d.MARC}/files").json() == []
    bad = channel[MY_CAREER].get("/v1/inbound/citizens/85073003399/files")
    assert bad.status_code == 422 and error(bad)["field"] == "niss"
    unknown = channel[MY_CAREER].get(f"/v1/inbound/citizens/{d.NOBODY}/files")
    assert unknown.status_code == 404 and d.NOBODY in error(unknown)["message"]


# --------------------------------------------------------------------------- idempotency, sync


def test_an_idempotency_key_replays_the_first_answer(
    server: RunningServer, channel: dict[str, httpx.Client]
) -> None:
    headers = {"Idempotency-Key": "portal-req-1"}
    data = {"niss": d.EMILE, "subject": "Année 2012", "question": "Bonjour"}
    first = channel[MY_CAREER].post("/v1/inbound/files", data=data, headers=headers)
    assert first.status_code == 201, first.text
    before = snapshot(server.engine)
    again = channel[MY_CAREER].post("/v1/inbound/files", data=data, headers=headers)
    assert again.status_code == 201 and again.json() == first.json()
    assert again.headers["Idempotency-Replayed"] == "true"
    assert snapshot(server.engine) == before
    other = channel[MY_CAREER].post(
        "/v1/inbound/files", data={**data, "question": "autre"}, headers=headers
    )
    assert other.status_code == 422 and error(other)["field"] == "Idempotency-Key"
    # keys are per channel: the same key from another channel is a new request
    elsewhere = channel[PARTNER].post("/v1/inbound/files", data=data, headers=headers)
    assert elsewhere.status_code == 201 and "Idempotency-Replayed" not in elsewhere.headers
    assert snapshot(server.engine) != before


def _drain(client: httpx.Client) -> str:
    cursor = "0"
    while True:
        page = client.get("/v1/sync", params={"cursor": cursor}).json()
        cursor = page["cursor"]
        if not page["more"]:
            return str(cursor)


def test_an_agents_long_poll_wakes_up_with_the_new_file(
    server: RunningServer, channel: dict[str, httpx.Client], login: Login
) -> None:
    marie = login(d.MARIE)
    cursor = _drain(marie)
    with ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        waiting = pool.submit(marie.get, "/v1/sync", params={"cursor": cursor, "wait": 30})
        wait_for(lambda: server.state.notifier.waiting >= 1, 10, "the long-poll waiting")
        made = new_file(channel[MY_CAREER], niss=d.MARC)
        assert made.status_code == 201
        page = waiting.result(timeout=15).json()
        elapsed = time.monotonic() - started
    assert elapsed < 10
    assert [f["ticket"] for f in page["files"]] == [made.json()["summary"]["ticket"]]
    assert page["files"][0]["unread"] is True and page["files"][0]["group_id"] == d.FR


# --------------------------------------------------------------------------- CLI


def test_channels_cli_add_list_revoke(tmp_path: Path) -> None:
    from athena_server.db import make_engine
    from athena_server.runner import start_server
    from athena_server.settings import ServerSettings
    from tests.server.dataset import build

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    first = runner.invoke(
        main, ["--db", url, "channels", "add", "My Career", "--kind", "my_career"]
    )
    assert first.exit_code == 0, first.output
    key = first.output.strip().splitlines()[-1]
    assert key.startswith("athch_") and len(key) > 40
    bad = runner.invoke(
        main, ["channels", "--db", url, "add", "P", "--kind", "partner", "--group", "nope"]
    )
    assert bad.exit_code != 0 and "no group nope" in bad.output
    twice = runner.invoke(main, ["--db", url, "channels", "add", "My Career", "--kind", "partner"])
    assert twice.exit_code != 0 and "already" in twice.output
    listed = runner.invoke(main, ["--db", url, "channels", "list"])
    assert listed.exit_code == 0 and "My Career\tmy_career\tactive" in listed.output
    assert key not in listed.output
    engine = make_engine(url)
    build(engine)
    with start_server(ServerSettings(db_url=url), engine=engine) as running:
        headers = {"Authorization": f"Channel {key}"}
        assert httpx.get(f"{running.url}/v1/inbound/me", headers=headers).status_code == 200
        revoked = runner.invoke(main, ["--db", url, "channels", "revoke", "My Career"])
        assert revoked.exit_code == 0, revoked.output
        assert httpx.get(f"{running.url}/v1/inbound/me", headers=headers).status_code == 401
    engine.dispose()
    assert "revoked" in runner.invoke(main, ["--db", url, "channels", "list"]).output
    unknown = runner.invoke(main, ["--db", url, "channels", "revoke", "Nobody"])
    assert unknown.exit_code != 0 and "no channel named Nobody" in unknown.output
