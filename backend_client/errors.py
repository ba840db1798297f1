"""Typed errors of the Athena API, shared by server (codes) and client (exceptions)."""

from __future__ import annotations

from typing import Any

# Error codes carried in ErrorBody.code, with their HTTP status.
ERROR_STATUS: dict[str, int] = {
    "unauthorized": 401,
    "forbidden": 403,
    "not_found": 404,
    "stale_version": 409,
    "assigned_elsewhere": 409,
    "file_closed": 409,
    "conflict": 409,
    "validation": 422,
    "too_large": 413,
    "rate_limited": 429,
    "unavailable": 503,
    # a bug of the server (never bad input): the answer names a reference in its log
    "internal": 500,
}


class ApiError(Exception):
    """Base of every error the client raises; ``message`` is fit for the agent's eyes."""

    code = "error"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        details: dict[str, Any] | None = None,
        status: int | None = None,
        server_code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.details: dict[str, Any] = details or {}
        self.status = status
        self.server_code = server_code
        """The server's own code (``stale_version``, ``assigned_elsewhere``…), finer than
        the class's ``code``; None when the error did not come from a server answer."""


class Unauthorized(ApiError):
    """No session, or it expired."""

    code = "unauthorized"


class Forbidden(ApiError):
    """The session's agent, role or groups do not allow this."""

    code = "forbidden"


class NotFound(ApiError):
    """Unknown file, ticket, citizen, group or agent."""

    code = "not_found"


class Conflict(ApiError):
    """The file changed: stale version, held by someone else, or closed.

    ``details`` may carry ``current_version``, ``changed_by``, ``changed_at``,
    ``action`` and ``assignee``.
    """

    code = "conflict"


class ValidationFailed(ApiError):
    """Bad input; ``field`` names the field."""

    code = "validation"


class TooLarge(ApiError):
    """An attachment or request body over the size cap."""

    code = "too_large"


class RateLimited(ApiError):
    """Too many attempts; try again later."""

    code = "rate_limited"


class Unavailable(ApiError):
    """The server cannot be reached or answered 5xx; the action may be retried."""

    code = "unavailable"


# Why a server could not be reached, in the words a client composes its sentence from.
UNREACHABLE_REASONS = (
    "refused",  # nothing listens on that port
    "timeout",  # no answer in time
    "name",  # the host name does not resolve
    "tls_untrusted",  # the server's certificate is not signed by a trusted authority
    "tls_hostname",  # the certificate is for another host (detail: the hosts it is for)
    "tls_expired",  # the certificate expired (detail: the day, ISO)
    "tls_not_yet_valid",  # the certificate is not valid yet (detail: from which day, ISO)
    "tls",  # another TLS failure
    "network",  # anything else on the way
)


class Unreachable(Unavailable):
    """No answer from the server at all; ``url`` is what was tried, ``reason`` one of
    ``UNREACHABLE_REASONS`` (``host`` is the host the TLS checks were about)."""

    def __init__(self, url: str, reason: str, *, host: str = "", detail: str = "") -> None:
        super().__init__(f"server unreachable at {url}: {reason}{f' ({detail})' if detail else ''}")
        self.url = url
        self.reason = reason
        self.host = host
        self.detail = detail


_BY_STATUS: dict[int, type[ApiError]] = {
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: TooLarge,
    400: ValidationFailed,
    422: ValidationFailed,
    429: RateLimited,
}


def error_for_status(status: int) -> type[ApiError]:
    """The exception class for an HTTP status (5xx → Unavailable)."""
    if status >= 500:
        return Unavailable
    return _BY_STATUS.get(status, ApiError)
