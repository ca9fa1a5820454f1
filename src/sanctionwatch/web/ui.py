"""What every page of the UI shares: the :class:`Ui` (store, lists, templates, the signed-in
user), its configuration, the CSRF form field and the HTML status of each error. The pages
themselves are the routers under :mod:`sanctionwatch.web.routers`; each handler parses the
form, calls a use case, renders a template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, Protocol

from fastapi import Depends, Form, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from sanctionwatch import exc
from sanctionwatch.store import (
    MatchState,
    Role,
    Store,
    User,
    list_users,
    session_user,
)
from sanctionwatch.store.users import RESERVED_NAMES
from sanctionwatch.web.signin import (
    SESSION_COOKIE,
    LoginRequired,
    check_form,
    form_token,
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


def get_ui(request: Request) -> Ui:
    """The UI of the app a request reached (set by :func:`~sanctionwatch.web.views.create_ui`)."""
    found = request.app.state.ui
    assert isinstance(found, Ui)
    return found


UiDep = Annotated[Ui, Depends(get_ui)]


def http_status(error: exc.SanctionwatchError) -> int:
    return next(code for cls, code in ERROR_STATUS if isinstance(error, cls))

