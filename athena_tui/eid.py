"""The eID card over PKCS#11 (PyKCS11): find the module and the card, sign a login.

Every call blocks (the reader, the card, a pinpad waiting for the agent), so the login
screen calls this module from thread workers only. Only the ``Authentication`` key is
ever used; the ``Signature`` key (non-repudiation) is never looked up.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID

from athena_tui.eid_errors import WAITING, CardError, CardProblem, problem_for_code

log = logging.getLogger("athena_tui.eid")

AUTH_LABEL = "Authentication"
CA_LABEL = "CA"
CKR_USER_ALREADY_LOGGED_IN = 0x100

# Where the usual modules live (Debian multiarch, other Linux, macOS), in the order of
# the issue: the official eID middleware, OpenSC, then p11-kit's client (a card
# forwarded over SSH; preferred when a forwarded socket is announced).
BEID = [
    "/usr/lib/*/libbeidpkcs11.so.0",
    "/usr/lib/libbeidpkcs11.so.0",
    "/usr/lib64/libbeidpkcs11.so.0",
    "/usr/local/lib/libbeidpkcs11.so.0",
    "/Library/Belgium Identity Card/Pkcs11/beid-pkcs11.bundle/Contents/MacOS/libbeidpkcs11.dylib",
]
OPENSC = [
    "/usr/lib/*/opensc-pkcs11.so",
    "/usr/lib/*/pkcs11/opensc-pkcs11.so",
    "/usr/lib/opensc-pkcs11.so",
    "/usr/lib64/opensc-pkcs11.so",
    "/usr/local/lib/opensc-pkcs11.so",
]
P11_KIT_CLIENT = [
    "/usr/lib/*/pkcs11/p11-kit-client.so",
    "/usr/lib/pkcs11/p11-kit-client.so",
    "/usr/lib64/pkcs11/p11-kit-client.so",
]


def _first(patterns: list[str]) -> str | None:
    for pattern in patterns:
        found = sorted(glob.glob(pattern))
        if found:
            return found[0]
    return None


def forwarded_card(env: Mapping[str, str]) -> bool:
    """A p11-kit server socket announced or forwarded to this machine."""
    if env.get("P11_KIT_SERVER_ADDRESS"):
        return True
    runtime = env.get("XDG_RUNTIME_DIR")
    return runtime is not None and Path(runtime, "p11-kit", "pkcs11").exists()


def find_module(configured: str | None, env: Mapping[str, str] | None = None) -> str:
    """The PKCS#11 module: ``--pkcs11-module`` or the config file (``configured``), else
    ``$PYKCS11LIB``, else the first usual path found."""
    env = os.environ if env is None else env
    chosen = configured or env.get("PYKCS11LIB")
    if chosen:
        if not Path(chosen).exists():
            raise CardError(CardProblem.NO_MODULE, f"{chosen} does not exist")
        return chosen
    groups = [BEID, OPENSC, P11_KIT_CLIENT]
    if forwarded_card(env):
        groups = [P11_KIT_CLIENT, BEID, OPENSC]
    for patterns in groups:
        found = _first(patterns)
        if found:
            return found
    raise CardError(CardProblem.NO_MODULE, "no PKCS#11 module found")


class Secret:
    """A PIN on its way to the card: taken once, never shown by ``repr`` (worker
    descriptions and tracebacks print their arguments)."""

    __slots__ = ("_value",)

    def __init__(self, value: str | None) -> None:
        self._value = value

    def take(self) -> str | None:
        value, self._value = self._value, None
        return value

    def __repr__(self) -> str:
        return "Secret(***)"


@dataclass(frozen=True)
class CardInfo:
    """The card in the reader, as the login screen shows it."""

    holder: str
    pinpad: bool


@dataclass(frozen=True)
class SignedLogin:
    """What the server needs: certificates (DER) and the signature (DER for EC)."""

    certificate: bytes
    intermediates: list[bytes]
    signature: bytes


def holder_name(cert: x509.Certificate) -> str:
    """ "Given names Surname" from the Authentication certificate's subject."""

    def attr(oid: x509.ObjectIdentifier) -> str:
        values = cert.subject.get_attributes_for_oid(oid)
        value = values[0].value if values else ""
        return value if isinstance(value, str) else value.decode(errors="replace")

    given, surname = attr(NameOID.GIVEN_NAME), attr(NameOID.SURNAME)
    if given or surname:
        return f"{given} {surname}".strip()
    return attr(NameOID.COMMON_NAME).removesuffix(f" ({AUTH_LABEL})")


def _pkcs11() -> Any:
    import PyKCS11

    return PyKCS11


def _code(error: Exception) -> int:
    value = getattr(error, "value", None)
    return value if isinstance(value, int) else -1


class CardReader:
    """One PKCS#11 module and the token labelled ``token_label`` (BELPIC on the card).

    ``lib_factory`` builds the PyKCS11Lib (tests wrap it); not thread-safe: one worker
    at a time.
    """

    def __init__(
        self,
        module: str,
        token_label: str = "BELPIC",
        *,
        lib_factory: Callable[[], Any] | None = None,
    ) -> None:
        self.module = module
        self.token_label = token_label
        self._lib_factory = lib_factory
        self._lib: Any = None

    # ------------------------------------------------------------------ module

    def _loaded(self) -> Any:
        if self._lib is None:
            p11 = _pkcs11()
            lib = self._lib_factory() if self._lib_factory else p11.PyKCS11Lib()
            try:
                lib.load(self.module)
            except p11.PyKCS11Error as error:
                raise CardError(CardProblem.NO_MODULE, f"cannot load {self.module}") from error
            self._lib = lib
        return self._lib

    def close(self) -> None:
        """Unload the module (C_Finalize once every user in the process let go)."""
        lib, self._lib = self._lib, None
        if lib is not None:
            try:
                lib.unload()
            except Exception as error:  # the module is going away anyway
                log.debug("unload failed: %s", error)

    def reload(self) -> None:
        """Initialise the module again: some list their tokens only at C_Initialize
        (p11-kit's token filter, SoftHSM2), so a card inserted later needs this."""
        self.close()
        self._loaded()

    # ------------------------------------------------------------------ card

    def _slot(self) -> int:
        p11 = _pkcs11()
        lib = self._loaded()
        try:
            if not lib.getSlotList(tokenPresent=False):
                raise CardError(CardProblem.NO_READER)
            for slot in lib.getSlotList(tokenPresent=True):
                if lib.getTokenInfo(slot).label.strip() == self.token_label:
                    return int(slot)
        except p11.PyKCS11Error as error:
            raise CardError(CardProblem.NO_CARD, str(error)) from error
        raise CardError(CardProblem.NO_CARD)

    def _certificate(self, session: Any, label: str) -> tuple[bytes, bytes] | None:
        """(DER, CKA_ID) of the certificate ``label``, or None."""
        p11 = _pkcs11()
        found = session.findObjects([(p11.CKA_CLASS, p11.CKO_CERTIFICATE), (p11.CKA_LABEL, label)])
        if not found:
            return None
        value, key_id = session.getAttributeValue(found[0], [p11.CKA_VALUE, p11.CKA_ID], True)
        return bytes(value), bytes(key_id or b"")

    def probe(self) -> CardInfo:
        """The card's holder and whether the reader has a pinpad (no PIN asked)."""
        p11 = _pkcs11()
        slot = self._slot()
        lib = self._loaded()
        try:
            flags = lib.getTokenInfo(slot).flags
            session = lib.openSession(slot)
            try:
                auth = self._certificate(session, AUTH_LABEL)
            finally:
                session.closeSession()
        except p11.PyKCS11Error as error:
            problem = problem_for_code(_code(error))
            raise CardError(
                CardProblem.NO_CARD if problem is CardProblem.CARD_REMOVED else problem,
                str(error),
            ) from error
        if auth is None or not auth[0]:
            raise CardError(CardProblem.NO_AUTH_CERTIFICATE)
        try:
            cert = x509.load_der_x509_certificate(auth[0])
        except ValueError as error:
            raise CardError(CardProblem.NO_AUTH_CERTIFICATE, "unreadable") from error
        return CardInfo(
            holder=holder_name(cert),
            pinpad=bool(flags & p11.CKF_PROTECTED_AUTHENTICATION_PATH),
        )

    def wait_for_card(
        self,
        cancelled: Callable[[], bool],
        on_problem: Callable[[CardProblem], object],
        *,
        interval: float = 0.3,
        reload_after: float = 2.0,
    ) -> CardInfo | None:
        """Poll until a usable card is in the reader (None when ``cancelled``). Waiting
        states (no reader, no card) are reported once each; other problems raise."""
        last: CardProblem | None = None
        since_reload = time.monotonic()
        while not cancelled():
            try:
                return self.probe()
            except CardError as error:
                if error.problem not in WAITING:
                    raise
                if error.problem is not last:
                    last = error.problem
                    on_problem(error.problem)
            # a bounded pause between two polls of the reader (hardware has no event
            # PyKCS11 can wait on portably)
            time.sleep(interval)
            if time.monotonic() - since_reload > reload_after:
                since_reload = time.monotonic()
                self.reload()
        return None

    def sign_login(self, pin: Secret, message: bytes) -> SignedLogin:
        """Log in to the card with ``pin`` (None on a pinpad: typed on the reader) and
        sign ``message`` with the Authentication key."""
        p11 = _pkcs11()
        try:
            slot = self._slot()
        except CardError as error:
            pin.take()
            if error.problem is CardProblem.NO_CARD:
                raise CardError(CardProblem.CARD_REMOVED) from error
            raise
        lib = self._loaded()
        try:
            session = lib.openSession(slot)
        except p11.PyKCS11Error as error:
            pin.take()
            raise CardError(problem_for_code(_code(error)), str(error)) from error
        try:
            return self._sign(session, pin, message)
        except p11.PyKCS11Error as error:
            raise CardError(problem_for_code(_code(error)), str(error)) from error
        finally:
            pin.take()
            try:
                session.closeSession()
            except p11.PyKCS11Error:
                pass  # the card may be gone; the session is gone with it

    def _sign(self, session: Any, pin: Secret, message: bytes) -> SignedLogin:
        p11 = _pkcs11()
        auth = self._certificate(session, AUTH_LABEL)
        if auth is None or not auth[0]:
            raise CardError(CardProblem.NO_AUTH_CERTIFICATE)
        cert_der, key_id = auth
        ca = self._certificate(session, CA_LABEL)
        template: list[tuple[int, Any]] = [
            (p11.CKA_CLASS, p11.CKO_PRIVATE_KEY),
            (p11.CKA_LABEL, AUTH_LABEL),
        ]
        if key_id:
            template.append((p11.CKA_ID, key_id))
        value = pin.take()
        try:
            session.login(value)
        except p11.PyKCS11Error as error:
            if _code(error) != CKR_USER_ALREADY_LOGGED_IN:
                raise
        finally:
            del value
        try:
            keys = session.findObjects(template)
            if not keys:
                raise CardError(CardProblem.NO_AUTH_CERTIFICATE, "no Authentication key")
            key = keys[0]
            key_type = session.getAttributeValue(key, [p11.CKA_KEY_TYPE])[0]
            if key_type == p11.CKK_EC:
                signature = self._sign_ec(session, key, cert_der, message)
            else:
                mechanism = p11.Mechanism(p11.CKM_SHA256_RSA_PKCS)
                signature = bytes(session.sign(key, message, mechanism))
        finally:
            try:
                session.logout()
            except p11.PyKCS11Error:
                pass  # removed card, or a module that logs out with the session
        return SignedLogin(
            certificate=cert_der,
            intermediates=[ca[0]] if ca and ca[0] else [],
            signature=signature,
        )

    @staticmethod
    def _sign_ec(session: Any, key: Any, cert_der: bytes, message: bytes) -> bytes:
        """CKM_ECDSA over a digest computed here (SHA-384 on P-384): portable across
        the card and SoftHSM2, which lacks CKM_ECDSA_SHA384. The card answers raw
        r||s; the server takes DER."""
        p11 = _pkcs11()
        public = x509.load_der_x509_certificate(cert_der).public_key()
        curve = public.curve.name if isinstance(public, ec.EllipticCurvePublicKey) else ""
        hash_name = {"secp256r1": "sha256", "secp521r1": "sha512"}.get(curve, "sha384")
        digest = hashlib.new(hash_name, message).digest()
        raw = bytes(session.sign(key, digest, p11.Mechanism(p11.CKM_ECDSA)))
        half = len(raw) // 2
        return encode_dss_signature(
            int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big")
        )
