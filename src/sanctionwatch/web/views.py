"""The UI's pages: each handler parses the form, calls a use case, renders a template."""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, Protocol

from fastapi import FastAPI, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sanctionwatch import exc
from sanctionwatch.model import make_query
from sanctionwatch.store import (
    AlertFilter,
    AlertStatus,
    MatchState,
    Role,
    Store,
    User,
    assign_alert,
    close_session,
    decide,
    get_alert,
    latest_monitor_run,
    list_alerts,
    list_users,
    open_session,
    session_user,
)
from sanctionwatch.store.screening import add_and_screen, screening_config
from sanctionwatch.store.users import RESERVED_NAMES
from sanctionwatch.text import parse_text
from sanctionwatch.web.compare import highlight, side_by_side
from sanctionwatch.web.network import neighbourhood_svg
from sanctionwatch.web.signin import (
    SESSION_COOKIE,
    SIGNIN_COOKIE,
    LoginRequired,
    check_form,
    delete_cookie,
    form_token,
    set_cookie,
)

if TYPE_CHECKING:
    from sanctionwatch.index import Index
    from sanctionwatch.text import TextScreener

PACKAGE = resources.files("sanctionwatch.web")
#: the HTML status of each kind of error (the API's are in service/errors.py)
ERROR_STATUS = ((exc.PermissionDenied, 403), (exc.AuthError, 401), (exc.NotFound, 404),
                (exc.Conflict, 409), (exc.QueryError, 400), (exc.InputError, 400),
                (exc.DocumentError, 422), (exc.SanctionwatchError, 503))
VERDICTS = {
    MatchState.OPEN: ("true_match", "false_positive", "escalate"),
    MatchState.ESCALATED: ("true_match", "false_positive"),
    MatchState.PENDING_TRUE_MATCH: ("confirm", "reject"),
    MatchState.PENDING_FALSE_POSITIVE: ("confirm", "reject"),
}
#: the alert queue's filter on who an alert is assigned to
ASSIGNED = {"": "anyone", "me": "assigned to me", "none": "unassigned"}
#: the CSRF token every POST form carries (see web/signin.py); missing, it is refused with a 403
Csrf = Annotated[str, Form(max_length=100)]


class ListsProvider(Protocol):
    """The loaded lists, as the service's IndexHolder offers them."""

    @property
    def is_ready(self) -> bool: ...

    def get(self) -> Index: ...

    def text_screener(self) -> TextScreener: ...


@dataclass(frozen=True, slots=True)
class UiConfig:
    threshold: float | None = None
    algorithm: str | None = None
    #: send the sign-in cookie over HTTPS only (on behind TLS)
    secure_cookie: bool = False
    #: how long a sign-in lasts
    session_lifetime: timedelta = timedelta(hours=8)


class Ui:
    def __init__(self, lists: ListsProvider, store: Store, config: UiConfig) -> None:
        self.lists = lists
        self.store = store
        self.config = config
        self.templates = Jinja2Templates(directory=str(PACKAGE.joinpath("templates")))

    def user(self, request: Request, csrf: str = "") -> User:
        """The signed-in user; a POST must bring its form's CSRF token (``csrf``)."""
        token = request.cookies.get(SESSION_COOKIE, "")
        if not token:
            raise LoginRequired("sign in with your API key")
        if request.method == "POST":
            check_form(token, csrf)
        try:
            return session_user(self.store, token)
        except exc.AuthError:
            raise LoginRequired("your session has ended; sign in again") from None

    def render(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        """A page; its forms carry the CSRF token of the session cookie (``csrf``)."""
        token = request.cookies.get(SESSION_COOKIE)
        context.setdefault("csrf", form_token(token) if token else "")
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def assignees(self) -> list[User]:
        """Who an alert may be assigned to: active users with at least the analyst role."""
        return [u for u in list_users(self.store) if u.is_active and u.role.can(Role.ANALYST)
                and u.name not in RESERVED_NAMES]


def create_ui(lists: ListsProvider, store: Store, config: UiConfig | None = None) -> FastAPI:
    """The UI as an app of its own (mounted at /ui by :func:`install_ui`)."""
    ui = Ui(lists, store, config or UiConfig())
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=str(PACKAGE.joinpath("static"))), name="ui.static")

    async def on_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, exc.SanctionwatchError)
        if isinstance(error, LoginRequired):
            return RedirectResponse(request.url_for("ui.login"), status_code=303)
        status = _http_status(error)
        return ui.render(request, "error.html", status, message=str(error), code=status,
                         user=None)

    app.add_exception_handler(exc.SanctionwatchError, on_error)
    _routes(app, ui)
    return app


def install_ui(app: FastAPI, lists: ListsProvider, store: Store,
               config: UiConfig | None = None) -> None:
    # unnamed, so that url_for("ui.alerts") inside the UI resolves through the mount
    app.mount("/ui", create_ui(lists, store, config))


def _routes(app: FastAPI, ui: Ui) -> None:
    @app.get("/", include_in_schema=False, name="ui.home")
    def home(request: Request) -> Response:
        return RedirectResponse(request.url_for("ui.alerts"), status_code=303)

    @app.get("/login", response_class=HTMLResponse, name="ui.login")
    def login(request: Request) -> Response:
        return _login_page(request, ui)

    @app.post("/login", response_class=HTMLResponse, name="ui.sign_in")
    def sign_in(request: Request, key: Annotated[str, Form(max_length=200)] = "",
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

    @app.post("/logout", name="ui.sign_out")
    def sign_out(request: Request, csrf: Csrf = "") -> Response:
        token = request.cookies.get(SESSION_COOKIE, "")
        if token:
            check_form(token, csrf)
            close_session(ui.store, token)
        response = RedirectResponse(request.url_for("ui.login"), status_code=303)
        delete_cookie(response, SESSION_COOKIE)
        return response

    @app.get("/alerts", response_class=HTMLResponse, name="ui.alerts")
    def alerts(
        request: Request,
        status: Annotated[str, Query(max_length=20)] = "",
        score: Annotated[str, Query(max_length=10)] = "",
        source: Annotated[str, Query(max_length=100)] = "",
        assigned: Annotated[str, Query(max_length=10)] = "",
    ) -> Response:
        user = ui.user(request)
        if assigned not in ASSIGNED:
            raise exc.InputError(f"assigned {assigned!r} is not one of: me, none")
        filters = AlertFilter(
            status=_parse(AlertStatus, status), min_score=_score(score), source=source or None,
            assignee=user.name if assigned == "me" else None, is_unassigned=assigned == "none",
            limit=200,
        )
        found, total = list_alerts(ui.store, filters)
        sources = [s.name for s in ui.lists.get().collection.sources] if ui.lists.is_ready else []
        return ui.render(request, "alerts.html", user=user, alerts=found, total=total,
                         statuses=[s.value for s in AlertStatus], sources=sources,
                         assigned=ASSIGNED, filters={"status": status, "score": score,
                                                     "source": source, "assigned": assigned})

    @app.get("/alerts/{alert_id}", response_class=HTMLResponse, name="ui.alert")
    def alert(request: Request, alert_id: int, message: str = "") -> Response:
        return _alert_page(request, ui, ui.user(request), alert_id, message=message)

    @app.post("/alerts/{alert_id}/decide", response_class=HTMLResponse, name="ui.decide_match")
    def decide_match(
        request: Request,
        alert_id: int,
        match_id: Annotated[int, Form()],
        verdict: Annotated[str, Form(max_length=20)],
        reason: Annotated[str, Form(max_length=4000)] = "",
        csrf: Csrf = "",
    ) -> Response:
        user = ui.user(request, csrf)
        try:
            decision = decide(ui.store, alert_id, match_id, user, verdict, reason)
        except (exc.Conflict, exc.PermissionDenied, exc.InputError) as error:
            return _alert_page(request, ui, user, alert_id, error=str(error),
                               status=_http_status(error))
        url = request.url_for("ui.alert", alert_id=alert_id).include_query_params(
            message=f"Recorded {decision.verdict.value} on match {match_id}: "
                    f"now {decision.state_after.value.replace('_', ' ')}.")
        return RedirectResponse(url, status_code=303)

    @app.post("/alerts/{alert_id}/assign", response_class=HTMLResponse, name="ui.assign")
    def assign(
        request: Request,
        alert_id: int,
        assignee: Annotated[str, Form(max_length=200)] = "",
        csrf: Csrf = "",
    ) -> Response:
        user = ui.user(request, csrf)
        name = assignee.strip() or None
        try:
            if name is not None and name not in {u.name for u in ui.assignees()}:
                raise exc.InputError(f"{name!r} is not an active user with the analyst role "
                                     "or above")
            alert = assign_alert(ui.store, alert_id, name, user)
        except (exc.PermissionDenied, exc.InputError) as error:
            return _alert_page(request, ui, user, alert_id, error=str(error),
                               status=_http_status(error))
        done = f"Assigned to {alert.assignee}." if alert.assignee else "Assigned to nobody."
        url = request.url_for("ui.alert", alert_id=alert_id).include_query_params(message=done)
        return RedirectResponse(url, status_code=303)

    @app.get("/lists", response_class=HTMLResponse, name="ui.lists")
    def lists(request: Request) -> Response:
        user = ui.user(request)
        collection = ui.lists.get().collection
        updated = {s.name: _last_modified(s.paths) for s in collection.sources}
        return ui.render(request, "lists.html", user=user, sources=collection.sources,
                         total=len(collection), links=len(collection.links), updated=updated,
                         monitor=latest_monitor_run(ui.store))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, name="ui.entity")
    def entity(request: Request, entity_id: Annotated[str, Path(max_length=200)]) -> Response:
        user = ui.user(request)
        collection = ui.lists.get().collection
        found = collection.get(entity_id)
        if found is None:
            raise exc.NotFound(f"entity {entity_id!r} is not on any loaded list")
        others = [e for e in (collection.get(i) for i in collection.cluster(entity_id)[1:]) if e]
        return ui.render(request, "entity.html", user=user, entity=found, others=others)

    @app.get("/text", response_class=HTMLResponse, name="ui.text_form")
    def text_form(request: Request) -> Response:
        return ui.render(request, "text.html", user=ui.user(request), text="", result=None)

    @app.post("/text", response_class=HTMLResponse, name="ui.text_screen")
    def text_screen(request: Request, text: Annotated[str, Form(max_length=200_000)] = "",
                    csrf: Csrf = "") -> Response:
        user = ui.user(request, csrf)
        result = ui.lists.text_screener().screen(parse_text(text, "pasted text"))
        if result.error:
            raise exc.DocumentError(result.error)
        body = result.document.text
        pieces = highlight(body, [(m.start, m.end, m) for m in result.mentions])
        return ui.render(request, "text.html", user=user, text=text, result=result,
                         pieces=pieces)

    @app.get("/subjects/new", response_class=HTMLResponse, name="ui.subject_form")
    def subject_form(request: Request) -> Response:
        return ui.render(request, "subject.html", user=ui.user(request), error=None)

    @app.post("/subjects", response_class=HTMLResponse, name="ui.subject_add")
    def subject_add(
        request: Request,
        name: Annotated[str, Form(max_length=500)],
        kind: Annotated[str, Form(max_length=50)] = "Person",
        birth_date: Annotated[str, Form(max_length=10)] = "",
        country: Annotated[str, Form(max_length=2)] = "",
        external_id: Annotated[str, Form(max_length=200)] = "",
        csrf: Csrf = "",
    ) -> Response:
        user = ui.user(request, csrf)
        props = {"name": [name.strip()]}
        if birth_date.strip():
            props["birthDate"] = [birth_date.strip()]
        if country.strip():
            props["country" if kind != "Person" else "nationality"] = [country.lower()]
        try:  # the API's own check of a subject (POST /subjects)
            entity = make_query("subject", kind, props)
        except exc.QueryError as error:
            return ui.render(request, "subject.html", 400, user=user, error=str(error))
        config = screening_config(ui.config.threshold, ui.config.algorithm)
        outcome = add_and_screen(ui.store, ui.lists.get(), entity, user, config,
                                 external_id=external_id.strip() or None)
        if outcome.alert is not None:
            return RedirectResponse(request.url_for("ui.alert", alert_id=outcome.alert.id),
                                    status_code=303)
        return ui.render(request, "subject.html", user=user, error=None, outcome=outcome)


def _alert_page(request: Request, ui: Ui, user: User, alert_id: int, *, message: str = "",
                error: str = "", status: int = 200) -> Response:
    detail = get_alert(ui.store, alert_id)
    subject_props = detail.subject.entity.properties
    rows = {m.id: side_by_side(subject_props, m.entity.properties, m.explanation)
            for m in detail.matches}
    lists = ui.lists.get().collection if ui.lists.is_ready else None
    networks = {m.id: neighbourhood_svg(lists, m.entity.id, lambda i: str(
        request.url_for("ui.entity", entity_id=i))) for m in detail.matches} if lists else {}
    return ui.render(request, "alert.html", status, user=user, detail=detail, rows=rows,
                     networks=networks,
                     verdicts={m.id: VERDICTS.get(m.state, ()) for m in detail.matches},
                     assignees=ui.assignees() if user.role.can(Role.ANALYST) else [],
                     message=message, error=error)


def _login_page(request: Request, ui: Ui, status: int = 200, error: str = "") -> Response:
    """The sign-in form, with the CSRF token of the browser's sign-in nonce (set if new)."""
    nonce = request.cookies.get(SIGNIN_COOKIE) or secrets.token_urlsafe(32)
    response = ui.render(request, "login.html", status, user=None, error=error,
                         csrf=form_token(nonce))
    set_cookie(response, SIGNIN_COOKIE, nonce, is_secure=ui.config.secure_cookie)
    return response


def _http_status(error: exc.SanctionwatchError) -> int:
    return next(code for cls, code in ERROR_STATUS if isinstance(error, cls))


def _last_modified(paths: tuple[str, ...]) -> str:
    """When the newest of a list's files was written (UTC), or "" when none can be read."""
    times = []
    for path in paths:
        with contextlib.suppress(OSError):
            times.append(os.stat(path).st_mtime)
    if not times:
        return ""
    return datetime.fromtimestamp(max(times), UTC).strftime("%Y-%m-%d %H:%M UTC")


def _parse(kind: type[AlertStatus], value: str) -> AlertStatus | None:
    try:
        return kind(value) if value else None
    except ValueError:
        raise exc.InputError(f"status {value!r} is not one of: "
                             f"{', '.join(s.value for s in kind)}") from None


def _score(value: str) -> float | None:
    if not value:
        return None
    try:
        score = float(value)
    except ValueError:
        raise exc.InputError(f"score {value!r} is not a number") from None
    if not 0.0 <= score <= 1.0:
        raise exc.InputError(f"score {value!r} is not between 0 and 1")
    return score
