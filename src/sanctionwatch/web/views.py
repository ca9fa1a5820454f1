"""The UI as an app: :func:`create_ui` builds it over the lists and the store, with the error
page and the routers of :mod:`sanctionwatch.web.routers`; :func:`install_ui` mounts it at
``/ui``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from sanctionwatch import exc
from sanctionwatch.store import Store
from sanctionwatch.web import routers
from sanctionwatch.web.signin import LoginRequired
from sanctionwatch.web.ui import PACKAGE, ListsProvider, Ui, UiConfig, http_status

__all__ = ["ListsProvider", "UiConfig", "create_ui", "install_ui"]


def create_ui(lists: ListsProvider, store: Store, config: UiConfig | None = None) -> FastAPI:
    """The UI as an app of its own (mounted at /ui by :func:`install_ui`)."""
    ui = Ui(lists, store, config or UiConfig())
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=str(PACKAGE.joinpath("static"))), name="ui.static")

    async def on_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, exc.SanctionwatchError)
        if isinstance(error, LoginRequired):
            return RedirectResponse(request.url_for("ui.login"), status_code=303)
        status = http_status(error)
        return ui.render(request, "error.html", status, message=str(error), code=status,
                         user=None)

    app.add_exception_handler(exc.SanctionwatchError, on_error)
    app.state.ui = ui
    for module in (routers.session, routers.alerts, routers.lists, routers.screening,
                   routers.payments):
        app.include_router(module.router)
    return app


def install_ui(app: FastAPI, lists: ListsProvider, store: Store,
               config: UiConfig | None = None) -> None:
    # unnamed, so that url_for("ui.alerts") inside the UI resolves through the mount
    app.mount("/ui", create_ui(lists, store, config))
