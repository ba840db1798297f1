"""What went wrong with the card or the eID login, in the agent's words, with a way on."""

from __future__ import annotations

from enum import StrEnum

from athena_tui.i18n import t
from backend_client.models import EidRefusal


class CardProblem(StrEnum):
    """A card-side reason the login cannot go on."""

    NO_MODULE = "no_module"
    NO_READER = "no_reader"
    NO_CARD = "no_card"
    CARD_REMOVED = "card_removed"
    WRONG_PIN = "wrong_pin"
    PIN_LOCKED = "pin_locked"
    CANCELLED = "cancelled"
    NO_AUTH_CERTIFICATE = "no_auth_certificate"
    READER_FAILED = "reader_failed"


class CardError(Exception):
    """A card problem; ``detail`` is for the log and never holds the PIN."""

    def __init__(self, problem: CardProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail


# PKCS#11 return codes (PKCS#11 v2.40 §11.1), by value so this module stays pure
CKR_FUNCTION_CANCELED = 0x50
CKR_DEVICE_ERROR = 0x30
CKR_DEVICE_REMOVED = 0x32
CKR_SESSION_CLOSED = 0xB0
CKR_SESSION_HANDLE_INVALID = 0xB3
CKR_SLOT_ID_INVALID = 0x03
CKR_TOKEN_NOT_PRESENT = 0xE0
CKR_TOKEN_NOT_RECOGNIZED = 0xE1
CKR_PIN_INCORRECT = 0xA0
CKR_PIN_INVALID = 0xA1
CKR_PIN_LEN_RANGE = 0xA2
CKR_PIN_EXPIRED = 0xA3
CKR_PIN_LOCKED = 0xA4

_BY_CODE: dict[int, CardProblem] = {
    CKR_FUNCTION_CANCELED: CardProblem.CANCELLED,
    CKR_DEVICE_REMOVED: CardProblem.CARD_REMOVED,
    CKR_SESSION_CLOSED: CardProblem.CARD_REMOVED,
    CKR_SESSION_HANDLE_INVALID: CardProblem.CARD_REMOVED,
    CKR_SLOT_ID_INVALID: CardProblem.CARD_REMOVED,
    CKR_TOKEN_NOT_PRESENT: CardProblem.CARD_REMOVED,
    CKR_TOKEN_NOT_RECOGNIZED: CardProblem.CARD_REMOVED,
    CKR_PIN_INCORRECT: CardProblem.WRONG_PIN,
    CKR_PIN_INVALID: CardProblem.WRONG_PIN,
    CKR_PIN_LEN_RANGE: CardProblem.WRONG_PIN,
    CKR_PIN_LOCKED: CardProblem.PIN_LOCKED,
    CKR_PIN_EXPIRED: CardProblem.PIN_LOCKED,
}


def problem_for_code(code: int) -> CardProblem:
    """The card problem a PKCS#11 return code stands for (anything else: the reader)."""
    return _BY_CODE.get(code, CardProblem.READER_FAILED)


# Problems the login screen recovers from by itself: it keeps looking for the card.
WAITING = frozenset({CardProblem.NO_READER, CardProblem.NO_CARD, CardProblem.CARD_REMOVED})


def card_message(problem: CardProblem, *, label: str = "BELPIC") -> str:
    """The agent's message for a card problem, saying what to do next."""
    if problem is CardProblem.NO_MODULE:
        return t(
            "No eID middleware found. Install the Belgian eID software (or OpenSC), or give "
            "--pkcs11-module PATH (pkcs11_module in the config file); ctrl+r tries again."
        )
    if problem is CardProblem.NO_READER:
        return t("No card reader found. Connect your reader; Athena is waiting for it…")
    if problem is CardProblem.NO_CARD:
        return t(
            "Insert your eID card in the reader ({label}); Athena is waiting for it…", label=label
        )
    if problem is CardProblem.CARD_REMOVED:
        return t("The card was removed during the login. Insert it again; Athena is waiting…")
    if problem is CardProblem.WRONG_PIN:
        return t(
            "Wrong PIN. The card blocks after 3 wrong PINs in a row. Press enter to try again."
        )
    if problem is CardProblem.PIN_LOCKED:
        return t(
            "Your card's PIN is blocked. Unblock it with your PUK code at your municipality, "
            "then press enter to try again."
        )
    if problem is CardProblem.CANCELLED:
        return t("Login cancelled. Press enter to log in with your card.")
    if problem is CardProblem.NO_AUTH_CERTIFICATE:
        return t(
            "This card has no authentication certificate, so it cannot log in (a kids' card, "
            "or a card without certificates). Insert another card; ctrl+r looks again."
        )
    return t("The card reader failed. Check the reader and the card, then press ctrl+r.")


_REFUSALS: dict[str, str] = {
    EidRefusal.DISABLED: "This server does not accept the eID card login. Ask your administrator.",
    EidRefusal.NONCE_UNKNOWN: "The login challenge was not recognised. Press enter to try again.",
    EidRefusal.NONCE_REPLAYED: "This login challenge was already used. Press enter to try again.",
    EidRefusal.NONCE_EXPIRED: "The login took too long. Press enter to try again.",
    EidRefusal.BAD_CERTIFICATE: "The server cannot read your card's certificate.",
    EidRefusal.UNTRUSTED_CHAIN: (
        "The server does not trust your card's certificate (unknown issuer). "
        "Ask your administrator."
    ),
    EidRefusal.CERTIFICATE_EXPIRED: (
        "Your card's certificate has expired. Renew your eID card at your municipality."
    ),
    EidRefusal.CERTIFICATE_NOT_YET_VALID: (
        "Your card's certificate is not valid yet. Check this computer's clock."
    ),
    EidRefusal.NOT_FOR_AUTHENTICATION: "This certificate is not for logging in.",
    EidRefusal.BAD_SIGNATURE: (
        "The server could not verify the card's signature. Press enter to try again."
    ),
    EidRefusal.UNKNOWN_AGENT: (
        "This card's holder is not an Athena agent. Ask your administrator for access."
    ),
    EidRefusal.TICKET_INVALID: "The role choice took too long. Press enter to log in again.",
    EidRefusal.RATE_LIMITED: "Too many failed logins. Wait {wait} s, then press enter.",
}


def refusal_message(reason: object, server_message: str, retry_after: object = None) -> str:
    """The agent's message for a server refusal (``details.reason``); the server's own
    words when the reason is new to this client."""
    template = _REFUSALS.get(str(reason)) if reason is not None else None
    if template is None:
        return t("Login refused: {reason}", reason=server_message)
    wait = retry_after if isinstance(retry_after, int) else "?"
    return t(template, wait=wait) if "{wait}" in template else t(template)
