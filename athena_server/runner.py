"""Run the Athena server in a background thread (tests, the TUI's embedded mode)."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from types import FrameType

import httpx
import sqlalchemy as sa
import uvicorn
from fastapi import FastAPI

from athena_server.app import create_app
from athena_server.deps import ServerState
from athena_server.settings import ServerSettings

START_TIMEOUT = 15.0


@dataclass
class RunningServer:
    """A server answering on ``url`` until ``stop()``."""

    url: str
    server: uvicorn.Server
    thread: threading.Thread
    state: ServerState

    @property
    def engine(self) -> sa.Engine:
        return self.state.engine

    def stop(self, timeout: float = 10.0) -> None:
        """Wake waiting long-polls, stop serving and join the thread."""
        self.state.notifier.close()
        self.server.should_exit = True
        self.thread.join(timeout)

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


STOP_GRACE = 1
"""Seconds a stopping server gives requests still running (a write finishing) before it
closes their connections; waiting long-polls are woken at once and answer."""


class AthenaServer(uvicorn.Server):
    """uvicorn's server that, on SIGTERM/SIGINT, first wakes every waiting long-poll:
    uvicorn waits for running requests before it stops, and a long-poll (even one its
    client abandoned) would hold it for up to its full wait."""

    def __init__(self, config: uvicorn.Config, state: ServerState) -> None:
        super().__init__(config)
        self.state = state

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.state.notifier.close()
        super().handle_exit(sig, frame)


def serve(app: FastAPI, host: str, port: int, log_level: str = "info") -> None:
    """Serve ``app`` (made by ``create_app``) in this thread until SIGTERM or SIGINT;
    stops within about ``STOP_GRACE`` seconds even with long-polls open."""
    config = uvicorn.Config(
        app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=STOP_GRACE
    )
    AthenaServer(config, app.state.athena).run()


def _free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def start_server(
    settings: ServerSettings,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    engine: sa.Engine | None = None,
    log_level: str = "warning",
    app: FastAPI | None = None,
) -> RunningServer:
    """Start uvicorn in a daemon thread; returns once ``/v1/health`` answers.

    ``app`` serves an app made by ``create_app`` (and perhaps extended) instead."""
    app = app or create_app(settings, engine=engine)
    port = port or _free_port(host)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        lifespan="off",
        timeout_graceful_shutdown=3,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"athena-server:{port}", daemon=True)
    thread.start()
    url = f"http://{host}:{port}"
    running = RunningServer(url=url, server=server, thread=thread, state=app.state.athena)
    deadline = time.monotonic() + START_TIMEOUT
    with httpx.Client(timeout=1.0) as client:
        while True:
            if not thread.is_alive():
                raise RuntimeError(f"the Athena server on {url} failed to start")
            try:
                if client.get(f"{url}/v1/health").status_code == 200:
                    return running
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                running.stop()
                raise RuntimeError(f"the Athena server on {url} did not answer in time")
            time.sleep(0.02)
