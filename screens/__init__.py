"""One module per screen of the Athena TUI."""
