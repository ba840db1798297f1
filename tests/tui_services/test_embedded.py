"""The embedded demo server: seeded once under the data dir, reused, reset on request."""

from __future__ import annotations

import stat
from pathlib import Path

import httpx

from athena_tui.config import Settings
from athena_tui.embedded import start_embedded
from athena_tui.services import Services


def _health(url: str) -> dict[str, object]:
    answer = httpx.get(f"{url}/v1/health", timeout=5)
    result: dict[str, object] = answer.json()
    return result


async def test_seed_reuse_and_reset(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = start_embedded(data, files=60)
    try:
        assert first.fresh and first.url.startswith("http://127.0.0.1:")
        assert _health(first.url) == {"status": "ok", "demo": True}
        assert stat.S_IMODE(first.db_path.stat().st_mode) == 0o600
    finally:
        first.stop()
    assert not list(data.glob("*.partial*"))
    (data / "replica-demo-2.db").write_bytes(b"old")
    again = start_embedded(data, files=60)
    try:
        assert not again.fresh and again.db_path == first.db_path
        settings = Settings(data_dir=data, config_dir=tmp_path)
        services = Services.for_embedded(settings, again)
        assert services.demo and (data / "replica-demo-2.db").exists()
        await services.client.aclose()
    finally:
        again.stop()
    reset = start_embedded(data, reset=True, files=60)
    services = Services.for_embedded(Settings(data_dir=data, config_dir=tmp_path), reset)
    assert reset.fresh and not (data / "replica-demo-2.db").exists()
    agents = await services.demo_agents()
    assert agents
    await services.close()  # also stops the embedded server
    try:
        httpx.get(f"{reset.url}/v1/health", timeout=1)
    except httpx.TransportError:
        pass
    else:
        raise AssertionError("the embedded server still answers after close()")
