"""Domain errors of the server; the app turns each into an ErrorEnvelope answer."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse

from backend_client.errors import ERROR_STATUS
from backend_client.models import ErrorBody, ErrorEnvelope


class DomainError(Exception):
    """A refused request: ``code`` picks the HTTP status, ``message`` is for the agent."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        field: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        if code not in ERROR_STATUS:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.details: dict[str, Any] = details or {}

    @property
    def status(self) -> int:
        return ERROR_STATUS[self.code]


def not_found(message: str, *, field: str | None = None) -> DomainError:
    return DomainError("not_found", message, field=field)


def forbidden(message: str, *, field: str | None = None) -> DomainError:
    return DomainError("forbidden", message, field=field)


def invalid(field: str, message: str) -> DomainError:
    return DomainError("validation", message, field=field)


def conflict(message: str, **details: Any) -> DomainError:
    return DomainError("conflict", message, details=details)


def envelope(
    code: str,
    message: str,
    *,
    field: str | None = None,
    details: dict[str, Any] | None = None,
    status: int | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """The answer of a refusal: an ErrorEnvelope with the status of its code."""
    body = ErrorEnvelope(
        error=ErrorBody(code=code, message=message, field=field, details=details or {})
    )
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=status or ERROR_STATUS.get(code, 500),
        headers=headers,
    )


def refusal(exc: DomainError) -> JSONResponse:
    """The envelope answering ``exc``; a 401 says which scheme to use, a 429 when to
    come back."""
    headers = {"WWW-Authenticate": "Bearer"} if exc.code == "unauthorized" else None
    if exc.code == "rate_limited":
        headers = {"Retry-After": str(exc.details.get("retry_after", 60))}
    return envelope(exc.code, exc.message, field=exc.field, details=exc.details, headers=headers)
