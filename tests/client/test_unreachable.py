"""Why a server could not be reached: the client's reason code and URL, the agent's sentence."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from athena_tui.connection import describe_failure
from athena_tui.i18n import current_language, set_language
from backend_client.client import AthenaClient
from backend_client.errors import Unreachable
from tests.client.live import closed_port_url


@pytest.fixture
def language() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


def self_signed(tmp_path: Path, host: str) -> tuple[Path, Path]:
    """A self-signed certificate for ``host`` (a DNS name) and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / f"{host}.pem", tmp_path / f"{host}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A loopback port that does TLS handshakes with a certificate for other.example."""
    cert, key = self_signed(tmp_path, "other.example")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.settimeout(2)
            try:
                with context.wrap_socket(conn, server_side=True):
                    pass
            except (OSError, ssl.SSLError):
                pass  # the client hung up on our certificate: what the test wants

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{listener.getsockname()[1]}", cert
    stop.set()
    thread.join()
    listener.close()


async def failure(client: AthenaClient) -> Unreachable:
    async with client:
        with pytest.raises(Unreachable) as caught:
            await client.health()
    return caught.value


async def test_closed_port_is_refused(language: None) -> None:
    url = closed_port_url()
    error = await failure(AthenaClient(url, retry_delays=()))
    assert (error.url, error.reason) == (url, "refused")
    set_language("fr")
    assert describe_failure(error) == f"{url}: connexion refusée"
    set_language("en")
    assert describe_failure(error) == f"{url}: connection refused"


async def test_self_signed_certificate_is_not_trusted(
    tls_server: tuple[str, Path], language: None
) -> None:
    url, _ = tls_server
    error = await failure(AthenaClient(url, retry_delays=()))
    assert (error.url, error.reason, error.host) == (url, "tls_untrusted", "127.0.0.1")
    set_language("en")
    assert describe_failure(error) == (
        f"{url}: the server's certificate is not trusted (not signed by a known authority; "
        "a private one is given with --ca-cert FILE)"
    )


async def test_certificate_for_another_host(tls_server: tuple[str, Path], language: None) -> None:
    url, cert = tls_server
    trusting = httpx.AsyncHTTPTransport(verify=ssl.create_default_context(cafile=str(cert)))
    error = await failure(AthenaClient(url, retry_delays=(), transport=trusting))
    assert error.reason == "tls_hostname", error.message
    set_language("nl")
    assert describe_failure(error) == (
        f"{url}: het certificaat van de server is voor host other.example, niet voor 127.0.0.1"
    )


async def test_unresolvable_name(language: None) -> None:
    url = "http://athena.invalid"
    error = await failure(AthenaClient(url, retry_delays=()))
    assert error.reason == "name"
    set_language("fr")
    assert describe_failure(error) == f"{url}: nom d'hôte athena.invalid introuvable"
