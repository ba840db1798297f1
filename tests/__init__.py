"""Tests of the Athena TUI and server."""
