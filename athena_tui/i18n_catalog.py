"""French and Dutch translations of the interface strings, keyed by the English source."""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {}
