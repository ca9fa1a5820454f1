"""What the publishers state about who a party is tied to: resolved on the same list only."""

from __future__ import annotations

from sanctionwatch.index import Index
from sanctionwatch.model import Collection, Entity
from sanctionwatch.networks.relations import extract_relations, nested_relations, related_parties
from sanctionwatch.screen import screen


def test_rim_yong_hyok_s_match_names_prigozhin(index: Index) -> None:
    query = Entity(id="q", schema="Person", properties={"name": ("Rim Yong Hyok",)})
    top = screen(index, query).matches[0]
    assert top.entity.id == "ofac-44294"
    related = {r.entity_id: r for r in top.related}
    prigozhin = related["ofac-21171"]
    assert prigozhin.caption == "PRIGOZHIN, Yevgeniy Viktorovich"
    assert prigozhin.relation == "UnknownLink" and prigozhin.direction == "outgoing"
    assert prigozhin.reason == "Linked To: PRIGOZHIN, Yevgeniy Viktorovich"
    assert top.to_dict()["related"][0]["id"] == "ofac-21171"


def test_komid_s_officials_link_to_komid(collection: Collection) -> None:
    related = {r.entity_id: r for r in related_parties(collection, "un-KPe.001")}
    # OFAC: "Chief Representative, KOMID"; the UN: "Chief Representative for the Korea Mining
    # Development Trading Corporation (KOMID)": both listings of Yo'n Cho'ng Nam, one party
    officials = {"ofac-15659", "ofac-15660", "ofac-17614", "un-KPi.011", "un-KPi.022"}
    assert officials <= set(related)
    assert related["ofac-15660"].relation == "Employment"
    assert related["ofac-15660"].reason == "Deputy Representative, KOMID"
    assert related["ofac-15660"].direction == "incoming"


def test_names_resolve_on_the_same_list_only() -> None:
    ofac = Entity(id="ofac-1", schema="Vessel", properties={"name": ("SEA STAR",)},
                  datasets=("ofac_sdn",), extra={"linkedTo": "ACME SHIPPING LTD; NOBODY LLC",
                                                  "owner": "ACME SHIPPING LTD"})
    on_un = Entity(id="un-1", schema="Organization", properties={"name": ("ACME SHIPPING LTD",)},
                   datasets=("un_sc",))
    relations, stats = extract_relations(Collection({e.id: e for e in (ofac, on_un)}, ()))
    assert relations == ()
    assert stats.stated["ofac_sdn"] == 3 and stats.resolved["ofac_sdn"] == 0
    on_ofac = Entity(id="ofac-2", schema="Company", properties={"name": ("Acme Shipping Ltd",)},
                     datasets=("ofac_sdn",))
    collection = Collection({e.id: e for e in (ofac, on_un, on_ofac)}, ())
    relations, stats = extract_relations(collection)
    assert {(r.schema, r.source, r.target) for r in relations} == {
        ("UnknownLink", "ofac-1", "ofac-2"), ("Ownership", "ofac-2", "ofac-1")}
    assert stats.resolved["ofac_sdn"] == 2 and len(stats.unresolved["ofac_sdn"]) == 1
    ownership = next(r for r in relations if r.schema == "Ownership").to_ftm()
    assert ownership["properties"]["owner"] == ["ofac-2"]
    assert ownership["properties"]["asset"] == ["ofac-1"]
    assert ownership["properties"]["description"] == ["Vessel Owner ACME SHIPPING LTD"]


def test_a_name_two_parties_carry_is_not_resolved(collection: Collection) -> None:
    # OFAC lists three NATIONAL IRANIAN TANKER COMPANY entries: its tankers' "Linked To" is
    # not guessed
    assert not [r for r in collection.relations_of("ofac-15036") if r.role == "linked to"]


def test_nested_form_puts_the_other_party_in_the_relationship(collection: Collection) -> None:
    nested = nested_relations(collection, "ofac-44294")
    (link,) = nested["unknownLinkFrom"]
    assert link["schema"] == "UnknownLink"
    assert link["properties"]["subject"] == ["ofac-44294"]
    assert link["properties"]["object"][0]["id"] == "ofac-21171"
    assert "unknownLinkTo" in nested_relations(collection, "ofac-21171")
