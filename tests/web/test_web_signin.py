"""Signing in to the UI: a session in the store, its token (never the key) in the cookie, a
CSRF token on every form; sign-out, expiry and deactivation end it; all in the audit trail."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from fastapi.testclient import TestClient
from webapp import csrf_of, sign_in

from sanctionwatch.store import Store, audit_records, get_alert, verify_audit
from sanctionwatch.store.tables import sessions
from sanctionwatch.store.tables import users as user_rows


def _signed_out(web: TestClient) -> bool:
    """Whether the queue sends the browser to the sign-in page."""
    return web.get("/ui/alerts").url.path == "/ui/login"


def _use_cookie(web: TestClient, name: str, value: str) -> None:
    web.cookies.clear()
    web.cookies.set(name, value, domain="testserver.local", path="/ui")


def test_sign_in_needs_a_valid_key(web: TestClient, users: dict[str, str]) -> None:
    assert _signed_out(web)
    form = web.get("/ui/login")
    bad = web.post("/ui/login", data={"key": "sw_nope", "csrf": csrf_of(form.text)})
    assert bad.status_code == 401
    assert "That key is not valid." in bad.text
    assert web.cookies.get("sw_session") is None
    assert _signed_out(web)


def test_the_cookie_holds_a_session_token_not_the_key(web: TestClient, store: Store,
                                                      users: dict[str, str]) -> None:
    key = users["analyst"]
    sign_in(web, key)
    token = web.cookies.get("sw_session")
    assert token is not None
    assert token != key
    assert key not in str(web.cookies.jar)
    with store.read() as conn:
        stored = conn.execute(sa.select(sessions.c.token_hash)).scalars().all()
    assert stored == [hashlib.sha256(token.encode()).hexdigest()]
    page = web.get("/ui/alerts")
    assert page.url.path == "/ui/alerts"
    assert "ana (analyst)" in page.text
    for name in ("sw_session", "sw_key"):  # the key itself signs nobody in
        _use_cookie(web, name, key)
        assert _signed_out(web)
    _use_cookie(web, "sw_session", token)
    assert not _signed_out(web)


def test_sign_out_ends_the_session(web: TestClient, store: Store,
                                   users: dict[str, str]) -> None:
    csrf = sign_in(web, users["analyst"])
    token = web.cookies.get("sw_session")
    assert token is not None
    out = web.post("/ui/logout", data={"csrf": csrf})
    assert out.url.path == "/ui/login"
    assert web.cookies.get("sw_session") is None
    assert _signed_out(web)
    _use_cookie(web, "sw_session", token)  # a copy of the cookie kept from before
    assert _signed_out(web)
    trail = [(r.actor, r.action) for r in audit_records(store, "session")]
    assert trail == [("ana", "session.sign_in"), ("ana", "session.sign_out")]
    assert verify_audit(store).is_intact


def test_signing_in_again_ends_the_session_before(web: TestClient, store: Store,
                                                  users: dict[str, str]) -> None:
    sign_in(web, users["analyst"])
    sign_in(web, users["reviewer"])
    assert "rev (reviewer)" in web.get("/ui/alerts").text
    trail = [(r.actor, r.action) for r in audit_records(store, "session")]
    assert trail == [("ana", "session.sign_in"), ("rev", "session.sign_in"),
                     ("ana", "session.sign_out")]
    with store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(sessions)).scalar() == 1


def test_an_expired_session_is_refused(web: TestClient, store: Store,
                                       users: dict[str, str]) -> None:
    sign_in(web, users["analyst"])
    assert not _signed_out(web)
    with store.write() as conn:
        conn.execute(sa.update(sessions).values(
            expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    assert _signed_out(web)
    sign_in(web, users["analyst"])  # and it is purged by the next sign-in
    with store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(sessions)).scalar() == 1


def test_a_deactivated_user_is_signed_out(web: TestClient, store: Store,
                                          users: dict[str, str]) -> None:
    sign_in(web, users["analyst"])
    with store.write() as conn:
        conn.execute(sa.update(user_rows).where(user_rows.c.name == "ana")
                     .values(is_active=False))
    assert _signed_out(web)
    form = web.get("/ui/login")
    again = web.post("/ui/login", data={"key": users["analyst"], "csrf": csrf_of(form.text)})
    assert again.status_code == 401


def test_every_form_post_needs_the_sessions_csrf_token(
        web: TestClient, store: Store, users: dict[str, str], alert_id: int) -> None:
    other = TestClient(web.app, follow_redirects=True)
    theirs = sign_in(other, users["reviewer2"])
    csrf = sign_in(web, users["reviewer"])
    assert csrf != theirs
    match_id = get_alert(store, alert_id).matches[0].id
    posts = {
        f"/ui/alerts/{alert_id}/decide": {"match_id": match_id, "verdict": "escalate",
                                          "reason": "forged"},
        f"/ui/alerts/{alert_id}/assign": {"assignee": "rev"},
        "/ui/subjects": {"name": "Kim Jong Un"},
        "/ui/text": {"text": "KOMID"},
        "/ui/logout": {},
    }
    for url, data in posts.items():
        for token in (None, "", "0" * 64, theirs):
            sent = data if token is None else {**data, "csrf": token}
            refused = web.post(url, data=sent)
            assert refused.status_code == 403, (url, token)
            assert "this form has expired or was sent from another site" in refused.text
    detail = get_alert(store, alert_id)
    assert detail.matches[0].decisions == ()
    assert detail.alert.assignee is None
    assert not _signed_out(web)
    assigned = web.post(f"/ui/alerts/{alert_id}/assign", data={"assignee": "rev", "csrf": csrf})
    assert assigned.status_code == 200
    assert get_alert(store, alert_id).alert.assignee == "rev"


def test_the_sign_in_form_needs_its_own_token(web: TestClient, store: Store,
                                              users: dict[str, str]) -> None:
    form = web.get("/ui/login")
    nonce = web.cookies.get("sw_signin")
    assert nonce is not None
    for token in ("", "0" * 64):
        refused = web.post("/ui/login", data={"key": users["analyst"], "csrf": token})
        assert refused.status_code == 403
        assert "The sign-in form had expired" in refused.text
    _use_cookie(web, "sw_signin", "another browser's nonce")
    stale = web.post("/ui/login", data={"key": users["analyst"], "csrf": csrf_of(form.text)})
    assert stale.status_code == 403
    assert audit_records(store, "session") == []
    assert _signed_out(web)
    fresh = csrf_of(stale.text)
    signed = web.post("/ui/login", data={"key": users["analyst"], "csrf": fresh})
    assert signed.url.path == "/ui/alerts"
    assert web.cookies.get("sw_signin") is None
