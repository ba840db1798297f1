"""Server-side eID login: challenge, chain, validity, signature, agent, roles, backoff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import httpx
import pytest
import sqlalchemy as sa

from athena_server.runner import RunningServer
from athena_server.schema import audit, eid_failures, eid_grants
from tests.eid.conftest import Pki, ServerFactory, challenge, login_body
from tests.eid.pki import NOW, PrivateKey, der, make_card_cert, make_citizen_ca, make_root, new_key
from tests.server.dataset import AGENT_NAMES, JAN, SOPHIE


def national(agent_id: int) -> str:
    return f"{70000000000 + agent_id}"


@pytest.fixture
def anon(eid_server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=eid_server.url, timeout=10.0) as client:
        yield client


def card(pki: Pki, agent_id: int, kind: str = "rsa", **cert: object) -> tuple[PrivateKey, bytes]:
    key = new_key(kind)
    given, surname = AGENT_NAMES.get(agent_id, "Nobody Known").split(" ", 1)
    leaf = make_card_cert(
        pki.ca,
        key,
        national_number=national(agent_id),
        given_name=given,
        surname=surname,
        **cert,  # type: ignore[arg-type]
    )
    return key, der(leaf)


def refusals(server: RunningServer) -> list[dict[str, object]]:
    with server.engine.connect() as conn:
        rows = conn.execute(
            sa.select(audit.c.after).where(audit.c.action == "login_refused").order_by(audit.c.id)
        ).all()
    return [dict(r.after) for r in rows]


def post_login(
    client: httpx.Client, url: str, pki: Pki, key: PrivateKey, cert_der: bytes, **kw: object
) -> httpx.Response:
    nonce = challenge(client)
    body = login_body(url, nonce, key, cert_der, pki.ca.der, **kw)  # type: ignore[arg-type]
    return client.post("/v1/auth/eid", json=body)


@pytest.mark.parametrize("kind", ["rsa", "ec"])
def test_a_good_card_logs_in_and_the_session_works(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki, kind: str
) -> None:
    key, cert_der = card(pki, JAN, kind)
    answer = post_login(anon, eid_server.url, pki, key, cert_der)
    assert answer.status_code == 200, answer.text
    session = answer.json()
    assert session["agent"]["id"] == JAN and session["role"] == "contact_center"
    me = anon.get("/v1/me", headers={"Authorization": f"Bearer {session['token']}"})
    assert me.status_code == 200 and me.json()["agent"]["name"] == AGENT_NAMES[JAN]
    with eid_server.engine.connect() as conn:
        method = conn.exec_driver_sql("SELECT method FROM sessions").scalar()
        logins = conn.execute(sa.select(audit.c.agent_id).where(audit.c.action == "login")).all()
    assert method == "eid" and [r.agent_id for r in logins] == [JAN]


def test_two_roles_give_a_ticket_that_finishes_the_login_once(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    key, cert_der = card(pki, SOPHIE, "ec")
    answer = post_login(anon, eid_server.url, pki, key, cert_der)
    assert answer.status_code == 409, answer.text
    details = answer.json()["error"]["details"]
    assert details["roles"] == ["contact_center", "case_management"]
    assert details["agent"]["id"] == SOPHIE
    ticket = details["ticket"]
    done = anon.post("/v1/auth/eid/role", json={"ticket": ticket, "role": "case_management"})
    assert done.status_code == 200, done.text
    assert done.json()["role"] == "case_management"
    again = anon.post("/v1/auth/eid/role", json={"ticket": ticket, "role": "contact_center"})
    assert again.status_code == 401
    assert again.json()["error"]["details"]["reason"] == "ticket_invalid"


def test_a_role_named_up_front_needs_no_ticket(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    key, cert_der = card(pki, SOPHIE)
    answer = post_login(anon, eid_server.url, pki, key, cert_der, role="case_management")
    assert answer.status_code == 200 and answer.json()["role"] == "case_management"


def test_a_replayed_nonce_is_refused(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    key, cert_der = card(pki, JAN)
    nonce = challenge(anon)
    body = login_body(eid_server.url, nonce, key, cert_der, pki.ca.der)
    assert anon.post("/v1/auth/eid", json=body).status_code == 200
    replay = anon.post("/v1/auth/eid", json=body)
    assert replay.status_code == 401
    assert replay.json()["error"]["details"]["reason"] == "nonce_replayed"
    assert refusals(eid_server)[-1]["reason"] == "nonce_replayed"


def test_a_refused_login_still_uses_up_its_nonce(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    key, cert_der = card(pki, JAN)
    nonce = challenge(anon)
    bad = login_body(eid_server.url, nonce, key, cert_der, pki.ca.der, message=b"other data")
    assert anon.post("/v1/auth/eid", json=bad).json()["error"]["details"]["reason"] == (
        "bad_signature"
    )
    good = login_body(eid_server.url, nonce, key, cert_der, pki.ca.der)
    assert anon.post("/v1/auth/eid", json=good).json()["error"]["details"]["reason"] == (
        "nonce_replayed"
    )


def test_an_expired_nonce_is_refused(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    key, cert_der = card(pki, JAN)
    nonce = challenge(anon)
    with eid_server.engine.begin() as conn:
        conn.execute(eid_grants.update().values(expires_at=NOW - dt.timedelta(seconds=1)))
    answer = anon.post(
        "/v1/auth/eid", json=login_body(eid_server.url, nonce, key, cert_der, pki.ca.der)
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["details"]["reason"] == "nonce_expired"
    assert "expired" in answer.json()["error"]["message"]


def test_an_unknown_nonce_is_refused(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    key, cert_der = card(pki, JAN)
    body = login_body(eid_server.url, "made-up", key, cert_der, pki.ca.der)
    answer = anon.post("/v1/auth/eid", json=body)
    assert answer.json()["error"]["details"]["reason"] == "nonce_unknown"


def test_a_chain_to_an_unknown_root_is_refused(
    anon: httpx.Client, eid_server: RunningServer
) -> None:
    stranger_root = make_root("Stranger Root")
    stranger = Pki(root=stranger_root, ca=make_citizen_ca(stranger_root), anchors=None)  # type: ignore[arg-type]
    key, cert_der = card(stranger, JAN)
    answer = post_login(anon, eid_server.url, stranger, key, cert_der)
    assert answer.status_code == 401
    assert answer.json()["error"]["details"]["reason"] == "untrusted_chain"
    assert refusals(eid_server)[-1]["reason"] == "untrusted_chain"


def test_a_chain_without_the_card_ca_is_refused(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    key, cert_der = card(pki, JAN)
    nonce = challenge(anon)
    body = login_body(eid_server.url, nonce, key, cert_der, pki.ca.der)
    body["intermediates"] = []
    answer = anon.post("/v1/auth/eid", json=body)
    assert answer.json()["error"]["details"]["reason"] == "untrusted_chain"


def test_an_expired_certificate_is_refused(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    key, cert_der = card(
        pki,
        JAN,
        not_before=NOW - dt.timedelta(days=3650),
        not_after=NOW - dt.timedelta(days=1),
    )
    answer = post_login(anon, eid_server.url, pki, key, cert_der)
    assert answer.status_code == 401
    error = answer.json()["error"]
    assert error["details"]["reason"] == "certificate_expired"
    assert "expired on" in error["message"]


def test_a_signature_over_other_data_is_refused(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    key, cert_der = card(pki, JAN, "ec")
    # the card signed the same nonce for another origin (a look-alike server relaying)
    nonce = challenge(anon)
    from backend_client.eid_proof import login_message

    body = login_body(
        eid_server.url,
        nonce,
        key,
        cert_der,
        pki.ca.der,
        message=login_message("https://athena.example.evil", nonce),
    )
    answer = anon.post("/v1/auth/eid", json=body)
    assert answer.status_code == 401
    assert answer.json()["error"]["details"]["reason"] == "bad_signature"


def test_a_signature_by_another_key_is_refused(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    _key, cert_der = card(pki, JAN)
    answer = post_login(anon, eid_server.url, pki, new_key("rsa"), cert_der)
    assert answer.json()["error"]["details"]["reason"] == "bad_signature"


def test_the_signature_certificate_cannot_log_in(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    key, cert_der = card(pki, JAN, purpose="Signature")
    answer = post_login(anon, eid_server.url, pki, key, cert_der)
    assert answer.json()["error"]["details"]["reason"] == "not_for_authentication"


def test_an_unknown_national_number_is_refused(
    anon: httpx.Client, eid_server: RunningServer, pki: Pki
) -> None:
    key, cert_der = card(pki, 999)
    answer = post_login(anon, eid_server.url, pki, key, cert_der)
    assert answer.status_code == 403
    assert answer.json()["error"]["details"]["reason"] == "unknown_agent"
    assert refusals(eid_server)[-1]["reason"] == "unknown_agent"


def test_garbage_is_refused_clearly(anon: httpx.Client, pki: Pki) -> None:
    nonce = challenge(anon)
    answer = anon.post(
        "/v1/auth/eid",
        json={"nonce": nonce, "certificate": "AAAA", "intermediates": [], "signature": "AA=="},
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["details"]["reason"] == "bad_certificate"
    not_b64 = anon.post(
        "/v1/auth/eid",
        json={"nonce": nonce, "certificate": "%%%", "intermediates": [], "signature": "AA=="},
    )
    assert not_b64.status_code == 422 and not_b64.json()["error"]["field"] == "certificate"


def test_repeated_failures_are_slowed_down(eid_server_factory: ServerFactory, pki: Pki) -> None:
    server = eid_server_factory(eid_free_failures=2, eid_backoff=dt.timedelta(seconds=60))
    key, cert_der = card(pki, JAN)
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        reasons = []
        for _ in range(3):
            answer = post_login(client, server.url, pki, key, cert_der, message=b"wrong")
            reasons.append(answer.json()["error"]["details"]["reason"])
        assert reasons == ["bad_signature"] * 3
        # now even a good login from this address and certificate waits
        blocked = post_login(client, server.url, pki, key, cert_der)
        assert blocked.status_code == 429, blocked.text
        error = blocked.json()["error"]
        assert error["code"] == "rate_limited" and error["details"]["reason"] == "rate_limited"
        assert 50 <= error["details"]["retry_after"] <= 60
    with server.engine.connect() as conn:
        keys = {r.key: r.failures for r in conn.execute(sa.select(eid_failures)).all()}
    assert keys == {"addr:127.0.0.1": 3, next(k for k in keys if k.startswith("cert:")): 3}
    assert refusals(server)[-1]["reason"] == "rate_limited"


def test_a_success_clears_the_failures(eid_server_factory: ServerFactory, pki: Pki) -> None:
    server = eid_server_factory(eid_free_failures=2, eid_backoff=dt.timedelta(seconds=60))
    key, cert_der = card(pki, JAN)
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        for _ in range(2):
            post_login(client, server.url, pki, key, cert_der, message=b"wrong")
        assert post_login(client, server.url, pki, key, cert_der).status_code == 200
    with server.engine.connect() as conn:
        assert conn.execute(sa.select(eid_failures)).all() == []


def test_without_trust_anchors_the_eid_login_is_closed(
    eid_server_factory: ServerFactory,
) -> None:
    server = eid_server_factory(trust_anchors_dir=None)
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        answer = client.post("/v1/auth/challenge")
    assert answer.status_code == 403
    assert answer.json()["error"]["details"]["reason"] == "eid_disabled"


def test_a_demo_login_on_a_production_server_is_refused_and_audited(
    anon: httpx.Client, eid_server: RunningServer
) -> None:
    answer = anon.post("/v1/auth/demo", json={"agent_id": JAN})
    assert answer.status_code == 403
    assert "demo login is disabled" in answer.json()["error"]["message"]
    assert refusals(eid_server)[-1] == {
        "method": "demo",
        "address": "127.0.0.1",
        "reason": "demo_disabled",
    }


def test_the_configured_origin_is_the_one_signed(
    eid_server_factory: ServerFactory, pki: Pki
) -> None:
    server = eid_server_factory(origin="https://athena.example")
    key, cert_der = card(pki, JAN)
    with httpx.Client(base_url=server.url, timeout=10.0) as client:
        as_reached = post_login(client, server.url, pki, key, cert_der)
        assert as_reached.json()["error"]["details"]["reason"] == "bad_signature"
        public = post_login(client, "https://athena.example:443/", pki, key, cert_der)
        assert public.status_code == 200, public.text
