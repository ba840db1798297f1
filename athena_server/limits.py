"""The server's edge: callers authenticated and bodies capped before the app reads a byte."""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import sqlalchemy as sa
from fastapi import UploadFile, params
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from python_multipart.multipart import (
    DEFAULT_MAX_HEADER_SIZE,
    MultipartParser,
    parse_options_header,
)
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from athena_server.errors import DomainError, envelope, invalid, refusal
from athena_server.files import Upload
from backend_client.bounds import NAME_MAX
from backend_client.errors import ERROR_STATUS

log = logging.getLogger("athena_server")

QUERY_VALUE_MAX = 1_000
"""No query parameter of the API needs more (a search word, a cursor, a number)."""

PATH_MAX = 2_000
"""Longer paths name nothing the API serves."""

FORM_FIELD_MAX = 1024 * 1024
"""A multipart field the watcher holds to check its encoding (Starlette's own part cap)."""

JSON_KEYS_MAX = 50
"""No object of the API has more fields: a body with more is refused before validation
(each unknown key would cost a validation error)."""

JSON_ITEMS_MAX = 1_000
"""No list of the API holds more (``MANY_FILES``)."""

JSON_VALUES_MAX = 10_000
"""Values in one JSON body: a thousand files of a dispatch with room to spare."""

JSON_DEPTH_MAX = 32
"""Nesting of one JSON body; the API's deepest is 3."""

WATCH_HEADER_MAX = 64 * 1024
"""A multipart part header the watcher still reads, to name the part the form parser
(at ``DEFAULT_MAX_HEADER_SIZE``) would refuse nameless."""

CALLER = "athena_caller"
"""Key in the request state of the caller the edge authenticated."""

Gate = Callable[[Headers], Any]
"""Authenticates from the headers alone (raises DomainError 401); runs in the threadpool."""


class EdgeRefusal(StarletteHTTPException):
    """A refusal raised while the body streams in (too large, a field not UTF-8).

    An HTTPException, so FastAPI's body reader passes it on instead of answering 400."""

    def __init__(self, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(ERROR_STATUS[code], message)
        self.error = DomainError(code, message, field=field)


@dataclass(frozen=True)
class RouteEdge:
    """What the edge must know of a route: who may call it, how much body it takes."""

    gate: Gate | None
    upload: bool
    json_body: bool = False


def api_routes(routes: list[BaseRoute]) -> list[BaseRoute]:
    """The app's routes, flat: newer FastAPI keeps an included router as one entry
    (holding ``original_router``) instead of copying its routes into the app."""
    flat: list[BaseRoute] = []
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            flat += api_routes(list(included.routes))
        else:
            flat.append(route)
    return flat


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    for sub in dependant.dependencies:
        yield sub
        yield from _dependants(sub)


def classify(route: APIRoute, gates: dict[Callable[..., Any], Gate]) -> RouteEdge:
    """The route's gate (from the authentication dependency it declares) and whether it
    takes files: so a new route is guarded as soon as it declares its caller."""
    gate = next((gates[d.call] for d in _dependants(route.dependant) if d.call in gates), None)
    body_params = route.dependant.body_params
    upload = any(isinstance(p.field_info, params.File) for p in body_params)
    form = any(isinstance(p.field_info, params.Form) for p in body_params)
    return RouteEdge(gate=gate, upload=upload, json_body=bool(body_params) and not form)


class FormWatch:
    """Follows a multipart body as it streams by and refuses a field, field name or file
    name that is not UTF-8 (Starlette would read it as Latin-1 and store it garbled)."""

    def __init__(self, boundary: bytes) -> None:
        self._parser = MultipartParser(
            boundary,
            # longer than the form parser's own limit, so that a part header it would
            # refuse as "invalid multipart data" is refused here first, by name
            max_header_size=WATCH_HEADER_MAX,
            callbacks={
                "on_part_begin": self._begin,
                "on_header_field": self._header_field,
                "on_header_value": self._header_value,
                "on_header_end": self._header_end,
                "on_headers_finished": self._headers_done,
                "on_part_data": self._data,
                "on_part_end": self._end,
            },
        )
        self._field = bytearray()
        self._value = bytearray()
        self._disposition = b""
        self._name = ""
        self._is_file = False
        self._content = bytearray()
        self._too_long = False
        self._broken = False
        self.bad: str | None = None
        self.problem = "not valid UTF-8"

    def feed(self, chunk: bytes) -> None:
        if self._broken or self.bad is not None:
            return
        try:
            self._parser.write(chunk)
        except Exception:
            # a malformed body is the form parser's to refuse (400); stop watching
            self._broken = True
        if self.bad is not None:
            raise EdgeRefusal("validation", f"{self.bad}: {self.problem}", field=self.bad)

    def _begin(self) -> None:
        self._disposition, self._name, self._is_file = b"", "", False
        self._too_long = False
        self._content.clear()

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]
        # checked as it grows: the form parser refuses it in the chunk where it passes
        if len(self._value) > DEFAULT_MAX_HEADER_SIZE and self.bad is None:
            _, options = parse_options_header(bytes(self._value))
            self.bad = options.get(b"name", b"").decode("utf-8", "replace")[:100] or "body"
            self.problem = (
                f"a part header is longer than {DEFAULT_MAX_HEADER_SIZE} bytes "
                f"(a file name needs at most {NAME_MAX} characters)"
            )

    def _header_end(self) -> None:
        if bytes(self._field).lower() == b"content-disposition":
            self._disposition = bytes(self._value)
        self._field.clear()
        self._value.clear()

    def _headers_done(self) -> None:
        _, options = parse_options_header(self._disposition)
        raw_name = options.get(b"name", b"")
        self._name = raw_name.decode("utf-8", "replace") or "body"
        self._is_file = b"filename" in options
        for raw in (raw_name, options.get(b"filename", b"")):
            if not _is_utf8(raw):
                self.bad = self._name

    def _data(self, data: bytes, start: int, end: int) -> None:
        if not self._is_file and not self._too_long:
            self._content += data[start:end]
            # a field this long is the form parser's to refuse; a cut buffer could end
            # inside a character and look like bad UTF-8
            self._too_long = len(self._content) > FORM_FIELD_MAX

    def _end(self) -> None:
        if not (self._is_file or self._too_long) and not _is_utf8(bytes(self._content)):
            self.bad = self._name


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _is_json(content_type: str | None) -> bool:
    """Whether FastAPI reads the body as JSON: no content type, or ``…/json``, ``…+json``."""
    if not content_type:
        return True
    kind, _ = parse_options_header(content_type)
    main, _, sub = kind.decode("latin-1").partition("/")
    return main == "application" and (sub == "json" or sub.endswith("+json"))


def check_json_body(raw: bytes) -> DomainError | None:
    """A JSON body parsed once and measured before any model sees it: malformed (bad
    UTF-8, too deep, an integer past Python's digit limit) or larger in keys, items,
    values or depth than any request of the API → 422 ``body``, so a refusal costs the
    server little and its answer stays small."""
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except RecursionError:
        return invalid("body", f"body: nested deeper than {JSON_DEPTH_MAX} levels")
    except ValueError:
        # JSONDecodeError, UnicodeDecodeError and the integer digit limit alike
        return invalid("body", "body: not valid JSON")
    stack: list[tuple[Any, int]] = [(value, 1)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > JSON_VALUES_MAX:
            return invalid("body", f"body: more than {JSON_VALUES_MAX} values")
        if depth > JSON_DEPTH_MAX:
            return invalid("body", f"body: nested deeper than {JSON_DEPTH_MAX} levels")
        if isinstance(node, dict):
            if len(node) > JSON_KEYS_MAX:
                return invalid("body", f"body: an object has more than {JSON_KEYS_MAX} fields")
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            if len(node) > JSON_ITEMS_MAX:
                return invalid("body", f"body: a list has more than {JSON_ITEMS_MAX} items")
            stack.extend((v, depth + 1) for v in node)
    return None


def check_request_line(scope: Scope) -> DomainError | None:
    """NUL, over-long or non-UTF-8 path and query parameters, refused by name."""
    path: str = scope.get("path", "")
    if "\x00" in path or len(path) > PATH_MAX:
        return DomainError("validation", "the path is not valid", field="path")
    raw: bytes = scope.get("query_string", b"")
    try:
        pairs = parse_qsl(
            raw.decode("latin-1"), keep_blank_values=True, encoding="utf-8", errors="strict"
        )
    except (UnicodeDecodeError, ValueError):
        return DomainError("validation", "the query string is not valid UTF-8", field="query")
    for name, value in pairs:
        field = name if len(name) <= 100 and "\x00" not in name else "query"
        if "\x00" in name or "\x00" in value:
            return DomainError("validation", f"{field}: must not contain NUL", field=field)
        if len(value) > QUERY_VALUE_MAX:
            return DomainError(
                "validation", f"{field}: at most {QUERY_VALUE_MAX} characters", field=field
            )
    return None


class Edge:
    """Pure ASGI middleware in front of the app, for every HTTP request:

    - path and query string checked (NUL, length, UTF-8) → 422;
    - ``Content-Length`` over the route's cap → 413 before anything is read;
    - the caller authenticated (bearer token, channel key) → 401 before the body is read
      or spooled; the caller is kept in the request state for the route's dependency;
    - the body counted while the app reads it: past the cap → 413; multipart fields
      that are not UTF-8 → 422; a JSON body read whole first and refused when malformed
      or larger in keys, items or depth than the API's requests → 422;
    - an exception escaping the app → 500 "internal error, reference X", logged with
      the reference, on a connection that stays usable.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        routes: list[BaseRoute],
        gates: dict[Callable[..., Any], Gate],
        json_limit: int,
        upload_limit: int,
    ) -> None:
        self.app = app
        self.routes = routes
        self.gates = gates
        self.json_limit = json_limit
        self.upload_limit = upload_limit
        self._known: dict[int, RouteEdge] = {}

    def route_edge(self, scope: Scope) -> RouteEdge:
        for route in self.routes:
            match, _ = route.matches(scope)
            if match is Match.FULL and isinstance(route, APIRoute):
                known = self._known.get(id(route))
                if known is None:
                    known = self._known[id(route)] = classify(route, self.gates)
                return known
        return RouteEdge(gate=None, upload=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self._serve(scope, receive, tracked_send)
        except (EdgeRefusal, DomainError) as exc:
            if started:
                raise
            error = exc.error if isinstance(exc, EdgeRefusal) else exc
            await refusal(error)(scope, receive, tracked_send)
        except Exception as exc:
            if started:
                raise
            reference = uuid.uuid4().hex[:12]
            log.error("internal error, reference %s", reference, exc_info=exc)
            answer = envelope(
                "internal",
                f"internal error, reference {reference}",
                details={"reference": reference},
            )
            await answer(scope, receive, tracked_send)

    async def _serve(self, scope: Scope, receive: Receive, send: Send) -> None:
        bad_line = check_request_line(scope)
        if bad_line is not None:
            raise bad_line
        edge = self.route_edge(scope)
        headers = Headers(scope=scope)
        limit = self.upload_limit if edge.upload else self.json_limit
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise _too_large(limit)
        if edge.gate is not None:
            try:
                caller = await run_in_threadpool(edge.gate, headers)
            except sa.exc.OperationalError as exc:
                log.warning("database busy: %s", exc)
                raise DomainError(
                    "unavailable", "the server is busy; try again in a moment"
                ) from None
            scope.setdefault("state", {})[CALLER] = caller
        watch = _form_watch(headers) if edge.upload else None
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                chunk: bytes = message.get("body", b"")
                received += len(chunk)
                if received > limit:
                    raise _too_large(limit)
                if watch is not None:
                    watch.feed(chunk)
            return message

        if edge.json_body and _is_json(headers.get("content-type")):
            body = bytearray()
            while True:
                message = await counted_receive()
                if message["type"] != "http.request":
                    # the client left: let the app see it as it would
                    await self.app(scope, _replay(bytes(body), message, receive), send)
                    return
                body += message.get("body", b"")
                if not message.get("more_body", False):
                    break
            bad_body = await run_in_threadpool(check_json_body, bytes(body))
            if bad_body is not None:
                raise bad_body
            await self.app(scope, _replay(bytes(body), None, receive), send)
            return
        await self.app(scope, counted_receive, send)


def _replay(body: bytes, last: Message | None, receive: Receive) -> Receive:
    """A receive giving the body already read in one message (then ``last``), then the
    connection's own messages (a disconnect)."""
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]
    if last is not None:
        pending = [last]

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


def _too_large(limit: int) -> EdgeRefusal:
    return EdgeRefusal("too_large", f"the request body is larger than {limit} bytes", field="body")


def _form_watch(headers: Headers) -> FormWatch | None:
    content_type, options = parse_options_header(headers.get("content-type"))
    boundary = options.get(b"boundary")
    if content_type != b"multipart/form-data" or not boundary:
        return None
    return FormWatch(boundary)


MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}")
"""``type/subtype`` as RFC 6838 names them, parameters dropped."""


def claimed_media_type(value: str | None) -> str:
    """The uploader's media type when it is one, else ``application/octet-stream``: it is
    only a hint (attachments are served by what their bytes are, see ``sniff``)."""
    bare = (value or "").split(";", 1)[0].strip().lower()
    return bare if MEDIA_TYPE.fullmatch(bare) else "application/octet-stream"


def read_uploads(received: list[UploadFile] | None, *, most: int, limit: int) -> list[Upload]:
    """The attachments of a multipart request: counted before any is read, each read up
    to its cap plus one byte (413 above it), names NUL-free and cut to the column."""
    parts = received or []
    if len(parts) > most:
        raise invalid("attachments", f"at most {most} attachments, not {len(parts)}")
    uploads: list[Upload] = []
    for part in parts:
        name = part.filename or "attachment"
        if "\x00" in name:
            raise invalid("attachments", "a file name must not contain NUL characters")
        content = part.file.read(limit + 1)
        if len(content) > limit:
            raise DomainError(
                "too_large",
                f"{name} is larger than {limit} bytes",
                field="attachments",
                details={"name": name, "limit": limit},
            )
        uploads.append(
            Upload(
                name=name[:NAME_MAX],
                media_type=claimed_media_type(part.content_type),
                content=content,
            )
        )
    return uploads
