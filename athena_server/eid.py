"""eID login, server side: challenges, certificate and signature checks, failure backoff.

The client signs ``login_message(origin, nonce)`` with the card's Authentication key
and posts the certificate, the card's CA certificate and the signature. Here: the nonce
is redeemed once, the chain is verified against the configured trust anchors
(cryptography's x509 verification, client-auth policy), the certificate must be valid
now and meant for digital signatures, then the signature is checked and the subject's
serialNumber (the national number) names the agent.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from athena_server.db import as_utc, as_utc_opt
from athena_server.errors import DomainError
from athena_server.journal import write_audit
from athena_server.people import load_agent
from athena_server.schema import agents, eid_failures, eid_grants
from athena_server.settings import ServerSettings
from backend_client.eid_proof import login_message
from backend_client.models import Agent, Challenge, EidRefusal

log = logging.getLogger("athena_server.eid")

NONCE = "nonce"
ROLE_TICKET = "role"
ROLE_TICKET_TTL = dt.timedelta(minutes=2)
# grants are kept a while after expiry so that a late replay is told apart from a typo
GRANT_KEEP = dt.timedelta(hours=1)
MAX_CERT_BYTES = 16 * 1024

# curve → digest the client hashes with before CKM_ECDSA (P-384 on applet 1.8 cards)
EC_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "secp384r1": hashes.SHA384,
    "secp256r1": hashes.SHA256,
    "secp521r1": hashes.SHA512,
}


class EidRefused(DomainError):
    """A refused eID login: ``reason`` (an ``EidRefusal``) goes into ``details.reason``."""

    def __init__(self, code: str, reason: EidRefusal, message: str, **details: object) -> None:
        super().__init__(code, message, details={"reason": reason.value, **details})
        self.reason = reason


def refuse(reason: EidRefusal, message: str, code: str = "unauthorized") -> EidRefused:
    return EidRefused(code, reason, message)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --------------------------------------------------------------------------- grants


def issue_challenge(conn: sa.Connection, ttl: dt.timedelta, now: dt.datetime) -> Challenge:
    """A fresh random nonce, stored hashed, redeemable once before ``now + ttl``."""
    conn.execute(eid_grants.delete().where(eid_grants.c.expires_at < now - GRANT_KEEP))
    nonce = secrets.token_urlsafe(32)
    expires = now + ttl
    conn.execute(
        eid_grants.insert().values(
            token_hash=_hash(nonce), kind=NONCE, created_at=now, expires_at=expires
        )
    )
    return Challenge(nonce=nonce, expires_at=expires)


def _redeem(
    conn: sa.Connection, token: str, kind: str, now: dt.datetime
) -> sa.Row[tuple[object, ...]]:
    """Mark a grant used, once: the conditional UPDATE is the single-use guarantee even
    when two requests race (only one sees rowcount 1)."""
    token_hash = _hash(token)
    used = conn.execute(
        eid_grants.update()
        .where(
            eid_grants.c.token_hash == token_hash,
            eid_grants.c.kind == kind,
            eid_grants.c.used_at.is_(None),
        )
        .values(used_at=now)
    )
    row = conn.execute(sa.select(eid_grants).where(eid_grants.c.token_hash == token_hash)).first()
    if row is None or row.kind != kind:
        if kind == ROLE_TICKET:
            raise refuse(EidRefusal.TICKET_INVALID, "this role choice is unknown; log in again")
        raise refuse(EidRefusal.NONCE_UNKNOWN, "this login challenge is unknown; try again")
    if used.rowcount != 1:
        if kind == ROLE_TICKET:
            raise refuse(EidRefusal.TICKET_INVALID, "this role choice was already used")
        raise refuse(EidRefusal.NONCE_REPLAYED, "this login challenge was already used (a replay?)")
    if as_utc(row.expires_at) <= now:
        if kind == ROLE_TICKET:
            raise refuse(EidRefusal.TICKET_INVALID, "the role choice took too long; log in again")
        raise refuse(EidRefusal.NONCE_EXPIRED, "the login challenge expired; try again")
    return row


def redeem_nonce(conn: sa.Connection, nonce: str, now: dt.datetime) -> None:
    _redeem(conn, nonce, NONCE, now)


def issue_role_ticket(conn: sa.Connection, agent_id: int, now: dt.datetime) -> str:
    ticket = secrets.token_urlsafe(32)
    conn.execute(
        eid_grants.insert().values(
            token_hash=_hash(ticket),
            kind=ROLE_TICKET,
            agent_id=agent_id,
            created_at=now,
            expires_at=now + ROLE_TICKET_TTL,
        )
    )
    return ticket


def redeem_role_ticket(conn: sa.Connection, ticket: str, now: dt.datetime) -> int:
    """The agent id a role ticket was issued for (once)."""
    row = _redeem(conn, ticket, ROLE_TICKET, now)
    agent_id = row.agent_id
    assert isinstance(agent_id, int)
    return agent_id


# --------------------------------------------------------------------------- certificates


def load_anchors(directory: Path) -> list[x509.Certificate]:
    """Every certificate in ``directory`` (PEM files may hold several; else DER)."""
    found: list[x509.Certificate] = []
    for path in sorted(directory.iterdir()):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            if b"-----BEGIN CERTIFICATE-----" in data:
                found.extend(x509.load_pem_x509_certificates(data))
            else:
                found.append(x509.load_der_x509_certificate(data))
        except ValueError:
            log.warning("trust anchors: %s is not a certificate; ignored", path.name)
    return found


def _b64(value: str, field: str) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise DomainError("validation", f"{field} is not base64", field=field) from None


def _certificate(data: bytes) -> x509.Certificate:
    if len(data) > MAX_CERT_BYTES:
        raise refuse(EidRefusal.BAD_CERTIFICATE, "the certificate is too large")
    try:
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise refuse(EidRefusal.BAD_CERTIFICATE, "the certificate cannot be read") from None


def fingerprint(cert_der: bytes) -> str:
    return hashlib.sha256(cert_der).hexdigest()


@dataclass(frozen=True)
class Proof:
    """A login request, decoded."""

    certificate: x509.Certificate
    certificate_der: bytes
    intermediates: list[x509.Certificate]
    signature: bytes


def decode_proof(certificate: str, intermediates: list[str], signature: str) -> Proof:
    cert_der = _b64(certificate, "certificate")
    return Proof(
        certificate=_certificate(cert_der),
        certificate_der=cert_der,
        intermediates=[
            _certificate(_b64(value, f"intermediates.{i}")) for i, value in enumerate(intermediates)
        ],
        signature=_b64(signature, "signature"),
    )


def _verifier_policy() -> ExtensionPolicy:
    # eID authentication certificates carry no subjectAltName, which the web-PKI
    # end-entity policy requires; everything else (EKU clientAuth, key usage) is kept
    return ExtensionPolicy.webpki_defaults_ee().may_be_present(
        x509.SubjectAlternativeName, Criticality.AGNOSTIC, None
    )


def verify_chain(proof: Proof, anchors: list[x509.Certificate], now: dt.datetime) -> None:
    """Chain to a trust anchor, validity at ``now`` and key usage, each with its reason."""
    leaf = proof.certificate
    if leaf.not_valid_after_utc < now:
        raise refuse(
            EidRefusal.CERTIFICATE_EXPIRED,
            f"the card's certificate expired on {leaf.not_valid_after_utc:%Y-%m-%d}",
        )
    if leaf.not_valid_before_utc > now:
        raise refuse(
            EidRefusal.CERTIFICATE_NOT_YET_VALID,
            f"the card's certificate is valid only from {leaf.not_valid_before_utc:%Y-%m-%d}",
        )
    if not anchors:
        raise refuse(EidRefusal.DISABLED, "the eID login has no trust anchors", code="forbidden")
    verifier = (
        PolicyBuilder()
        .store(Store(anchors))
        .time(now)
        .extension_policies(
            ca_policy=ExtensionPolicy.webpki_defaults_ca(), ee_policy=_verifier_policy()
        )
        .build_client_verifier()
    )
    try:
        verifier.verify(leaf, proof.intermediates)
    except VerificationError as exc:
        log.info("eID chain refused: %s", exc)
        raise refuse(
            EidRefusal.UNTRUSTED_CHAIN,
            "the card's certificate does not lead to a trusted root",
        ) from None
    try:
        usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is None or not usage.digital_signature:
        raise refuse(
            EidRefusal.NOT_FOR_AUTHENTICATION,
            "this certificate is not the card's authentication certificate",
        )


def verify_signature(proof: Proof, message: bytes) -> None:
    """RSA PKCS#1 v1.5 with SHA-256, or DER ECDSA with the curve's hash (SHA-384 on P-384)."""
    key = proof.certificate.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(proof.signature, message, padding.PKCS1v15(), hashes.SHA256())
            return
        if isinstance(key, ec.EllipticCurvePublicKey):
            digest = EC_HASHES.get(key.curve.name)
            if digest is not None:
                key.verify(proof.signature, message, ec.ECDSA(digest()))
                return
    except (InvalidSignature, ValueError):
        pass
    else:
        raise refuse(EidRefusal.BAD_CERTIFICATE, "the card's key type is not supported")
    raise refuse(EidRefusal.BAD_SIGNATURE, "the signature does not match this login challenge")


def national_number(cert: x509.Certificate) -> str:
    values = cert.subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER)
    value = values[0].value if values else ""
    return value if isinstance(value, str) else value.decode(errors="replace")


def agent_for(conn: sa.Connection, number: str) -> Agent:
    row = conn.execute(
        sa.select(agents.c.id).where(agents.c.national_number == number, agents.c.active.is_(True))
    ).first()
    if not number or row is None:
        raise refuse(
            EidRefusal.UNKNOWN_AGENT,
            "this card's holder is not an Athena agent",
            code="forbidden",
        )
    return load_agent(conn, int(row.id))


def verify_login(
    conn: sa.Connection,
    settings: ServerSettings,
    proof: Proof,
    *,
    nonce: str,
    origin: str,
    now: dt.datetime,
) -> Agent:
    """The agent a login proves, or an ``EidRefused`` naming why not."""
    if settings.trust_anchors_dir is None:
        raise refuse(
            EidRefusal.DISABLED, "this server does not accept the eID login", code="forbidden"
        )
    redeem_nonce(conn, nonce, now)
    verify_chain(proof, load_anchors(settings.trust_anchors_dir), now)
    verify_signature(proof, login_message(origin, nonce))
    return agent_for(conn, national_number(proof.certificate))


# --------------------------------------------------------------------------- backoff


def _blocked_until(conn: sa.Connection, key: str) -> dt.datetime | None:
    row = conn.execute(
        sa.select(eid_failures.c.blocked_until).where(eid_failures.c.key == key)
    ).first()
    return as_utc_opt(row.blocked_until) if row is not None else None


def check_backoff(conn: sa.Connection, keys: list[str], now: dt.datetime) -> None:
    """429 while one of ``keys`` is slowed down after repeated failures."""
    for key in keys:
        until = _blocked_until(conn, key)
        if until is not None and until > now:
            wait = max(1, int((until - now).total_seconds() + 0.999))
            raise EidRefused(
                "rate_limited",
                EidRefusal.RATE_LIMITED,
                f"too many failed logins; try again in {wait} s",
                retry_after=wait,
            )


def record_failure(
    conn: sa.Connection, settings: ServerSettings, keys: list[str], now: dt.datetime
) -> None:
    """Count a failure for each key; past the free tries each one doubles the delay."""
    for key in keys:
        row = conn.execute(
            sa.select(eid_failures.c.failures).where(eid_failures.c.key == key)
        ).first()
        failures = (row.failures if row is not None else 0) + 1
        blocked = None
        over = failures - settings.eid_free_failures - 1
        if over >= 0:
            delay = min(settings.eid_backoff * (2 ** min(over, 20)), settings.eid_backoff_max)
            blocked = now + delay
        values = {"failures": failures, "last_at": now, "blocked_until": blocked}
        if row is None:
            conn.execute(eid_failures.insert().values(key=key, **values))
        else:
            conn.execute(eid_failures.update().where(eid_failures.c.key == key).values(**values))


def clear_failures(conn: sa.Connection, keys: list[str]) -> None:
    conn.execute(eid_failures.delete().where(eid_failures.c.key.in_(keys)))


def backoff_keys(address: str | None, cert_der: bytes | None) -> list[str]:
    keys = [f"addr:{address or 'unknown'}"]
    if cert_der:
        keys.append(f"cert:{fingerprint(cert_der)}")
    return keys


# --------------------------------------------------------------------------- audit


def audit_login(
    conn: sa.Connection,
    *,
    now: dt.datetime,
    action: str,
    agent_id: int | None,
    address: str | None,
    reason: str | None = None,
    cert_der: bytes | None = None,
    method: str = "eid",
) -> None:
    """One audit line per login attempt (``login`` or ``login_refused``); the log too."""
    after: dict[str, object] = {"method": method, "address": address or "unknown"}
    if reason:
        after["reason"] = reason
    if cert_der:
        after["certificate"] = fingerprint(cert_der)
    write_audit(
        conn, at=now, agent_id=agent_id, action=action, file_id=None, before=None, after=after
    )
    if action == "login_refused":
        log.warning("%s login refused from %s: %s", method, address or "unknown", reason)
