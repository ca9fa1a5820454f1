"""Held payments: the queue, one payment's message with the fields its hits name highlighted,
the four-eyes review (release or reject, then another reviewer's confirmation), and a form to
screen a pasted message (a held one opens a hold, as ``POST /screen/payment`` does)."""

from __future__ import annotations

import re
from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sanctionwatch import exc
from sanctionwatch.payments import PaymentScreener
from sanctionwatch.store import User
from sanctionwatch.store.payments import (
    HoldStatus,
    decide_hold,
    get_hold,
    list_holds,
    open_hold,
)
from sanctionwatch.web.ui import Csrf, Ui, UiDep, http_status

router = APIRouter()
#: the steps a hold's review offers in each status
ACTIONS = {HoldStatus.HELD: ("release", "reject"),
           HoldStatus.PENDING_RELEASE: ("confirm", "deny"),
           HoldStatus.PENDING_REJECT: ("confirm", "deny")}
_MT_FIELD = re.compile(r"^:(\w+): line (\d+)$")


def marked_lines(raw: str, hits: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """The message's lines, each with the hits that name it (an MT field's line, or the XML
    line that holds the value of the element a hit's path ends in)."""
    lines = raw.splitlines()
    marks: list[list[str]] = [[] for _ in lines]
    for hit in hits:
        found = _line_of(lines, str(hit["field"]), str(hit["value"]))
        if found is not None:
            marks[found].append(f"{hit['kind']} {hit['field']} ({hit['role']})")
    return list(zip(lines, marks, strict=True))


def _line_of(lines: list[str], field: str, value: str) -> int | None:
    mt = _MT_FIELD.match(field)
    if mt is not None:
        offset = int(mt.group(2)) - 1
        candidates = [i + offset for i, line in enumerate(lines)
                      if line.startswith(f":{mt.group(1)}:") and i + offset < len(lines)]
        return next((i for i in candidates if value in lines[i]),
                    candidates[0] if candidates else None)
    if field in ("{1:}", "{2:}"):
        return next((i for i, line in enumerate(lines) if field[:3] in line), None)
    element = field.rpartition("/")[2]
    written = escape(value, quote=False)
    return next((i for i, line in enumerate(lines) if written in line and element in line),
                next((i for i, line in enumerate(lines) if written in line), None))


@router.get("/payments", response_class=HTMLResponse, name="ui.payments")
def payments(request: Request, ui: UiDep,
             status: Annotated[str, Query(max_length=20)] = "") -> Response:
    user = ui.user(request)
    try:
        wanted = HoldStatus(status) if status else None
    except ValueError:
        raise exc.InputError(f"status {status!r} is not one of: "
                             f"{', '.join(s.value for s in HoldStatus)}") from None
    return ui.render(request, "payments.html", user=user, holds=list_holds(ui.store, wanted),
                     statuses=[s.value for s in HoldStatus], wanted=status, message="",
                     result=None)


@router.post("/payments", response_class=HTMLResponse, name="ui.payment_screen")
def payment_screen(request: Request, ui: UiDep,
                   message: Annotated[str, Form(max_length=1_000_000)] = "",
                   csrf: Csrf = "") -> Response:
    user = ui.user(request, csrf)
    screener = PaymentScreener(ui.lists.get(), ui.lists.text_screener())
    results = screener.screen_bytes(message.encode("utf-8"), "pasted message")
    opened = [open_hold(ui.store, r, message, user).id for r in results if r.is_held]
    if len(opened) == 1 and len(results) == 1:
        return RedirectResponse(request.url_for("ui.payment", hold_id=opened[0]),
                                status_code=303)
    return ui.render(request, "payments.html", user=user, holds=list_holds(ui.store),
                     statuses=[s.value for s in HoldStatus], wanted="", message=message,
                     result=results)


@router.get("/payments/{hold_id}", response_class=HTMLResponse, name="ui.payment")
def payment(request: Request, ui: UiDep, hold_id: int, message: str = "") -> Response:
    return _payment_page(request, ui, ui.user(request), hold_id, message=message)


@router.post("/payments/{hold_id}/decide", response_class=HTMLResponse,
             name="ui.payment_decide")
def payment_decide(request: Request, ui: UiDep, hold_id: int,
                   action: Annotated[str, Form(max_length=20)],
                   reason: Annotated[str, Form(max_length=4000)] = "",
                   csrf: Csrf = "") -> Response:
    user = ui.user(request, csrf)
    try:
        hold = decide_hold(ui.store, hold_id, action, reason, user)
    except (exc.Conflict, exc.PermissionDenied, exc.InputError) as error:
        return _payment_page(request, ui, user, hold_id, error=str(error),
                             status=http_status(error))
    url = request.url_for("ui.payment", hold_id=hold_id).include_query_params(
        message=f"Recorded {action}: now {hold.status.value.replace('_', ' ')}.")
    return RedirectResponse(url, status_code=303)


def _payment_page(request: Request, ui: Ui, user: User, hold_id: int, *, message: str = "",
                  error: str = "", status: int = 200) -> Response:
    hold = get_hold(ui.store, hold_id)
    hits = list(hold.result.get("hits", []))
    return ui.render(request, "payment.html", status, user=user, hold=hold, hits=hits,
                     lines=marked_lines(hold.message, hits),
                     actions=ACTIONS.get(hold.status, ()), message=message, error=error)
