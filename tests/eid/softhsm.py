"""SoftHSM2 tokens laid out like a Belgian eID card (label BELPIC, keys 2 and 3)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from PyKCS11 import (
    CKA_CERTIFICATE_TYPE,
    CKA_CLASS,
    CKA_ID,
    CKA_LABEL,
    CKA_PRIVATE,
    CKA_SUBJECT,
    CKA_TOKEN,
    CKA_VALUE,
    CKC_X_509,
    CKF_RW_SESSION,
    CKO_CERTIFICATE,
    PyKCS11Lib,
)

from tests.eid.pki import Authority, PrivateKey, der, make_card_cert, new_key, pkcs8

PIN = "1234"
SO_PIN = "12345678"
LABEL = "BELPIC"
AUTH_ID = b"\x02"
SIGN_ID = b"\x03"


def _first(patterns: list[str]) -> str | None:
    for pattern in patterns:
        found = sorted(glob.glob(pattern))
        if found:
            return found[0]
    return None


def softhsm_module() -> str | None:
    return _first(["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/*/softhsm/libsofthsm2.so"])


def p11kit_client_module() -> str | None:
    return _first(["/usr/lib/*/pkcs11/p11-kit-client.so", "/usr/lib/pkcs11/p11-kit-client.so"])


def need(what: str | None, name: str) -> str:
    """The path of a needed system part; in CI a missing one fails, elsewhere it skips."""
    if what:
        return what
    message = f"{name} is not installed (apt-get install softhsm2 p11-kit opensc)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass(frozen=True)
class Card:
    """One SoftHSM2 "card": its config file, module, PIN and what it holds."""

    conf: Path
    module: str
    pin: str
    kind: str
    national_number: str
    holder: str
    auth_cert: x509.Certificate
    auth_key: PrivateKey


def softhsm_config(directory: Path) -> Path:
    """An empty SoftHSM2 store (no card in the reader yet)."""
    tokens = directory / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = directory / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    return conf


def _util(conf: Path, *args: str) -> None:
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    subprocess.run(["softhsm2-util", *args], env=env, check=True, capture_output=True, timeout=60)


def make_card(
    directory: Path,
    ca: Authority,
    root: Authority,
    *,
    kind: str,
    national_number: str,
    given_name: str = "Sophie",
    surname: str = "Specimen",
    with_auth_cert: bool = True,
    auth_cert: x509.Certificate | None = None,
    auth_key: PrivateKey | None = None,
    conf: Path | None = None,
) -> Card:
    """Create a token in ``directory``'s SoftHSM2 store with the eID layout: private keys
    ``Authentication`` (id 2) and ``Signature`` (id 3), certificates ``Authentication``,
    ``Signature``, ``CA`` and ``Root``."""
    module = need(softhsm_module(), "SoftHSM2")
    need(shutil.which("softhsm2-util"), "softhsm2-util")
    conf = conf or softhsm_config(directory)
    _util(conf, "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin", SO_PIN)
    auth_key = auth_key or new_key(kind)
    sign_key = new_key(kind)
    for key, label, key_id in ((auth_key, "Authentication", "02"), (sign_key, "Signature", "03")):
        key_file = directory / f"{label}.p8"
        key_file.write_bytes(pkcs8(key))
        _util(
            conf,
            "--import",
            str(key_file),
            "--token",
            LABEL,
            "--label",
            label,
            "--id",
            key_id,
            "--pin",
            PIN,
        )
        key_file.unlink()
    auth = auth_cert or make_card_cert(
        ca, auth_key, national_number=national_number, given_name=given_name, surname=surname
    )
    signature = make_card_cert(
        ca,
        sign_key,
        national_number=national_number,
        given_name=given_name,
        surname=surname,
        purpose="Signature",
    )
    certs: list[tuple[str, bytes, x509.Certificate]] = [
        ("Signature", SIGN_ID, signature),
        ("CA", b"\x04", ca.cert),
        ("Root", b"\x06", root.cert),
    ]
    if with_auth_cert:
        certs.insert(0, ("Authentication", AUTH_ID, auth))
    _write_certs(module, conf, certs)
    return Card(
        conf=conf,
        module=module,
        pin=PIN,
        kind=kind,
        national_number=national_number,
        holder=f"{given_name} {surname}",
        auth_cert=auth,
        auth_key=auth_key,
    )


def _write_certs(module: str, conf: Path, certs: list[tuple[str, bytes, x509.Certificate]]) -> None:
    """Certificates go in through PyKCS11 (softhsm2-util imports keys only). SoftHSM2
    reads SOFTHSM2_CONF at C_Initialize, so the library is unloaded afterwards."""
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    lib = PyKCS11Lib()
    try:
        lib.load(module)
        slot = next(
            s
            for s in lib.getSlotList(tokenPresent=True)
            if lib.getTokenInfo(s).label.strip() == LABEL
        )
        session = lib.openSession(slot, CKF_RW_SESSION)
        session.login(PIN)
        for label, key_id, cert in certs:
            session.createObject(
                [
                    (CKA_CLASS, CKO_CERTIFICATE),
                    (CKA_CERTIFICATE_TYPE, CKC_X_509),
                    (CKA_TOKEN, True),
                    (CKA_PRIVATE, False),
                    (CKA_LABEL, label),
                    (CKA_ID, key_id),
                    (CKA_VALUE, der(cert)),
                    (CKA_SUBJECT, cert.subject.public_bytes()),
                ]
            )
        session.logout()
        session.closeSession()
    finally:
        lib.unload()
        if previous is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = previous
