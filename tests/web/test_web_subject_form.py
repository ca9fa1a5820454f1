"""The add-subject form checks a subject as POST /subjects does (issue 10): what the API
refuses, the form refuses too, saying why, and stores nothing."""

from __future__ import annotations

import html

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from webapp import sign_in

from sanctionwatch.store import Store
from sanctionwatch.store.tables import subjects

# a loosely written date ("circa 1970") is no longer refused by either door: it is read by its
# type where every query is prepared (match.prepare), or dropped with a note (issue 15)
BAD = [
    ({"name": "Kim Jong Un", "kind": "Ownership"}, "is not a property of schema 'Ownership'"),
    ({"name": "Ever Given", "kind": "Vessel", "birth_date": "1990"},
     "'birthDate' is not a property of schema 'Vessel'"),
    ({"name": "Kim\x00Jong Un"}, "NUL"),
]


@pytest.mark.parametrize(("form", "problem"), BAD, ids=["relation", "vessel", "nul"])
def test_the_form_refuses_what_the_api_refuses(web: TestClient, store: Store,
                                               users: dict[str, str], form: dict[str, str],
                                               problem: str) -> None:
    csrf = sign_in(web, users["analyst"])
    page = web.post("/ui/subjects", data={**form, "csrf": csrf})
    assert page.status_code == 400
    assert problem in html.unescape(page.text)
    assert 'role="alert"' in page.text
    with store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(subjects)).scalar() == 0
    api = web.post("/subjects", json={"schema": form.get("kind", "Person"), "properties": {
        "name": [form["name"]], **({"birthDate": [form["birth_date"]]}
                                   if "birth_date" in form else {})}},
        headers={"Authorization": f"ApiKey {users['analyst']}"})
    assert api.status_code in (400, 422)
