"""Screening from the UI: pasted text, and a subject added and screened at once."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sanctionwatch import exc
from sanctionwatch.model import make_query
from sanctionwatch.store.screening import add_and_screen, screening_config
from sanctionwatch.text import parse_text
from sanctionwatch.web.compare import highlight
from sanctionwatch.web.ui import Csrf, UiDep

router = APIRouter()


@router.get("/text", response_class=HTMLResponse, name="ui.text_form")
def text_form(request: Request, ui: UiDep) -> Response:
    return ui.render(request, "text.html", user=ui.user(request), text="", result=None)


@router.post("/text", response_class=HTMLResponse, name="ui.text_screen")
def text_screen(request: Request, ui: UiDep, text: Annotated[str, Form(max_length=200_000)] = "",
                csrf: Csrf = "") -> Response:
    user = ui.user(request, csrf)
    result = ui.lists.text_screener().screen(parse_text(text, "pasted text"))
    if result.error:
        raise exc.DocumentError(result.error)
    body = result.document.text
    pieces = highlight(body, [(m.start, m.end, m) for m in result.mentions])
    return ui.render(request, "text.html", user=user, text=text, result=result,
                     pieces=pieces)


@router.get("/subjects/new", response_class=HTMLResponse, name="ui.subject_form")
def subject_form(request: Request, ui: UiDep) -> Response:
    return ui.render(request, "subject.html", user=ui.user(request), error=None)


@router.post("/subjects", response_class=HTMLResponse, name="ui.subject_add")
def subject_add(
    request: Request, ui: UiDep,
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
