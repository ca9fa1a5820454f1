"""The application factory: ``create_app(index, store)`` wires routers, auth and errors.

The index is given (tests pass the one they built) or a loader is (the server loads the lists
in the background and answers 503 on /readyz and screening calls until they are in); an
:class:`IndexHolder` can be given too, to share it with other edges. Over lists that get
updated (an IndexHolder over a ``ListSource``) the app's :class:`ListWatcher` reloads and
monitors new list versions on its own (``ServiceConfig.reload_seconds``). They extend the app
through ``extensions`` (the analyst UI mounts itself that way: ``sanctionwatch.web``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI

from sanctionwatch import __version__
from sanctionwatch.service.auth import KeyCache
from sanctionwatch.service.errors import BodyLimit, install_error_handlers
from sanctionwatch.service.routers import audit, cases, matching, payments, system, text, users
from sanctionwatch.service.scoring import ScoringPool
from sanctionwatch.service.state import IndexHolder, ServiceConfig, ServiceState
from sanctionwatch.service.watch import ListWatcher
from sanctionwatch.store import Store

if TYPE_CHECKING:
    from sanctionwatch.index import Index

DESCRIPTION = """Sanctions screening against the official lists, with explained matches.

The matching endpoints follow yente's API, so OpenSanctions clients work unchanged.
Authenticate with `Authorization: ApiKey <key>`; every error is a JSON body
`{"status", "detail"}` whose detail names the input and the problem.
"""

TAGS = [
    {"name": "Matching", "description": "Screen entities against the lists (yente-compatible)."},
    {"name": "Cases", "description": "Subjects, alerts and four-eyes decisions."},
    {"name": "Text", "description": "Find listed parties mentioned in free text."},
    {"name": "Payments", "description": "Hold or pass payment messages; review held ones."},
    {"name": "Data access", "description": "Listed entities by id."},
    {"name": "Audit", "description": "The hash-chained audit trail (admins)."},
    {"name": "Users", "description": "Users and their API keys (admins)."},
    {"name": "System information", "description": "Health, lists and algorithms."},
]


def create_app(
    index: Index | Callable[[], Index] | IndexHolder,
    store: Store,
    config: ServiceConfig | None = None,
    extensions: Sequence[Callable[[FastAPI], None]] = (),
) -> FastAPI:
    """The screening service over an index (or a loader of one) and a store."""
    cfg = config or ServiceConfig()
    holder = index if isinstance(index, IndexHolder) else IndexHolder(index)
    watcher = ListWatcher(holder, store, cfg)
    pool = ScoringPool(cfg.score_threads, cfg.score_queue, cfg.score_seconds)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        holder.start()
        watcher.start()
        yield
        watcher.stop()

    app = FastAPI(
        title=cfg.title, version=__version__, description=DESCRIPTION, openapi_tags=TAGS,
        lifespan=lifespan,
    )
    app.state.sanctionwatch = ServiceState(index=holder, store=store, config=cfg,
                                           watcher=watcher, pool=pool)
    app.state.key_cache = KeyCache()
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=cfg.max_body)
    for module in (system, matching, cases, text, payments, audit, users):
        app.include_router(module.router)
    for extend in extensions:
        extend(app)
    return app
