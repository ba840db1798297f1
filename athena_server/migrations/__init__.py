"""Alembic migrations of the Athena store (the same for SQLite and PostgreSQL)."""
