"""Cross-list links: only on the publishers' evidence, only across datasets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionwatch.index.links import link_entities
from sanctionwatch.model import Entity, Link
from sanctionwatch.settings import BUNDLED_LISTS
from sanctionwatch.sources.catalog import load_specs, parse_source
from sanctionwatch.sources.eu import parse_eu_xml
from sanctionwatch.sources.uk import parse_uk_csv

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _entity(entity_id: str, dataset: str, schema: str = "Person",
            extra: dict[str, str] | None = None, **props: tuple[str, ...]) -> Entity:
    return Entity(id=entity_id, schema=schema, properties=props, datasets=(dataset,),
                  extra=extra or {})


def _reasons(links: tuple[Link, ...]) -> set[tuple[str, str, str]]:
    return {(link.left, link.right, link.reason) for link in links}


def test_un_reference_links_across_datasets_only() -> None:
    links, clusters = link_entities([
        _entity("un-KPe.001", "un_sc", "Organization", {"unReference": "KPe.001"}),
        _entity("eu-9001", "eu_fsf", "Organization", {"unReference": "KPe.001"}),
        _entity("eu-9002", "eu_fsf", "Organization", {"unReference": "KPe.001"}),
    ])
    assert _reasons(links) == {("eu-9001", "un-KPe.001", "un_reference"),
                               ("eu-9002", "un-KPe.001", "un_reference")}
    assert clusters["eu-9001"] == ("eu-9001", "eu-9002", "un-KPe.001")
    assert links[0].value == "KPe.001"


def test_same_dataset_is_never_linked() -> None:
    links, clusters = link_entities([
        _entity("ofac-1", "ofac_sdn", imoNumber=("9187629",)),
        _entity("ofac-2", "ofac_sdn", imoNumber=("9187629",)),
    ])
    assert links == () and clusters == {}


def test_identifiers() -> None:
    links, _ = link_entities([
        _entity("a", "d1", "Vessel", imoNumber=("IMO 9187629",)),
        _entity("b", "d2", "Vessel", imoNumber=("9187629",)),
        _entity("c", "d1", "Organization", swiftBic=("BELBBY2XXXX",)),
        _entity("d", "d2", "Organization", swiftBic=("BELB BY2X",)),
        _entity("e", "d1", extra={"passport:BD 3843329": "sk"}),
        _entity("f", "d2", extra={"passport:BD3843329": "sk"}),
    ])
    assert _reasons(links) == {("a", "b", "imoNumber"), ("c", "d", "swiftBic"),
                               ("e", "f", "passportNumber")}


def test_passport_needs_the_same_issuing_country() -> None:
    links, _ = link_entities([
        _entity("a", "d1", extra={"passport:645120196": "kp"}),
        _entity("b", "d2", extra={"passport:645120196": "kr"}),
        _entity("c", "d3", extra={"passport:645120196": ""}),
    ])
    assert links == ()


def test_name_needs_a_full_birth_date() -> None:
    links, _ = link_entities([
        _entity("a", "d1", name=("KIM, Jong Un",), birthDate=("1984-01-08",)),
        _entity("b", "d2", name=("Jong Un Kim",), birthDate=("1984-01-08", "1983")),
        _entity("c", "d3", name=("KIM JONG UN",), birthDate=("1984",)),  # year only
        _entity("d", "d4", name=("KIM JONG UN",)),  # name alone
        _entity("e", "d5", weakAlias=("Kim Jong Un",), birthDate=("1984-01-08",)),  # weak
    ])
    assert _reasons(links) == {("a", "b", "name_birthdate")}
    assert links[0].value == "jong kim un 1984-01-08"


def test_accents_are_folded_for_names() -> None:
    links, _ = link_entities([
        _entity("a", "d1", name=("JÉRÔME KAKWAVU",), birthDate=("1960-01-01",)),
        _entity("b", "d2", alias=("Jerome Kakwavu",), birthDate=("1960-01-01",)),
    ])
    assert len(links) == 1


def test_clusters_are_transitive() -> None:
    links, clusters = link_entities(iter([
        _entity("a", "d1", extra={"unReference": "QDi.001"}),
        _entity("b", "d2", extra={"unReference": "QDi.001", "passport:X1234567": "iq"}),
        _entity("c", "d3", extra={"passport:X1234567": "iq"}),
        _entity("z", "d3"),
    ]))
    assert len(links) == 2
    assert clusters == {k: ("a", "b", "c") for k in "abc"}


@given(st.permutations(list(range(6))))
def test_links_do_not_depend_on_input_order(order: list[int]) -> None:
    entities = [
        _entity("un-1", "un", extra={"unReference": "KPi.001"}, name=("A",)),
        _entity("eu-1", "eu", extra={"unReference": "KPi.001"}),
        _entity("uk-1", "uk", extra={"unReference": "KPi.001"}),
        _entity("of-1", "ofac", name=("A",), birthDate=("1944-10-13",)),
        _entity("eu-2", "eu", alias=("a",), birthDate=("1944-10-13",)),
        _entity("of-2", "ofac", imoNumber=("1234567",)),
    ]
    expected = link_entities(entities)
    assert link_entities([entities[i] for i in order]) == expected


@pytest.fixture(scope="module")
def bundled() -> dict[str, Entity]:
    """OFAC SDN and UN, parsed from the bundled snapshot (the non-SDN list reuses SDN ent_nums)."""
    entities: dict[str, Entity] = {}
    for spec in load_specs():
        if spec.name in ("ofac_sdn", "un_sc"):
            entities.update((e.id, e) for e in parse_source(spec, BUNDLED_LISTS)[1])
    return entities


@pytest.fixture(scope="module")
def fixtures() -> list[Entity]:
    eu = parse_eu_xml({"primary": FIXTURES / "eu" / "sample.xml"}, "eu_fsf", None)
    uk = parse_uk_csv({"primary": FIXTURES / "uk" / "ConList.csv"}, "uk_hmt", None)
    return [*eu.entities, *uk.entities]


def test_komid_un_and_ofac_link_on_name_and_address(bundled: dict[str, Entity]) -> None:
    links, clusters = link_entities(bundled.values())
    un, ofac = bundled["un-KPe.001"], bundled["ofac-9345"]
    assert set(un.get("alias")) <= set(ofac.get("alias")) | set(ofac.get("name"))
    assert clusters["un-KPe.001"] == ("ofac-9345", "un-KPe.001")
    komid = [link for link in links if link.left == "ofac-9345"]
    assert [link.reason for link in komid] == ["name_address"]
    assert komid[0].value.endswith("@ central district|pyongyang")
    reasons = Counter(link.reason for link in links)
    assert reasons["imoNumber"] >= 10 and reasons["passportNumber"] >= 30
    assert reasons["name_birthdate"] >= 100 and reasons["un_reference"] == 0


def test_bundled_links_by_identifier(bundled: dict[str, Entity]) -> None:
    found = _reasons(link_entities(bundled.values())[0])
    assert ("ofac-17067", "un-KPe.022", "imoNumber") in found  # Chongchongang Shipping
    assert ("ofac-10481", "un-IRi.039", "passportNumber") in found  # Qasem Soleimani


def test_eu_and_uk_fixtures_link_to_the_un(bundled: dict[str, Entity],
                                           fixtures: list[Entity]) -> None:
    un = [e for e in bundled.values() if e.datasets == ("un_sc",)]
    links, clusters = link_entities([*un, *fixtures])
    found = _reasons(links)
    assert clusters["un-KPe.001"] == ("eu-9001", "uk-11251", "un-KPe.001")
    assert ("eu-9010", "un-KPi.009", "passportNumber") in found
    assert ("eu-9010", "un-KPi.009", "un_reference") in found
    assert ("eu-13", "un-IQi.001", "name_birthdate") in found  # unitedNationId is empty
    assert ("uk-7480", "un-IQi.001", "un_reference") in found
    assert set(clusters["un-TAi.085"]) == {"un-TAi.085", "eu-521"}


def test_a_shared_name_without_a_shared_address_links_nothing() -> None:
    left = _entity("a", "d1", "Organization", name=("KORYO BANK",),
                   address=("Pulgun Street, Pyongyang, Korea, North",))
    right = _entity("b", "d2", "Organization", name=("KORYO BANK",),
                    address=("Other Road, Pyongyang, Korea, North",))
    same = _entity("c", "d3", "Organization", name=("Koryo Bank",),
                   address=("Pulgun Street, Pyongyang, DPRK",))
    assert link_entities([left, right]) == ((), {})
    links, _ = link_entities([left, right, same])
    assert _reasons(links) == {("a", "c", "name_address")}
