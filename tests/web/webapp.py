"""The app the web tests drive: the API with the analyst UI mounted at /ui; signing in to it
through its form, and the CSRF token its forms carry."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from sanctionwatch.index import Index
from sanctionwatch.service import IndexHolder, create_app
from sanctionwatch.store import Store
from sanctionwatch.web import install_ui

CSRF = re.compile(r'<input type="hidden" name="csrf" value="([0-9a-f]{64})">')


def build_app(index: Index, store: Store) -> FastAPI:
    holder = IndexHolder(index)
    return create_app(holder, store, extensions=[lambda app: install_ui(app, holder, store)])


def csrf_of(page: str) -> str:
    """The CSRF token of the forms on a page (all of them carry the same)."""
    tokens = set(CSRF.findall(page))
    assert len(tokens) == 1, f"expected one CSRF token on the page, found {len(tokens)}"
    return tokens.pop()


def sign_in(web: TestClient, key: str) -> str:
    """Sign in through the form; returns the CSRF token of the session's forms."""
    form = web.get("/ui/login")
    response = web.post("/ui/login", data={"key": key, "csrf": csrf_of(form.text)})
    assert response.status_code == 200
    assert response.url.path == "/ui/alerts"
    return csrf_of(response.text)
