"""Signing in to the UI: the session cookie, and the CSRF token every POST form carries.

Signing in with an API key opens a session in the store (:mod:`sanctionwatch.store.sessions`);
the browser keeps only the session's random token, in the ``sw_session`` cookie (HttpOnly,
SameSite=Strict, path ``/ui``, Secure behind TLS), never the key. Every POST form carries a CSRF
token, the HMAC of the session token: a page of another site can neither read it nor work it
out. The sign-in form, before there is a session, carries the same HMAC of a random nonce kept
in the ``sw_signin`` cookie, so that no other site can sign a browser in under a key of its own.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import Response

from sanctionwatch import exc

SESSION_COOKIE = "sw_session"
SIGNIN_COOKIE = "sw_signin"
COOKIE_PATH = "/ui"
_PURPOSE = b"sanctionwatch form"


class LoginRequired(exc.AuthError):
    """No sign-in cookie, or its session has ended."""


def form_token(secret: str) -> str:
    """The CSRF token of the forms a cookie's holder may submit."""
    return hmac.new(secret.encode("utf-8"), _PURPOSE, hashlib.sha256).hexdigest()


def check_form(secret: str, token: str) -> None:
    """PermissionDenied unless ``token`` is the CSRF token of ``secret`` (the cookie's value)."""
    if not secret or not hmac.compare_digest(form_token(secret).encode(), token.encode("utf-8")):
        raise exc.PermissionDenied("this form has expired or was sent from another site: "
                                   "reload the page and send it again")


def set_cookie(response: Response, name: str, value: str, *, is_secure: bool) -> None:
    response.set_cookie(name, value, httponly=True, samesite="strict", secure=is_secure,
                        path=COOKIE_PATH)


def delete_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, path=COOKIE_PATH)
