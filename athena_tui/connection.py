"""The agent's sentence for a server that cannot be reached (URL and reason in words)."""

from __future__ import annotations

from athena_tui.i18n import t
from backend_client.errors import ApiError, Unreachable


def reason_words(error: Unreachable) -> str:
    """Why the server could not be reached, in the agent's language."""
    if error.reason == "refused":
        return t("connection refused")
    if error.reason == "timeout":
        return t("no answer in time")
    if error.reason == "name":
        return t("host name {host} not found", host=error.host)
    if error.reason == "tls_untrusted":
        return t("TLS certificate not trusted for host {host}", host=error.host)
    if error.reason == "tls_hostname":
        return t("TLS certificate is for another host than {host}", host=error.host)
    if error.reason == "tls":
        return t("TLS failure with host {host}", host=error.host)
    return t("network error ({detail})", detail=error.detail)


def describe_failure(error: ApiError) -> str:
    """One line: the URL tried and why it failed (or the server's own answer)."""
    if isinstance(error, Unreachable):
        return t("{url}: {reason}", url=error.url, reason=reason_words(error))
    return error.message
