"""The Athena reference backend: FastAPI app, SQLAlchemy Core store and domain rules."""
