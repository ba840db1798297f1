"""Gateway against a real server: files read once (and the agent's own, in the background)
read offline; an attachment downloaded once is saved offline from the kept bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from athena_tui.drafts import DraftStore
from athena_tui.file_cache import FileCache
from athena_tui.gateway import Gateway
from athena_tui.outbox import Outbox
from athena_tui.replica import Replica, Tab
from backend_client.client import AthenaClient
from backend_client.errors import Unavailable
from tests.client.live import NL_AGENT, Login, closed_port_url


def _gateway(client: AthenaClient, tmp_path: Path) -> Gateway:
    path = tmp_path / "local" / "store.db"
    replica = Replica(path)
    replica.set_scope(NL_AGENT, ["nl-desk"])
    return Gateway(client, replica, Outbox(path), DraftStore(path, NL_AGENT), FileCache(path))


async def _fill(gateway: Gateway) -> None:
    while True:
        page = await gateway.client.sync(gateway.replica.cursor(), limit=100)
        gateway.replica.apply(page)
        if not page.more:
            return


async def test_my_files_are_kept_in_the_background_and_read_offline(
    login: Login, tmp_path: Path
) -> None:
    me = await login(NL_AGENT)
    online = _gateway(me, tmp_path)
    await _fill(online)
    mine = online.replica.view(Tab.MY_FILES).file_ids()
    assert mine
    fetched: list[int] = []
    while batch := await online.refresh_cache(limit=5):
        fetched += batch
    assert sorted(fetched) == sorted(mine)
    assert await online.refresh_cache() == []  # all fresh: nothing fetched again

    offline = AthenaClient(closed_port_url(), token=me.token, retry_delays=())
    away = _gateway(offline, tmp_path)
    with pytest.raises(Unavailable):
        await away.get_file(mine[0])
    kept = await away.cached_file(mine[0])
    assert kept is not None
    assert kept.contact == await me.get_file(mine[0])
    await offline.aclose()


async def test_an_attachment_downloaded_once_is_saved_offline(login: Login, tmp_path: Path) -> None:
    me = await login(NL_AGENT)
    online = _gateway(me, tmp_path)
    await _fill(online)
    attachment = None
    for file_id in online.replica.view(Tab.GROUP_QUEUE).file_ids()[:60]:
        contact = await online.get_file(file_id)
        attachment = next((a for m in contact.messages for a in m.attachments), None)
        if attachment is not None:
            break
    assert attachment is not None, "the seed gives some files attachments"
    first = await online.save_attachment(attachment, tmp_path / "online")
    offline = AthenaClient(closed_port_url(), token=me.token, retry_delays=())
    away = _gateway(offline, tmp_path)
    second = await away.save_attachment(attachment, tmp_path / "offline")
    assert second.read_bytes() == first.read_bytes()
    never = attachment.model_copy(update={"id": attachment.id + 10_000})
    with pytest.raises(Unavailable):
        await away.save_attachment(never, tmp_path / "offline")
    await offline.aclose()
