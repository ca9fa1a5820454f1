"""FollowTheMoney's schema model, used to check and relate schema and property names.

Thin over ``followthemoney.model``: which schemata exist, which are a kind of which (a
``Company`` is an ``Organization`` is a ``LegalEntity``), which properties a schema has, and
whether two schemata can describe the same party (a ``Person`` never matches a ``Vessel``).
followthemoney is imported on first use, not with this module: it takes over a second, and
screening itself never needs it (matching reads resources/schemata.yml).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from sanctionwatch.exc import QueryError

if TYPE_CHECKING:
    from followthemoney.model import Model


@lru_cache(maxsize=1)
def _model() -> Model:
    from followthemoney import model

    return model


@lru_cache(maxsize=256)
def check_schema(name: str) -> str:
    """The canonical schema name; QueryError naming the schema when it does not exist."""
    schema = _model().get(name)
    if schema is None:
        known = ", ".join(sorted(s.name for s in _model().schemata.values() if not s.abstract)[:12])
        raise QueryError(f"schema {name!r} is not a FollowTheMoney schema (e.g. {known}, ...)")
    return str(schema.name)


@lru_cache(maxsize=4096)
def has_property(schema: str, prop: str) -> bool:
    """Whether the schema (or a parent) defines the property."""
    obj = _model().get(schema)
    return obj is not None and prop in obj.properties


@lru_cache(maxsize=4096)
def is_a(schema: str, parent: str) -> bool:
    """Whether ``schema`` is ``parent`` or inherits from it."""
    obj = _model().get(schema)
    return obj is not None and obj.is_a(parent)


@lru_cache(maxsize=4096)
def can_match(left: str, right: str) -> bool:
    """Whether entities of these two schemata can describe the same party."""
    ftm = _model()
    a, b = ftm.get(left), ftm.get(right)
    if a is None or b is None:
        return False
    return bool(a.can_match(b))
