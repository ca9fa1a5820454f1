"""Content hashes: canonical JSON, hashed with SHA-256.

The false-positive memory keys on the content of both sides: a subject's hash covers its schema
and properties, a listed entity's hash its schema, properties and datasets. Any change to either
side (a new alias, a corrected birth date, a relisting) gives a new hash, so a cleared pair alerts
again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from sanctionwatch.model import Entity


def canonical_json(data: Any) -> str:
    """JSON with sorted keys and no spaces: equal data, equal text."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def properties_data(properties: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Properties as sorted, de-duplicated lists (order of values carries no meaning)."""
    return {k: sorted(set(v)) for k, v in sorted(properties.items()) if v}


def subject_hash(schema: str, properties: Mapping[str, Sequence[str]]) -> str:
    return sha256_text(canonical_json({"schema": schema, "properties": properties_data(properties)}))


def entity_hash(entity: Entity) -> str:
    return sha256_text(
        canonical_json(
            {
                "schema": entity.schema,
                "properties": properties_data(entity.properties),
                "datasets": sorted(entity.datasets),
            }
        )
    )
