"""eID fixtures: a test PKI, SoftHSM2 cards with the eID layout, servers trusting the PKI."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from athena_server.runner import RunningServer, start_server
from athena_server.settings import ServerSettings
from backend_client.eid_proof import login_message
from tests.eid.pki import Authority, PrivateKey, der, make_citizen_ca, make_root, write_anchors
from tests.server.conftest import template_db  # noqa: F401  (fixture)

__all__ = ["template_db"]


@dataclasses.dataclass(frozen=True)
class Pki:
    root: Authority
    ca: Authority
    anchors: Path


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """A root (the trust anchor) and a Citizen CA under it, made once."""
    root = make_root()
    ca = make_citizen_ca(root)
    # a second, unrelated anchor proves the server reads a directory of several
    other = make_root("Another Test Root", kind="rsa")
    anchors = write_anchors(tmp_path_factory.mktemp("anchors"), root, other)
    return Pki(root=root, ca=ca, anchors=anchors)


ServerFactory = Callable[..., RunningServer]


@pytest.fixture
def eid_server_factory(
    template_db: Path,  # noqa: F811
    tmp_path: Path,
    pki: Pki,
) -> Iterator[ServerFactory]:
    """``factory(**settings)`` → a non-demo server over the tests/server dataset that
    trusts the test root."""
    started: list[RunningServer] = []

    def start(**overrides: object) -> RunningServer:
        db = tmp_path / f"eid-{len(started)}.db"
        shutil.copyfile(template_db, db)
        settings = ServerSettings(
            db_url=f"sqlite:///{db}", demo=False, trust_anchors_dir=pki.anchors, poll_interval=0.2
        )
        running = start_server(dataclasses.replace(settings, **overrides))  # type: ignore[arg-type]
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop()
        running.engine.dispose()


@pytest.fixture
def eid_server(eid_server_factory: ServerFactory) -> RunningServer:
    return eid_server_factory()


def sign(key: PrivateKey, message: bytes) -> bytes:
    """What the card does: RSA PKCS#1 v1.5 SHA-256, or ECDSA over a SHA-384 digest."""
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

    signature = key.sign(hashlib.sha384(message).digest(), ec.ECDSA(Prehashed(hashes.SHA384())))
    decode_dss_signature(signature)  # it is DER, as the server wants
    return signature


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def login_body(
    server_url: str,
    nonce: str,
    key: PrivateKey,
    cert_der: bytes,
    ca_der: bytes,
    *,
    role: str | None = None,
    message: bytes | None = None,
) -> dict[str, object]:
    return {
        "nonce": nonce,
        "certificate": b64(cert_der),
        "intermediates": [b64(ca_der)],
        "signature": b64(sign(key, message or login_message(server_url, nonce))),
        "role": role,
    }


def challenge(client: httpx.Client) -> str:
    answer = client.post("/v1/auth/challenge")
    assert answer.status_code == 200, answer.text
    nonce = answer.json()["nonce"]
    assert isinstance(nonce, str)
    return nonce


__all__ += ["Pki", "b64", "challenge", "der", "login_body", "sign"]
