"""Service tests: the real server fixtures of tests/client/live.py."""

from __future__ import annotations

from tests.client.live import login, server, template_db

__all__ = ["login", "server", "template_db"]
