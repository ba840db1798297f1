"""A throwaway eID-like PKI for tests: a root, a "Citizen CA" and card certificates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey

NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def new_key(kind: str) -> PrivateKey:
    """An RSA-2048 (applet 1.7) or P-384 (applet 1.8) key."""
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(ec.SECP384R1())


def _hash_for(key: PrivateKey) -> hashes.SHA256 | hashes.SHA384:
    return hashes.SHA384() if isinstance(key, ec.EllipticCurvePrivateKey) else hashes.SHA256()


@dataclass(frozen=True)
class Authority:
    """A CA: its certificate and key."""

    cert: x509.Certificate
    key: PrivateKey

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)


def make_root(name: str = "Test Belgium Root CA", kind: str = "ec") -> Authority:
    key = new_key(kind)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
            x509.NameAttribute(NameOID.COMMON_NAME, name),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=3650))
        .not_valid_after(NOW + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=1), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
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
        .sign(key, _hash_for(key))
    )
    return Authority(cert, key)


def make_citizen_ca(root: Authority, name: str = "Test Citizen CA") -> Authority:
    key = new_key("ec")
    cert = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
                    x509.NameAttribute(NameOID.COMMON_NAME, name),
                    x509.NameAttribute(NameOID.SERIAL_NUMBER, "202601"),
                ]
            )
        )
        .issuer_name(root.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1000))
        .not_valid_after(NOW + dt.timedelta(days=2000))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
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
        # the real Citizen CA carries clientAuth + emailProtection
        .add_extension(
            x509.ExtendedKeyUsage(
                [ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.EMAIL_PROTECTION]
            ),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()),
            critical=False,
        )
        .sign(root.key, _hash_for(root.key))
    )
    return Authority(cert, key)


def make_card_cert(
    ca: Authority,
    key: PrivateKey,
    *,
    national_number: str,
    given_name: str,
    surname: str,
    purpose: str = "Authentication",
    not_before: dt.datetime | None = None,
    not_after: dt.datetime | None = None,
) -> x509.Certificate:
    """A card certificate with the eID subject layout (serialNumber = national number)."""
    non_repudiation = purpose == "Signature"
    return (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "BE"),
                    x509.NameAttribute(NameOID.COMMON_NAME, f"{given_name} {surname} ({purpose})"),
                    x509.NameAttribute(NameOID.SURNAME, surname),
                    x509.NameAttribute(NameOID.GIVEN_NAME, given_name),
                    x509.NameAttribute(NameOID.SERIAL_NUMBER, national_number),
                ]
            )
        )
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - dt.timedelta(days=30))
        .not_valid_after(not_after or NOW + dt.timedelta(days=3000))
        .add_extension(
            x509.KeyUsage(
                digital_signature=not non_repudiation,
                content_commitment=non_repudiation,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()),
            critical=False,
        )
        .sign(ca.key, _hash_for(ca.key))
    )


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def pkcs8(key: PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def write_anchors(directory: Path, *roots: Authority) -> Path:
    """Trust anchors as the server reads them: one PEM file per root (a DER one too)."""
    directory.mkdir(parents=True, exist_ok=True)
    for index, root in enumerate(roots):
        if index % 2:
            (directory / f"root{index}.der").write_bytes(root.der)
        else:
            (directory / f"root{index}.pem").write_bytes(
                root.cert.public_bytes(serialization.Encoding.PEM)
            )
    return directory
