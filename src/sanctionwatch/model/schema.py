"""FollowTheMoney's schema model, used to check and relate schema and property names.

Thin over ``followthemoney.model``: which schemata exist, which are a kind of which (a
``Company`` is an ``Organization`` is a ``LegalEntity``), which properties a schema has, and
whether two schemata can describe the same party (a ``Person`` never matches a ``Vessel``).
"""

from __future__ import annotations

from functools import lru_cache

from followthemoney import model as _ftm

from sanctionwatch.exc import QueryError


@lru_cache(maxsize=256)
def check_schema(name: str) -> str:
    """The canonical schema name; QueryError naming the schema when it does not exist."""
    schema = _ftm.get(name)
    if schema is None:
        known = ", ".join(sorted(s.name for s in _ftm.schemata.values() if not s.abstract)[:12])
        raise QueryError(f"schema {name!r} is not a FollowTheMoney schema (e.g. {known}, ...)")
    return str(schema.name)


@lru_cache(maxsize=4096)
def has_property(schema: str, prop: str) -> bool:
    """Whether the schema (or a parent) defines the property."""
    obj = _ftm.get(schema)
    return obj is not None and prop in obj.properties


@lru_cache(maxsize=4096)
def is_a(schema: str, parent: str) -> bool:
    """Whether ``schema`` is ``parent`` or inherits from it."""
    obj = _ftm.get(schema)
    return obj is not None and obj.is_a(parent)


@lru_cache(maxsize=4096)
def can_match(left: str, right: str) -> bool:
    """Whether entities of these two schemata can describe the same party."""
    a, b = _ftm.get(left), _ftm.get(right)
    if a is None or b is None:
        return False
    return bool(a.can_match(b))
