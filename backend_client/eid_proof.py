"""What an eID login signs: one domain-separated message, built alike by client and server."""

from __future__ import annotations

from urllib.parse import urlsplit

APP_ID = b"athena-login-v1"
"""Names the application and the protocol version: a signature made for Athena's login
is worth nothing to any other service that might send the card the same nonce."""

_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower-cased, default port dropped."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port is None or port == _DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def login_message(origin: str, nonce: str) -> bytes:
    """The bytes the card signs: application id, the server's origin as the client
    reached it, and the server's nonce. The origin stops a look-alike server from
    relaying a real server's challenge: the card would sign the look-alike's origin."""
    return APP_ID + b"\n" + origin_of(origin).encode() + b"\n" + nonce.encode("ascii")
