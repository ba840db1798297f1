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
    settings = Settings(data_dir=data, config_dir=tmp_path)
    services = Services(settings, demo=True, demo_files=60)
    await services.prepare()
    reused = services.embedded
    assert reused is not None and not reused.fresh and reused.db_path == first.db_path
    assert (data / "replica-demo-2.db").exists()
    await services.close()

    services = Services(settings, demo=True, reset_demo=True, demo_files=60)
    agents = await services.demo_agents()
    assert agents
    reset = services.embedded
    assert reset is not None and reset.fresh and not (data / "replica-demo-2.db").exists()
    await services.close()  # also stops the embedded server
    try:
        httpx.get(f"{reset.url}/v1/health", timeout=1)
    except httpx.TransportError:
        pass
    else:
        raise AssertionError("the embedded server still answers after close()")
