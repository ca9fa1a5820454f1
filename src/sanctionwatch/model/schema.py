"""FollowTheMoney's schema model, used to check and relate schema and property names.

Which schemata exist, which are a kind of which (a ``Company`` is an ``Organization`` is a
``LegalEntity``), which properties a schema has, and whether two schemata can describe the same
party (a ``Person`` never matches a ``Vessel``). The answers come from a table of
``followthemoney.model`` written once to ``resources/ftm_schemata.json`` (by
``benchmarks/schemata_table.py``; a test checks it against the installed followthemoney): the
library takes about a second to import, and checking a query must not wait for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from sanctionwatch.exc import QueryError

FTM_SCHEMATA_JSON = "ftm_schemata.json"


@dataclass(frozen=True, slots=True)
class SchemaInfo:
    """One schema: whether it is abstract, the names it is a kind of (itself first), its
    properties (inherited ones included) and the schemata it can match."""

    abstract: bool
    names: frozenset[str]
    properties: frozenset[str]
    matchable: frozenset[str]


def ftm_schema_table() -> dict[str, dict[str, Any]]:
    """The table as followthemoney's model gives it (imports followthemoney: for the generator
    and the test that keeps the written table true)."""
    from followthemoney import model

    return {
        schema.name: {
            "abstract": bool(schema.abstract),
            "names": sorted(schema.names),
            "properties": sorted(schema.properties),
            "matchable": sorted(s.name for s in schema.matchable_schemata),
        }
        for schema in sorted(model.schemata.values(), key=lambda s: s.name)
    }


@lru_cache(maxsize=1)
def _schemata() -> dict[str, SchemaInfo]:
    text = resources.files("sanctionwatch.resources").joinpath(FTM_SCHEMATA_JSON).read_text("utf-8")
    try:
        return {
            str(name): SchemaInfo(bool(row["abstract"]), frozenset(row["names"]),
                                  frozenset(row["properties"]), frozenset(row["matchable"]))
            for name, row in json.loads(text).items()
        }
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{FTM_SCHEMATA_JSON}: malformed schema table: {exc}") from exc


@lru_cache(maxsize=256)
def check_schema(name: str) -> str:
    """The canonical schema name; QueryError naming the schema when it does not exist."""
    if name not in _schemata():
        known = ", ".join(sorted(n for n, s in _schemata().items() if not s.abstract)[:12])
        raise QueryError(f"schema {name!r} is not a FollowTheMoney schema (e.g. {known}, ...)")
    return name


@lru_cache(maxsize=4096)
def is_ftm_property(prop: str) -> bool:
    """Whether some FollowTheMoney schema defines the property."""
    return any(prop in info.properties for info in _schemata().values())


@lru_cache(maxsize=4096)
def has_property(schema: str, prop: str) -> bool:
    """Whether the schema (or a parent) defines the property."""
    info = _schemata().get(schema)
    return info is not None and prop in info.properties


@lru_cache(maxsize=4096)
def is_a(schema: str, parent: str) -> bool:
    """Whether ``schema`` is ``parent`` or inherits from it."""
    info = _schemata().get(schema)
    return info is not None and parent in info.names


@lru_cache(maxsize=4096)
def can_match(left: str, right: str) -> bool:
    """Whether entities of these two schemata can describe the same party."""
    info = _schemata().get(left)
    return info is not None and right in _schemata() and right in info.matchable
