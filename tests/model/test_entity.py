"""Entities read and write FollowTheMoney JSON; malformed input is a QueryError naming the field."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanctionwatch.exc import QueryError
from sanctionwatch.model import Entity, make_properties
from sanctionwatch.model.schema import can_match, check_schema, has_property

values = st.lists(st.text(min_size=1).filter(lambda s: s.strip() == s and s), min_size=1,
                  max_size=3, unique=True)


@given(st.dictionaries(st.sampled_from(["name", "alias", "birthDate", "country"]), values))
def test_ftm_json_round_trips(props: dict[str, list[str]]) -> None:
    entity = Entity(id="x1", schema="Person", properties={k: tuple(v) for k, v in props.items()},
                    datasets=("ofac_sdn",), record_id="1", version="2024-05-03")
    assert Entity.from_ftm(entity.to_ftm()) == entity


def test_caption_prefers_name_then_aliases() -> None:
    komid = Entity(id="un-KPe.001", schema="Organization",
                   properties={"alias": ("KOMID",), "name": ("KOREA MINING DEVELOPMENT",)})
    assert komid.caption == "KOREA MINING DEVELOPMENT"
    assert Entity(id="e", schema="Thing", properties={"alias": ("KOMID",)}).caption == "KOMID"
    assert Entity(id="e", schema="Thing", properties={}).caption == "e"
    assert komid.names() == ("KOREA MINING DEVELOPMENT", "KOMID")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "entity: expected a JSON object, got list"),
        ({"properties": {}}, "entity: 'schema' must be a non-empty string"),
        ({"schema": "Person", "properties": []}, "entity: 'properties' must be an object"),
        ({"schema": "Person", "properties": {"name": [1]}},
         "entity: property 'name' must be a list of strings"),
    ],
)
def test_from_ftm_names_the_bad_field(data: object, message: str) -> None:
    with pytest.raises(QueryError) as info:
        Entity.from_ftm(data)  # type: ignore[arg-type]
    assert str(info.value).startswith(message)


def test_make_properties_strips_dedupes_and_drops_empty() -> None:
    props = make_properties([("name", " KOMID "), ("name", "KOMID"), ("alias", ""), ("x", None)])
    assert props == {"name": ("KOMID",)}


def test_schema_checks() -> None:
    assert check_schema("Vessel") == "Vessel"
    with pytest.raises(QueryError, match="'Ship' is not a FollowTheMoney schema"):
        check_schema("Ship")
    assert has_property("Vessel", "imoNumber")
    assert not has_property("Person", "imoNumber")
    assert can_match("LegalEntity", "Company")
    assert not can_match("Person", "Vessel")
