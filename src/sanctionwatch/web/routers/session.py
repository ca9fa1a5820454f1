"""Signing in and out: the sign-in form (with its own CSRF nonce), sessions opened with an
API key, and the home page's redirect to the alert queue."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sanctionwatch import exc
from sanctionwatch.store import (
    close_session,
    open_session,
)
from sanctionwatch.web.signin import (
    SESSION_COOKIE,
    SIGNIN_COOKIE,
    check_form,
    delete_cookie,
    form_token,
    set_cookie,
)
from sanctionwatch.web.ui import Csrf, Ui, UiDep

router = APIRouter()


@router.get("/", include_in_schema=False, name="ui.home")
def home(request: Request) -> Response:
    return RedirectResponse(request.url_for("ui.alerts"), status_code=303)


@router.get("/login", response_class=HTMLResponse, name="ui.login")
def login(request: Request, ui: UiDep) -> Response:
    return _login_page(request, ui)


@router.post("/login", response_class=HTMLResponse, name="ui.sign_in")
def sign_in(request: Request, ui: UiDep, key: Annotated[str, Form(max_length=200)] = "",
            csrf: Csrf = "") -> Response:
    try:
        check_form(request.cookies.get(SIGNIN_COOKIE, ""), csrf)
    except exc.PermissionDenied:
        return _login_page(request, ui, 403, "The sign-in form had expired: sign in again.")
    try:
        _user, token = open_session(ui.store, key.strip(), ui.config.session_lifetime)
    except exc.AuthError:
        return _login_page(request, ui, 401, "That key is not valid.")
    close_session(ui.store, request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse(request.url_for("ui.alerts"), status_code=303)
    set_cookie(response, SESSION_COOKIE, token, is_secure=ui.config.secure_cookie)
    delete_cookie(response, SIGNIN_COOKIE)
    return response


@router.post("/logout", name="ui.sign_out")
def sign_out(request: Request, ui: UiDep, csrf: Csrf = "") -> Response:
    token = request.cookies.get(SESSION_COOKIE, "")
    if token:
        check_form(token, csrf)
        close_session(ui.store, token)
    response = RedirectResponse(request.url_for("ui.login"), status_code=303)
    delete_cookie(response, SESSION_COOKIE)
    return response


def _login_page(request: Request, ui: Ui, status: int = 200, error: str = "") -> Response:
    """The sign-in form, with the CSRF token of the browser's sign-in nonce (set if new)."""
    nonce = request.cookies.get(SIGNIN_COOKIE) or secrets.token_urlsafe(32)
    response = ui.render(request, "login.html", status, user=None, error=error,
                         csrf=form_token(nonce))
    set_cookie(response, SIGNIN_COOKIE, nonce, is_secure=ui.config.secure_cookie)
    return response
