"""Reusable widgets of the Athena TUI."""
