"""Which schemata can describe the same party, from resources/schemata.yml.

The table is generated from FollowTheMoney's model by ``benchmarks/schemata_table.py`` so that
matching never imports followthemoney (over a second to import). A query of schema ``Thing``
may match any kind of party; two equal schemata always compare (relationship schemata such as
Ownership are compared on their own properties).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from sanctionwatch.model.resources import read_yaml

SCHEMATA_YAML = "schemata.yml"


@dataclass(frozen=True, slots=True)
class SchemaTable:
    can_match: dict[str, frozenset[str]]
    things: frozenset[str]


@lru_cache(maxsize=1)
def load_schemata() -> SchemaTable:
    try:
        raw = read_yaml(SCHEMATA_YAML)
        table = {str(k): frozenset(str(x) for x in v) for k, v in raw["can_match"].items()}
        things = frozenset(str(x) for x in raw["things"])
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{SCHEMATA_YAML}: malformed schema table: {exc}") from exc
    return SchemaTable(can_match=table, things=things)


@lru_cache(maxsize=1024)
def schemata_compatible(left: str, right: str) -> bool:
    """Whether entities of these schemata can describe the same party."""
    if left == right:
        return True
    table = load_schemata()
    if left == "Thing":
        return right in table.things or right not in table.can_match
    if right == "Thing":
        return left in table.things or left not in table.can_match
    return right in table.can_match.get(left, frozenset())
