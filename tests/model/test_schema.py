"""The schema table the query checks read is followthemoney's model, written down."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from sanctionwatch.exc import QueryError
from sanctionwatch.model.schema import (
    FTM_SCHEMATA_JSON,
    can_match,
    check_schema,
    ftm_schema_table,
    has_property,
    is_a,
)


def test_written_table_is_the_installed_followthemoney_model() -> None:
    # after a followthemoney upgrade: python benchmarks/schemata_table.py
    written = resources.files("sanctionwatch.resources").joinpath(FTM_SCHEMATA_JSON).read_text()
    assert json.loads(written) == ftm_schema_table()


def test_answers_agree_with_followthemoney_for_every_pair() -> None:
    from followthemoney import model

    names = sorted(model.schemata)
    for left in names:
        schema = model.get(left)
        assert check_schema(left) == left
        for prop in ("name", "imoNumber", "birthDate", "swiftBic", "publicKey", "nonsense"):
            assert has_property(left, prop) == (prop in schema.properties)
        for right in names:
            assert is_a(left, right) == schema.is_a(right)
            assert can_match(left, right) == schema.can_match(model.get(right))


def test_unknown_schema_names_it_and_unknown_names_are_no_kind_of_anything() -> None:
    with pytest.raises(QueryError, match="'person' is not a FollowTheMoney schema"):
        check_schema("person")
    assert not has_property("Ship", "name")
    assert not is_a("Ship", "Thing")
    assert not can_match("Ship", "Vessel")
    assert not can_match("Vessel", "Ship")
