"""One check for every door a query comes through: schema, properties, emptiness; the CLI's
--birth-date flag is checked as an ISO prefix."""

from __future__ import annotations

import pytest

from sanctionwatch.exc import QueryError
from sanctionwatch.model import check_date, make_query


def test_a_thing_query_may_carry_any_party_property() -> None:
    query = make_query("q", "Thing", {"name": ["Kim Jong Un"], "birthDate": ["1984-01-08"],
                                      "imoNumber": ["IMO 9187629"]})
    assert query.schema == "Thing" and query.get("birthDate") == ("1984-01-08",)


@pytest.mark.parametrize(
    ("schema", "properties", "message"),
    [
        ("Person", {"wings": ["2"]}, "query 'q': 'wings' is not a property of schema 'Person'"),
        ("Person", {"imoNumber": ["9187629"]},
         "query 'q': 'imoNumber' is not a property of schema 'Person'"),
        ("Person", {"name": ["  "]}, "query 'q': give at least one property, e.g. a name"),
        ("Starship", {"name": ["x"]}, "schema 'Starship' is not a FollowTheMoney schema"),
    ],
)
def test_bad_queries_name_the_problem(schema: str, properties: dict[str, list[str]],
                                      message: str) -> None:
    with pytest.raises(QueryError) as info:
        make_query("q", schema, properties)
    assert str(info.value).startswith(message)


def test_dates_are_iso_prefixes() -> None:
    assert [check_date(d, "x") for d in ("1966", "1966-05", " 1966-05-07 ")] == [
        "1966", "1966-05", "1966-05-07"]
    for bad in ("1966-13", "1966-05-32", "66", "May 1966"):
        with pytest.raises(QueryError, match="is not a date"):
            check_date(bad, "x")
