"""The app the web tests drive: the API with the analyst UI mounted at /ui."""

from __future__ import annotations

from fastapi import FastAPI

from sanctionwatch.index import Index
from sanctionwatch.service import IndexHolder, create_app
from sanctionwatch.store import Store
from sanctionwatch.web import install_ui


def build_app(index: Index, store: Store) -> FastAPI:
    holder = IndexHolder(index)
    return create_app(holder, store, extensions=[lambda app: install_ui(app, holder, store)])
