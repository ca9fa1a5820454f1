"""The alert page draws the matched party's neighbourhood, each node a link."""

from __future__ import annotations

from fastapi.testclient import TestClient
from webapp import sign_in

from sanctionwatch.index import Index
from sanctionwatch.model import Entity
from sanctionwatch.store import Store, authenticate
from sanctionwatch.store.screening import add_and_screen, screening_config
from sanctionwatch.web.network import neighbourhood_svg


def test_alert_page_draws_rim_yong_hyok_s_network(web: TestClient, index: Index, store: Store,
                                                  users: dict[str, str]) -> None:
    analyst = authenticate(store, users["analyst"])
    subject = Entity("rim", "Person", {"name": ("Rim Yong Hyok",), "birthDate": ("1972-03-04",)})
    outcome = add_and_screen(store, index, subject, analyst, screening_config())
    assert outcome.alert is not None
    sign_in(web, users["viewer"])
    page = web.get(f"/ui/alerts/{outcome.alert.id}").text
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'href="http://testserver/ui/entities/ofac-21171"' in svg
    assert "PRIGOZHIN, Yevgeniy Viktorovich" in svg
    assert "Linked To: PRIGOZHIN, Yevgeniy Viktorovich" in svg


def test_svg_escapes_names_and_is_absent_without_neighbours(index: Index) -> None:
    svg = neighbourhood_svg(index.collection, "ofac-9345", lambda i: f"/e/{i}?a=1&b=2")
    assert svg is not None and "&amp;b=2" in svg and svg.count("<a ") > 12 // 2
    assert neighbourhood_svg(index.collection, "nobody", str) is None


def test_alert_page_shows_the_ownership_chain_of_an_owned_customer(
        web: TestClient, users: dict[str, str]) -> None:
    def party(party_id: str, schema: str, name: str) -> dict[str, object]:
        return {"id": party_id, "schema": schema, "properties": {"name": [name]}}

    def owns(owner: str, asset: str, percent: str) -> dict[str, object]:
        return {"schema": "Ownership",
                "properties": {"owner": [owner], "asset": [asset], "percentage": [percent]}}

    body = {"schema": "Company", "properties": {"name": ["Example Trading Ltd"]},
            "parties": [party("komid", "Organization",
                              "Korea Mining Development Trading Corporation"),
                        party("holding", "Company", "Pyongyang Example Holdings Ltd")],
            "ownerships": [owns("komid", "holding", "60"), owns("holding", "subject", "50")]}
    posted = web.post("/subjects", json=body,
                      headers={"Authorization": f"ApiKey {users['analyst']}"}).json()
    assert posted["alert"] is not None
    sign_in(web, users["viewer"])
    page = web.get(f"/ui/alerts/{posted['alert']['id']}").text
    section = page[page.index('id="ownership"'):page.index("</section>")]
    assert "blocked by ownership" in section and "50% held by blocked owners" in section
    chain = section[section.index("<li>"):section.index("</li>")]
    assert chain.index("Korea Mining Development Trading Corporation") < chain.index(
        "Pyongyang Example Holdings Ltd") < chain.index("Example Trading Ltd</span>")
    assert "listed as ofac-9345" in chain
    assert "Listed owner <strong>komid</strong>" in page


def test_alert_page_names_every_list_the_party_is_on(web: TestClient, index: Index,
                                                      store: Store,
                                                      users: dict[str, str]) -> None:
    analyst = authenticate(store, users["analyst"])
    subject = Entity("han", "Person", {"name": ("Han Jang Su",), "nationality": ("kp",)})
    outcome = add_and_screen(store, index, subject, analyst, screening_config())
    assert outcome.alert is not None
    sign_in(web, users["viewer"])
    page = web.get(f"/ui/alerts/{outcome.alert.id}").text
    header = page[page.index('class="match card"'):]
    header = header[:header.index("</h2>")]
    assert "ofac_sdn, un_sc" in header
