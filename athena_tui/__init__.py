"""The Athena TUI application: CLI, App, services and local replica."""
