"""Word lists and generators behind the deterministic demo data (see athena_server.seed)."""
