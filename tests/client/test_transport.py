"""Transport: a real TLS uvicorn on loopback with certificates made here (a private CA,
an untrusted one, a wrong host, an expired one), --ca-cert, and plain http refused
to any host but this machine unless --allow-insecure-http, which stays on screen."""

from __future__ import annotations

import datetime as dt
import html
import ipaddress
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from click.testing import CliRunner
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from athena_server.app import create_app
from athena_server.runner import RunningServer
from athena_server.settings import ServerSettings
from athena_tui.app import AthenaApp, make_app
from athena_tui.cli import StartError, check_server_url, main
from athena_tui.config import Settings
from athena_tui.connection import describe_failure
from athena_tui.i18n import current_language, set_language
from athena_tui.services import Services
from backend_client.client import AthenaClient, tls_context
from backend_client.errors import Unreachable
from backend_client.models import Session
from screens.dashboard import DashboardScreen
from screens.login import LoginScreen
from tests.polling import wait_for
from tests.tui.conftest import (
    app_factory,
    fixed_now,
    login,
    tui_server,
    tui_template_db,
    wait_until,
)

__all__ = ["app_factory", "tui_server", "tui_template_db"]

NOW = dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Ca:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    pem: Path


def make_ca(folder: Path, name: str) -> Ca:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    pem = folder / f"{name}.pem"
    pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Ca(cert, key, pem)


def server_cert(
    folder: Path,
    ca: Ca,
    *,
    dns: tuple[str, ...] = ("localhost",),
    ips: tuple[str, ...] = ("127.0.0.1",),
    not_after: dt.datetime | None = None,
) -> tuple[Path, Path]:
    """A server certificate signed by ``ca`` for those names; its PEM and key files."""
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = [x509.DNSName(d) for d in dns]
    names += [x509.IPAddress(ipaddress.ip_address(ip)) for ip in ips]
    end = not_after or NOW + dt.timedelta(days=10)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, (dns or ips)[0])]))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(min(NOW - dt.timedelta(days=1), end - dt.timedelta(days=1)))
        .not_valid_after(end)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(ca.key, hashes.SHA256())
    )
    stem = f"server-{x509.random_serial_number()}"
    cert_path, key_path = folder / f"{stem}.pem", folder / f"{stem}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


StartTls = Callable[[Path, Path], str]


@pytest.fixture
def tls_athena(template_db: Path, tmp_path: Path) -> Iterator[StartTls]:
    """``start(cert, key)`` → the https URL of a real Athena server (uvicorn with TLS)
    on loopback over a copy of the demo store."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(cert: Path, key: Path) -> str:
        db = tmp_path / f"tls-{len(servers)}.db"
        shutil.copyfile(template_db, db)
        app = create_app(ServerSettings(db_url=f"sqlite:///{db}", demo=True))
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=0,
            log_level="critical",
            lifespan="off",
            ssl_certfile=str(cert),
            ssl_keyfile=str(key),
            timeout_graceful_shutdown=2,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        servers.append((server, thread))
        wait_for(lambda: server.started or not thread.is_alive(), timeout=15, what="TLS start")
        assert server.started
        port = server.servers[0].sockets[0].getsockname()[1]
        return f"https://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def english() -> Iterator[None]:
    before = current_language()
    set_language("en")
    yield
    set_language(before)


async def refusal(client: AthenaClient) -> Unreachable:
    async with client:
        with pytest.raises(Unreachable) as caught:
            await client.health()
    return caught.value


async def test_a_private_ca_given_with_ca_cert_is_trusted(
    tls_athena: StartTls, tmp_path: Path
) -> None:
    ca = make_ca(tmp_path, "athena-private-ca")
    url = tls_athena(*server_cert(tmp_path, ca))
    async with AthenaClient(url, verify=tls_context(ca.pem)) as client:
        assert (await client.health())["status"] == "ok"
        session = await client.demo_login(2)
        assert isinstance(session, Session)
        async with client.with_token(session.token) as agent:  # the same checks carry over
            assert (await agent.me()).agent.id == 2


async def test_an_unknown_authority_is_not_trusted(
    tls_athena: StartTls, tmp_path: Path, english: None
) -> None:
    ca = make_ca(tmp_path, "unknown-ca")
    url = tls_athena(*server_cert(tmp_path, ca))
    error = await refusal(AthenaClient(url, retry_delays=()))
    assert error.reason == "tls_untrusted"
    assert describe_failure(error).startswith(f"{url}: the server's certificate is not trusted")
    # another private CA does not vouch for it either
    other = make_ca(tmp_path, "other-ca")
    error = await refusal(AthenaClient(url, retry_delays=(), verify=tls_context(other.pem)))
    assert error.reason == "tls_untrusted"


async def test_a_certificate_for_another_host_names_it(
    tls_athena: StartTls, tmp_path: Path, english: None
) -> None:
    ca = make_ca(tmp_path, "athena-private-ca")
    url = tls_athena(*server_cert(tmp_path, ca, dns=("athena.example",), ips=()))
    error = await refusal(AthenaClient(url, retry_delays=(), verify=tls_context(ca.pem)))
    assert error.reason == "tls_hostname"
    assert describe_failure(error) == (
        f"{url}: the server's certificate is for host athena.example, not 127.0.0.1"
    )


async def test_an_expired_certificate_says_since_when(
    tls_athena: StartTls, tmp_path: Path, english: None
) -> None:
    ca = make_ca(tmp_path, "athena-private-ca")
    ended = NOW - dt.timedelta(days=3)
    url = tls_athena(*server_cert(tmp_path, ca, not_after=ended))
    error = await refusal(AthenaClient(url, retry_delays=(), verify=tls_context(ca.pem)))
    assert error.reason == "tls_expired"
    assert describe_failure(error) == (
        f"{url}: the server's certificate expired on {ended.date().isoformat()}"
    )


@pytest.mark.parametrize(
    "url", ["http://athena.example", "http://10.1.2.3:8321", "http://[2001:db8::1]"]
)
def test_plain_http_to_another_machine_is_refused(url: str, english: None) -> None:
    with pytest.raises(StartError, match="unencrypted"):
        check_server_url(url)
    check_server_url(url, allow_insecure_http=True)  # asked for: accepted
    result = CliRunner().invoke(main, ["--server", url, "--language", "en"])
    assert result.exit_code == 2
    assert "--allow-insecure-http" in result.output


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8321", "http://localhost:8321", "http://[::1]:8321", "https://a.b"]
)
def test_loopback_http_and_https_are_accepted(url: str) -> None:
    check_server_url(url)


def test_a_bad_ca_cert_is_refused_at_start(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-cert.pem"
    bad.write_text("hello")
    result = CliRunner().invoke(
        main,
        ["--server", "https://athena.example", "--ca-cert", str(bad), "--language", "en"],
    )
    assert result.exit_code == 2
    assert f"--ca-cert {bad}: not a usable certificate" in result.output


def screen_text(app: AthenaApp) -> str:
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return html.unescape("".join(texts)).replace("\xa0", " ")


WARNING = "UNENCRYPTED connection to athena.example"


async def test_insecure_http_keeps_a_warning_on_every_screen(
    tui_server: RunningServer, tmp_path: Path
) -> None:
    # the app believes it talks plain http to athena.example; its client reaches the
    # loopback server (no traffic leaves the machine)
    settings = Settings(
        server_url="http://athena.example:8321",
        allow_insecure_http=True,
        language="en",
        data_dir=tmp_path / "data",
        config_dir=tmp_path / "config",
    )
    services = Services(settings, client=AthenaClient(tui_server.url))
    app = make_app(settings, services, now=fixed_now)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LoginScreen))
        await pilot.pause()
        assert WARNING in screen_text(app)
        await login(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.pause()
        assert WARNING in screen_text(app)
        await pilot.press("question_mark")  # help: another full screen
        await wait_until(pilot, lambda: not isinstance(app.screen, DashboardScreen))
        await pilot.pause()
        assert WARNING in screen_text(app)


async def test_loopback_http_shows_no_warning(app_factory: Callable[[], AthenaApp]) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await login(pilot)
        assert "UNENCRYPTED" not in screen_text(app)
