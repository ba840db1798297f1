"""Pure parts of the card login: module search, return codes, the agent's messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from PyKCS11 import (
    CKR_DEVICE_REMOVED,
    CKR_FUNCTION_CANCELED,
    CKR_PIN_INCORRECT,
    CKR_PIN_LOCKED,
    CKR_TOKEN_NOT_PRESENT,
)

from athena_tui.eid import Secret, find_module
from athena_tui.eid_errors import (
    CardError,
    CardProblem,
    card_message,
    problem_for_code,
    refusal_message,
)
from backend_client.eid_proof import login_message, origin_of
from backend_client.models import EidRefusal


def test_the_configured_module_wins_then_pykcs11lib(tmp_path: Path) -> None:
    configured, env_lib = tmp_path / "configured.so", tmp_path / "env.so"
    configured.touch()
    env_lib.touch()
    env = {"PYKCS11LIB": str(env_lib)}
    assert find_module(str(configured), env) == str(configured)
    assert find_module(None, env) == str(env_lib)


def test_a_missing_configured_module_is_a_clear_no_module(tmp_path: Path) -> None:
    with pytest.raises(CardError) as caught:
        find_module(str(tmp_path / "nope.so"), {})
    assert caught.value.problem is CardProblem.NO_MODULE
    assert "nope.so" in caught.value.detail


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        (CKR_PIN_INCORRECT, CardProblem.WRONG_PIN),
        (CKR_PIN_LOCKED, CardProblem.PIN_LOCKED),
        (CKR_FUNCTION_CANCELED, CardProblem.CANCELLED),
        (CKR_TOKEN_NOT_PRESENT, CardProblem.CARD_REMOVED),
        (CKR_DEVICE_REMOVED, CardProblem.CARD_REMOVED),
        (0x30, CardProblem.READER_FAILED),
    ],
)
def test_return_codes_map_to_problems(code: int, problem: CardProblem) -> None:
    assert problem_for_code(code) is problem


def test_every_problem_and_refusal_has_its_own_message() -> None:
    card = {card_message(p) for p in CardProblem}
    assert len(card) == len(CardProblem)
    assert "3 wrong PINs" in card_message(CardProblem.WRONG_PIN)
    refusals = {refusal_message(r.value, "server words", 7) for r in EidRefusal}
    assert len(refusals) == len(EidRefusal)
    assert all("server words" not in m for m in refusals)
    assert "Wait 7 s" in refusal_message("rate_limited", "", 7)
    assert refusal_message("new_reason", "server words") == "Login refused: server words"


def test_a_secret_is_taken_once_and_never_shown() -> None:
    secret = Secret("1234")
    assert "1234" not in repr(secret)
    assert secret.take() == "1234"
    assert secret.take() is None


def test_the_signed_message_is_bound_to_the_origin() -> None:
    assert origin_of("HTTPS://Athena.Example:443/v1/") == "https://athena.example"
    assert origin_of("http://127.0.0.1:8321") == "http://127.0.0.1:8321"
    assert login_message("https://athena.example/", "n0") == (
        b"athena-login-v1\nhttps://athena.example\nn0"
    )
    assert login_message("https://a.example", "n0") != login_message("https://b.example", "n0")
