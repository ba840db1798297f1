"""The Athena API as a FastAPI app: routes, error envelopes and the store it serves."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from athena_server import (
    log_redaction,
    migrate,
    routes_auth,
    routes_citizens,
    routes_eid,
    routes_files,
    routes_inbound,
    routes_sync,
)
from athena_server.auth import SessionPolicy
from athena_server.db import create_all, make_engine
from athena_server.deps import ServerState, agent_gate, current_agent
from athena_server.errors import DomainError, envelope, refusal
from athena_server.fanout import ChangeHub
from athena_server.journal import ensure_counters, sync_sequences
from athena_server.limits import Edge, EdgeRefusal, api_routes
from athena_server.notifier import Notifier
from athena_server.routes_inbound import channel_gate, current_channel
from athena_server.settings import ServerSettings
from athena_server.timing import ServerTiming
from backend_client.errors import ERROR_STATUS

log = logging.getLogger("athena_server")

ERRORS_LISTED = 20
"""Problems listed in a 422's ``details.errors`` (the count of all is beside them): a
crafted body must not buy an answer many times its own size."""

_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file"}


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str | None:
    """``("body", "files", 0, "version")`` → ``"files.0.version"``."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    return ".".join(parts) if parts else (str(loc[0]) if loc else None)


def _validation_answer(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if not errors:
        return envelope("validation", "the request is not valid")
    first = errors[0]
    field = _field_of(first.get("loc", ()))
    if first.get("type") == "json_invalid":
        field = "body"
    reason = str(first.get("msg", "is not valid"))
    message = f"{field}: {reason}" if field else reason
    problems = [
        {
            "field": _field_of(e.get("loc", ())),
            "message": str(e.get("msg", "")),
            # pydantic's error type: a stable reason (string_too_long, less_than_equal…)
            "type": str(e.get("type", "")),
        }
        for e in errors[:ERRORS_LISTED]
    ]
    return envelope(
        "validation",
        message,
        field=field,
        details={"errors": problems, "errors_total": len(errors)},
    )


def _domain_answer(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return refusal(exc)


def _edge_answer(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, EdgeRefusal)
    return refusal(exc.error)


def _http_answer(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        return envelope("not_found", f"no such endpoint: {request.method} {request.url.path}")
    if exc.status_code == 405:
        # the contract only knows the codes of ERROR_STATUS: a wrong method is no endpoint
        return envelope(
            "not_found", f"no such endpoint: {request.method} {request.url.path}", status=405
        )
    if exc.status_code == 400:
        # the form parser's refusals (too many fields or files, a malformed body): bad
        # input like any other, in the contract's terms
        return envelope("validation", f"body: {exc.detail}", field="body")
    if exc.status_code in (401, 403):
        return envelope("unauthorized", "no session: send Authorization: Bearer <token>")
    code = next((c for c, s in ERROR_STATUS.items() if s == exc.status_code), "validation")
    return envelope(code, str(exc.detail), status=exc.status_code)


def _db_busy_answer(_request: Request, exc: Exception) -> JSONResponse:
    log.warning("database busy: %s", exc)
    return envelope("unavailable", "the server is busy; try again in a moment")


def _integrity_answer(_request: Request, exc: Exception) -> JSONResponse:
    log.warning("integrity race: %s", exc)
    return envelope("conflict", "someone changed this at the same moment; try again")


def create_app(settings: ServerSettings, *, engine: sa.Engine | None = None) -> FastAPI:
    """The app serving ``settings.db_url`` (or ``engine``); creates missing tables."""
    log_redaction.install()
    engine = engine or make_engine(settings.db_url)
    if migrate.current(engine) is None:
        create_all(engine)  # a new store: every table, through the migrations
    migrate.check(engine, settings.db_url)
    with engine.begin() as conn:
        ensure_counters(conn)
        sync_sequences(conn)
    notifier = Notifier()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # a demo server with the feed on has citizens writing in while it serves
        feed = None
        if settings.demo and settings.feed and settings.feed_rate > 0:
            from athena_server.feed import DemoFeed

            feed = DemoFeed(engine, notifier, rate=settings.feed_rate, seed=settings.feed_seed)
            feed.start()
        app.state.feed = feed
        try:
            yield
        finally:
            if feed is not None:
                feed.stop()

    # the API's own description is for developers: served only when asked for
    docs = settings.docs or settings.demo
    app = FastAPI(
        title="Athena API",
        version="1",
        description="The Athena contact-center API; the contract is docs/api.md.",
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    hub = ChangeHub(engine, notifier, poll_interval=settings.poll_interval)
    app.state.athena = ServerState(settings=settings, engine=engine, notifier=notifier, hub=hub)
    app.add_exception_handler(DomainError, _domain_answer)
    app.add_exception_handler(EdgeRefusal, _edge_answer)
    app.add_exception_handler(RequestValidationError, _validation_answer)
    app.add_exception_handler(StarletteHTTPException, _http_answer)
    app.add_exception_handler(sa.exc.OperationalError, _db_busy_answer)
    app.add_exception_handler(sa.exc.IntegrityError, _integrity_answer)
    for router in (
        routes_auth.router,
        routes_eid.router,
        routes_sync.router,
        routes_files.router,
        routes_citizens.router,
        routes_inbound.router,
    ):
        app.include_router(router)
    # bugs are answered by the edge (an honest 500 with a reference), which also caps
    # bodies and authenticates before the app reads one
    app.add_middleware(
        Edge,
        routes=api_routes(app.router.routes),
        gates={
            current_agent: agent_gate(engine, SessionPolicy.of(settings)),
            current_channel: channel_gate(engine),
        },
        json_limit=settings.max_json_bytes,
        upload_limit=settings.upload_limit(),
    )
    # outermost: the edge's own refusals are timed too
    app.add_middleware(ServerTiming)
    return app
