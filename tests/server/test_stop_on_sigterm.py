"""``athena-server`` stops within 2 s of SIGTERM even with long-polls open or abandoned."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from tests.polling import wait_for

JAN = 2  # nl-desk, one role


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/v1/health", timeout=0.5).status_code == 200
    except httpx.TransportError:
        return False


def _established(port: int) -> int:
    """Connections to ``port`` the kernel holds open (Linux /proc/net/tcp, state 01)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    local = f":{port:04X}"
    return sum(1 for row in rows if row.split()[1].endswith(local) and row.split()[3] == "01")


def test_sigterm_stops_the_server_within_two_seconds_with_long_polls_open(
    tmp_path: Path,
) -> None:
    port = _port()
    url = f"http://127.0.0.1:{port}"
    script = Path(sys.executable).parent / "athena-server"
    db = f"sqlite:///{tmp_path / 'athena.db'}"
    server = subprocess.Popen(
        [str(script), "--db", db, "--demo", "--files", "40", "--no-feed", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: _healthy(url) or server.poll() is not None, timeout=60, what="server")
        assert server.poll() is None
        token = httpx.post(f"{url}/v1/auth/demo", json={"agent_id": JAN}).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        cursor = "0"
        while True:
            page = httpx.get(
                f"{url}/v1/sync", params={"cursor": cursor, "limit": 1000}, headers=headers
            ).json()
            cursor = page["cursor"]
            if not page["more"]:
                break
        answers: list[int] = []

        def long_poll() -> None:
            try:
                answer = httpx.get(
                    f"{url}/v1/sync",
                    params={"cursor": cursor, "wait": 25},
                    headers=headers,
                    timeout=30,
                )
                answers.append(answer.status_code)
            except httpx.TransportError:
                answers.append(0)

        waiting = threading.Thread(target=long_poll, daemon=True)
        waiting.start()
        # and one a client abandoned: the request is sent, the socket closed at once
        with socket.create_connection(("127.0.0.1", port)) as abandoned:
            abandoned.sendall(
                f"GET /v1/sync?cursor={cursor}&wait=25 HTTP/1.1\r\nHost: x\r\n"
                f"Authorization: Bearer {token}\r\n\r\n".encode()
            )
        # the long-poll's connection is open on the server's side
        wait_for(lambda: _established(port) >= 1, timeout=5, what="long-poll connected")
        started = time.monotonic()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        took = time.monotonic() - started
        assert took < 2.0, f"stopped after {took:.1f} s"
        waiting.join(5)
        assert answers and answers[0] in (200, 0)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
