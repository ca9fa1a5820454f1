"""Queries: an entity to screen, checked before it reaches the engine.

One place validates what users send, whatever the door (CLI flags, an ``--input`` file, the
API): the schema exists, every property belongs to it (a ``Thing`` query may carry any
property of a party schema), text is text a database can hold, and something is given at all.
Values are read by their type (``07.05.1966``, ``Russia``, ``M``) where every entity is prepared
for comparison (``match.prepare`` over ``model.values``); one that cannot be read is noted, not
compared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from sanctionwatch.exc import QueryError
from sanctionwatch.model.entity import Entity
from sanctionwatch.model.schema import check_schema, has_property

#: the schemata whose properties a ``Thing`` query ("any kind of party") may use
PARTY_SCHEMATA: tuple[str, ...] = (
    "Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane", "CryptoWallet",
)
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def check_date(value: str, origin: str) -> str:
    """An ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD), or QueryError naming the input."""
    value = value.strip()
    if not _DATE.match(value):
        raise QueryError(f"{origin}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


def text_problem(value: str) -> str | None:
    """What makes a value text no database can hold (NUL, a lone surrogate); None if fine."""
    if "\x00" in value:
        return "text contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "text contains an unpaired surrogate (invalid Unicode)"
    return None


def is_query_property(schema: str, prop: str) -> bool:
    """Whether a query of this schema may carry the property."""
    if schema == "Thing":
        return any(has_property(s, prop) for s in PARTY_SCHEMATA)
    return has_property(schema, prop)


def make_query(key: str, schema: str, properties: Mapping[str, Sequence[str]]) -> Entity:
    """A checked query entity; QueryError naming the query and the problem."""
    schema = check_schema(schema)
    for prop in properties:
        if not is_query_property(schema, prop):
            raise QueryError(f"query {key!r}: {prop!r} is not a property of schema {schema!r}")
        for value in properties[prop]:
            if (problem := text_problem(value)) is not None:
                raise QueryError(f"query {key!r}: {prop}: {problem}")
    entity = Entity.from_ftm(
        {"id": key, "schema": schema, "properties": {k: list(v) for k, v in properties.items()}},
        default_id=key,
    )
    if not entity.properties:
        raise QueryError(f"query {key!r}: give at least one property, e.g. a name")
    return entity
