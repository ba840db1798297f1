"""The agent's sentences about the connection: an unreachable server (URL and reason in
words), a plain-http one."""

from __future__ import annotations

from urllib.parse import urlsplit

from athena_tui.i18n import t
from backend_client.errors import ApiError, Unreachable


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (traffic to it never leaves it)."""
    import ipaddress

    if host.casefold().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def insecure_transport(server_url: str | None) -> bool:
    """Whether ``server_url`` is plain http to another machine (the screen says so)."""
    if not server_url:
        return False
    parts = urlsplit(server_url)
    return parts.scheme == "http" and not is_loopback(parts.hostname or "")


def insecure_warning(server_url: str) -> str:
    """The line every screen shows while the connection is plain http to another host."""
    return t(
        "UNENCRYPTED connection to {host} (--allow-insecure-http): the session and "
        "citizen data can be read on the network.",
        host=urlsplit(server_url).hostname or server_url,
    )


def reason_words(error: Unreachable) -> str:
    """Why the server could not be reached, in the agent's language."""
    if error.reason == "refused":
        return t("connection refused")
    if error.reason == "timeout":
        return t("no answer in time")
    if error.reason == "name":
        return t("host name {host} not found", host=error.host)
    if error.reason == "tls_untrusted":
        return t(
            "the server's certificate is not trusted (not signed by a known authority; "
            "a private one is given with --ca-cert FILE)"
        )
    if error.reason == "tls_hostname":
        if error.detail:
            return t(
                "the server's certificate is for host {names}, not {host}",
                names=error.detail,
                host=error.host,
            )
        return t("the server's certificate is for another host than {host}", host=error.host)
    if error.reason == "tls_expired":
        if error.detail:
            return t("the server's certificate expired on {day}", day=error.detail)
        return t("the server's certificate has expired")
    if error.reason == "tls_not_yet_valid":
        if error.detail:
            return t("the server's certificate is valid only from {day}", day=error.detail)
        return t("the server's certificate is not valid yet")
    if error.reason == "tls":
        return t("the secure connection to {host} failed", host=error.host)
    return t("network error ({detail})", detail=error.detail)


def describe_failure(error: ApiError) -> str:
    """One line: the URL tried and why it failed (or the server's own answer)."""
    if isinstance(error, Unreachable):
        return t("{url}: {reason}", url=error.url, reason=reason_words(error))
    return error.message
