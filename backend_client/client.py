"""Async HTTP client of the Athena API v1 (docs/api.md): one typed method per endpoint."""

from __future__ import annotations

import asyncio
import datetime as dt
import mimetypes
import socket
import ssl
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import httpx
from cryptography import x509
from cryptography.x509.oid import NameOID
from pydantic import BaseModel, TypeAdapter, ValidationError

from backend_client.errors import (
    ApiError,
    Conflict,
    Unavailable,
    Unreachable,
    error_for_status,
)
from backend_client.models import (
    SEARCH_PAGE,
    Agent,
    AuditEntry,
    Career,
    CareerRead,
    CareerView,
    Challenge,
    Citizen,
    CitizenNewFile,
    CitizenPage,
    CitizenRead,
    CitizenSearch,
    ContactFile,
    DemoLoginRequest,
    DispatchRequest,
    DispatchResult,
    EidLoginRequest,
    EidRoleRequest,
    ErrorEnvelope,
    FileSummary,
    Group,
    MergeRequest,
    MergeResult,
    MoveRequest,
    NewFileRequest,
    Priority,
    PriorityRequest,
    Purpose,
    ReleaseRequest,
    Role,
    RoleChoice,
    Session,
    SplitRequest,
    SplitResult,
    Status,
    StatusRequest,
    SyncPage,
    TakeRequest,
    Teammate,
    VersionedRef,
)

M = TypeVar("M", bound=BaseModel)

# Bounded backoff for idempotent calls (GETs and keyed writes): three tries in all.
RETRY_DELAYS: tuple[float, ...] = (0.2, 0.6)

_AGENTS = TypeAdapter(list[Agent])
_GROUPS = TypeAdapter(list[Group])
_TEAMMATES = TypeAdapter(list[Teammate])
_SUMMARIES = TypeAdapter(list[FileSummary])
_AUDIT = TypeAdapter(list[AuditEntry])


def _error_from_response(response: httpx.Response) -> ApiError:
    """Turn an error answer into the typed exception, with the server's message."""
    cls = error_for_status(response.status_code)
    try:
        body = ErrorEnvelope.model_validate_json(response.content).error
    except ValidationError:
        reason = response.reason_phrase or "error"
        return cls(f"server answered {response.status_code} {reason}", status=response.status_code)
    return cls(
        body.message,
        field=body.field,
        details=dict(body.details),
        status=response.status_code,
        server_code=body.code,
    )


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and what it was raised from (httpx wraps httpcore wraps the OS error)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


# OpenSSL verify codes (X509_V_ERR_*) that get their own sentence
_HOSTNAME_MISMATCH = (62, 63, 64)  # HOSTNAME_, EMAIL_, IP_ADDRESS_MISMATCH
_EXPIRED = 10  # CERT_HAS_EXPIRED
_NOT_YET_VALID = 9  # CERT_NOT_YET_VALID


def unreachable(url: str, exc: httpx.TransportError) -> Unreachable:
    """Name, in a reason code, why ``url`` could not be reached."""
    host = httpx.URL(url).host
    if isinstance(exc, httpx.TimeoutException):
        return Unreachable(url, "timeout", host=host)
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            code = cause.verify_code
            if code in _HOSTNAME_MISMATCH:
                reason = "tls_hostname"
            elif code == _EXPIRED:
                reason = "tls_expired"
            elif code == _NOT_YET_VALID:
                reason = "tls_not_yet_valid"
            else:
                reason = "tls_untrusted"
            return Unreachable(url, reason, host=host, detail=str(cause.verify_message or ""))
        if isinstance(cause, ssl.SSLError):
            return Unreachable(url, "tls", host=host, detail=str(cause.reason or ""))
        if isinstance(cause, ConnectionRefusedError):
            return Unreachable(url, "refused", host=host)
        if isinstance(cause, socket.gaierror):
            return Unreachable(url, "name", host=host)
    text = str(exc)
    # httpcore re-raises OS errors by their text only
    if "Connection refused" in text or "Errno 111" in text:
        return Unreachable(url, "refused", host=host)
    if "Name or service not known" in text or "nodename nor servname" in text:
        return Unreachable(url, "name", host=host)
    if "CERTIFICATE_VERIFY_FAILED" in text:
        mismatch = "mismatch" in text.casefold()
        return Unreachable(url, "tls_hostname" if mismatch else "tls_untrusted", host=host)
    return Unreachable(url, "network", host=host, detail=text or type(exc).__name__)


PEEK_TIMEOUT = 3.0
"""Seconds the second look at a refused certificate may take (it only adds words)."""


def peer_certificate(url: str, timeout: float = PEEK_TIMEOUT) -> x509.Certificate | None:
    """The certificate the server at ``url`` presents, read without trusting it, so a
    refusal can say what it is for and until when; None when it cannot be read.
    Nothing is sent over this connection: it is closed after the handshake."""
    parsed = httpx.URL(url)
    port = parsed.port or 443
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection((parsed.host, port), timeout=timeout) as raw:
            with context.wrap_socket(raw, server_hostname=parsed.host) as tls:
                der = tls.getpeercert(binary_form=True)
    except (OSError, ValueError):
        return None
    if not der:
        return None
    try:
        return x509.load_der_x509_certificate(der)
    except ValueError:
        return None


def certificate_names(cert: x509.Certificate) -> list[str]:
    """The host names and addresses a certificate is for (subjectAltName, else CN)."""
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        names = [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    else:
        names = [str(n) for n in san.get_values_for_type(x509.DNSName)]
        names += [str(ip) for ip in san.get_values_for_type(x509.IPAddress)]
    return names


async def explain_tls(error: Unreachable) -> Unreachable:
    """Add to a certificate refusal what the certificate says: the hosts it is for
    (``detail`` = names joined by ", ") or the day it expired / becomes valid
    (``detail`` = ISO date)."""
    if error.reason not in ("tls_hostname", "tls_expired", "tls_not_yet_valid"):
        return error
    cert = await asyncio.to_thread(peer_certificate, error.url)
    if cert is None:
        return error
    if error.reason == "tls_hostname":
        detail = ", ".join(certificate_names(cert))
    elif error.reason == "tls_expired":
        detail = cert.not_valid_after_utc.date().isoformat()
    else:
        detail = cert.not_valid_before_utc.date().isoformat()
    if not detail:
        return error
    return Unreachable(error.url, error.reason, host=error.host, detail=detail)


def tls_context(ca_cert: Path | str | None = None) -> ssl.SSLContext:
    """The TLS checks of the client: httpx's trusted authorities (certifi), or only
    the private CA in ``ca_cert`` (a PEM file) when one is given. Raises OSError or
    ssl.SSLError for a file that is not a readable certificate."""
    if ca_cert is None:
        return httpx.create_ssl_context()
    return ssl.create_default_context(cafile=str(ca_cert))


class AthenaClient:
    """The Athena API over ``httpx.AsyncClient``; raises ``backend_client.errors`` types.

    Connection errors, timeouts and 5xx answers raise ``Unavailable``. GETs and writes
    given an ``idempotency_key`` are retried a couple of times with a short backoff;
    other writes are sent once, since the server cannot tell a retry from a new request.
    """

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
        retry_delays: Sequence[float] = RETRY_DELAYS,
        verify: ssl.SSLContext | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._token = token
        self._retry_delays = tuple(retry_delays)
        self._transport = transport
        # one context for the client and the clients made from it (with_token): loading
        # the trusted authorities costs ~20 ms
        self._verify = verify if verify is not None else tls_context()
        self._http = httpx.AsyncClient(
            base_url=self.base_url, timeout=timeout, transport=transport, verify=self._verify
        )

    # ------------------------------------------------------------------ lifecycle

    @property
    def token(self) -> str | None:
        return self._token

    def with_token(self, token: str | None) -> AthenaClient:
        """A new client for the same server carrying ``token`` (close it yourself)."""
        return AthenaClient(
            self.base_url,
            token=token,
            timeout=self.timeout,
            transport=self._transport,
            retry_delays=self._retry_delays,
            verify=self._verify,
        )

    def set_token(self, token: str) -> None:
        """Carry ``token`` from now on (a re-login after the lock screen: the gateway
        and the sync engine keep their client)."""
        self._token = token

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AthenaClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # ------------------------------------------------------------------ plumbing

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        files: list[tuple[str, tuple[str, bytes, str]]] | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
        safe: bool = False,
    ) -> httpx.Response:
        headers: dict[str, str] = {}
        if self._token:
            headers["Authorization"] = f"Bearer {self._token}"
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        # ``safe``: a POST that only reads (its body keeps citizen data out of the URL)
        retryable = method == "GET" or safe or idempotency_key is not None
        delays = self._retry_delays if retryable else ()
        attempt = 0
        while True:
            try:
                response = await self._http.request(
                    method,
                    path,
                    params=params,
                    json=json,
                    data=data,
                    files=files,
                    headers=headers,
                    timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
                )
            except httpx.TransportError as exc:
                error: ApiError = await explain_tls(unreachable(self.base_url, exc))
            else:
                if response.is_success:
                    return response
                error = _error_from_response(response)
            if not isinstance(error, Unavailable) or attempt >= len(delays):
                raise error
            await asyncio.sleep(delays[attempt])
            attempt += 1

    async def _get(self, path: str, model: type[M], **params: Any) -> M:
        response = await self._request("GET", path, params=_clean(params) or None)
        return model.model_validate_json(response.content)

    async def _post(
        self, path: str, model: type[M], body: BaseModel | None, idempotency_key: str | None
    ) -> M:
        payload = body.model_dump(mode="json") if body is not None else None
        response = await self._request("POST", path, json=payload, idempotency_key=idempotency_key)
        return model.model_validate_json(response.content)

    # ------------------------------------------------------------------ auth

    async def health(self) -> dict[str, Any]:
        response = await self._request("GET", "/v1/health")
        result: dict[str, Any] = response.json()
        return result

    async def demo_agents(self) -> list[Agent]:
        response = await self._request("GET", "/v1/auth/demo/agents")
        return _AGENTS.validate_json(response.content)

    async def demo_login(self, agent_id: int, role: Role | None = None) -> Session | RoleChoice:
        """A demo session, or the roles to choose from when the agent holds several."""
        body = DemoLoginRequest(agent_id=agent_id, role=role).model_dump(mode="json")
        try:
            response = await self._request("POST", "/v1/auth/demo", json=body)
        except Conflict as exc:
            roles = exc.details.get("roles")
            if not isinstance(roles, list):
                raise
            agent_data = exc.details.get("agent")
            if isinstance(agent_data, dict):
                agent = Agent.model_validate(agent_data)
            else:
                agent = next(a for a in await self.demo_agents() if a.id == agent_id)
            return RoleChoice(agent=agent, roles=[Role(r) for r in roles])
        return Session.model_validate_json(response.content)

    async def challenge(self) -> Challenge:
        """A single-use nonce for the eID login."""
        response = await self._request("POST", "/v1/auth/challenge")
        return Challenge.model_validate_json(response.content)

    async def eid_login(self, request: EidLoginRequest) -> Session | RoleChoice:
        """An eID session, or the roles to choose from with the ticket that finishes the
        login (``eid_role``) when the agent holds several and named none."""
        try:
            response = await self._request(
                "POST", "/v1/auth/eid", json=request.model_dump(mode="json")
            )
        except Conflict as exc:
            roles, agent, ticket = (exc.details.get(k) for k in ("roles", "agent", "ticket"))
            if not isinstance(roles, list) or not isinstance(agent, dict):
                raise
            return RoleChoice(
                agent=Agent.model_validate(agent),
                roles=[Role(r) for r in roles],
                ticket=ticket if isinstance(ticket, str) else None,
            )
        return Session.model_validate_json(response.content)

    async def eid_role(self, ticket: str, role: Role) -> Session:
        """Finish an eID login with the chosen role."""
        body = EidRoleRequest(ticket=ticket, role=role)
        return await self._post("/v1/auth/eid/role", Session, body, None)

    async def logout(self, timeout: float | None = None) -> None:
        """End this session on the server (sent once; ``timeout`` bounds the wait)."""
        await self._request("DELETE", "/v1/auth/session", timeout=timeout)

    async def me(self) -> Session:
        return await self._get("/v1/me", Session)

    # ------------------------------------------------------------------ groups

    async def groups(self) -> list[Group]:
        response = await self._request("GET", "/v1/groups")
        return _GROUPS.validate_json(response.content)

    async def teammates(self, group_id: str) -> list[Teammate]:
        response = await self._request("GET", f"/v1/groups/{group_id}/agents")
        return _TEAMMATES.validate_json(response.content)

    # ------------------------------------------------------------------ sync

    async def sync(self, cursor: str = "0", wait: float = 0, limit: int = 1000) -> SyncPage:
        """Changes since ``cursor``; with ``wait`` > 0 the server holds the request
        until something changes or ``wait`` seconds passed (long-poll)."""
        response = await self._request(
            "GET",
            "/v1/sync",
            params={"cursor": cursor, "wait": wait, "limit": limit},
            timeout=wait + self.timeout,
        )
        return SyncPage.model_validate_json(response.content)

    # ------------------------------------------------------------------ files: reads

    async def get_file(self, file_id: int) -> ContactFile:
        return await self._get(f"/v1/files/{file_id}", ContactFile)

    async def file_by_ticket(self, ticket: str) -> ContactFile:
        return await self._get(f"/v1/files/by-ticket/{ticket}", ContactFile)

    async def treated(self, limit: int = 100, offset: int = 0) -> list[FileSummary]:
        response = await self._request(
            "GET", "/v1/files/treated", params={"limit": limit, "offset": offset}
        )
        return _SUMMARIES.validate_json(response.content)

    async def audit(self, file_id: int) -> list[AuditEntry]:
        response = await self._request("GET", f"/v1/files/{file_id}/audit")
        return _AUDIT.validate_json(response.content)

    async def download_attachment(self, attachment_id: int) -> bytes:
        response = await self._request("GET", f"/v1/attachments/{attachment_id}")
        return response.content

    # ------------------------------------------------------------------ files: writes

    async def open_file(
        self, file_id: int, version: int, *, idempotency_key: str | None = None
    ) -> ContactFile:
        """Open a file: takes it when unassigned, marks it read."""
        return await self._post(
            f"/v1/files/{file_id}/open", ContactFile, TakeRequest(version=version), idempotency_key
        )

    async def take(
        self, file_id: int, version: int, *, idempotency_key: str | None = None
    ) -> FileSummary:
        return await self._post(
            f"/v1/files/{file_id}/take", FileSummary, TakeRequest(version=version), idempotency_key
        )

    async def release(
        self, file_id: int, version: int, *, idempotency_key: str | None = None
    ) -> FileSummary:
        return await self._post(
            f"/v1/files/{file_id}/release",
            FileSummary,
            ReleaseRequest(version=version),
            idempotency_key,
        )

    async def move(
        self, file_id: int, version: int, group_id: str, *, idempotency_key: str | None = None
    ) -> FileSummary:
        return await self._post(
            f"/v1/files/{file_id}/move",
            FileSummary,
            MoveRequest(version=version, group_id=group_id),
            idempotency_key,
        )

    async def set_priority(
        self,
        file_id: int,
        version: int,
        priority: Priority,
        *,
        idempotency_key: str | None = None,
    ) -> FileSummary:
        return await self._post(
            f"/v1/files/{file_id}/priority",
            FileSummary,
            PriorityRequest(version=version, priority=priority),
            idempotency_key,
        )

    async def set_status(
        self, file_id: int, version: int, status: Status, *, idempotency_key: str | None = None
    ) -> FileSummary:
        return await self._post(
            f"/v1/files/{file_id}/status",
            FileSummary,
            StatusRequest(version=version, status=status),
            idempotency_key,
        )

    async def reply(
        self,
        file_id: int,
        version: int,
        body: str,
        *,
        visible_to_citizen: bool = True,
        final: bool = True,
        attachments: Sequence[Path] = (),
        idempotency_key: str | None = None,
    ) -> ContactFile:
        """Post a message (multipart); a final visible reply closes the file."""
        parts = await asyncio.to_thread(_read_attachments, list(attachments))
        data = {
            "version": str(version),
            "body": body,
            "visible_to_citizen": _flag(visible_to_citizen),
            "final": _flag(final),
        }
        response = await self._request(
            "POST",
            f"/v1/files/{file_id}/messages",
            data=data,
            files=[("attachments", part) for part in parts] or None,
            idempotency_key=idempotency_key,
        )
        return ContactFile.model_validate_json(response.content)

    async def mark_read(self, file_id: int, *, idempotency_key: str | None = None) -> None:
        await self._request("POST", f"/v1/files/{file_id}/read", idempotency_key=idempotency_key)

    async def dispatch(
        self,
        assignee_id: int,
        files: Sequence[VersionedRef],
        *,
        confirm_reassign: bool = False,
        idempotency_key: str | None = None,
    ) -> DispatchResult:
        request = DispatchRequest(
            assignee_id=assignee_id, files=list(files), confirm_reassign=confirm_reassign
        )
        return await self._post("/v1/files/dispatch", DispatchResult, request, idempotency_key)

    async def merge(
        self, files: Sequence[VersionedRef], *, idempotency_key: str | None = None
    ) -> MergeResult:
        request = MergeRequest(files=list(files))
        return await self._post("/v1/files/merge", MergeResult, request, idempotency_key)

    async def split(
        self, file_id: int, version: int, message: str, *, idempotency_key: str | None = None
    ) -> SplitResult:
        request = SplitRequest(version=version, message=message)
        return await self._post(f"/v1/files/{file_id}/split", SplitResult, request, idempotency_key)

    # ------------------------------------------------------------------ citizens

    # Every citizen call is a POST with the NISS in the body: URLs end up in server and
    # proxy logs. Reads of one citizen carry the purpose (a file of theirs, or a reason).

    async def _read(self, path: str, body: BaseModel) -> httpx.Response:
        return await self._request("POST", path, json=body.model_dump(mode="json"), safe=True)

    async def search_citizens(
        self,
        *,
        niss: str | None = None,
        last_name: str | None = None,
        first_name: str | None = None,
        birth_date: dt.date | None = None,
        limit: int = SEARCH_PAGE,
        offset: int = 0,
    ) -> CitizenPage:
        """Search by a full NISS, or by 3+ letters of the last name [+ first name]
        [+ birth date]; one page (``more`` when there is a next one)."""
        query = CitizenSearch(
            niss=niss,
            last_name=last_name,
            first_name=first_name,
            birth_date=birth_date,
            limit=limit,
            offset=offset,
        )
        response = await self._read("/v1/citizens/search", query)
        return CitizenPage.model_validate_json(response.content)

    async def citizen(self, niss: str, purpose: Purpose | None) -> Citizen:
        response = await self._read(
            "/v1/citizens/identity", CitizenRead(niss=niss, purpose=purpose)
        )
        return Citizen.model_validate_json(response.content)

    async def citizen_files(self, niss: str, purpose: Purpose | None) -> list[FileSummary]:
        response = await self._read("/v1/citizens/files", CitizenRead(niss=niss, purpose=purpose))
        return _SUMMARIES.validate_json(response.content)

    async def new_file(
        self,
        niss: str,
        request: NewFileRequest,
        purpose: Purpose | None,
        *,
        idempotency_key: str | None = None,
    ) -> ContactFile:
        body = CitizenNewFile(niss=niss, purpose=purpose, file=request)
        return await self._post("/v1/citizens/new-file", ContactFile, body, idempotency_key)

    async def career(
        self, niss: str, view: CareerView = CareerView.AGENT, purpose: Purpose | None = None
    ) -> Career:
        body = CareerRead(niss=niss, view=view, purpose=purpose)
        response = await self._read("/v1/citizens/career", body)
        return Career.model_validate_json(response.content)


def _clean(params: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in params.items() if value is not None}


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _read_attachments(paths: list[Path]) -> list[tuple[str, bytes, str]]:
    parts = []
    for path in paths:
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        parts.append((path.name, path.read_bytes(), media_type))
    return parts
