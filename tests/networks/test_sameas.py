"""The same party across lists: linked on the evidence the records share, never against a
conflicting strong fact, one listing of each other publisher at most."""

from __future__ import annotations

from sanctionwatch.model import Collection, Entity
from sanctionwatch.networks.sameas import REASON, link_on_evidence, programme_families


def _entity(entity_id: str, dataset: str, schema: str = "Person",
            **props: tuple[str, ...]) -> Entity:
    return Entity(id=entity_id, schema=schema, properties=props, datasets=(dataset,))


def _linked(entities: list[Entity]) -> set[tuple[str, str]]:
    return {(k.left, k.right) for k in link_on_evidence(entities, {})}


def test_bosco_ntaganda_un_and_ofac_are_one_party(collection: Collection) -> None:
    # the UN's "BOSCO TAGANDA" born 1973 or 1974, OFAC's "NTAGANDA, Bosco" (a.k.a. "TAGANDA,
    # Bosco") born 1973: no shared key of the publishers, the same person
    assert "ofac-11973" in collection.cluster("un-CDi.030")
    assert "ofac-12215" in collection.cluster("un-KPe.018")
    link = next(k for k in collection.links if {k.left, k.right} == {"ofac-11973", "un-CDi.030"})
    assert link.reason == REASON and "date" in link.value


def test_one_listing_per_other_publisher(collection: Collection) -> None:
    # the UN's Academy of National Defense Science names "SECOND ACADEMY OF NATURAL SCIENCES
    # (KPe.018)" among its aliases: OFAC's Second Academy is the UN's KPe.018, not KPe.021
    assert "ofac-12215" not in collection.cluster("un-KPe.021")


def test_a_conflicting_nationality_forbids_a_link(collection: Collection) -> None:
    # "Abu Turab": the UN's Afghan Hidayatullah and OFAC's Pakistani Ali Muhammad Abu Turab
    assert "ofac-21387" not in collection.cluster("un-TAi.014")


def test_programme_families_map_un_regimes_to_ofac_programmes() -> None:
    families = programme_families()
    assert families[("un", "DRC")] & families[("ofac", "DRCONGO")]
    for code in ("NPWMD", "DPRK2", "DPRK3", "DPRK4"):
        assert families[("un", "DPRK")] & families[("ofac", code)]
    assert not families[("un", "DRC")] & families[("ofac", "IRAQ2")]


def test_shared_evidence_links_and_strong_conflicts_do_not() -> None:
    un = _entity("un-1", "un_sc", name=("BOSCO TAGANDA",), program=("DRC",),
                 birthDate=("1973", "1974"), nationality=("cd",))
    ofac = _entity("ofac-1", "ofac_sdn", name=("NTAGANDA, Bosco",), alias=("TAGANDA, Bosco",),
                   program=("DRCONGO",), birthDate=("1973",), nationality=("cd",))
    assert _linked([un, ofac]) == {("ofac-1", "un-1")}
    born_later = Entity(**{**_fields(ofac), "properties": {**ofac.properties,
                                                            "birthDate": ("1990-02-03",)}})
    assert _linked([un, born_later]) == set()
    other_programme = Entity(**{**_fields(ofac), "properties": {**ofac.properties,
                                                                 "program": ("IRAQ2",)}})
    assert _linked([un, other_programme]) == set()
    same_publisher = Entity(**{**_fields(ofac), "id": "ofac-2"})
    assert _linked([ofac, same_publisher]) == set()


def test_a_name_alone_links_only_the_one_listing_carrying_it() -> None:
    un = _entity("un-1", "un_sc", name=("SALAH BADI",), program=("Libya",))
    ofac = _entity("ofac-1", "ofac_sdn", name=("BADI, Salah",), program=("LIBYA3",),
                   birthDate=("1957-05-23",))
    assert _linked([un, ofac]) == {("ofac-1", "un-1")}
    namesake = _entity("ofac-2", "ofac_sdn", name=("BADI, Salah",), program=("LIBYA3",),
                       birthDate=("1970-01-01",))
    assert _linked([un, ofac, namesake]) == set()
    told_more = Entity(**{**_fields(un), "properties": {**un.properties,
                                                        "nationality": ("ly",)}})
    assert _linked([told_more, ofac]) == set()
    org_un = _entity("un-2", "un_sc", "Organization", name=("GHORB NOOH",), program=("Iran",))
    org_ofac = _entity("ofac-2", "ofac_sdn", "Organization", name=("GHORB NOOH",),
                       program=("IRGC",), country=("ir",))
    assert _linked([org_un, org_ofac]) == {("ofac-2", "un-2")}


def test_a_birth_date_near_the_other_is_no_conflict_beside_two_names_alike() -> None:
    un = _entity("un-1", "un_sc", name=("HAN JANG SU",), alias=("Chang-Su Han",),
                 program=("DPRK",), birthDate=("1969-11-07",), nationality=("kp",))
    ofac = _entity("ofac-1", "ofac_sdn", name=("HAN, Jang Su",), alias=("HAN, Chang-su",),
                   program=("NPWMD",), birthDate=("1969-11-08",), nationality=("kp",))
    assert _linked([un, ofac]) == {("ofac-1", "un-1")}
    far = Entity(**{**_fields(ofac), "properties": {**ofac.properties,
                                                    "birthDate": ("1971-03-08",)}})
    assert _linked([un, far]) == set()
    one_name = _entity("ofac-1", "ofac_sdn", name=("HAN, Jang Su",), program=("NPWMD",),
                       birthDate=("1969-11-08",))
    assert _linked([un, one_name]) == set()


def test_an_identical_full_birth_date_links_a_person_with_one_name_word_shared(
        collection: Collection) -> None:
    # "ZAKI EZAT ZAKI AHMED" / "AHMAD, Zaki Izzat Zaki", both born 1960-04-21, Egyptian
    assert "ofac-9483" in collection.cluster("un-QDi.193")
    assert "ofac-21749" in collection.cluster("un-KPi.055")


def test_an_organisation_s_name_spelt_alike_but_for_a_letter() -> None:
    un = _entity("un-1", "un_sc", "Organization",
                 name=("IMENSAZAN CONSULTANT ENGINEERS INSTITUTE",), program=("Iran",))
    ofac = _entity("ofac-1", "ofac_sdn", "Organization",
                   name=("IMENSAZEN CONSULTANT ENGINEERS INSTITUTE",), program=("IRGC",),
                   country=("ir",))
    assert _linked([un, ofac]) == {("ofac-1", "un-1")}
    other = Entity(**{**_fields(ofac), "properties": {
        **ofac.properties, "name": ("IMENSAZOIRU CONSULTANT ENGINEERS INSTITUTE",)}})
    assert _linked([un, other]) == set()


def _fields(entity: Entity) -> dict[str, object]:
    return {"id": entity.id, "schema": entity.schema, "properties": entity.properties,
            "datasets": entity.datasets}
